#!/usr/bin/env bash
# Starts, stops and lists the seven LLM Serve services as native processes, with logs in
# .data/logs and pids in .data/run. Idempotent: starts what is down, leaves what is up.
# Usage: services.sh start|stop|status [service|service-N ...]
#
# N instances of a service: SERVICES_SCALE="gateway=2,quota=3" (default 1 each, at most 9).
# Instance 1 keeps the fixed ports (gateway HTTP 8080, gRPC 50050-50056, metrics 9450-9456) and the
# files <service>.log / <service>.pid; instance N adds (N-1)*100 to each port (quota-2: gRPC 50152,
# metrics 9552; gateway-2: HTTP 8180) and uses <service>-N.log / .pid. Every instance registers
# itself in Nacos with its own gRPC port, so clients find them all. A second gateway gets its own
# HTTP port rather than sharing 8080: a stand-alone gateway binds its port exclusively (only the
# workers of one gateway share a port, ADR 0012), and a client or load balancer can then address
# each instance (put them behind one port with a balancer, or use GATEWAY_WORKERS on one host).
# `stop` stops every instance it finds a pid file for, whatever SERVICES_SCALE says now.
# SERVICES_PORT_OFFSET (default 0) moves every port, for a second platform on the same machine;
# SERVICES_READY_SECONDS (default 120) bounds the wait for each instance's /readyz. The wait ends at
# once when the instance exits (its reason is at the end of its log, which is printed); a slow one is
# reported every 15 s (alive, CPU time, ports, last log line), and so is its state on a time-out.
set -euo pipefail
COMPONENT=services
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ALL_SERVICES=(model-registry auth-key quota billing analytics assistant gateway)
declare -A METRICS_PORTS=([gateway]=9450 [auth-key]=9451 [quota]=9452 [billing]=9453 [model-registry]=9454 [assistant]=9455 [analytics]=9456)
declare -A GRPC_PORTS=([gateway]=50050 [auth-key]=50051 [quota]=50052 [billing]=50053 [model-registry]=50054 [assistant]=50055 [analytics]=50056)
GATEWAY_HTTP_PORT=8080
PORT_OFFSET="${SERVICES_PORT_OFFSET:-0}"
# How long an instance may take to answer /readyz (a loaded two-core machine needs more than a minute).
READY_SECONDS="${SERVICES_READY_SECONDS:-120}"
RUN_DIR="$LLMSERVE_DATA/run"
LOG_DIR="$LLMSERVE_DATA/logs"
SECRETS_FILE="$LLMSERVE_DATA/secrets.env"

declare -A SCALE=()
parse_scale() {
  local entry name count
  for service in "${ALL_SERVICES[@]}"; do SCALE[$service]=1; done
  IFS=',' read -ra entries <<<"${SERVICES_SCALE:-}"
  for entry in "${entries[@]}"; do
    entry="${entry// /}"; [ -n "$entry" ] || continue
    name="${entry%%=*}"; count="${entry#*=}"
    [ -n "${METRICS_PORTS[$name]:-}" ] || die "SERVICES_SCALE: unknown service '$name' (one of: ${ALL_SERVICES[*]})"
    [[ "$count" =~ ^[1-9]$ ]] || die "SERVICES_SCALE: '$entry' needs a count from 1 to 9"
    SCALE[$name]=$count
  done
}

# instance_name SERVICE N: "quota" for the first instance, "quota-2" for the second.
instance_name() { if [ "$2" = 1 ]; then echo "$1"; else echo "$1-$2"; fi; }
port_of() { echo $(( $1 + ($2 - 1) * 100 + PORT_OFFSET )); }
metrics_port() { port_of "${METRICS_PORTS[$1]}" "$2"; }

# Server-side secrets are generated once per machine, readable by their owner only, never committed.
ensure_secrets() {
  mkdir -p "$LLMSERVE_DATA"
  if [ ! -f "$SECRETS_FILE" ]; then
    umask 077
    {
      printf 'KEY_PEPPER=%s\n' "$(node -e 'process.stdout.write(require("crypto").randomBytes(32).toString("base64url"))')"
      printf 'SECRETS_KEY=%s\n' "$(node -e 'process.stdout.write(require("crypto").randomBytes(32).toString("base64"))')"
    } >"$SECRETS_FILE"
    chmod 600 "$SECRETS_FILE"
    log "generated server secrets in $SECRETS_FILE"
  fi
}

