#!/usr/bin/env bash
# Account administration for the gateway `npm start` runs (apps/gateway/src/cli/accounts.ts): add, reset, disable, list.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/services.sh"
cd "$ROOT"
source deploy/local/node.sh
[ -f "$RUN_DIR/account.key" ] || { echo "No account key here: npm start first." >&2; exit 1; }
export MONGO_URL="${MONGO_URL:-mongodb://127.0.0.1:27017}" MONGO_DB=haki_gateway
export ACCOUNT_KEYS="local1:$(cat "$RUN_DIR/account.key")" ACCOUNT_ACTIVE_KEY_ID=local1
exec node -r @swc-node/register apps/gateway/src/cli/accounts.ts "$@"
