#!/usr/bin/env bash
# PostgreSQL 15 (Debian package) as a private cluster under .data/postgres, bound to 127.0.0.1.
# Usage: postgres.sh install|start|stop|status
# Environment:
#   POSTGRES_PORT      TCP port on 127.0.0.1                (default 5432)
#   POSTGRES_DATA_DIR  home of this instance: pgdata/, run/ (socket), postgres.log
#                                                           (default $LLMSERVE_DATA/postgres)
#   POSTGRES_DB / POSTGRES_USER / POSTGRES_PASSWORD         (default llmserve / llmserve / llmserve)
#   POSTGRES_VERSION   major version of the Debian package  (default 15)
# As root, the server and its tools run as the `postgres` OS user, which owns the data dir.
set -euo pipefail
COMPONENT=postgres
# shellcheck source=../lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

PG_VERSION="${POSTGRES_VERSION:-15}"
PG_PORT="${POSTGRES_PORT:-5432}"
PG_HOME="${POSTGRES_DATA_DIR:-$LLMSERVE_DATA/postgres}"
PG_DB="${POSTGRES_DB:-llmserve}"
PG_USER="${POSTGRES_USER:-llmserve}"
PG_PASSWORD="${POSTGRES_PASSWORD:-llmserve}"
PG_BIN="/usr/lib/postgresql/$PG_VERSION/bin"
PGDATA_DIR="$PG_HOME/pgdata"
PG_SOCK="$PG_HOME/run"
PG_LOG="$PG_HOME/postgres.log"

if [ "$(id -u)" = 0 ]; then OS_USER=postgres; else OS_USER=$(id -un); fi

as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

installed() { [ -x "$PG_BIN/postgres" ] && [ -x "$PG_BIN/initdb" ] && [ -x "$PG_BIN/pg_ctl" ] && command -v psql >/dev/null 2>&1; }

cmd_install() {
  if installed; then return 0; fi
  local had_main=0
  [ -d "/etc/postgresql/$PG_VERSION/main" ] && had_main=1
  apt_install "postgresql-$PG_VERSION" postgresql-client-"$PG_VERSION"
  installed || die "PostgreSQL $PG_VERSION binaries not found in $PG_BIN after apt-get install"
  # The Debian package creates (and, where services may start, starts) a system cluster "main" on
  # 5432. We run our own cluster, so stop the fresh system one and keep it from autostarting.
  if [ "$had_main" = 0 ] && [ -d "/etc/postgresql/$PG_VERSION/main" ]; then
    log "stopping the system cluster $PG_VERSION/main that the package created (we run a private cluster)"
    pg_ctlcluster "$PG_VERSION" main stop 2>/dev/null || true
    echo manual >"/etc/postgresql/$PG_VERSION/main/start.conf" || true
  fi
}

pid() { pid_from_file "$PGDATA_DIR/postmaster.pid"; }

healthy() {
  PGPASSWORD="$PG_PASSWORD" PGCONNECT_TIMEOUT=3 psql -X -q -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" -d "$PG_DB" \
    -tAc 'select 1' 2>/dev/null | grep -qx 1
}

# The postgres OS user must be able to reach the data dir: give search (x) rights on the ancestors
# that lack it (e.g. a repo checked out under a 0700 home or /work folder).
make_reachable() {
  [ "$(id -u)" = 0 ] || return 0
  local d="$PG_HOME"
  while [ "$d" != "/" ]; do
    d=$(dirname "$d")
    if ! runuser -u postgres -- test -x "$d" 2>/dev/null; then
      log "granting o+x on $d so that the postgres user can reach $PG_HOME"
      chmod o+x "$d"
    fi
  done
}

