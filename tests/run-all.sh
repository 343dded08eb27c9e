#!/usr/bin/env bash
# The whole test suite, as `npm test` runs it (and .ci/run through it):
# typecheck → lint → unit/integration (vitest, Node, fake-indexeddb) → end-to-end (real Chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p test-results

echo "== typecheck"
npm run --silent typecheck
echo "== lint"
npm run --silent lint
echo "== unit and integration tests"
npx vitest run --reporter=default --reporter=json --outputFile.json=test-results/unit.json
echo "== end-to-end tests (Chromium)"
bash tests/e2e/run.sh
node tests/summarize.mjs test-results/unit.json test-results/e2e.json
