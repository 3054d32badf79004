#!/usr/bin/env bash
# What tests may leave behind if they do not clean up: their servers' processes and their temporary folders.
# Printed one per line, sorted, so that `./onecity test` can compare before and after the suite.
tmp="${TMPDIR:-/tmp}"
{
  pgrep -af 'postgres -D .*onecity-test-pg' | sed 's/^[0-9]* /process: /' || true
  pgrep -af 'storescp|Orthanc|gdcmconv|chromedriver|chromium' | grep -v pgrep | sed 's/^[0-9]* /process: /' || true
  find "$tmp" -maxdepth 1 -mindepth 1 \( -name 'onecity-*' -o -name 'tomcat.*' -o -name 'tomcat-docbase.*' \
    -o -name 'junit*' -o -name 'jazzer*' -o -name 'statement*' -o -name 'bad-statement*' -o -name 'h001-*' \
    -o -name '.org.chromium.*' -o -name 'scoped_dir*' -o -name 'vertx-cache' -o -name 'uploads' \) \
    -printf 'file: %p\n' 2>/dev/null || true
} | sort