ready() { curl -fsS "http://127.0.0.1:$1/readyz" >/dev/null 2>&1; }

# process_state PID LOGFILE: what a starting instance is doing, for a wait that lasts or fails.
process_state() {
  local pid="$1" logfile="$2" state last
  if alive "$pid"; then
    state=$(sed -n 's/^State:[[:space:]]*//p' "/proc/$pid/status" 2>/dev/null)
    printf 'pid %s alive (%s), cpu %s s, listening on: %s' "$pid" "${state:-?}" \
      "$(awk '{printf "%.1f", ($14+$15)/100}' "/proc/$pid/stat" 2>/dev/null || echo ?)" \
      "$(ss -Hltnp 2>/dev/null | grep "pid=$pid," | awk '{print $4}' | tr '\n' ' ' || true)"
  else
    printf 'pid %s has EXITED' "$pid"
  fi
  last=$(tail -n 1 "$logfile" 2>/dev/null | cut -c1-300)
  printf '; last log line: %s\n' "${last:-(none)}"
}

# wait_ready NAME PID METRICS_PORT LOGFILE: waits for /readyz; stops waiting as soon as the process
# exits (a service that failed its start exits with its reason in the log), says every 15 s what the
# process is doing, and on a failure prints its state and the end of its log.
wait_ready() {
  local name="$1" pid="$2" metrics="$3" logfile="$4" started=$SECONDS next_report=$((SECONDS + 15))
  while ! ready "$metrics"; do
    if ! alive "$pid"; then
      die_with_log "$logfile" "$name exited during its start after $((SECONDS - started)) s (pid $pid; its reason is at the end of its log)"
    fi
    if [ "$SECONDS" -ge $((started + READY_SECONDS)) ]; then
      warn "$name state: $(process_state "$pid" "$logfile")"
      die_with_log "$logfile" "$name did not become ready on :$metrics within $READY_SECONDS s"
    fi
    if [ "$SECONDS" -ge "$next_report" ]; then
      log "$name not ready after $((SECONDS - started)) s: $(process_state "$pid" "$logfile")"
      next_report=$((SECONDS + 15))
    fi
    sleep 0.2
  done
}

start_one() {
  local service="$1" index="$2" name pidfile logfile metrics grpc http pid
  name=$(instance_name "$service" "$index")
  pidfile="$RUN_DIR/$name.pid"; logfile="$LOG_DIR/$name.log"
  metrics=$(metrics_port "$service" "$index"); grpc=$(port_of "${GRPC_PORTS[$service]}" "$index")
  http=$(port_of "$GATEWAY_HTTP_PORT" "$index")
  [ -f "$LLMSERVE_ROOT/services/$service/dist/main.js" ] || die "services/$service/dist/main.js is missing: run 'pnpm build' first"
  if pid=$(pid_from_file "$pidfile"); then
    log "$name already running (pid $pid)"
    return 0
  fi
  require_free_port "$metrics" "$name metrics"
  require_free_port "$grpc" "$name gRPC"
  [ "$service" != gateway ] || require_free_port "$http" "$name HTTP"
  (
    set -a
    # shellcheck disable=SC1090
    source "$SECRETS_FILE"
    set +a
    # The gateway's usage spool lives with the rest of the local data (replayed at its next start;
    # one file per process, so instances can share the folder).
    export GATEWAY_USAGE_SPOOL_DIR="${GATEWAY_USAGE_SPOOL_DIR:-$LLMSERVE_DATA/gateway-usage-spool}"
    export METRICS_PORT="$metrics" GRPC_PORT="$grpc"
    [ "$service" != gateway ] || export HTTP_PORT="$http"
    # The services other than the gateway hold V8's young generation to 8 MiB semi-spaces (ADR 0042).
    [ "$service" = gateway ] || export NODE_OPTIONS="--max-semi-space-size=8${NODE_OPTIONS:+ $NODE_OPTIONS}"
    cd "$LLMSERVE_ROOT/services/$service"
    nohup node dist/main.js >>"$logfile" 2>&1 &
    echo $! >"$pidfile"
  )
  wait_ready "$name" "$(cat "$pidfile")" "$metrics" "$logfile"
  log "$name ready (pid $(cat "$pidfile"), gRPC :$grpc, metrics http://127.0.0.1:$metrics/metrics$([ "$service" != gateway ] || echo ", HTTP http://127.0.0.1:$http"))"
}

