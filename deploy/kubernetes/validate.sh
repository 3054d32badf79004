#!/usr/bin/env bash
# Renders every Kustomize overlay of deploy/kubernetes and validates every document against the Kubernetes,
# CloudNativePG and Prometheus operator schemas; checks that each deliberately broken case in validate/broken is
# rejected. Exits non-zero on any error. docs/deploy.md, "What is validated, and how", says what is checked.
# Needs Node.js 18+ and npm (deploy/prerequisites.sh installs them); the packages are pinned in
# validate/package-lock.json and installed with npm ci into validate/node_modules.
set -euo pipefail
cd "$(dirname "$0")/validate"

if ! command -v npm >/dev/null 2>&1; then
  echo "npm is missing: run deploy/prerequisites.sh (it installs Debian's nodejs and npm)" >&2
  exit 1
fi
# install only when the lock file changed since the last install
if ! cmp -s package-lock.json node_modules/.onecity-installed 2>/dev/null; then
  npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json node_modules/.onecity-installed
fi
node validate.mjs
