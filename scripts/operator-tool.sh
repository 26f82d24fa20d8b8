#!/usr/bin/env bash
# Runs an operator tool (`bash scripts/operator-tool.sh tools/<tool>/src/<file>.ts [args…]`) against the
# stack `npm start` runs, on the project's Node 24: it signs its requests as the gateway would, with the
# key npm start made, and reaches the broker and databases with the operator's credentials.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source deploy/local/node.sh
[ -d node_modules ] || npm ci
[ -f .cache/run/service-token.key ] || { echo "No running Haki here: npm start first." >&2; exit 1; }
export SERVICE_TOKEN_SIGNING_KEY="$(cat .cache/run/service-token.key)"
# The broker and the operator's credentials (tools that read topics read every one as admin).
eval "$(bash deploy/local/infra.sh env)"
export KAFKA_BROKERS KAFKA_CREDENTIALS_DIR MONGO_URL
exec node -r @swc-node/register "$@"
