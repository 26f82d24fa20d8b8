#!/usr/bin/env bash
# Checks the Helm chart without a cluster (none runs here): helm lint --strict, then `helm template`
# with the default values and with every option on (haki/ci-values-all-on.yaml), each render validated
# by tools/k8s-validate (strict decoding against client-go's scheme, KEDA's kinds against its own
# structs, references across objects, env var names against the programs' config schemas).
#
# Helm (helm.sh/helm/v4, pinned in tools/k8s-validate/go.mod as a tool) and the validator are built
# from Go modules into .cache/helm/, stamped with their inputs' checksum: a rerun with unchanged
# inputs reuses them. Nothing is fetched at run time but Go modules missing from the module cache.
# Exit status: 0 when everything passed, 1 otherwise.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
CHART="$ROOT/deploy/helm/haki"
SRC="$ROOT/tools/k8s-validate"
OUT="$ROOT/.cache/helm"
# No toolchain downloads; static binaries; helm keeps its config and cache out of $HOME.
export GOTOOLCHAIN=local CGO_ENABLED=0
export HELM_CONFIG_HOME="$OUT/home/config" HELM_CACHE_HOME="$OUT/home/cache" HELM_DATA_HOME="$OUT/home/data"
mkdir -p "$OUT"

now_ms() { date +%s%3N; }
t_start=$(now_ms)
step() { printf '[helm] %s (%d ms)\n' "$1" $(($(now_ms) - t_start)); }
fail() {
  printf '[helm] FAILED: %s\n' "$1"
  [ -n "${2:-}" ] && [ -f "$2" ] && tail -n 40 "$2"
  exit 1
}
inputs_sum() { cat "$@" | sha256sum | cut -c1-16; }

# build NAME PACKAGE STAMP [go build flags...]: builds $OUT/NAME from the validator's module unless
# its stamp matches.
build() {
  local name=$1 package=$2 stamp=$3
  shift 3
  if [[ -x $OUT/$name && -f $OUT/$name.stamp && $(<"$OUT/$name.stamp") == "$stamp" ]]; then
    step "$name: cached"
    return
  fi
  step "$name: building (minutes on a cold Go build cache)"
  (cd "$SRC" && go build -trimpath "$@" -o "$OUT/$name.tmp" "$package") >"$OUT/$name-build.log" 2>&1 ||
    fail "go build $package" "$OUT/$name-build.log"
  mv "$OUT/$name.tmp" "$OUT/$name"
  echo "$stamp" >"$OUT/$name.stamp"
  step "$name: built"
}

helm_version=$(cd "$SRC" && go list -m -f '{{.Version}}' helm.sh/helm/v4) || fail "go list helm.sh/helm/v4 in $SRC"
modules_sum=$(inputs_sum "$SRC/go.mod" "$SRC/go.sum")
build helm helm.sh/helm/v4/cmd/helm "helm $helm_version $modules_sum" \
  -ldflags "-X helm.sh/helm/v4/internal/version.version=$helm_version"
build k8s-validate . "k8s-validate $modules_sum $(inputs_sum "$SRC"/*.go)"
HELM="$OUT/helm"
VALIDATE="$OUT/k8s-validate"

# The validator's own tests (cached by go test when nothing changed; -trimpath as in the builds,
# so they share the Go build cache).
(cd "$SRC" && go test -trimpath ./...) || fail "go test in tools/k8s-validate"
step "k8s-validate: tests passed"

# The env var names each program reads, from its config schema (needs node_modules: npm ci).
if [ ! -d "$ROOT/node_modules/@swc-node/register" ]; then
  fail "node_modules missing: run npm ci first (the env var names come from the programs' config schemas)"
fi
# node.sh puts the project's Node first on PATH.
# shellcheck source=/dev/null
source "$ROOT/deploy/local/node.sh" || fail "deploy/local/node.sh"
(cd "$ROOT" && node -r @swc-node/register deploy/helm/env-names.ts) >"$OUT/env-names.json" 2>"$OUT/env-names.log" ||
  fail "reading the config schemas" "$OUT/env-names.log"
step "env var names read from the config schemas"

failed=()
for values in default all-on; do
  args=()
  [ "$values" = all-on ] && args=(-f "$CHART/ci-values-all-on.yaml")
  echo "--- $values values"
  "$HELM" lint --strict "$CHART" "${args[@]}" || { failed+=("lint:$values"); continue; }
  "$HELM" template haki "$CHART" --namespace haki "${args[@]}" >"$OUT/render-$values.yaml" || {
    failed+=("template:$values")
    continue
  }
  "$VALIDATE" -env-names "$OUT/env-names.json" "$OUT/render-$values.yaml" || failed+=("validate:$values")
done
step "done ($("$HELM" version --short))"
if [ ${#failed[@]} -gt 0 ]; then
  fail "${failed[*]} (renders in .cache/helm/render-*.yaml)"
fi
echo "[helm] chart valid: lint, default and all-on renders"
