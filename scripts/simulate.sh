#!/usr/bin/env bash
# Runs the Kenya network simulator (tools/simulator) on the project's Node 24; arguments pass through.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source deploy/local/node.sh
[ -d node_modules ] || npm ci
exec node -r @swc-node/register tools/simulator/src/cli.ts "$@"
