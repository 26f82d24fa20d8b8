#!/usr/bin/env bash
# The SMS path benchmark (tools/load/src/sms-bench.ts) against the stack `npm start` runs: jobs/s
# through the outbound queue and inbound reply → assignment.confirmed. Writes reports/sms/.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source deploy/local/node.sh
[ -d node_modules ] || npm ci
exec node -r @swc-node/register tools/load/src/sms-bench.ts "$@"
