#!/usr/bin/env bash
# Apache Kafka 4.1 broker (KRaft, broker+controller in one JVM) from Maven Central jars, bound to
# 127.0.0.1, data under .data/kafka.
# Usage: kafka.sh install|start|stop|status
# Environment:
#   KAFKA_PORT             PLAINTEXT listener on 127.0.0.1        (default 9092)
#   KAFKA_CONTROLLER_PORT  CONTROLLER listener on 127.0.0.1       (default 9093)
#   KAFKA_DATA_DIR         server.properties, kraft/ (log.dirs), kafka.log, kafka.pid
#                                                                 (default $LLMSERVE_DATA/kafka)
#   KAFKA_NODE_ID          (default 1)
#   KAFKA_HEAP_OPTS        replaces the -Xms/-Xmx of deploy/local/kafka/jvm.options
#   KAFKA_START_TIMEOUT    seconds to wait for readiness          (default 120)
# A second private broker, e.g. for a test, while the shared one keeps running:
#   KAFKA_PORT=19092 KAFKA_CONTROLLER_PORT=19093 KAFKA_DATA_DIR=/tmp/k2 kafka.sh start   # ... stop
set -euo pipefail
COMPONENT=kafka
# shellcheck source=../lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

KAFKA_VERSION=4.1.1
KAFKA_PORT="${KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
KAFKA_NODE_ID="${KAFKA_NODE_ID:-1}"
KAFKA_DIR="${KAFKA_DATA_DIR:-$LLMSERVE_DATA/kafka}"
KAFKA_START_TIMEOUT="${KAFKA_START_TIMEOUT:-120}"
KAFKA_HOME="$LLMSERVE_CACHE/kafka-$KAFKA_VERSION"
KAFKA_LIBS="$KAFKA_HOME/libs"
KAFKA_LOG="$KAFKA_DIR/kafka.log"
KAFKA_PIDFILE="$KAFKA_DIR/kafka.pid"
TEMPLATES="$LLMSERVE_DEPLOY/kafka"

java_major() {
  java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p' | head -n 1
}

cmd_install() {
  if ! command -v java >/dev/null 2>&1 || [ "$(java_major || echo 0)" -lt 17 ]; then
    apt_install openjdk-17-jre-headless
  fi
  if [ -f "$KAFKA_LIBS/.complete" ]; then return 0; fi
  command -v mvn >/dev/null 2>&1 || apt_install maven
  log "resolving kafka_2.13:$KAFKA_VERSION and its runtime class path from Maven Central into $KAFKA_LIBS"
  mkdir -p "$KAFKA_HOME"
  cp "$TEMPLATES/pom.xml" "$KAFKA_HOME/pom.xml"
  rm -rf "$KAFKA_LIBS.tmp"
  local t0=$SECONDS
  (cd "$KAFKA_HOME" && mvn -B -q dependency:copy-dependencies -DincludeScope=runtime \
      -DoutputDirectory="$KAFKA_LIBS.tmp") >"$KAFKA_HOME/mvn.log" 2>&1 \
    || die_with_log "$KAFKA_HOME/mvn.log" "mvn could not resolve the Kafka jars"
  [ -f "$KAFKA_LIBS.tmp/kafka_2.13-$KAFKA_VERSION.jar" ] || die "kafka_2.13-$KAFKA_VERSION.jar missing after mvn"
  rm -rf "$KAFKA_LIBS" && mv "$KAFKA_LIBS.tmp" "$KAFKA_LIBS"
  touch "$KAFKA_LIBS/.complete"
  log "jars ready in $((SECONDS - t0))s ($(du -sh "$KAFKA_LIBS" | cut -f1))"
}

pid() {
  local p
  p=$(pid_from_file "$KAFKA_PIDFILE") || return 1
  # Guard against a recycled pid: it must be our JVM running kafka.Kafka.
  tr '\0' ' ' <"/proc/$p/cmdline" 2>/dev/null | grep -q 'kafka\.Kafka' || return 1
  echo "$p"
}

probe() { node "$TEMPLATES/probe.mjs" 127.0.0.1 "$KAFKA_PORT" 3000; }

