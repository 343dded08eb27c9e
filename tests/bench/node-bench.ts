/**
 * Node part of `npm run bench`: unlock timings under Node's libsodium (WebAssembly) and
 * the JS weight of the built app. Writes `.dist/partial-node.json`.
 */
import { join } from 'node:path';
import type { PartialFigure } from './bench-api';
import { measureJsWeights } from './first-screen';
import { BENCH_DIR, unlockFigures, writePartial } from './partials';
import { benchUnlock } from './unlock-bench';

/** Runs per unlock figure (each costs about one second at the calibrated parameters). */
const UNLOCK_RUNS = 7;

async function main(): Promise<void> {
  console.log(`node: unlock (${UNLOCK_RUNS} runs at calibrated cost and at the floor)…`);
  const unlock = await benchUnlock(UNLOCK_RUNS);
  const weights = measureJsWeights(join(BENCH_DIR, '..', '..', 'dist'));
  const sizeNote = 'gzip -9, 1 KB = 1024 B';
  const figures: PartialFigure[] = [
    ...unlockFigures('node', unlock),
    {
      name: 'first_screen_js_gzip_kb',
      env: 'node',
      unit: 'KB',
      runs: [weights.firstScreenKb],
      targetMax: 250,
      note: `${sizeNote}; ${weights.firstScreenFiles.join(', ')}`,
    },
    {
      name: 'unlock_js_gzip_kb',
      env: 'node',
      unit: 'KB',
      runs: [weights.unlockKb],
      note: `${sizeNote}; first screen + ${weights.unlockExtraFiles.join(', ')}`,
    },
    {
      name: 'total_js_gzip_kb',
      env: 'node',
      unit: 'KB',
      runs: [weights.totalKb],
      note: `${sizeNote}; every dist/assets/*.js (service worker not counted)`,
    },
  ];
  writePartial('node', figures);
}

await main();
