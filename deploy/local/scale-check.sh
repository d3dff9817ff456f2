#!/usr/bin/env bash
# Checks SERVICES_SCALE end to end: starts two instances of one service (default analytics, which
# with its own Kafka topic prefix reads nothing and writes nothing)
# through services.sh, expects both ready on their own ports and both registered in Nacos, stops
# them, expects none left. Runs beside a running platform without touching it: its own data folder
# (pid and log files), Nacos group, Kafka topic prefix and ports (SERVICES_PORT_OFFSET).
# Usage: scale-check.sh [service]   (needs the infrastructure up and the service built)
set -euo pipefail
COMPONENT=scale-check
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

service="${1:-analytics}"
run_id="scale-check-$$"
LLMSERVE_DATA="$(mktemp -d)"
export LLMSERVE_DATA SERVICES_SCALE="$service=2" SERVICES_PORT_OFFSET="${SCALE_CHECK_PORT_OFFSET:-7}"
export NACOS_GROUP="$run_id" EVENT_NAMESPACE="$run_id"
services="$LLMSERVE_DEPLOY/services.sh"
cleanup() { bash "$services" stop "$service" >/dev/null 2>&1 || true; rm -rf "$LLMSERVE_DATA"; }
trap cleanup EXIT

registered() {
  curl -fsS -G "${NACOS_ADDR:-http://127.0.0.1:8848}/nacos/v1/ns/instance/list" --data-urlencode "serviceName=llm-serve.$service" \
    --data-urlencode "groupName=$NACOS_GROUP" --data-urlencode healthyOnly=true | grep -o '"port":[0-9]*' | sort -u | wc -l
}
registered_is() { [ "$(registered)" = "$1" ]; }

started=$SECONDS
bash "$services" start "$service"
wait_until 30 registered_is 2 || die "expected 2 instances of $service in Nacos group $NACOS_GROUP, found $(registered)"
for file in "logs/$service-2.log" "run/$service-2.pid"; do
  [ -f "$LLMSERVE_DATA/$file" ] || die "instance 2 has no $file"
done
bash "$services" status "$service" | grep -c ' up ' | grep -qx 2 || die "status does not show 2 instances up"
bash "$services" stop "$service"
wait_until 30 registered_is 0 || die "instances of $service still registered in Nacos after stop: $(registered)"
[ -z "$(ls -A "$LLMSERVE_DATA/run")" ] || die "pid files left after stop: $(ls "$LLMSERVE_DATA/run")"
log "ok: 2 instances of $service started, registered in Nacos on their own ports, stopped and deregistered ($((SECONDS - started)) s)"
