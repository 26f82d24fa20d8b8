#!/usr/bin/env bash
# A local Prometheus (Debian's prometheus package) scraping the four services' metrics as `npm start` serves
# them (127.0.0.1:9401-9404), with Haki's alert rules loaded. Optional: `infra.sh up --with-prometheus`.
#
#   deploy/local/prometheus.sh up     install the package if missing (as root), start on 127.0.0.1:$PROMETHEUS_PORT
#   deploy/local/prometheus.sh down   stop it
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(cd "$SCRIPT_DIR/../.." && pwd)
RUN=${HAKI_INFRA_CACHE:-$REPO_ROOT/.cache/infra}/run/prometheus
PROMETHEUS_PORT=${PROMETHEUS_PORT:-9090}
say() { echo "prometheus: $*" >&2; }

pid() { [[ -f $RUN/prometheus.pid ]] && kill -0 "$(cat "$RUN/prometheus.pid")" 2>/dev/null && cat "$RUN/prometheus.pid"; }

up() {
  if pid >/dev/null; then say "already running on 127.0.0.1:$PROMETHEUS_PORT"; return 0; fi
  if ! command -v prometheus >/dev/null; then
    [[ $(id -u) == 0 ]] || { say "not installed; run: sudo apt-get install -y prometheus"; exit 1; }
    say "installing Debian's prometheus package"
    { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends prometheus; } >"$RUN.apt.log" 2>&1 ||
      { say "apt-get install prometheus failed: $RUN.apt.log"; exit 1; }
  fi
  mkdir -p "$RUN/data"
  cp "$REPO_ROOT/deploy/prometheus/alerts.yml" "$RUN/alerts.yml"
  cat >"$RUN/prometheus.yml" <<YAML
global:
  scrape_interval: 15s
  evaluation_interval: 15s
rule_files:
  - alerts.yml
scrape_configs:
  - job_name: haki-gateway
    static_configs: [{ targets: ['127.0.0.1:9400'] }]
  - job_name: haki-intake-service
    static_configs: [{ targets: ['127.0.0.1:9401'] }]
  - job_name: haki-matching-service
    static_configs: [{ targets: ['127.0.0.1:9402'] }]
  - job_name: haki-notification-service
    static_configs: [{ targets: ['127.0.0.1:9403'] }]
  - job_name: haki-case-service
    static_configs: [{ targets: ['127.0.0.1:9404'] }]
YAML
  setsid nohup prometheus --config.file="$RUN/prometheus.yml" --storage.tsdb.path="$RUN/data" \
    --web.listen-address="127.0.0.1:$PROMETHEUS_PORT" >>"$RUN/prometheus.log" 2>&1 </dev/null &
  echo $! >"$RUN/prometheus.pid"
  for _ in $(seq 1 60); do
    curl -sf "http://127.0.0.1:$PROMETHEUS_PORT/-/ready" >/dev/null && { say "ready on http://127.0.0.1:$PROMETHEUS_PORT"; return 0; }
    sleep 0.5
  done
  say "not ready after 30 s: $RUN/prometheus.log"
  exit 1
}

down() {
  local p
  if p=$(pid); then
    say "stopping (pid $p)"
    kill "$p"
    for _ in $(seq 1 20); do kill -0 "$p" 2>/dev/null || break; sleep 0.5; done
  fi
  rm -f "$RUN/prometheus.pid"
}

case ${1:-} in
  up) up ;;
  down) down ;;
  *) sed -n '2,7p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
esac