init_cluster() {
  mkdir -p "$PG_HOME"
  if [ "$(id -u)" = 0 ]; then chown "$OS_USER": "$PG_HOME"; fi
  chmod 700 "$PG_HOME"
  make_reachable
  as_pg mkdir -p "$PG_SOCK"
  if [ -f "$PGDATA_DIR/PG_VERSION" ]; then return 0; fi
  log "initdb $PGDATA_DIR"
  as_pg "$PG_BIN/initdb" -D "$PGDATA_DIR" -U postgres -E UTF8 --locale=C.UTF-8 \
    --auth-local=trust --auth-host=scram-sha-256 >"$PG_HOME/initdb.log" 2>&1 \
    || die_with_log "$PG_HOME/initdb.log" "initdb failed"
  # Settings of ours; port, address and socket dir are given on the command line at each start.
  as_pg tee -a "$PGDATA_DIR/postgresql.conf" >/dev/null <<'EOF'

# ---- LLM Serve local development settings (deploy/local/components/postgres.sh) ----
max_connections = 200
password_encryption = scram-sha-256
log_min_messages = warning
log_line_prefix = '%m [%p] %q%u@%d '
timezone = 'UTC'
EOF
}

bootstrap_db() {
  local sql
  sql=$(cat <<EOF
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$PG_USER') THEN
    CREATE ROLE "$PG_USER" LOGIN CREATEDB PASSWORD '$PG_PASSWORD';
  END IF;
END \$\$;
SELECT 'CREATE DATABASE "$PG_DB" OWNER "$PG_USER"' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$PG_DB')\gexec
GRANT ALL ON DATABASE "$PG_DB" TO "$PG_USER";
EOF
)
  printf '%s\n' "$sql" | as_pg psql -X -q -v ON_ERROR_STOP=1 -h "$PG_SOCK" -p "$PG_PORT" -U postgres -d postgres >/dev/null \
    || die_with_log "$PG_LOG" "could not create role $PG_USER / database $PG_DB"
}

cmd_start() {
  cmd_install
  if pid >/dev/null; then
    if healthy; then log "already running (pid $(pid)) on 127.0.0.1:$PG_PORT"; return 0; fi
  else
    if port_open 127.0.0.1 "$PG_PORT"; then
      local hint=""
      command -v pg_lsclusters >/dev/null 2>&1 && pg_lsclusters -h 2>/dev/null | awk -v p="$PG_PORT" '$3==p && $4=="online"' | grep -q . \
        && hint=" A system cluster is online on it (see pg_lsclusters); stop it with: pg_ctlcluster $(pg_lsclusters -h | awk -v p="$PG_PORT" '$3==p && $4=="online" {print $1" "$2; exit}') stop"
      die "port $PG_PORT is already in use by another process: $(port_owner "$PG_PORT" | tr '\n' ' ').$hint"
    fi
    init_cluster
    log "starting on 127.0.0.1:$PG_PORT (data $PGDATA_DIR)"
    as_pg touch "$PG_LOG"
    # pg_ctl -w waits until the server accepts connections.
    as_pg "$PG_BIN/pg_ctl" -D "$PGDATA_DIR" -l "$PG_LOG" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -c port=$PG_PORT -c unix_socket_directories='$PG_SOCK'" start >/dev/null \
      || die_with_log "$PG_LOG" "PostgreSQL did not start on 127.0.0.1:$PG_PORT"
  fi
  bootstrap_db
  wait_until 30 healthy || die_with_log "$PG_LOG" "PostgreSQL is running but 'select 1' as $PG_USER@$PG_DB fails"
  log "ready: postgres://$PG_USER:$PG_PASSWORD@127.0.0.1:$PG_PORT/$PG_DB"
}

cmd_stop() {
  if ! pid >/dev/null; then log "not running"; return 0; fi
  local p; p=$(pid)
  log "stopping (pid $p)"
  as_pg "$PG_BIN/pg_ctl" -D "$PGDATA_DIR" -m fast -w -t 60 stop >/dev/null || stop_pid "$p" postgres 30
  wait_until 30 gone "$p" || die "PostgreSQL (pid $p) did not stop"
  log "stopped"
}

cmd_status() { report_status postgres "$PG_PORT" "$PG_HOME" healthy; }

case "${1:-}" in
  install) cmd_install ;;
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  pid) pid ;;
  log) echo "$PG_LOG" ;;
  *) echo "usage: $0 install|start|stop|status" >&2; exit 2 ;;
esac
