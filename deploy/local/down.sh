#!/usr/bin/env bash
# Stops every instance of the seven services (SERVICES_SCALE); with --infra, the infrastructure servers too.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
bash "$here/services.sh" stop
if [ "${1:-}" = "--infra" ]; then bash "$here/infra.sh" down; fi
