#!/usr/bin/env bash
# Headless Chromium from Debian's `chromium` package, for the admin console's browser tests
# (packages/console, driven by playwright-core: no browser download). Idempotent and quiet: it
# installs only when no chromium binary is found (and a CJK font when none is, so that the zh-CN
# screenshots show Chinese rather than empty boxes), and prints the binary's path on stdout.
# Usage: chromium.sh [install]
# Environment:
#   CHROMIUM_PATH   a chromium binary to use instead (checked, never installed over)
set -euo pipefail
COMPONENT=chromium
# shellcheck source=../lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

find_chromium() {
  if [ -n "${CHROMIUM_PATH:-}" ]; then [ -x "$CHROMIUM_PATH" ] && printf '%s\n' "$CHROMIUM_PATH"; return; fi
  command -v chromium 2>/dev/null || command -v chromium-browser 2>/dev/null
}

has_cjk_font() { command -v fc-list >/dev/null 2>&1 && [ -n "$(fc-list :lang=zh 2>/dev/null | head -n 1)" ]; }

cmd_install() {
  local binary
  has_cjk_font || apt_install fonts-wqy-microhei
  if binary=$(find_chromium); then printf '%s\n' "$binary"; return 0; fi
  [ -z "${CHROMIUM_PATH:-}" ] || die "CHROMIUM_PATH=$CHROMIUM_PATH is not an executable"
  local started=$SECONDS
  apt_install chromium
  binary=$(find_chromium) || die "chromium not found after apt-get install chromium"
  log "installed $("$binary" --version 2>/dev/null | head -n 1) in $((SECONDS - started)) s"
  printf '%s\n' "$binary"
}

case "${1:-install}" in
  install) cmd_install ;;
  *) die "usage: $0 [install]" ;;
esac
