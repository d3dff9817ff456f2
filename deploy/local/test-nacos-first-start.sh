#!/usr/bin/env bash
# Proves that a first start of Nacos (rnacos) on a fresh machine works, whatever the machine's load:
# RUNS (default 30) fresh starts in a row of `components/nacos.sh start`, each on its own ports and
# its own empty data folder, while LOAD_PROCESSES (default 2) busy loops keep the CPU loaded. Counts
# the starts that failed, and how many rnacos start-up panics the script had to retry.
# Never touches the platform's Nacos (8848/9848/10848, .data/nacos): ports come from PORT_BASE up.
# Usage: deploy/local/test-nacos-first-start.sh            (exit 0 = zero failures)
# Environment: RUNS, LOAD_PROCESSES, PORT_BASE (default 28000: run i uses PORT_BASE+3i .. +3i+2),
#   NACOS_SH (the start script under test; default components/nacos.sh)
set -euo pipefail
COMPONENT=nacos-first-start
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

RUNS="${RUNS:-30}"
LOAD_PROCESSES="${LOAD_PROCESSES:-2}"
PORT_BASE="${PORT_BASE:-28000}"
NACOS_SH="${NACOS_SH:-$LLMSERVE_DEPLOY/components/nacos.sh}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/llms-nacos-first-start.XXXXXX")"
LOAD_PIDS=()

cleanup() {
  local p
  for p in "${LOAD_PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

"$NACOS_SH" install
for _ in $(seq 1 "$LOAD_PROCESSES"); do
  # A busy loop per process: the CPU load under which rnacos lost its start-up race most often.
  yes >/dev/null &
  LOAD_PIDS+=("$!")
done
log "$RUNS fresh starts with $LOAD_PROCESSES busy loops; work folder $WORK"

failures=0 panics=0 retried_runs=0 extra_starts=0 slowest=0
for run in $(seq 1 "$RUNS"); do
  http=$((PORT_BASE + 3 * run)) dir="$WORK/run-$run"
  started=$SECONDS
  if NACOS_PORT=$http NACOS_GRPC_PORT=$((http + 1)) NACOS_CONSOLE_PORT=$((http + 2)) NACOS_DATA_DIR="$dir" \
    "$NACOS_SH" start >"$WORK/run-$run.out" 2>&1; then
    outcome=ok
  else
    outcome=FAILED; failures=$((failures + 1))
    tail -n 5 "$WORK/run-$run.out" >&2
  fi
  took=$((SECONDS - started)); [ "$took" -gt "$slowest" ] && slowest=$took
  run_panics=$(grep -c 'panicked at' "$dir/nacos.log" 2>/dev/null || true)
  panics=$((panics + ${run_panics:-0}))
  starts=$(sed -n 's/.* after \([0-9][0-9]*\) start(s).*/\1/p' "$WORK/run-$run.out" | tail -n 1)
  [ "${starts:-1}" -gt 1 ] && { retried_runs=$((retried_runs + 1)); extra_starts=$((extra_starts + starts - 1)); }
  log "run $run: $outcome in ${took}s (ports $http/$((http + 1))/$((http + 2)); rnacos started ${starts:-?} time(s); panics in its log: ${run_panics:-0})"
  NACOS_PORT=$http NACOS_GRPC_PORT=$((http + 1)) NACOS_CONSOLE_PORT=$((http + 2)) NACOS_DATA_DIR="$dir" \
    "$NACOS_SH" stop >/dev/null 2>&1 || true
  rm -rf "$dir"
done
log "result: $failures failed of $RUNS fresh starts under load; $retried_runs run(s) needed more than one rnacos start ($extra_starts retried start(s), $panics panic line(s) in the logs); slowest ${slowest}s"
[ "$failures" -eq 0 ]
