#!/usr/bin/env bash
# The production build, checked on this machine without Docker (the image build itself cannot run here):
#   1. npm run build:prod compiles the services, the gateway, their libraries and the operator tools
#      into dist/ (deploy/docker/build-prod.js; the Dockerfile's build stage runs the same file);
#   2. production dependencies only are installed outside the repository (`npm ci --omit=dev
#      --ignore-scripts` from package.json, package-lock.json and .npmrc, as the image's runtime stage);
#   3. deploy/docker/check-dist.js loads every compiled module on them, checks Nest's constructor types,
#      and runs every entry point with an empty environment: each loads its whole module graph and exits
#      on its configuration before any connection. Sockets are refused throughout: nothing reaches a
#      broker, a database or Redis.
# The production install is kept in ${TMPDIR:-/tmp}/haki-prod-build/<hash of package.json, package-lock.json,
# .npmrc, node and npm versions> and reused while none of them changes (npm ci installs exactly the lock
# file, so the same inputs give the same tree); --fresh installs it again first.
#   bash scripts/check-prod-build.sh [--fresh]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
source deploy/local/node.sh
fresh=false
[ "${1:-}" = --fresh ] && fresh=true

started=$SECONDS
step() { printf '[check-prod-build] %s (%ss)\n' "$1" "$((SECONDS - started))"; }

step "compiling into dist/"
npm run --silent build:prod

# Outside the repository, so no node_modules above it can stand in for a missing production dependency.
cache="${TMPDIR:-/tmp}/haki-prod-build"
key="$( (cat package.json package-lock.json .npmrc && node --version && npm --version) | sha256sum | cut -c1-16)"
deps="$cache/deps-$key"
if $fresh || [ ! -f "$deps/.installed" ]; then
  step "installing production dependencies only into $deps"
  rm -rf "$deps"
  mkdir -p "$deps"
  cp package.json package-lock.json .npmrc "$deps/"
  (cd "$deps" && npm ci --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error)
  touch "$deps/.installed"
  # Older installs (an earlier lock file) are not needed any more.
  find "$cache" -mindepth 1 -maxdepth 1 -name 'deps-*' ! -name "deps-$key" -exec rm -rf {} +
else
  step "production dependencies unchanged since the last run: reusing $deps (--fresh to install again)"
fi

# This run's own directory (runs at the same time do not share dist/): the output, the manifests and
# the production node_modules (a link to the install above).
work="$(mktemp -d "$cache/run.XXXXXX")"
trap 'rm -rf "$work"' EXIT
cp package.json package-lock.json .npmrc "$work/"
ln -s "$deps/node_modules" "$work/node_modules"
cp -r dist "$work/dist"
cp deploy/docker/check-dist.js "$work/check-dist.js"

step "loading the compiled output on production dependencies"
(cd "$work" && node check-dist.js .)
step "done"
