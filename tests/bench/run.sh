#!/usr/bin/env bash
# `npm run bench`: builds the PWA and the browser bench page, measures in Node and in
# headless Chromium (Debian package, driven by playwright-core), then prints markdown tables
# (medians, baselines measured in the same run, ratios, targets) and writes
# tests/bench/results.json. Timings are reported, never asserted.
set -euo pipefail
cd "$(dirname "$0")/../.."
CHROMIUM_PATH="${CHROMIUM_PATH:-$(bash scripts/ensure-chromium.sh)}"
export CHROMIUM_PATH
# The built bench page and the partial results live in tests/bench/.dist (git-ignored,
# ESLint-ignored); removed on exit.
trap 'rm -rf tests/bench/.dist' EXIT
echo "== build (app: dist/, bench page: tests/bench/.dist/)"
npm run --silent build >/dev/null
npx vite build --config tests/bench/vite.bench.config.ts
echo "== measure"
npx tsx tests/bench/node-bench.ts
npx tsx tests/bench/portal-bench.ts
# Relay and sync: servers in child processes on 127.0.0.1, killed on exit (relay-child.ts).
npx tsx tests/bench/relay-bench.ts
npx tsx tests/bench/sync-bench.ts
npx tsx tests/bench/report-bench.ts
npx tsx tests/bench/purge-bench.ts
npx tsx tests/bench/chromium-bench.ts
npx tsx tests/bench/report.ts
