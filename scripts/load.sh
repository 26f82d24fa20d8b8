#!/usr/bin/env bash
# A load and chaos run against the stack `npm start` runs (tools/load/src/load-run.ts), on the
# project's Node 24; arguments pass through. Not part of `npm test` except as CI's short smoke run
# (.ci/run); the full runs take minutes and write their figures to reports/load/.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source deploy/local/node.sh
[ -d node_modules ] || npm ci
# The tool signs its requests as the gateway would, with the key npm start made.
[ -f .cache/run/service-token.key ] || { echo "No running Haki here: npm start first." >&2; exit 1; }
export SERVICE_TOKEN_SIGNING_KEY="$(cat .cache/run/service-token.key)"
# The broker and the operator's credentials (the tool reads every topic as admin).
eval "$(bash deploy/local/infra.sh env)"
export KAFKA_BROKERS KAFKA_CREDENTIALS_DIR MONGO_URL
exec node -r @swc-node/register tools/load/src/load-run.ts "$@"
