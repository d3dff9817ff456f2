#!/usr/bin/env bash
# Starts, stops and lists the seven LLM Serve services as native processes on their fixed ports,
# with logs in .data/logs and pids in .data/run. Idempotent: starts what is down, leaves what is up.
# Usage: services.sh start|stop|status [service...]
set -euo pipefail
COMPONENT=services
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ALL_SERVICES=(model-registry auth-key quota billing analytics assistant gateway)
declare -A METRICS_PORTS=([gateway]=9450 [auth-key]=9451 [quota]=9452 [billing]=9453 [model-registry]=9454 [assistant]=9455 [analytics]=9456)
RUN_DIR="$LLMSERVE_DATA/run"
LOG_DIR="$LLMSERVE_DATA/logs"
SECRETS_FILE="$LLMSERVE_DATA/secrets.env"

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

start_one() {
  local name="$1" pidfile="$RUN_DIR/$1.pid" logfile="$LOG_DIR/$1.log" port="${METRICS_PORTS[$1]}"
  local main="$LLMSERVE_ROOT/services/$name/dist/main.js"
  [ -f "$main" ] || die "$main is missing: run 'pnpm build' first"
  if pid=$(pid_from_file "$pidfile"); then
    log "$name already running (pid $pid)"
    return 0
  fi
  require_free_port "$port" "$name metrics"
  (
    set -a
    # shellcheck disable=SC1090
    source "$SECRETS_FILE"
    set +a
    # The gateway's usage spool lives with the rest of the local data (replayed at its next start).
    export GATEWAY_USAGE_SPOOL_DIR="${GATEWAY_USAGE_SPOOL_DIR:-$LLMSERVE_DATA/gateway-usage-spool}"
    cd "$LLMSERVE_ROOT/services/$name"
    nohup node dist/main.js >>"$logfile" 2>&1 &
    echo $! >"$pidfile"
  )
  if ! wait_until 60 ready "$port"; then
    die_with_log "$logfile" "$name did not become ready on :$port within 60 s"
  fi
  log "$name ready (pid $(cat "$pidfile"), metrics http://127.0.0.1:$port/metrics)"
}

stop_one() {
  local pidfile="$RUN_DIR/$1.pid" pid
  if pid=$(pid_from_file "$pidfile"); then
    stop_pid "$pid" "$1" 20
    log "$1 stopped"
  fi
  rm -f "$pidfile"
}

command="${1:-}"; shift || true
selected=("$@"); [ ${#selected[@]} -gt 0 ] || selected=("${ALL_SERVICES[@]}")
mkdir -p "$RUN_DIR" "$LOG_DIR"
case "$command" in
  start)
    ensure_secrets
    for service in "${selected[@]}"; do start_one "$service"; done ;;
  stop)
    for (( i=${#selected[@]}-1; i>=0; i-- )); do stop_one "${selected[$i]}"; done ;;
  status)
    for service in "${selected[@]}"; do
      if pid=$(pid_from_file "$RUN_DIR/$service.pid") && ready "${METRICS_PORTS[$service]}"; then
        printf '%-15s up    pid %s\n' "$service" "$pid"
      else
        printf '%-15s down\n' "$service"
      fi
    done ;;
  *) die "usage: services.sh start|stop|status [service...]" ;;
esac
