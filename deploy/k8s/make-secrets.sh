#!/usr/bin/env bash
# Writes the production overlay's secret files (owner-only, git-ignored), once: KEY_PEPPER and
# SECRETS_KEY get 32 random bytes each; DATABASE_URL is the one you pass. Existing files are kept,
# since a new KEY_PEPPER invalidates every API key and a new SECRETS_KEY every stored vendor secret.
# Usage: make-secrets.sh 'postgres://USER:PASSWORD@HOST:5432/llmserve' [secrets-folder]
set -euo pipefail
database_url="${1:?usage: make-secrets.sh DATABASE_URL [secrets-folder]}"
folder="${2:-$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/overlays/production/secrets}"
mkdir -p "$folder"
umask 077
write_once() { [ -s "$folder/$1" ] || printf '%s' "$2" >"$folder/$1"; }
write_once KEY_PEPPER "$(head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')"
write_once SECRETS_KEY "$(head -c 32 /dev/urandom | base64 | tr -d '\n')"
write_once DATABASE_URL "$database_url"
echo "secret files in $folder: $(ls "$folder" | tr '\n' ' ')"
