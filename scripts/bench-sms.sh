#!/usr/bin/env bash
# The SMS path benchmark (tools/load/src/sms-bench.ts) against the stack `npm start` runs: jobs/s
# through the outbound queue and inbound reply → assignment.confirmed. Writes reports/sms/.
exec bash "$(dirname "${BASH_SOURCE[0]}")/operator-tool.sh" tools/load/src/sms-bench.ts "$@"
