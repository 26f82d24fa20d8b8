#!/usr/bin/env bash
# Load runs against the stack `npm start` runs (tools/load), on the project's Node 24; arguments pass through.
# Not part of `npm test`: they take minutes and write their figures to reports/load/.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source deploy/local/node.sh
[ -d node_modules ] || npm ci
exec node -r @swc-node/register tools/load/src/offer-loop-latency.ts "$@"
