#!/usr/bin/env bash
# Nacos-protocol registry and config center: r-nacos (crate `rnacos`, a Rust re-implementation that
# serves the Nacos 1.x HTTP open API and the 2.x gRPC SDK protocol), built once from crates.io into
# the cache, bound to 127.0.0.1, data under .data/nacos.
# Usage: nacos.sh install|start|stop|status
# Environment:
#   NACOS_PORT          HTTP open API (/nacos/v1/...)       (default 8848; RNACOS_HTTP_PORT)
#   NACOS_GRPC_PORT     SDK gRPC                             (default NACOS_PORT+1000 = 9848)
#   NACOS_CONSOLE_PORT  web console                          (default NACOS_PORT+2000 = 10848)
#   NACOS_DATA_DIR      db/, rnacos.env, nacos.log, nacos.pid (default $LLMSERVE_DATA/nacos)
#   NACOS_LOG_LEVEL     RUST_LOG of the server               (default warn)
#   RNACOS_VERSION      crate version to build               (default 0.8.8)
#   NACOS_FIRST_START_SECONDS  time bound of a start on a fresh data folder, retried until one
#                       works (default 120)
# A fresh machine builds rnacos with `cargo install --locked` (about 6.5 minutes on 2 cores).
set -euo pipefail
COMPONENT=nacos
# shellcheck source=../lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

RNACOS_VERSION="${RNACOS_VERSION:-0.8.8}"
NACOS_PORT="${NACOS_PORT:-${RNACOS_HTTP_PORT:-8848}}"
NACOS_GRPC_PORT="${NACOS_GRPC_PORT:-$((NACOS_PORT + 1000))}"
NACOS_CONSOLE_PORT="${NACOS_CONSOLE_PORT:-$((NACOS_PORT + 2000))}"
NACOS_DIR="${NACOS_DATA_DIR:-$LLMSERVE_DATA/nacos}"
NACOS_FIRST_START_SECONDS="${NACOS_FIRST_START_SECONDS:-120}"
NACOS_LOG="$NACOS_DIR/nacos.log"
NACOS_PIDFILE="$NACOS_DIR/nacos.pid"
RNACOS_ROOT="$LLMSERVE_CACHE/rnacos"
RNACOS_BIN="$RNACOS_ROOT/bin/rnacos"
BASE="http://127.0.0.1:$NACOS_PORT"

binary_ok() { [ -x "$RNACOS_BIN" ] && [ "$("$RNACOS_BIN" --version 2>/dev/null)" = "rnacos $RNACOS_VERSION" ]; }

cmd_install() {
  command -v curl >/dev/null 2>&1 || apt_install curl
  if binary_ok; then return 0; fi
  command -v cargo >/dev/null 2>&1 || die "cargo (Rust) is needed to build rnacos $RNACOS_VERSION; install a current Rust toolchain"
  command -v cc >/dev/null 2>&1 || apt_install gcc
  mkdir -p "$LLMSERVE_CACHE"
  local buildlog="$LLMSERVE_CACHE/rnacos-build.log"
  # One build at a time, even when several scripts ask at once.
  exec 9>"$LLMSERVE_CACHE/rnacos-build.lock"
  if ! flock -n 9; then
    log "another rnacos build is running (lock $LLMSERVE_CACHE/rnacos-build.lock); waiting for it"
    flock 9
  fi
  if binary_ok; then return 0; fi
  log "building rnacos $RNACOS_VERSION from crates.io (one time, ~6-7 min on 2 cores; log: $buildlog)"
  local t0=$SECONDS
  cargo install --locked rnacos --version "$RNACOS_VERSION" --root "$RNACOS_ROOT" --force >"$buildlog" 2>&1 \
    || die_with_log "$buildlog" "cargo install rnacos $RNACOS_VERSION failed"
  binary_ok || die "rnacos built but $RNACOS_BIN --version does not say $RNACOS_VERSION"
  log "rnacos $RNACOS_VERSION built in $((SECONDS - t0))s: $RNACOS_BIN"
}

pid() {
  local p
  p=$(pid_from_file "$NACOS_PIDFILE") || return 1
  [ "$(readlink "/proc/$p/exe" 2>/dev/null)" = "$(readlink -f "$RNACOS_BIN")" ] || return 1
  echo "$p"
}