# instances_on_disk SERVICE: the instance numbers that have a pid file, highest first.
instances_on_disk() {
  local file base
  for file in "$RUN_DIR/$1.pid" "$RUN_DIR/$1"-[0-9].pid; do
    [ -f "$file" ] || continue
    base="$(basename "$file" .pid)"
    if [ "$base" = "$1" ]; then echo 1; else echo "${base##*-}"; fi
  done | sort -rn
}

stop_one() {
  local name pidfile pid
  name=$(instance_name "$1" "$2"); pidfile="$RUN_DIR/$name.pid"
  if pid=$(pid_from_file "$pidfile"); then
    stop_pid "$pid" "$name" 20
    log "$name stopped"
  fi
  rm -f "$pidfile"
}

# nacos_count SERVICE: healthy instances Nacos lists for the service (in NACOS_GROUP), or "?".
nacos_count() {
  local url="${NACOS_ADDR:-http://127.0.0.1:8848}/nacos/v1/ns/instance/list"
  local answer
  answer=$(curl -fsS -G "$url" --data-urlencode "serviceName=llm-serve.$1" --data-urlencode "groupName=${NACOS_GROUP:-DEFAULT_GROUP}" \
    --data-urlencode healthyOnly=true 2>/dev/null) || { echo "?"; return 0; }
  grep -o '"ip":' <<<"$answer" | wc -l
}

status_of() {
  local service="$1" index name pid indexes
  indexes=$( { seq 1 "${SCALE[$service]}"; instances_on_disk "$service"; } | sort -un)
  for index in $indexes; do
    name=$(instance_name "$service" "$index")
    if pid=$(pid_from_file "$RUN_DIR/$name.pid") && ready "$(metrics_port "$service" "$index")"; then
      printf '%-17s up    pid %-8s metrics :%s\n' "$name" "$pid" "$(metrics_port "$service" "$index")"
    else
      printf '%-17s down\n' "$name"
    fi
  done
  printf '%-17s %s instance(s) registered in Nacos\n' "  $service" "$(nacos_count "$service")"
}

# select_targets ARGS...: "service" means every instance of it; "service-N" one instance.
TARGETS=()
select_targets() {
  local argument
  [ $# -gt 0 ] || set -- "${ALL_SERVICES[@]}"
  for argument in "$@"; do
    if [ -n "${METRICS_PORTS[$argument]:-}" ]; then TARGETS+=("$argument:all")
    elif [[ "$argument" =~ ^(.+)-([1-9])$ ]] && [ -n "${METRICS_PORTS[${BASH_REMATCH[1]}]:-}" ]; then
      TARGETS+=("${BASH_REMATCH[1]}:${BASH_REMATCH[2]}")
    else die "unknown service '$argument' (one of: ${ALL_SERVICES[*]}, or service-N for one instance)"; fi
  done
}

command="${1:-}"; shift || true
parse_scale
select_targets "$@"
mkdir -p "$RUN_DIR" "$LOG_DIR"
case "$command" in
  start)
    ensure_secrets
    for target in "${TARGETS[@]}"; do
      service="${target%%:*}"; which="${target#*:}"
      if [ "$which" = all ]; then
        for (( index=1; index<=SCALE[$service]; index++ )); do start_one "$service" "$index"; done
      else start_one "$service" "$which"; fi
    done ;;
  stop)
    for (( i=${#TARGETS[@]}-1; i>=0; i-- )); do
      service="${TARGETS[$i]%%:*}"; which="${TARGETS[$i]#*:}"
      if [ "$which" = all ]; then
        for index in $(instances_on_disk "$service"); do stop_one "$service" "$index"; done
      else stop_one "$service" "$which"; fi
    done ;;
  status)
    for target in "${TARGETS[@]}"; do status_of "${target%%:*}"; done ;;
  *) die "usage: [SERVICES_SCALE=gateway=2,quota=2] services.sh start|stop|status [service|service-N ...]" ;;
esac
