#!/usr/bin/env bash
# The web app's first-load benchmark (apps/web/bench/first-load.ts): bundle sizes, and how long the
# intake form takes to open on throttled Slow 3G and Fast 3G lines, cold and with the service worker's
# cache. Writes apps/web/bench/results.json. Starts the system when it is not running (and stops it after).
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
source deploy/local/node.sh || exit 1
command -v chromium >/dev/null || { echo "chromium missing: apt-get install chromium (npm run test:browser installs it as root)"; exit 1; }
started=false
if ! curl -sf http://127.0.0.1:4000/health/ready >/dev/null; then
  bash scripts/start.sh >/tmp/haki-bench-web-start.log 2>&1 || { echo "the system did not start: /tmp/haki-bench-web-start.log"; exit 1; }
  started=true
else
  npx vite build --config apps/web/vite.config.ts --logLevel warn || exit 1
fi
node -r @swc-node/register apps/web/bench/first-load.ts
status=$?
$started && bash scripts/stop.sh --keep-infra >/dev/null
exit $status