# Ready = the mock readiness endpoint answers {"status":"UP"} and the real health check says success
# (rnacos answers the metrics mock as soon as HTTP is up; /nacos/health checks its storage).
healthy() {
  curl -fsS -m 2 "$BASE/nacos/v1/ns/operator/metrics" 2>/dev/null | grep -q '"status":"UP"' &&
    [ "$(curl -fsS -m 2 "$BASE/nacos/health" 2>/dev/null)" = success ]
}

# Config writes go through rnacos's raft state machine. rnacos 0.8.8 sometimes panics in that state
# machine while it starts (raftapply.rs:421, an unwrap before its managers are wired) and then keeps
# answering health checks for a while with no working config store: a config written and read back
# is the proof that it really works.
config_store_works() {
  local stamp="ready-$$-$RANDOM"
  curl -fsS -m 3 -X POST "$BASE/nacos/v1/cs/configs" --data-urlencode "dataId=llmserve.infra-readiness" \
    --data-urlencode "group=LLMSERVE_INFRA" --data-urlencode "content=$stamp" 2>/dev/null | grep -q true &&
    [ "$(curl -fsS -m 3 "$BASE/nacos/v1/cs/configs?dataId=llmserve.infra-readiness&group=LLMSERVE_INFRA" 2>/dev/null)" = "$stamp" ]
}

# Waits until the server at pid $1 is healthy and its config store works; 1 if not within $2
# seconds, or at once if its log (from byte $3 on) shows a panic.
wait_working() {
  local p="$1" deadline=$(( SECONDS + $2 )) from="${3:-}"
  until healthy && config_store_works; do
    alive "$p" || return 1
    [ "$SECONDS" -ge "$deadline" ] && return 1
    if [ -n "$from" ] && tail -c +"$((from + 1))" "$NACOS_LOG" 2>/dev/null | grep -q 'panicked at'; then return 1; fi
    sleep 0.3
  done
}

cmd_start() {
  cmd_install
  local p attempt
  if p=$(pid); then
    if wait_working "$p" 20; then log "already running (pid $p) on 127.0.0.1:$NACOS_PORT"; return 0; fi
    log "process $p is up but its config store does not work; restarting it"
    stop_pid "$p" nacos 20
    rm -f "$NACOS_PIDFILE"
  fi
  # A fresh data folder: rnacos 0.8.8 spawns its raft initialisation at once, racing the wiring of
  # its managers, and loses the race now and then (raftapply.rs:421; measured: 1 start in 10 when
  # idle, 3 in 10 under load). A failed try shows within a second or two (the panic in the log) and
  # leaves a half-made store: it is deleted and the start tried again, until one wins or the time
  # bound runs out. A folder that already holds a raft term sleeps 5 s first and does not race:
  # three tries are plenty for it.
  local fresh deadline=$(( SECONDS + NACOS_FIRST_START_SECONDS )) attempt=0 panics=0
  while :; do
    attempt=$((attempt + 1))
    fresh=no; [ -d "$NACOS_DIR/db" ] || fresh=yes
    local log_mark; log_mark=$(stat -c %s "$NACOS_LOG" 2>/dev/null || echo 0)
    launch
    p=$(cat "$NACOS_PIDFILE")
    if wait_working "$p" "$(attempt_seconds "$fresh" "$deadline")" "$log_mark"; then
      local retried=""; [ "$panics" -gt 0 ] && retried=", $panics known start-up panic(s) retried"
      log "ready: http://127.0.0.1:$NACOS_PORT (console http://127.0.0.1:$NACOS_CONSOLE_PORT) after $attempt start(s)$retried"
      return 0
    fi
    tail -c +"$((log_mark + 1))" "$NACOS_LOG" 2>/dev/null | grep -q 'panicked at' && panics=$((panics + 1))
    log "start $attempt: rnacos (pid $p) did not get a working config store (known rnacos 0.8.8 start-up panic if the log shows raftapply.rs); see $NACOS_LOG"
    stop_pid "$p" nacos 20
    rm -f "$NACOS_PIDFILE"
    # The main thread shows as a zombie (so "gone") while rnacos's other threads still exit and
    # hold its sockets: the next start found its port taken (CI, under load). Wait for the ports.
    wait_until 15 ports_released || warn "rnacos's ports were still taken 15 s after it stopped"
    if [ "$fresh" = yes ]; then
      # A first start that failed leaves a half-made raft store behind: the next one starts clean.
      rm -rf "$NACOS_DIR/db"
      [ "$SECONDS" -lt "$deadline" ] || die_with_log "$NACOS_LOG" "rnacos on 127.0.0.1:$NACOS_PORT did not work within ${NACOS_FIRST_START_SECONDS}s ($attempt fresh starts)"
    else
      [ "$attempt" -lt 3 ] || die_with_log "$NACOS_LOG" "rnacos on 127.0.0.1:$NACOS_PORT did not work after 3 starts on its existing data ($NACOS_DIR/db)"
    fi
  done
}

