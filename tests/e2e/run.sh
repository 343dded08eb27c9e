#!/usr/bin/env bash
# End-to-end tests in real Chromium (Debian package, driven by playwright-core).
# Installs Chromium when missing (CI and fresh machines run as root), builds the PWA, then
# runs the e2e suite; each test file starts the real server on a free port.
set -euo pipefail
cd "$(dirname "$0")/../.."
if ! command -v chromium >/dev/null 2>&1; then
  echo "Chromium is missing: installing Debian's chromium package"
  if [ "$(id -u)" -ne 0 ]; then
    echo "error: installing chromium needs root (apt-get install -y chromium)" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium >/dev/null
fi
export CHROMIUM_PATH="${CHROMIUM_PATH:-$(command -v chromium)}"
npm run --silent build >/dev/null
mkdir -p test-results
npx vitest run --config tests/e2e/vitest.config.ts --reporter=default --reporter=json \
  --outputFile.json=test-results/e2e.json
