#!/usr/bin/env bash
# Local infrastructure for machines without Docker (developers, CI): Apache Kafka (KRaft, one node),
# FerretDB (MongoDB wire protocol, SQLite backend), Redis and versitygw (S3 API, posix backend),
# started natively as our own processes.
#
#   deploy/local/infra.sh up            build/download what is missing, start what is not running, wait ready
#                    [--with-prometheus] also a local Prometheus scraping the services' metrics (prometheus.sh)
#   deploy/local/infra.sh down [--wipe] stop all four (--wipe also deletes their data and logs)
#   deploy/local/infra.sh status        state and URL of each; exit 0 only if all four answer
#   deploy/local/infra.sh env           the env lines (KAFKA_BROKERS, KAFKA_CREDENTIALS_DIR, MONGO_URL, REDIS_URL,
#                                       S3_ENDPOINT, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY)
#
# `up` and `env` print only the env lines on stdout (progress, status and timings go to stderr), so
#   eval "$(deploy/local/infra.sh up | sed 's/^/export /')"
# works. See deploy/local/README.md.
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(cd "$SCRIPT_DIR/../.." && pwd)
CACHE_DIR=${HAKI_INFRA_CACHE:-$REPO_ROOT/.cache/infra}
RUN_DIR=$CACHE_DIR/run
BUILD_LOG_DIR=$CACHE_DIR/build-logs

KAFKA_PORT=${KAFKA_PORT:-9092}
KAFKA_CONTROLLER_PORT=${KAFKA_CONTROLLER_PORT:-9093}
MONGO_PORT=${MONGO_PORT:-27017}
REDIS_PORT=${REDIS_PORT:-6379}
S3_PORT=${S3_PORT:-7070}
KAFKA_HEAP_OPTS=${KAFKA_HEAP_OPTS:--Xms256m -Xmx768m}
KAFKA_START_TIMEOUT=${KAFKA_START_TIMEOUT:-120}
MONGO_START_TIMEOUT=${MONGO_START_TIMEOUT:-30}
REDIS_START_TIMEOUT=${REDIS_START_TIMEOUT:-15}
S3_START_TIMEOUT=${S3_START_TIMEOUT:-15}
STOP_TIMEOUT=${STOP_TIMEOUT:-30}

KAFKA_POM=$SCRIPT_DIR/kafka/pom.xml
FERRETDB_SRC=$SCRIPT_DIR/ferretdb
VERSITYGW_SRC=$SCRIPT_DIR/versitygw

# Versions have one source each: the pom and the go.mod files.
KAFKA_VERSION=$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$KAFKA_POM")
FERRETDB_VERSION=$(awk '$0 ~ /github.com\/FerretDB\/FerretDB v/ { for (i = 1; i <= NF; i++) if ($i ~ /^v[0-9]/) { print $i; exit } }' "$FERRETDB_SRC/go.mod")
VERSITYGW_VERSION=$(awk '$1 == "github.com/versity/versitygw" && $2 ~ /^v[0-9]/ { print $2; exit }' "$VERSITYGW_SRC/go.mod")

KAFKA_HOME=$CACHE_DIR/kafka-$KAFKA_VERSION
KAFKA_LIBS=$KAFKA_HOME/libs
FERRETDB_HOME=$CACHE_DIR/ferretdb-$FERRETDB_VERSION
FERRETDB_BIN=$FERRETDB_HOME/ferretdb
VERSITYGW_HOME=$CACHE_DIR/versitygw-$VERSITYGW_VERSION
VERSITYGW_BIN=$VERSITYGW_HOME/versitygw

KAFKA_RUN=$RUN_DIR/kafka
FERRETDB_RUN=$RUN_DIR/ferretdb
REDIS_RUN=$RUN_DIR/redis
VERSITYGW_RUN=$RUN_DIR/versitygw

if ! command -v go >/dev/null 2>&1 && [[ -x /usr/local/go/bin/go ]]; then
  PATH=$PATH:/usr/local/go/bin
fi

# ---------------------------------------------------------------------------------------------
# output, timings, errors

say() { printf '%s\n' "$*" >&2; }
now_ms() { local t=${EPOCHREALTIME/./}; echo $((t / 1000)); }
fmt_ms() { printf '%d.%02ds' $(($1 / 1000)) $(($1 % 1000 / 10)); }

