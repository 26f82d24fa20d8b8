#!/usr/bin/env bash
# Prints the demo accounts `npm start` made (demo profile only), with each authenticator code as of now.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/services.sh"
cd "$ROOT"
source deploy/local/node.sh
[ -f "$RUN_DIR/demo-accounts.json" ] || { echo "No demo accounts yet: run npm start first." >&2; exit 1; }
exec node -r @swc-node/register tools/demo/src/demo-accounts.ts show "$RUN_DIR/demo-accounts.json"
