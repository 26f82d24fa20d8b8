#!/usr/bin/env bash
# Stops the four services and the mail catcher (SIGTERM: they finish in-flight work first), then the local infrastructure.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/services.sh"
for service in "${SERVICES[@]}" mail-catcher; do
  pidfile="$RUN_DIR/$service.pid"
  if pid_alive "$pidfile"; then
    kill -TERM "$(cat "$pidfile")"
    for _ in $(seq 1 60); do pid_alive "$pidfile" || break; sleep 0.5; done
    pid_alive "$pidfile" && kill -KILL "$(cat "$pidfile")"
    echo "$service stopped"
  fi
  rm -f "$pidfile"
done
[ "${1:-}" = "--keep-infra" ] || bash "$ROOT/deploy/local/infra.sh" down
