#!/usr/bin/env bash
# Case list benchmarks. Without arguments: listCases in memory over 10,000 rows (bench/results.{md,json}).
# With --http: GET /cases on a real case service holding 10,000 stored cases, against the local
# servers this script starts (bench/http-results.{md,json}).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source deploy/local/node.sh
[ -d node_modules ] || npm ci
if [ "${1:-}" = --http ]; then
  set -a
  # shellcheck disable=SC1090
  source <(bash deploy/local/infra.sh up)
  set +a
  exec node -r @swc-node/register apps/case-service/bench/case-list-http.bench.ts
fi
exec node --expose-gc -r @swc-node/register apps/case-service/bench/case-list.bench.ts "$@"
