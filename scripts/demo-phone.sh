#!/usr/bin/env bash
# Referrals from a basic phone by USSD and by SMS, end to end, on the stack `npm start` runs (tools/demo/src/phone-demo.ts).
exec bash "$(dirname "${BASH_SOURCE[0]}")/operator-tool.sh" tools/demo/src/phone-demo.ts "$@"
