#!/usr/bin/env bash
# End-to-end tests in real Chromium (Debian package, driven by playwright-core).
# Installs Chromium when missing (CI and fresh machines run as root), builds the PWA, then
# runs the e2e suite; each test file starts the real server on a free port.
set -euo pipefail
cd "$(dirname "$0")/../.."
CHROMIUM_PATH="${CHROMIUM_PATH:-$(bash scripts/ensure-chromium.sh)}"
export CHROMIUM_PATH
npm run --silent build >/dev/null
mkdir -p test-results
npx vitest run --config tests/e2e/vitest.config.ts --reporter=default --reporter=json \
  --outputFile.json=test-results/e2e.json
