#!/usr/bin/env bash
# `pnpm test`: every test of every package, unit and integration, against the real PostgreSQL,
# Redis, Kafka and Nacos (started here if they are not running). Prints one closing line
# "tests: N passed, N failed".
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"

bash "$here/infra.sh" up || exit 1
bash "$root/deploy/k8s/validate.sh" || { echo "tests: 0 passed, 1 failed (deploy/k8s does not validate)"; exit 1; }
bash "$root/deploy/grafana/validate.sh" || { echo "tests: 0 passed, 1 failed (deploy/grafana does not match Grafana's schema)"; exit 1; }
bash "$here/components/python-sdks.sh" || exit 1  # the vendors' Python SDKs for packages/sdk-contract
bash "$here/components/chromium.sh" >/dev/null || exit 1  # Debian's chromium for the console's browser test

output="$(mktemp)"
trap 'rm -f "$output"' EXIT
pnpm exec turbo run test --continue --concurrency=2 --output-logs=full 2>&1 | tee "$output"
status=${PIPESTATUS[0]}

count() { sed -e 's/\x1b\[[0-9;]*m//g' "$output" | grep -E 'Tests +[0-9]' | grep -oE "[0-9]+ $1" | awk '{ sum += $1 } END { print sum + 0 }'; }
passed=$(count passed)
failed=$(count failed)
# After the build the tests did: two instances of a service through SERVICES_SCALE (deploy/local).
tests_ran=$passed
if bash "$here/scale-check.sh"; then passed=$((passed + 1)); else failed=$((failed + 1)); status=1; fi
echo "tests: ${passed:-0} passed, ${failed:-0} failed"
if [ "$status" -eq 0 ] && [ "${tests_ran:-0}" -eq 0 ]; then
  echo "no test ran" >&2
  exit 1
fi
exit "$status"
