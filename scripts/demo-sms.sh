#!/usr/bin/env bash
# A volunteer accepts an offer by SMS, end to end, on the stack `npm start` runs (tools/demo/src/sms-demo.ts).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source deploy/local/node.sh
[ -d node_modules ] || npm ci
exec node -r @swc-node/register tools/demo/src/sms-demo.ts "$@"
