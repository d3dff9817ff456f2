#!/usr/bin/env bash
# LLM Serve local infrastructure without Docker: PostgreSQL, Redis, Kafka and Nacos (r-nacos) run as
# native processes bound to 127.0.0.1, with their data in <repo>/.data and downloads/builds cached in
# ${LLMSERVE_CACHE:-~/.cache/llm-serve}. See docs/adr/0002-native-infrastructure.md.
#
# Usage: infra.sh up|down|status|logs|install [component...]
#   up       install what is missing, start what is down (leave what is up), wait until healthy
#   down     stop the components (in reverse order)
#   status   table of the components; exit 0 only when all listed are up
#   logs     follow the log of one component on a terminal (else print its end; all: the ends of all)
#   install  only install / download / build
# Components: postgres redis nacos kafka (default: all).
#
# Endpoints (fixed, dev only):
#   DATABASE_URL=postgres://llmserve:llmserve@127.0.0.1:5432/llmserve
#   REDIS_URL=redis://127.0.0.1:6379
#   KAFKA_BROKERS=127.0.0.1:9092          (KRaft controller 127.0.0.1:9093)
#   NACOS_ADDR=http://127.0.0.1:8848      (SDK gRPC 9848, console http://127.0.0.1:10848)
set -euo pipefail
COMPONENT=infra
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib.sh
source "$HERE/lib.sh"

# nacos before kafka: rnacos's start-up race (see components/nacos.sh) is likelier while Kafka's JVM warms up.
ALL=(postgres redis nacos kafka)

usage() { sed -n '2,18p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 2; }

action="${1:-}"; [ -n "$action" ] || usage; shift
comps=("$@"); [ "${#comps[@]}" -gt 0 ] || comps=("${ALL[@]}")
for c in "${comps[@]}"; do
  [ -x "$HERE/components/$c.sh" ] || [ -f "$HERE/components/$c.sh" ] || die "unknown component '$c' (known: ${ALL[*]})"
done

run() { bash "$HERE/components/$1.sh" "$2"; }

print_status() {
  local c rc=0 line pid rss table
  table=$'COMPONENT\tSTATE\tPID\tRSS\tENDPOINT\tDATA\n'
  for c in "${comps[@]}"; do
    line=$(run "$c" status) || rc=1
    pid=$(cut -f3 <<<"$line")
    if [ "$pid" != "-" ]; then rss=$(rss_of "$pid"); else rss="-"; fi
    table+=$(awk -F'\t' -v rss="$rss" 'BEGIN{OFS="\t"} {print $1,$2,$3,rss,$4,$5}' <<<"$line")$'\n'
  done
  printf '%s' "$table" | column -t -s $'\t'
  return $rc
}

case "$action" in
  up)
    failed=()
    for c in "${comps[@]}"; do
      t0=$(date +%s.%N)
      if run "$c" start; then
        log "$c up in $(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN{printf "%.1f", b-a}')s"
      else
        failed+=("$c")
      fi
    done
    echo
    print_status || true
    if [ "${#failed[@]}" -gt 0 ]; then die "could not start: ${failed[*]} (see the messages above)"; fi
    cat <<EOF

DATABASE_URL=postgres://llmserve:llmserve@127.0.0.1:${POSTGRES_PORT:-5432}/llmserve
REDIS_URL=redis://127.0.0.1:${REDIS_PORT:-6379}
KAFKA_BROKERS=127.0.0.1:${KAFKA_PORT:-9092}
NACOS_ADDR=http://127.0.0.1:${NACOS_PORT:-8848}
EOF
    ;;
  down)
    rc=0
    for (( i=${#comps[@]}-1; i>=0; i-- )); do run "${comps[$i]}" stop || rc=1; done
    exit $rc
    ;;
  status)
    print_status
    ;;
  install)
    for c in "${comps[@]}"; do run "$c" install; done
    ;;
  logs)
    if [ "${#comps[@]}" -eq 1 ]; then
      f=$(run "${comps[0]}" log)
      [ -f "$f" ] || die "no log yet at $f"
      # Follow the log on a terminal; print its end otherwise (CI, pipes).
      if [ -t 1 ]; then exec tail -n "${LINES_BACK:-100}" -F "$f"; fi
      exec tail -n "${LINES_BACK:-100}" "$f"
    fi
    for c in "${comps[@]}"; do
      f=$(run "$c" log)
      echo "==== $c: $f ===="
      if [ -f "$f" ]; then tail -n "${LINES_BACK:-20}" "$f"; else echo "(no log yet)"; fi
    done
    ;;
  -h|--help|help) usage ;;
  *) usage ;;
esac
