#!/usr/bin/env bash
# Referrals from a basic phone by USSD and by SMS, end to end, on the stack `npm start` runs (tools/demo/src/phone-demo.ts).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source deploy/local/node.sh
[ -d node_modules ] || npm ci
# The tool signs its requests as the gateway would, with the key npm start made.
[ -f .cache/run/service-token.key ] || { echo "No running Haki here: npm start first." >&2; exit 1; }
export SERVICE_TOKEN_SIGNING_KEY="$(cat .cache/run/service-token.key)"
exec node -r @swc-node/register tools/demo/src/phone-demo.ts "$@"
