#!/usr/bin/env bash
# Runs the case list benchmark; it writes apps/case-service/bench/results.{md,json}.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source deploy/local/node.sh
[ -d node_modules ] || npm ci
exec node --expose-gc -r @swc-node/register apps/case-service/bench/case-list.bench.ts "$@"
