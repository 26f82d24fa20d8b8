#!/usr/bin/env bash
# Browser tests of the staff web app (apps/web/e2e, Playwright) in Debian's Chromium, against the whole
# system as `npm start` runs it. Starts the system when it is not running, and stops it again after
# (unless KEEP_RUNNING=1). Extra arguments go to `playwright test` (a file name, --headed, …).
# HAKI_SCREENSHOTS=1 (npm run screenshots) also writes the screenshots in docs/screenshots/.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
source deploy/local/node.sh || exit 1

# Playwright's own browser download is not reachable from here: Debian's Chromium stands in.
if ! command -v chromium >/dev/null; then
  if [ "$(id -u)" = 0 ]; then
    echo "installing Debian's chromium (once)"
    { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium; } >/tmp/haki-chromium-apt.log 2>&1 ||
      { echo "apt-get install chromium failed: /tmp/haki-chromium-apt.log"; exit 1; }
  else
    echo "chromium missing: apt-get install chromium (as root)"; exit 1
  fi
fi

started=false
if ! curl -sf http://127.0.0.1:4000/health/ready >/dev/null; then
  mkdir -p .cache/test-results
  bash scripts/start.sh >.cache/test-results/browser-start.log 2>&1 || { echo "the system did not start: .cache/test-results/browser-start.log"; exit 1; }
  started=true
else
  # Already running: serve this checkout's app (the gateway reads apps/web/dist on each request).
  npx vite build --config apps/web/vite.config.ts --logLevel warn || exit 1
fi

(cd apps/web && npx playwright test --config playwright.config.ts "$@")
status=$?
if $started && [ "${KEEP_RUNNING:-0}" != 1 ]; then bash scripts/stop.sh --keep-infra >/dev/null; fi
exit $status
