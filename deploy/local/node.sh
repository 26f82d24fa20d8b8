#!/usr/bin/env bash
# Source this file: it makes sure the project's Node 24 LTS is installed under .cache/ and puts it
# first on PATH. The machine's own Node may be older; npm resolves versions against the Node that runs
# it, so npm must run on Node 24 too. The binary comes from the npm registry's node-linux-<arch> package.
HAKI_NODE_VERSION="${HAKI_NODE_VERSION:-24.21.0}"
HAKI_NPM_VERSION="${HAKI_NPM_VERSION:-11.19.1}"
_haki_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
_haki_arch="$(uname -m)"
case "$_haki_arch" in x86_64) _haki_arch=x64 ;; aarch64) _haki_arch=arm64 ;; esac
_haki_node_dir="$_haki_root/.cache/node-$HAKI_NODE_VERSION"
_haki_node_bin="$_haki_node_dir/node_modules/node-linux-$_haki_arch/bin"
if [ ! -x "$_haki_node_bin/node" ] || [ ! -x "$_haki_node_dir/node_modules/.bin/npm" ]; then
  echo "[node] installing Node $HAKI_NODE_VERSION into $_haki_node_dir" >&2
  mkdir -p "$_haki_node_dir"
  if ! npm install --prefix "$_haki_node_dir" --no-save --no-audit --no-fund --ignore-scripts \
      "node-linux-$_haki_arch@$HAKI_NODE_VERSION" "npm@$HAKI_NPM_VERSION" >&2; then
    echo "[node] ERROR: could not install node-linux-$_haki_arch@$HAKI_NODE_VERSION from the npm registry" >&2
    return 1 2>/dev/null || exit 1
  fi
fi
# The node-linux package carries only the node binary; npm is installed beside it, pinned.
export PATH="$_haki_node_bin:$_haki_node_dir/node_modules/.bin:$_haki_root/node_modules/.bin:$PATH"
