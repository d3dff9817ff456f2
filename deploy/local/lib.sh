# shellcheck shell=bash
# Shared helpers for deploy/local/infra.sh and deploy/local/components/*.sh. Source it; do not run it.
#
# Paths (all overridable from the environment):
#   LLMSERVE_ROOT   the repository (computed from this file's location)
#   LLMSERVE_DATA   runtime data of the local servers        (default <repo>/.data, git-ignored)
#   LLMSERVE_CACHE  downloaded jars and built binaries       (default ~/.cache/llm-serve)

LLMSERVE_ROOT="${LLMSERVE_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"
LLMSERVE_DATA="${LLMSERVE_DATA:-$LLMSERVE_ROOT/.data}"
LLMSERVE_CACHE="${LLMSERVE_CACHE:-$HOME/.cache/llm-serve}"
LLMSERVE_DEPLOY="$LLMSERVE_ROOT/deploy/local"
export LLMSERVE_ROOT LLMSERVE_DATA LLMSERVE_CACHE

COMPONENT="${COMPONENT:-infra}"

log()  { printf '[%s] %s\n' "$COMPONENT" "$*" >&2; }
warn() { printf '[%s] WARNING: %s\n' "$COMPONENT" "$*" >&2; }
die()  { printf '[%s] ERROR: %s\n' "$COMPONENT" "$*" >&2; exit 1; }

# die_with_log LOGFILE MESSAGE: fail and show the end of the server's log.
die_with_log() {
  local logfile="$1"; shift
  printf '[%s] ERROR: %s\n' "$COMPONENT" "$*" >&2
  if [ -f "$logfile" ]; then
    printf '[%s] ---- last 40 lines of %s ----\n' "$COMPONENT" "$logfile" >&2
    tail -n 40 "$logfile" >&2 || true
    printf '[%s] ---- end of log ----\n' "$COMPONENT" >&2
  else
    printf '[%s] (no log file at %s)\n' "$COMPONENT" "$logfile" >&2
  fi
  exit 1
}

# port_open HOST PORT: true when something accepts TCP connections there.
port_open() {
  timeout 2 bash -c 'exec 3<>"/dev/tcp/$0/$1"' "$1" "$2" 2>/dev/null
}

# port_owner PORT: "pid/command" lines of the processes listening on PORT (needs ss; may be empty).
port_owner() {
  command -v ss >/dev/null 2>&1 || return 0
  ss -Hltnp "sport = :$1" 2>/dev/null | sed -n 's/.*users:((\(.*\)))/\1/p' | head -n 3
}

# alive PID: the process exists and is not a zombie. (Daemons are re-parented to PID 1, which on
# some machines and containers reaps exited children only every few seconds; kill -0 alone would
# call such a zombie alive.)
alive() {
  kill -0 "$1" 2>/dev/null || return 1
  local state
  state=$(sed -n 's/^State:[[:space:]]*\([A-Z]\).*/\1/p' "/proc/$1/status" 2>/dev/null) || return 0
  [ "$state" != Z ] && [ "$state" != X ]
}
gone() { ! alive "$1"; }

# pid_from_file FILE: prints the pid in FILE when that process is alive.
pid_from_file() {
  local f="$1" pid
  [ -f "$f" ] || return 1
  pid=$(head -n 1 "$f" 2>/dev/null | tr -dc '0-9')
  [ -n "$pid" ] && alive "$pid" || return 1
  printf '%s\n' "$pid"
}

# wait_until SECONDS CHECK_CMD...: polls CHECK_CMD every 0.2 s until it succeeds or time runs out.
wait_until() {
  local limit="$1"; shift
  local deadline=$(( $(date +%s) + limit ))
  while :; do
    if "$@" >/dev/null 2>&1; then return 0; fi
    [ "$(date +%s)" -ge "$deadline" ] && return 1
    sleep 0.2
  done
}

# stop_pid PID NAME [SECONDS]: SIGTERM, wait for the process to go, SIGKILL after SECONDS (default 30).
stop_pid() {
  local pid="$1" name="$2" limit="${3:-30}"
  alive "$pid" || return 0
  kill -TERM "$pid" 2>/dev/null || true
  if ! wait_until "$limit" gone "$pid"; then
    warn "$name (pid $pid) did not stop within ${limit}s; sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    wait_until 10 gone "$pid" || die "$name (pid $pid) survived SIGKILL"
  fi
}

# require_free_port PORT WHAT: fail clearly when PORT on 127.0.0.1 is taken by something else.
require_free_port() {
  local port="$1" what="$2" owner
  if port_open 127.0.0.1 "$port"; then
    owner=$(port_owner "$port" | tr '\n' ' ')
    die "port $port ($what) is already in use by another process${owner:+: $owner}. Stop it or choose another port."
  fi
}

# apt_install PACKAGE...: installs Debian packages (root only); runs apt-get update once if needed.
APT_UPDATED=0
apt_install() {
  command -v apt-get >/dev/null 2>&1 || die "apt-get not found: install $* yourself"
  local sudo=""
  if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null 2>&1 || die "need root (or sudo) to apt-get install $*"
    sudo="sudo"
  fi
  log "apt-get install $*"
  if [ "$APT_UPDATED" = 0 ] && ! apt-cache policy "$1" 2>/dev/null | grep -q 'Candidate: [0-9]'; then
    $sudo apt-get update -qq || die "apt-get update failed"
    APT_UPDATED=1
  fi
  if ! DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$@" >/dev/null; then
    [ "$APT_UPDATED" = 1 ] || { $sudo apt-get update -qq && APT_UPDATED=1; }
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$@" >/dev/null \
      || die "apt-get install $* failed"
  fi
}

# start_daemon PIDFILE LOGFILE WORKDIR CMD...: runs CMD detached (own session, no stdin), writes its pid.
start_daemon() {
  local pidfile="$1" logfile="$2" workdir="$3"; shift 3
  (
    cd "$workdir" || exit 1
    # setsid: the server must survive the terminal / job that started it. In a non-interactive
    # subshell the background child is not a process-group leader, so setsid execs in place and $!
    # is the server's own pid.
    setsid "$@" </dev/null >>"$logfile" 2>&1 &
    echo $! >"$pidfile"
  )
}

# status_line NAME STATE PID ENDPOINT DATA: one row of the status table (tab separated).
status_line() { printf '%s\t%s\t%s\t%s\t%s\n' "$@"; }

# rss_of PID: resident memory in MiB (integer), or "-".
rss_of() {
  local kb
  kb=$(awk '/^VmRSS:/ {print $2}' "/proc/$1/status" 2>/dev/null) || true
  [ -n "$kb" ] && echo "$(( kb / 1024 ))MiB" || echo "-"
}

# report_status NAME PORT DIR CHECK [NOT_READY_WORD]: one status line of a component (using its pid()
# function and the CHECK command for readiness); exits 0 up, 1 running but not ready, 3 down.
report_status() {
  local name="$1" port="$2" dir="$3" check="$4" not_ready="${5:-unhealthy}" p
  if p=$(pid); then
    if "$check" >/dev/null 2>&1; then status_line "$name" up "$p" "127.0.0.1:$port" "$dir"; return 0; fi
    status_line "$name" "$not_ready" "$p" "127.0.0.1:$port" "$dir"; return 1
  fi
  status_line "$name" down - "127.0.0.1:$port" "$dir"; return 3
}
