#!/usr/bin/env bash
# Verifies the audit logs of the stack `npm start` runs (tools/audit/src/verify.ts); database names as arguments check only those.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/services.sh"
cd "$ROOT"
source deploy/local/node.sh
[ -f "$RUN_DIR/audit.key" ] || { echo "No audit key here: npm start first." >&2; exit 1; }
export AUDIT_KEYS="local1:$(cat "$RUN_DIR/audit.key")" MONGO_URL="${MONGO_URL:-mongodb://127.0.0.1:27017}"
exec node -r @swc-node/register tools/audit/src/verify.ts "$@"
