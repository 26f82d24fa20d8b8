#!/usr/bin/env bash
# A load and chaos run against the stack `npm start` runs (tools/load/src/load-run.ts), on the
# project's Node 24; arguments pass through. Not part of `npm test` except as CI's short smoke run
# (.ci/run); the full runs take minutes and write their figures to reports/load/.
exec bash "$(dirname "${BASH_SOURCE[0]}")/operator-tool.sh" tools/load/src/load-run.ts "$@"
