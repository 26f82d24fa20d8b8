#!/usr/bin/env bash
# A volunteer accepts an offer by SMS, end to end, on the stack `npm start` runs (tools/demo/src/sms-demo.ts).
exec bash "$(dirname "${BASH_SOURCE[0]}")/operator-tool.sh" tools/demo/src/sms-demo.ts "$@"
