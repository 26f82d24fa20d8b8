#!/usr/bin/env bash
# Query-shape timings against a MongoDB-wire server on this machine (tools/load/src/store-probe.ts);
# arguments pass through. Writes reports/store-probe/<label>-<docs>.json.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source deploy/local/node.sh
[ -d node_modules ] || npm ci
exec node -r @swc-node/register tools/load/src/store-probe.ts "$@"