TIMINGS=()
record_timing() { TIMINGS+=("$1|$2"); }
print_timings() {
  ((${#TIMINGS[@]})) || return 0
  say "timings:"
  local t
  for t in "${TIMINGS[@]}"; do
    printf '  %-28s %s\n' "${t%%|*}" "$(fmt_ms "${t##*|}")" >&2
  done
}

# fail MESSAGE [LOGFILE...]: say what failed, show the end of each log, exit non-zero.
fail() {
  local msg=$1 f
  shift
  say ""
  say "ERROR: $msg"
  for f in "$@"; do
    if [[ -s $f ]]; then
      say "---- last 40 lines of $f ----"
      tail -n 40 "$f" >&2
      say "---- end of $f ----"
    fi
  done
  print_timings
  exit 1
}

# ---------------------------------------------------------------------------------------------
# probes (bash /dev/tcp only: nothing to install)

port_open() { (: <"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Sends a Kafka ApiVersions v0 request (correlation id 7) and expects the reply to carry that
# id and error code 0: the broker is serving requests, not just accepting connections.
kafka_api_ok() {
  local reply
  reply=$(
    exec 2>/dev/null 3<>"/dev/tcp/127.0.0.1/$KAFKA_PORT" || exit 1
    printf '\x00\x00\x00\x0e\x00\x12\x00\x00\x00\x00\x00\x07\x00\x04haki' >&3
    timeout 3 dd bs=1 count=10 <&3 2>/dev/null | od -An -v -tx1 | tr -d ' \n'
  ) || return 1
  [[ ${reply:8:12} == 000000070000 ]]
}

# Sends a MongoDB OP_MSG {ping: 1, $db: "admin"} and expects {ok: 1.0} back.
mongo_ping_ok() {
  local reply
  reply=$(
    exec 2>/dev/null 3<>"/dev/tcp/127.0.0.1/$MONGO_PORT" || exit 1
    printf '\x33\x00\x00\x00\x01\x00\x00\x00\x00\x00\x00\x00\xdd\x07\x00\x00\x00\x00\x00\x00\x00' >&3
    # shellcheck disable=SC2016 # "$db" is the literal field name
    printf '\x1e\x00\x00\x00\x10ping\x00\x01\x00\x00\x00\x02$db\x00\x06\x00\x00\x00admin\x00\x00' >&3
    timeout 3 dd bs=1 count=38 <&3 2>/dev/null | od -An -v -tx1 | tr -d ' \n'
  ) || return 1
  # "ok" as a double (type 0x01) equal to 1.0
  [[ $reply == *016f6b00000000000000f03f* ]]
}

# Sends an anonymous GET / and expects S3's refusal (403 AccessDenied): an S3 server that is serving
# requests and checks credentials, not just an open port.
s3_http_ok() {
  local reply
  reply=$(
    exec 2>/dev/null 3<>"/dev/tcp/127.0.0.1/$S3_PORT" || exit 1
    printf 'GET / HTTP/1.1\r\nHost: 127.0.0.1:%s\r\nConnection: close\r\n\r\n' "$S3_PORT" >&3
    timeout 3 head -c 1024 <&3 2>/dev/null | tr -d '\r'
  ) || return 1
  [[ $reply == "HTTP/1."[01]" 403 "* && $reply == *"<Code>AccessDenied</Code>"* ]]
}

# The password travels in the environment (REDISCLI_AUTH), never on a command line others can read.
redis_ping_ok() {
  [[ $(REDISCLI_AUTH=$(redis_password) timeout 3 redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null) == PONG ]]
}

# Kafka users (SASL/SCRAM): the operator (admin) and one per service, each with its own password, made
# once and kept with the broker's data in files only we can read. `kafka:access` grants the services
# their ACLs; a process without a password file's content gets nothing from the broker.
KAFKA_USERS=(admin intake-service matching-service notification-service case-service)
KAFKA_CREDENTIALS=$KAFKA_RUN/credentials
kafka_password() {
  local file=$KAFKA_CREDENTIALS/$1.password
  if [[ ! -s $file ]]; then
    mkdir -p "$KAFKA_CREDENTIALS"
    chmod 700 "$KAFKA_CREDENTIALS"
    (umask 077 && head -c 24 /dev/urandom | base64 | tr -d '/+=\n' >"$file")
  fi
  cat "$file"
}

# Redis requires a password (made once, kept with its data): no other local process reads the queues.
redis_password() {
  if [[ ! -s $REDIS_RUN/password ]]; then
    mkdir -p "$REDIS_RUN"
    (umask 077 && head -c 24 /dev/urandom | base64 | tr -d '/+=\n' >"$REDIS_RUN/password")
  fi
  cat "$REDIS_RUN/password"
}

# versitygw's root user (an access key and its secret, made once, kept with its data): the only account,
# so no other local process reads or writes the buckets. Given to it in its environment, never on a
# command line.
versitygw_secret() {
  local file=$VERSITYGW_RUN/$1
  if [[ ! -s $file ]]; then
    mkdir -p "$VERSITYGW_RUN"
    chmod 700 "$VERSITYGW_RUN"
    (umask 077 && head -c "$2" /dev/urandom | base64 | tr -d '/+=\n' >"$file")
  fi
  cat "$file"
}
s3_access_key() { versitygw_secret access-key 15; }
s3_secret_key() { versitygw_secret secret-key 30; }

# ---------------------------------------------------------------------------------------------
# our processes: a pid file, and a check that the pid is still the process we started
# (a stale pid file can point at a dead process or at an unrelated one that reused the pid).

pid_of() {
  local pidfile=$1 marker=$2 pid
  [[ -f $pidfile ]] || return 1
  pid=$(tr -dc '0-9' <"$pidfile")
  [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$marker" || return 1
  echo "$pid"
}

kafka_pid() { pid_of "$KAFKA_RUN/kafka.pid" "$KAFKA_RUN/server.properties"; }
ferretdb_pid() { pid_of "$FERRETDB_RUN/ferretdb.pid" "$FERRETDB_RUN/data"; }
# redis-server rewrites its process title to "redis-server 127.0.0.1:PORT"
redis_pid() { pid_of "$REDIS_RUN/redis.pid" "redis-server 127.0.0.1:$REDIS_PORT"; }
versitygw_pid() { pid_of "$VERSITYGW_RUN/versitygw.pid" "$VERSITYGW_RUN/data"; }

kafka_ready() { kafka_pid >/dev/null && kafka_api_ok; }
ferretdb_ready() { ferretdb_pid >/dev/null && mongo_ping_ok; }
redis_ready() { redis_pid >/dev/null && redis_ping_ok; }
versitygw_ready() { versitygw_pid >/dev/null && s3_http_ok; }

# stop_pid NAME PID: SIGTERM, wait up to STOP_TIMEOUT seconds, then SIGKILL.
stop_pid() {
  local name=$1 pid=$2 i
  kill -TERM "$pid" 2>/dev/null || return 0
  for ((i = 0; i < STOP_TIMEOUT * 10; i++)); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.1
  done
  say "  $name (pid $pid) did not stop within ${STOP_TIMEOUT}s: sending SIGKILL"
  kill -KILL "$pid" 2>/dev/null || true
  for ((i = 0; i < 50; i++)); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.1
  done
}

# refuse to start on a port that something else holds, and say who holds it
check_port_free() {
  local name=$1 port=$2 env_var=$3 holder=""
  port_open "$port" || return 0
  if command -v ss >/dev/null 2>&1; then
    holder=$(ss -ltnpH "sport = :$port" 2>/dev/null | sed -n 's/.*users:((\(.*\)))/\1/p' | head -n 1)
  fi
  fail "$name: port $port is already in use by another process${holder:+ ($holder)}. Stop it, or pick another port with $env_var=..."
}

# start_bg PIDFILE OUTFILE CMD...: detached (own session, survives the calling shell), pid recorded.
start_bg() {
  local pidfile=$1 out=$2
  shift 2
  setsid nohup "$@" >>"$out" 2>&1 </dev/null &
  echo $! >"$pidfile"
}

# keep the previous run's log next to the new one, so readiness checks only see this run
rotate_log() { if [[ -f $1 ]]; then mv -f "$1" "$1.prev"; fi; }

# ---------------------------------------------------------------------------------------------
# prerequisites and cached artifacts

require_cmd() {
  command -v "$1" >/dev/null 2>&1 || fail "'$1' not found: $2"
}

ensure_redis_installed() {
  command -v redis-server >/dev/null 2>&1 && command -v redis-cli >/dev/null 2>&1 && return 0
  [[ $(id -u) == 0 ]] || fail "redis-server is not installed; run: sudo apt-get install -y redis-server"
  local t0 log=$BUILD_LOG_DIR/apt-redis.log
  t0=$(now_ms)
  say "installing redis-server from Debian (log: $log)"
  { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends redis-server; } \
    >"$log" 2>&1 || fail "apt-get install redis-server failed" "$log"
  record_timing "redis: apt install" $(($(now_ms) - t0))
}

# A stamp holds the inputs' checksum: a changed pom/go.mod/main.go rebuilds, nothing else does.
inputs_sum() { cat "$@" | sha256sum | cut -d' ' -f1; }
KAFKA_STAMP_WANT="kafka $KAFKA_VERSION $(inputs_sum "$KAFKA_POM")"
FERRETDB_STAMP_WANT="ferretdb $FERRETDB_VERSION $(inputs_sum "$FERRETDB_SRC/go.mod" "$FERRETDB_SRC/go.sum" "$FERRETDB_SRC"/*.go)"
VERSITYGW_STAMP_WANT="versitygw $VERSITYGW_VERSION $(inputs_sum "$VERSITYGW_SRC/go.mod" "$VERSITYGW_SRC/go.sum")"

kafka_cached() {
  [[ -f $KAFKA_HOME/.stamp && $(<"$KAFKA_HOME/.stamp") == "$KAFKA_STAMP_WANT" && -f $KAFKA_LIBS/kafka_2.13-$KAFKA_VERSION.jar ]]
}
ferretdb_cached() {
  [[ -f $FERRETDB_HOME/.stamp && $(<"$FERRETDB_HOME/.stamp") == "$FERRETDB_STAMP_WANT" && -x $FERRETDB_BIN ]]
}
versitygw_cached() {
  [[ -f $VERSITYGW_HOME/.stamp && $(<"$VERSITYGW_HOME/.stamp") == "$VERSITYGW_STAMP_WANT" && -x $VERSITYGW_BIN ]]
}

# Runs in the background: writes its log, and its duration to LOG.ms.
resolve_kafka() {
  local log=$BUILD_LOG_DIR/kafka-resolve.log t0 tmp=$KAFKA_HOME/libs.tmp
  t0=$(now_ms)
  rm -rf "$tmp" && mkdir -p "$KAFKA_HOME"
  # shellcheck disable=SC2086 # MAVEN_ARGS is a list of extra arguments on purpose
  mvn -B -q -Dstyle.color=never ${MAVEN_ARGS:-} -f "$KAFKA_POM" dependency:copy-dependencies \
    -DincludeScope=runtime -DoutputDirectory="$tmp" >"$log" 2>&1 || return 1
  [[ -f $tmp/kafka_2.13-$KAFKA_VERSION.jar ]] || { echo "kafka_2.13-$KAFKA_VERSION.jar missing after resolve" >>"$log"; return 1; }
  rm -rf "$KAFKA_LIBS" && mv "$tmp" "$KAFKA_LIBS"
  echo "$KAFKA_STAMP_WANT" >"$KAFKA_HOME/.stamp"
  echo $(($(now_ms) - t0)) >"$log.ms"
}

build_ferretdb() {
  local log=$BUILD_LOG_DIR/ferretdb-build.log t0
  t0=$(now_ms)
  mkdir -p "$FERRETDB_HOME"
  # Pure Go (no C compiler needed); the PostgreSQL backend is compiled out: the local stack uses SQLite
  # (chosen by measurement: docs/performance.md). Build without the tag to try `-handler postgresql`.
  (cd "$FERRETDB_SRC" && CGO_ENABLED=0 GOWORK=off GOFLAGS="${GOFLAGS:-} -buildvcs=false" \
    go build -trimpath -tags ferretdb_no_postgresql -o "$FERRETDB_BIN.tmp" .) >"$log" 2>&1 || return 1
  mv -f "$FERRETDB_BIN.tmp" "$FERRETDB_BIN"
  echo "$FERRETDB_STAMP_WANT" >"$FERRETDB_HOME/.stamp"
  echo $(($(now_ms) - t0)) >"$log.ms"
}

# The upstream command, built from our module (versitygw/go.mod pins it and go.sum every dependency):
# pure Go, the version stamped in as upstream's Makefile does.
build_versitygw() {
  local log=$BUILD_LOG_DIR/versitygw-build.log t0
  t0=$(now_ms)
  mkdir -p "$VERSITYGW_HOME"
  (cd "$VERSITYGW_SRC" && CGO_ENABLED=0 GOWORK=off GOFLAGS="${GOFLAGS:-} -buildvcs=false" \
    go build -trimpath -ldflags "-X main.Version=$VERSITYGW_VERSION" -o "$VERSITYGW_BIN.tmp" \
    github.com/versity/versitygw/cmd/versitygw) >"$log" 2>&1 || return 1
  mv -f "$VERSITYGW_BIN.tmp" "$VERSITYGW_BIN"
  echo "$VERSITYGW_STAMP_WANT" >"$VERSITYGW_HOME/.stamp"
  echo $(($(now_ms) - t0)) >"$log.ms"
}

# Maven resolve (mostly network) and the Go builds (CPU) run side by side on a cold cache.
ensure_artifacts() {
  local need_kafka=$1 need_ferretdb=$2 need_versitygw=$3 kpid="" fpid="" vpid="" kok=0 fok=0 vok=0
  mkdir -p "$BUILD_LOG_DIR"
  if [[ $need_kafka == 1 ]] && ! kafka_cached; then
    require_cmd mvn "install Maven (Debian: apt-get install -y maven)"
    require_cmd java "install a JDK 17+ (Debian: apt-get install -y openjdk-17-jdk-headless)"
    say "kafka: resolving Apache Kafka $KAFKA_VERSION jars from Maven Central (log: $BUILD_LOG_DIR/kafka-resolve.log)"
    rm -f "$BUILD_LOG_DIR/kafka-resolve.log.ms"
    resolve_kafka &
    kpid=$!
  fi
  if [[ $need_ferretdb == 1 ]] && ! ferretdb_cached; then
    require_cmd go "install Go 1.24+ (or put /usr/local/go/bin on PATH)"
    say "ferretdb: building FerretDB $FERRETDB_VERSION (a few minutes on a cold Go cache; log: $BUILD_LOG_DIR/ferretdb-build.log)"
    rm -f "$BUILD_LOG_DIR/ferretdb-build.log.ms"
    build_ferretdb &
    fpid=$!
  fi
  if [[ $need_versitygw == 1 ]] && ! versitygw_cached; then
    require_cmd go "install Go 1.25+ (or put /usr/local/go/bin on PATH)"
    say "versitygw: building versitygw $VERSITYGW_VERSION (1-2 minutes on a cold Go cache; log: $BUILD_LOG_DIR/versitygw-build.log)"
    rm -f "$BUILD_LOG_DIR/versitygw-build.log.ms"
    build_versitygw &
    vpid=$!
  fi
  if [[ -n $kpid ]]; then wait "$kpid" || kok=1; fi
  if [[ -n $fpid ]]; then wait "$fpid" || fok=1; fi
  if [[ -n $vpid ]]; then wait "$vpid" || vok=1; fi
  ((kok == 0)) || fail "kafka: resolving jars with Maven failed" "$BUILD_LOG_DIR/kafka-resolve.log"
  ((fok == 0)) || fail "ferretdb: go build failed" "$BUILD_LOG_DIR/ferretdb-build.log"
  ((vok == 0)) || fail "versitygw: go build failed (it needs Go 1.25+)" "$BUILD_LOG_DIR/versitygw-build.log"
  if [[ -n $kpid ]]; then record_timing "kafka: maven resolve" "$(<"$BUILD_LOG_DIR/kafka-resolve.log.ms")"; fi
  if [[ -n $fpid ]]; then record_timing "ferretdb: go build" "$(<"$BUILD_LOG_DIR/ferretdb-build.log.ms")"; fi
  if [[ -n $vpid ]]; then record_timing "versitygw: go build" "$(<"$BUILD_LOG_DIR/versitygw-build.log.ms")"; fi
}

# ---------------------------------------------------------------------------------------------
# start

# JVM flags as in Kafka's own bin/kafka-run-class.sh, with a modest heap (2 cores, tests alongside).
kafka_java_cmd() {
  # shellcheck disable=SC2206 # KAFKA_HEAP_OPTS is a list of flags on purpose
  KAFKA_JAVA=(java $KAFKA_HEAP_OPTS -server -XX:+UseG1GC -XX:MaxGCPauseMillis=20
    -XX:InitiatingHeapOccupancyPercent=35 -XX:+ExplicitGCInvokesConcurrent -Djava.awt.headless=true
    "-Dlog4j.configuration=file:$SCRIPT_DIR/kafka/log4j.properties" "-Dkafka.logs.dir=$KAFKA_RUN/logs"
    -cp "$KAFKA_LIBS/*")
}

start_kafka() {
  local t0 out=$KAFKA_RUN/kafka.out props=$KAFKA_RUN/server.properties data=$KAFKA_RUN/data
  mkdir -p "$KAFKA_RUN/logs" "$data"
  # A broker formatted before it required credentials has no users: its local data is dropped once.
  if [[ -f $data/meta.properties && ! -f $KAFKA_RUN/.scram ]]; then
    say "kafka: the local data predates broker credentials; starting it afresh (local data only)"
    rm -rf "$data" && mkdir -p "$data"
  fi
  # The properties hold the admin and controller passwords: readable by us only.
  # Filled in by bash, not sed: the passwords never sit on a command line. Removed first, since an
  # existing file keeps its mode when rewritten.
  local text
  text=$(<"$SCRIPT_DIR/kafka/server.properties")
  text=${text//@KAFKA_PORT@/$KAFKA_PORT}
  text=${text//@CONTROLLER_PORT@/$KAFKA_CONTROLLER_PORT}
  text=${text//@DATA_DIR@/$data}
  text=${text//@ADMIN_PASSWORD@/$(kafka_password admin)}
  text=${text//@CONTROLLER_PASSWORD@/$(kafka_password controller)}
  rm -f "$props"
  (umask 077 && printf '%s\n' "$text" >"$props")
  rotate_log "$out"
  rotate_log "$KAFKA_RUN/logs/server.log"
  kafka_java_cmd

  # KRaft storage is formatted once; later starts reuse the data (and the cluster id in meta.properties).
  if [[ ! -f $data/meta.properties ]]; then
    t0=$(now_ms)
    local cluster_id
    cluster_id=$("${KAFKA_JAVA[@]}" kafka.tools.StorageTool random-uuid 2>>"$out") ||
      fail "kafka: generating a cluster id failed" "$out"
    local scram=() user
    for user in "${KAFKA_USERS[@]}"; do
      scram+=(--add-scram "SCRAM-SHA-512=[name=$user,password=$(kafka_password "$user")]")
    done
    "${KAFKA_JAVA[@]}" kafka.tools.StorageTool format -t "$cluster_id" -c "$props" "${scram[@]}" >>"$out" 2>&1 ||
      fail "kafka: formatting storage in $data failed" "$out"
    touch "$KAFKA_RUN/.scram"
    record_timing "kafka: format storage" $(($(now_ms) - t0))
  fi
  start_bg "$KAFKA_RUN/kafka.pid" "$out" "${KAFKA_JAVA[@]}" kafka.Kafka "$props"
}

start_ferretdb() {
  mkdir -p "$FERRETDB_RUN/data"
  rotate_log "$FERRETDB_RUN/ferretdb.log"
  start_bg "$FERRETDB_RUN/ferretdb.pid" "$FERRETDB_RUN/ferretdb.log" \
    "$FERRETDB_BIN" -listen-addr "127.0.0.1:$MONGO_PORT" -sqlite-dir "$FERRETDB_RUN/data" -log-level warn
}

start_redis() {
  mkdir -p "$REDIS_RUN/data"
  rotate_log "$REDIS_RUN/redis.log"
  # Our own instance, not the Debian service. AOF on: delayed BullMQ jobs must survive a restart.
  # noeviction: BullMQ breaks if Redis evicts its keys.
  # The password goes in a config file only we can read, not on the command line.
  rm -f "$REDIS_RUN/auth.conf"
  (umask 077 && printf 'requirepass %s\n' "$(redis_password)" >"$REDIS_RUN/auth.conf")
  redis-server "$REDIS_RUN/auth.conf" --port "$REDIS_PORT" --bind 127.0.0.1 --daemonize yes \
    --pidfile "$REDIS_RUN/redis.pid" --dir "$REDIS_RUN/data" --logfile "$REDIS_RUN/redis.log" \
    --maxmemory-policy noeviction --appendonly yes --save "" >"$REDIS_RUN/redis.out" 2>&1 ||
    fail "redis: redis-server did not start" "$REDIS_RUN/redis.out" "$REDIS_RUN/redis.log"
}

# Buckets are directories under data/, object metadata (ETags, content types) in user xattrs.
# The root user's keys reach it through its environment; requests must be signed for us-east-1;
# --quiet: no line per request.
start_versitygw() {
  mkdir -p "$VERSITYGW_RUN/data"
  rotate_log "$VERSITYGW_RUN/versitygw.log"
  (
    ROOT_ACCESS_KEY=$(s3_access_key)
    ROOT_SECRET_KEY=$(s3_secret_key)
    export ROOT_ACCESS_KEY ROOT_SECRET_KEY
    start_bg "$VERSITYGW_RUN/versitygw.pid" "$VERSITYGW_RUN/versitygw.log" \
      "$VERSITYGW_BIN" --port "127.0.0.1:$S3_PORT" --region us-east-1 --quiet posix "$VERSITYGW_RUN/data"
  )
}

# wait_ready NAME TIMEOUT READY_FN PID_FN LOG...: poll until ready; fail early if the process died.
wait_ready() {
  local name=$1 timeout=$2 ready_fn=$3 pid_fn=$4 deadline
  shift 4
  deadline=$(($(now_ms) + timeout * 1000))
  # redis daemonizes: its pid file appears a moment after redis-server returns
  local grace=$(($(now_ms) + 3000))
  while ! "$ready_fn"; do
    if ! "$pid_fn" >/dev/null && (($(now_ms) > grace)); then
      fail "$name: process exited during startup" "$@"
    fi
    if (($(now_ms) > deadline)); then
      local pid
      pid=$("$pid_fn" || true)
      [[ -n $pid ]] && stop_pid "$name" "$pid"
      fail "$name: not ready after ${timeout}s (stopped it)" "$@"
    fi
    sleep 0.2
  done
}

kafka_started_logged() { kafka_api_ok && grep -q "Kafka Server started" "$KAFKA_RUN/logs/server.log" 2>/dev/null; }
kafka_ready_fresh() { kafka_pid >/dev/null && kafka_started_logged; }
# The posix backend keeps object metadata in user xattrs: say so plainly when the filesystem has none.
versitygw_ready_fresh() {
  if grep -q "xattrs are not supported" "$VERSITYGW_RUN/versitygw.log" 2>/dev/null; then
    fail "versitygw: the filesystem under $VERSITYGW_RUN/data has no user xattrs, which its posix backend needs; put the infra cache on one that has (ext4, xfs, btrfs): HAKI_INFRA_CACHE=/some/dir" "$VERSITYGW_RUN/versitygw.log"
  fi
  versitygw_ready
}

cmd_up() {
  local arg
  for arg in "$@"; do
    case $arg in
      --with-prometheus) bash "$SCRIPT_DIR/prometheus.sh" up ;;
      *) fail "up: unknown option '$arg' (expected --with-prometheus)" ;;
    esac
  done
  local t_all start_k=0 start_f=0 start_r=0 start_v=0
  t_all=$(now_ms)
  mkdir -p "$RUN_DIR" "$BUILD_LOG_DIR"
  [[ -n $KAFKA_VERSION ]] || fail "cannot read kafka.version from $KAFKA_POM"
  [[ -n $FERRETDB_VERSION ]] || fail "cannot read the FerretDB version from $FERRETDB_SRC/go.mod"
  [[ -n $VERSITYGW_VERSION ]] || fail "cannot read the versitygw version from $VERSITYGW_SRC/go.mod"

  # Already running (and answering) stays as it is; a stale pid file is just removed.
  if kafka_pid >/dev/null; then :; else rm -f "$KAFKA_RUN/kafka.pid"; start_k=1; fi
  if ferretdb_pid >/dev/null; then :; else rm -f "$FERRETDB_RUN/ferretdb.pid"; start_f=1; fi
  if redis_pid >/dev/null; then :; else rm -f "$REDIS_RUN/redis.pid"; start_r=1; fi
  if versitygw_pid >/dev/null; then :; else rm -f "$VERSITYGW_RUN/versitygw.pid"; start_v=1; fi

  if ((start_k + start_f + start_r + start_v == 0)); then
    # fast path: only confirm they answer (a process that is still starting gets its timeout)
    wait_ready kafka "$KAFKA_START_TIMEOUT" kafka_ready kafka_pid "$KAFKA_RUN/logs/server.log" "$KAFKA_RUN/kafka.out"
    wait_ready ferretdb "$MONGO_START_TIMEOUT" ferretdb_ready ferretdb_pid "$FERRETDB_RUN/ferretdb.log"
    wait_ready redis "$REDIS_START_TIMEOUT" redis_ready redis_pid "$REDIS_RUN/redis.log" "$REDIS_RUN/redis.out"
    wait_ready versitygw "$S3_START_TIMEOUT" versitygw_ready versitygw_pid "$VERSITYGW_RUN/versitygw.log"
    say "already running"
    print_status >&2 || true
    print_env
    return 0
  fi

  # Refuse before building or starting anything, so a taken port does not leave a half-started set behind.
  if ((start_k)); then
    check_port_free kafka "$KAFKA_PORT" KAFKA_PORT
    check_port_free "kafka controller" "$KAFKA_CONTROLLER_PORT" KAFKA_CONTROLLER_PORT
  fi
  if ((start_f)); then check_port_free ferretdb "$MONGO_PORT" MONGO_PORT; fi
  if ((start_r)); then check_port_free redis "$REDIS_PORT" REDIS_PORT; fi
  if ((start_v)); then check_port_free versitygw "$S3_PORT" S3_PORT; fi

  ((start_r == 0)) || ensure_redis_installed
  if ((start_k)); then require_cmd java "install a JDK 17+ (Debian: apt-get install -y openjdk-17-jdk-headless)"; fi
  ensure_artifacts "$start_k" "$start_f" "$start_v"

  # Start everything first, then wait: the JVM boots while the others come up.
  local t_k t_f t_r t_v
  if ((start_k)); then
    say "kafka: starting $KAFKA_VERSION on 127.0.0.1:$KAFKA_PORT"
    t_k=$(now_ms)
    start_kafka
  fi
  if ((start_f)); then
    say "ferretdb: starting $FERRETDB_VERSION on 127.0.0.1:$MONGO_PORT"
    t_f=$(now_ms)
    start_ferretdb
  fi
  if ((start_r)); then
    say "redis: starting on 127.0.0.1:$REDIS_PORT"
    t_r=$(now_ms)
    start_redis
  fi
  if ((start_v)); then
    say "versitygw: starting $VERSITYGW_VERSION (S3 API) on 127.0.0.1:$S3_PORT"
    t_v=$(now_ms)
    start_versitygw
  fi

  # Those that were already running are waited for too (one may still be starting).
  wait_ready redis "$REDIS_START_TIMEOUT" redis_ready redis_pid "$REDIS_RUN/redis.log" "$REDIS_RUN/redis.out"
  if ((start_r)); then record_timing "redis: start until PONG" $(($(now_ms) - t_r)); fi
  if ((start_v)); then
    wait_ready versitygw "$S3_START_TIMEOUT" versitygw_ready_fresh versitygw_pid "$VERSITYGW_RUN/versitygw.log"
    record_timing "versitygw: start until 403" $(($(now_ms) - t_v))
  else
    wait_ready versitygw "$S3_START_TIMEOUT" versitygw_ready versitygw_pid "$VERSITYGW_RUN/versitygw.log"
  fi
  wait_ready ferretdb "$MONGO_START_TIMEOUT" ferretdb_ready ferretdb_pid "$FERRETDB_RUN/ferretdb.log"
  if ((start_f)); then record_timing "ferretdb: start until ping" $(($(now_ms) - t_f)); fi
  if ((start_k)); then
    wait_ready kafka "$KAFKA_START_TIMEOUT" kafka_ready_fresh kafka_pid "$KAFKA_RUN/logs/server.log" "$KAFKA_RUN/kafka.out"
    record_timing "kafka: start until serving" $(($(now_ms) - t_k))
  else
    wait_ready kafka "$KAFKA_START_TIMEOUT" kafka_ready kafka_pid "$KAFKA_RUN/logs/server.log" "$KAFKA_RUN/kafka.out"
  fi
  record_timing "total" $(($(now_ms) - t_all))

  print_status >&2 || true
  print_timings
  print_env | tee "$RUN_DIR/infra.env"
}

# ---------------------------------------------------------------------------------------------
# down, status, env

cmd_down() {
  local wipe=0 arg pid
  for arg in "$@"; do
    case $arg in
      --wipe) wipe=1 ;;
      *) fail "down: unknown option '$arg' (expected --wipe)" ;;
    esac
  done
  if pid=$(ferretdb_pid); then say "ferretdb: stopping (pid $pid)"; stop_pid ferretdb "$pid"; fi
  if pid=$(kafka_pid); then say "kafka: stopping (pid $pid)"; stop_pid kafka "$pid"; fi
  if pid=$(redis_pid); then say "redis: stopping (pid $pid)"; stop_pid redis "$pid"; fi
  if pid=$(versitygw_pid); then say "versitygw: stopping (pid $pid)"; stop_pid versitygw "$pid"; fi
  bash "$SCRIPT_DIR/prometheus.sh" down
  rm -f "$KAFKA_RUN/kafka.pid" "$FERRETDB_RUN/ferretdb.pid" "$REDIS_RUN/redis.pid" "$VERSITYGW_RUN/versitygw.pid" "$RUN_DIR/infra.env"
  if ((wipe)); then
    say "wiping data and logs in $RUN_DIR"
    rm -rf "$RUN_DIR"
  fi
  say "stopped"
}

# one line per server; returns non-zero unless all four answer
print_status() {
  local all=0
  status_line kafka "$(kafka_pid || true)" kafka_api_ok "127.0.0.1:$KAFKA_PORT" "$KAFKA_VERSION" || all=1
  status_line ferretdb "$(ferretdb_pid || true)" mongo_ping_ok "mongodb://127.0.0.1:$MONGO_PORT" "$FERRETDB_VERSION" || all=1
  status_line redis "$(redis_pid || true)" redis_ping_ok "redis://127.0.0.1:$REDIS_PORT" "" || all=1
  status_line versitygw "$(versitygw_pid || true)" s3_http_ok "http://127.0.0.1:$S3_PORT" "$VERSITYGW_VERSION" || all=1
  return $all
}

status_line() {
  local name=$1 pid=$2 probe=$3 url=$4 version=$5 state
  if [[ -n $pid ]] && "$probe"; then
    state="up"
  elif [[ -n $pid ]]; then
    state="starting/unhealthy"
  elif "$probe"; then
    state="port taken by another process"
  else
    state="down"
  fi
  printf '%-9s %-20s %-28s %s\n' "$name" "$state" "$url" "${pid:+pid $pid}${version:+  ($version)}"
  [[ $state == up ]]
}

print_env() {
  echo "KAFKA_BROKERS=127.0.0.1:$KAFKA_PORT"
  # <user>.password for admin and each service (SASL/SCRAM-SHA-512)
  printf 'KAFKA_CREDENTIALS_DIR=%q\n' "$KAFKA_CREDENTIALS"
  echo "MONGO_URL=mongodb://127.0.0.1:$MONGO_PORT"
  echo "REDIS_URL=redis://:$(redis_password)@127.0.0.1:$REDIS_PORT"
  # S3 API (versitygw): path-style requests signed for region us-east-1, with the root user's keys
  echo "S3_ENDPOINT=http://127.0.0.1:$S3_PORT"
  echo "S3_ACCESS_KEY_ID=$(s3_access_key)"
  echo "S3_SECRET_ACCESS_KEY=$(s3_secret_key)"
}

usage() {
  sed -n '2,14p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
}

case ${1:-} in
  up) shift; cmd_up "$@" ;;
  down) shift; cmd_down "$@" ;;
  status) print_status ;;
  env) print_env ;;
  -h | --help | help) usage ;;
  *) usage; exit 2 ;;
esac
