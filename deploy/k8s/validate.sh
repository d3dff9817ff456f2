#!/usr/bin/env bash
# Renders deploy/k8s (the base, and the production overlay with throwaway secret files) and
# validates every object against the Kubernetes OpenAPI schemas, offline: kubernetes-validate (PyPI)
# ships the schemas. Then checks our own rules (policy-check.py): probes, resources, a PDB per
# Deployment, the gateway's HPA. Installs what it needs into ~/.cache/llm-serve/k8s-tools once.
# Exits non-zero on any invalid manifest. Usage: validate.sh [k8s-folder]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source_dir="$(cd "${1:-$here}" && pwd)"
tools="${LLMSERVE_CACHE:-$HOME/.cache/llm-serve}/k8s-tools"
# The oldest Kubernetes we support; the schemas of newer ones accept the same objects.
KUBERNETES_VERSION="${KUBERNETES_VERSION:-1.32.0}"
VALIDATOR_VERSION=1.37.0
KUSTOMIZE_MODULE=sigs.k8s.io/kustomize/kustomize/v5@v5.7.1
log() { printf '[k8s-validate] %s\n' "$*" >&2; }
started=$SECONDS

ensure_validator() {
  local marker="$tools/venv/.kubernetes-validate-$VALIDATOR_VERSION"
  [ -f "$marker" ] && return 0
  log "installing kubernetes-validate $VALIDATOR_VERSION into $tools/venv"
  python3 -m venv "$tools/venv"
  "$tools/venv/bin/pip" install -q --disable-pip-version-check "kubernetes-validate==$VALIDATOR_VERSION"
  touch "$marker"
}

# kustomize: kubectl's built-in one when it is v5, else the pinned module built with Go once.
kustomize_build() {
  if [ -x "$tools/bin/kustomize" ]; then "$tools/bin/kustomize" build "$1"; return; fi
  if command -v kubectl >/dev/null && kubectl version --client 2>/dev/null | grep -q 'Kustomize Version: v5'; then
    kubectl kustomize "$1"; return
  fi
  command -v go >/dev/null || { log "need kubectl (with kustomize v5) or Go to render the manifests"; exit 1; }
  log "building $KUSTOMIZE_MODULE into $tools/bin (once)"
  GOBIN="$tools/bin" go install "$KUSTOMIZE_MODULE" >&2
  "$tools/bin/kustomize" build "$1"
}

mkdir -p "$tools"
ensure_validator
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp -r "$source_dir" "$work/k8s"
rm -f "$work/k8s/overlays/production/secrets/"[A-Z]*
bash "$work/k8s/make-secrets.sh" 'postgres://validate:validate@postgres:5432/llmserve' "$work/k8s/overlays/production/secrets" >/dev/null
kustomize_build "$work/k8s/base" >"$work/base.yaml"
kustomize_build "$work/k8s/overlays/production" >"$work/production.yaml"
for rendered in base production; do
  if ! "$tools/venv/bin/kubernetes-validate" --strict --quiet -k "$KUBERNETES_VERSION" "$work/$rendered.yaml" >"$work/$rendered.out" 2>&1; then
    cat "$work/$rendered.out" >&2
    log "INVALID: the $rendered rendering fails the Kubernetes $KUBERNETES_VERSION schemas"
    exit 1
  fi
done
"$tools/venv/bin/python" "$here/policy-check.py" "$work/production.yaml"
log "ok: base and production overlay render and validate against Kubernetes $KUBERNETES_VERSION ($(grep -c '^kind:' "$work/production.yaml") objects, $((SECONDS - started)) s)"
