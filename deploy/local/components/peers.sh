#!/usr/bin/env bash
# The peer gateways that `pnpm bench --peers` measures beside LLM Serve, installed from the registries into a
# cache outside the repository (never into the work tree, never into pnpm's workspace):
#   portkey   @portkey-ai/gateway from npm, pins in bench/peers/portkey/package.json
#             (@hono/node-server overridden to its own lockfile's 1.13.5: with a newer one every stream is a 500)
#   litellm   the LiteLLM proxy from PyPI in its own venv, pins in bench/peers/litellm/requirements.txt
# one-api (optional in issue #19) is not here: the Go module proxy answers 403 "not available" for
# github.com/songquanpeng/one-api, and it may be fetched from nowhere else.
# Idempotent: each peer is reinstalled only when its pins change (their sha256 is stamped into its directory).
# Usage: peers.sh [install] [portkey|litellm|all]     (default: all)
#        peers.sh dir                                         prints the cache directory
# Environment:
#   LLMSERVE_PEERS_DIR  where the peers live (default $LLMSERVE_CACHE/peers)
#   PYTHON              the interpreter for LiteLLM's venv (default python3; 3.9 or newer)
#   NODE                the node whose npm installs Portkey (default: node on PATH; 18 or newer)
set -euo pipefail
COMPONENT=peers
# shellcheck source=../lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

PEERS_DIR="${LLMSERVE_PEERS_DIR:-$LLMSERVE_CACHE/peers}"
PINS="$LLMSERVE_ROOT/bench/peers"
PYTHON="${PYTHON:-python3}"

stamp_of() { sha256sum "$@" | sha256sum | cut -d' ' -f1; }
up_to_date() { [ -f "$1/.pins.sha256" ] && [ "$(cat "$1/.pins.sha256")" = "$2" ]; }

install_portkey() {
  local target="$PEERS_DIR/portkey" stamp
  stamp="$(stamp_of "$PINS/portkey/package.json")"
  if up_to_date "$target" "$stamp"; then log "portkey up to date at $target"; return 0; fi
  command -v npm >/dev/null 2>&1 || die "npm not found (Node 18 or newer on PATH; see README's set-up)"
  local started=$SECONDS
  log "installing portkey into $target (pins of $PINS/portkey/package.json)"
  rm -rf "$target" && mkdir -p "$target"
  cp "$PINS/portkey/package.json" "$target/package.json"
  (cd "$target" && npm install --omit=dev --no-audit --no-fund --loglevel=error >"$target/npm-install.log" 2>&1) \
    || { tail -20 "$target/npm-install.log" >&2; rm -rf "$target"; die "npm install of portkey failed"; }
  local hono
  hono="$(node -p "require('$target/node_modules/@hono/node-server/package.json').version")"
  [ "$hono" = "1.13.5" ] || { rm -rf "$target"; die "@hono/node-server resolved to $hono, not 1.13.5"; }
  echo "$stamp" >"$target/.pins.sha256"
  log "portkey installed in $((SECONDS - started)) s"
}

install_litellm() {
  local target="$PEERS_DIR/litellm" stamp
  stamp="$(stamp_of "$PINS/litellm/requirements.txt")"
  if up_to_date "$target" "$stamp" && [ -x "$target/bin/litellm" ]; then log "litellm up to date at $target"; return 0; fi
  command -v "$PYTHON" >/dev/null 2>&1 || apt_install python3
  if ! "$PYTHON" -c 'import venv, ensurepip' >/dev/null 2>&1; then apt_install python3-venv; fi
  local started=$SECONDS
  log "creating $target with $("$PYTHON" --version 2>&1) (pins of $PINS/litellm/requirements.txt)"
  rm -rf "$target" && mkdir -p "$(dirname "$target")"
  "$PYTHON" -m venv "$target"
  "$target/bin/python" -m pip install --quiet --disable-pip-version-check --no-input -r "$PINS/litellm/requirements.txt" \
    || { rm -rf "$target"; die "pip install of litellm failed"; }
  echo "$stamp" >"$target/.pins.sha256"
  log "litellm installed in $((SECONDS - started)) s"
}

cmd_install() {
  mkdir -p "$PEERS_DIR"
  case "${1:-default}" in
    portkey) install_portkey ;;
    litellm) install_litellm ;;
    default | all) install_portkey; install_litellm ;;
    *) die "unknown peer: $1 (portkey, litellm, all)" ;;
  esac
}

case "${1:-install}" in
  install) shift || true; cmd_install "${1:-default}" ;;
  dir) echo "$PEERS_DIR" ;;
  *) die "usage: $0 [install] [portkey|litellm|all] | dir" ;;
esac
