#!/usr/bin/env bash
# Runs the matching-core ranking benchmark; it writes libs/matching-core/bench/results.{md,json}.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source deploy/local/node.sh
[ -d node_modules ] || npm ci
exec node --expose-gc --max-old-space-size=8192 -r @swc-node/register libs/matching-core/bench/rank.bench.ts "$@"
