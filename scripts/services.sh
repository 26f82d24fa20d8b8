#!/usr/bin/env bash
# Shared by start.sh and stop.sh: the four services and the gateway, their ports and where their logs and pids go.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUN_DIR="$ROOT/.cache/run"
SERVICES=(intake-service matching-service notification-service case-service gateway)
declare -A SERVICE_PORT=([intake-service]=4001 [matching-service]=4002 [notification-service]=4003 [case-service]=4004 [gateway]=4000)
# Prometheus metrics (GET /metrics) of the four services and the gateway, on ports of their own (never public).
declare -A METRICS_PORT=([intake-service]=9401 [matching-service]=9402 [notification-service]=9403 [case-service]=9404 [gateway]=9400)
declare -A SERVICE_DB=([intake-service]=haki_intake [matching-service]=haki_matching [notification-service]=haki_notification [case-service]=haki_case [gateway]=haki_gateway)

# Alive: the process exists and is not a zombie (a killed service waits as one until it is reaped).
pid_alive() {
  [ -f "$1" ] || return 1
  local pid
  pid=$(cat "$1")
  kill -0 "$pid" 2>/dev/null && [[ $(awk '{ print $3 }' "/proc/$pid/stat" 2>/dev/null) != Z ]]
}
