#!/usr/bin/env bash
# Installs what a fresh Debian machine lacks for the hub (run) or the tests (test). Idempotent and quiet when
# everything is present. Needs root (or sudo) only when something is missing.
set -euo pipefail
purpose="${1:-test}"

need_java() {
  if ! command -v java >/dev/null 2>&1; then
    apt_install openjdk-17-jdk-headless
  fi
  local version
  version=$(java -version 2>&1 | awk -F'"' '/version/ {print $2}' | cut -d. -f1)
  if [ "${version:-0}" -lt 17 ]; then
    echo "OneCity needs Java 17 or newer; found $version" >&2
    exit 1
  fi
}

apt_install() {
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  echo "Installing: $*"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

need_java