# attempt_seconds FRESH DEADLINE: how long one start may take to work. A fresh start that works
# does so in seconds; one that hangs without a panic is cut early enough to leave time for others.
attempt_seconds() {
  local left=$(( $2 - SECONDS ))
  if [ "$1" = yes ]; then
    [ "$left" -gt 45 ] && left=45
    [ "$left" -lt 15 ] && left=15
  else
    left=60
  fi
  echo "$left"
}

# Starts rnacos in the background (its pid in $NACOS_PIDFILE).
# ports_released: none of this server's ports takes connections any more.
ports_released() {
  ! port_open 127.0.0.1 "$NACOS_PORT" && ! port_open 127.0.0.1 "$NACOS_GRPC_PORT" && ! port_open 127.0.0.1 "$NACOS_CONSOLE_PORT"
}

launch() {
  require_free_port "$NACOS_PORT" "nacos HTTP"
  require_free_port "$NACOS_GRPC_PORT" "nacos gRPC"
  require_free_port "$NACOS_CONSOLE_PORT" "nacos console"
  mkdir -p "$NACOS_DIR/db"
  # rnacos reads its settings from the environment and from an env file (-e). Ours documents the
  # running configuration; the server runs in $NACOS_DIR so no stray .env elsewhere is read.
  cat >"$NACOS_DIR/rnacos.env" <<EOF
# Generated by deploy/local/components/nacos.sh at every start: edit the script, not this file.
RNACOS_HTTP_PORT=$NACOS_PORT
RNACOS_GRPC_PORT=$NACOS_GRPC_PORT
RNACOS_HTTP_CONSOLE_PORT=$NACOS_CONSOLE_PORT
RNACOS_SDK_HOST=127.0.0.1
RNACOS_CONSOLE_HOST=127.0.0.1
RNACOS_RAFT_NODE_ADDR=127.0.0.1:$NACOS_GRPC_PORT
RNACOS_DATA_DIR=$NACOS_DIR/db
RNACOS_ENABLE_NO_AUTH_CONSOLE=true
RNACOS_ENABLE_OPEN_API_AUTH=false
RUST_LOG=${NACOS_LOG_LEVEL:-warn}
EOF
  log "starting rnacos $RNACOS_VERSION on 127.0.0.1:$NACOS_PORT (gRPC $NACOS_GRPC_PORT, console $NACOS_CONSOLE_PORT, data $NACOS_DIR)"
  printf '\n==== %s starting rnacos %s ====\n' "$(date -u +%FT%TZ)" "$RNACOS_VERSION" >>"$NACOS_LOG"
  # Exported too: a variable already in the environment would win over the env file.
  start_daemon "$NACOS_PIDFILE" "$NACOS_LOG" "$NACOS_DIR" \
    env $(grep -v '^#' "$NACOS_DIR/rnacos.env" | tr '\n' ' ') "$RNACOS_BIN" -e "$NACOS_DIR/rnacos.env"
}

cmd_stop() {
  local p
  if ! p=$(pid); then log "not running"; rm -f "$NACOS_PIDFILE"; return 0; fi
  log "stopping (pid $p)"
  stop_pid "$p" nacos 20
  rm -f "$NACOS_PIDFILE"
  log "stopped"
}

cmd_status() { report_status nacos "$NACOS_PORT" "$NACOS_DIR" healthy; }

case "${1:-}" in
  install) cmd_install ;;
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  pid) pid ;;
  log) echo "$NACOS_LOG" ;;
  *) echo "usage: $0 install|start|stop|status" >&2; exit 2 ;;
esac
