#!/usr/bin/env bash
# Makes sure Debian's Chromium is installed (tests and benchmarks drive it through
# playwright-core; `npx playwright install` cannot download browsers here), then prints its
# path. Installing needs root, as on CI and fresh machines.
set -euo pipefail
if ! command -v chromium >/dev/null 2>&1; then
  echo "Chromium is missing: installing Debian's chromium package" >&2
  if [ "$(id -u)" -ne 0 ]; then
    echo "error: installing chromium needs root (apt-get install -y chromium)" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq chromium >/dev/null
fi
command -v chromium
