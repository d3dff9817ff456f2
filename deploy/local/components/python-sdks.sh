#!/usr/bin/env bash
# The Python virtual environment with the vendors' official SDKs (packages/sdk-contract/python/requirements.txt)
# that the SDK contract suite drives against the testkit's mock vendors. Idempotent: the venv is rebuilt only
# when the requirements change (their sha256 is stamped into it). Only PyPI is used.
# Usage: python-sdks.sh [install]          prints nothing else on success but its log lines
# Environment:
#   LLMSERVE_SDK_VENV   where the venv lives (default $LLMSERVE_CACHE/python-sdks)
#   PYTHON              the interpreter to build it from (default python3; 3.9 or newer)
set -euo pipefail
COMPONENT=python-sdks
# shellcheck source=../lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

REQUIREMENTS="$LLMSERVE_ROOT/packages/sdk-contract/python/requirements.txt"
VENV="${LLMSERVE_SDK_VENV:-$LLMSERVE_CACHE/python-sdks}"
PYTHON="${PYTHON:-python3}"

wanted_stamp() { sha256sum "$REQUIREMENTS" | cut -d' ' -f1; }
up_to_date() { [ -x "$VENV/bin/python" ] && [ "$(cat "$VENV/.requirements.sha256" 2>/dev/null)" = "$(wanted_stamp)" ]; }

# Debian's python3 lacks venv/ensurepip until python3-venv is installed.
ensure_venv_module() {
  command -v "$PYTHON" >/dev/null 2>&1 || apt_install python3
  if ! "$PYTHON" -c 'import venv, ensurepip' >/dev/null 2>&1; then apt_install python3-venv; fi
}

cmd_install() {
  if up_to_date; then log "venv up to date at $VENV"; return 0; fi
  ensure_venv_module
  local started=$SECONDS
  log "creating $VENV with $("$PYTHON" --version 2>&1) (the SDK pins of $REQUIREMENTS)"
  rm -rf "$VENV"
  mkdir -p "$(dirname "$VENV")"
  "$PYTHON" -m venv "$VENV"
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --no-input -r "$REQUIREMENTS" \
    || { rm -rf "$VENV"; die "pip install -r $REQUIREMENTS failed"; }
  wanted_stamp >"$VENV/.requirements.sha256"
  log "installed in $((SECONDS - started)) s"
}

case "${1:-install}" in
  install) cmd_install ;;
  *) die "usage: $0 [install]" ;;
esac
