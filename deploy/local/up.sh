#!/usr/bin/env bash
# Brings up the whole platform on a fresh Debian/Ubuntu machine that has Node and Java:
# toolchain (Node 24, pnpm) → dependencies → build → infrastructure (PostgreSQL, Redis, Kafka, Nacos)
# → the seven services. Safe to run again: it only does what is missing.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"

bash "$here/toolchain.sh"
if [ "$(id -u)" = 0 ]; then export PATH="/usr/local/bin:$PATH"; else export PATH="$HOME/.local/bin:$PATH"; fi
cd "$root"
pnpm install --frozen-lockfile
pnpm build
bash "$here/infra.sh" up
bash "$here/services.sh" start

cat <<MSG

LLM Serve is up.
  OpenAI-compatible API:  http://127.0.0.1:8080/v1
  Admin API:              http://127.0.0.1:8080/admin
  Bootstrap admin:        $root/.data/bootstrap-admin.json (owner-only; written on the first start:
                          the admin token and the one curl call that creates your first API key)
  Demo model:             llmserve-demo (the built-in mock provider; no vendor account needed)
  Logs:                   $root/.data/logs/<service>.log
  Server secrets:         $root/.data/secrets.env (owner-only)
  Stop:                   bash deploy/local/down.sh   (add --infra to stop the servers too)
MSG