jvm_opts() {
  local line heap_set=0
  if [ -n "${KAFKA_HEAP_OPTS:-}" ]; then
    heap_set=1
    # shellcheck disable=SC2086
    printf '%s\n' $KAFKA_HEAP_OPTS
  fi
  while IFS= read -r line || [ -n "$line" ]; do
    line="${line%%#*}"; line="${line%"${line##*[![:space:]]}"}"; line="${line#"${line%%[![:space:]]*}"}"
    [ -z "$line" ] && continue
    if [ "$heap_set" = 1 ]; then case "$line" in -Xms*|-Xmx*) continue ;; esac; fi
    printf '%s\n' "$line"
  done <"$TEMPLATES/jvm.options"
}

render_config() {
  sed -e "s|@KAFKA_PORT@|$KAFKA_PORT|g" \
      -e "s|@KAFKA_CONTROLLER_PORT@|$KAFKA_CONTROLLER_PORT|g" \
      -e "s|@KAFKA_NODE_ID@|$KAFKA_NODE_ID|g" \
      -e "s|@KAFKA_LOG_DIRS@|$KAFKA_DIR/kraft|g" \
      "$TEMPLATES/server.properties.template" >"$KAFKA_DIR/server.properties"
}

format_storage() {
  [ -f "$KAFKA_DIR/kraft/meta.properties" ] && return 0
  local cluster_id
  cluster_id=$(java -cp "$KAFKA_LIBS/*" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -n 1)
  [ -n "$cluster_id" ] || die "kafka.tools.StorageTool random-uuid failed"
  log "formatting KRaft storage in $KAFKA_DIR/kraft (cluster id $cluster_id)"
  java -Dlog4j2.configurationFile="$TEMPLATES/log4j2.properties" -cp "$KAFKA_LIBS/*" kafka.tools.StorageTool \
    format -t "$cluster_id" -c "$KAFKA_DIR/server.properties" >"$KAFKA_DIR/format.log" 2>&1 \
    || die_with_log "$KAFKA_DIR/format.log" "kafka storage format failed"
}

cmd_start() {
  cmd_install
  if p=$(pid); then
    if probe >/dev/null 2>&1; then log "already running (pid $p) on 127.0.0.1:$KAFKA_PORT"; return 0; fi
    log "process $p is up but not ready yet; waiting"
  else
    require_free_port "$KAFKA_PORT" "kafka PLAINTEXT"
    require_free_port "$KAFKA_CONTROLLER_PORT" "kafka CONTROLLER"
    command -v node >/dev/null 2>&1 || die "node is needed for the Kafka readiness probe"
    mkdir -p "$KAFKA_DIR"
    render_config
    format_storage
    log "starting on 127.0.0.1:$KAFKA_PORT (controller 127.0.0.1:$KAFKA_CONTROLLER_PORT, data $KAFKA_DIR)"
    printf '\n==== %s starting kafka %s ====\n' "$(date -u +%FT%TZ)" "$KAFKA_VERSION" >>"$KAFKA_LOG"
    local opts=()
    mapfile -t opts < <(jvm_opts)
    start_daemon "$KAFKA_PIDFILE" "$KAFKA_LOG" "$KAFKA_DIR" \
      java "${opts[@]}" -Dlog4j2.configurationFile="$TEMPLATES/log4j2.properties" \
      -cp "$KAFKA_LIBS/*" kafka.Kafka "$KAFKA_DIR/server.properties"
    p=$(cat "$KAFKA_PIDFILE")
  fi
  local deadline=$(( SECONDS + KAFKA_START_TIMEOUT ))
  until probe >/dev/null 2>&1; do
    alive "$p" || die_with_log "$KAFKA_LOG" "the Kafka JVM (pid $p) exited during startup"
    [ "$SECONDS" -ge "$deadline" ] && die_with_log "$KAFKA_LOG" \
      "Kafka on 127.0.0.1:$KAFKA_PORT was not ready within ${KAFKA_START_TIMEOUT}s (pid $p still running)"
    sleep 0.3
  done
  log "ready: 127.0.0.1:$KAFKA_PORT ($(probe 2>/dev/null))"
}

cmd_stop() {
  local p
  if ! p=$(pid); then log "not running"; rm -f "$KAFKA_PIDFILE"; return 0; fi
  log "stopping (pid $p)"
  stop_pid "$p" kafka 60
  rm -f "$KAFKA_PIDFILE"
  log "stopped"
}

cmd_status() { report_status kafka "$KAFKA_PORT" "$KAFKA_DIR" probe starting; }

case "${1:-}" in
  install) cmd_install ;;
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  pid) pid ;;
  log) echo "$KAFKA_LOG" ;;
  probe) probe ;;
  *) echo "usage: $0 install|start|stop|status" >&2; exit 2 ;;
esac
