/**
 * Chromium part of `npm run bench`: serves the built bench page (`.dist`, built by
 * `vite.bench.config.ts`), opens it in headless Chromium and calls `window.comptoirBench`.
 * Writes `.dist/partial-chromium.json`.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { launchChromium } from '../e2e/harness';
import type { BenchApi, PartialFigure } from './bench-api';
import { BENCH_DIR, unlockFigures, writePartial } from './partials';
import { serveStatic } from './static-server';

const UNLOCK_RUNS = 7;
const KIOSK_RUNS = 25;
const DAY_LIST_RUNS = { 300: 9, 10_000: 5 } as const;

/** Calls `comptoirBench[method](...args)` in the page. */
function call<K extends keyof BenchApi>(
  page: Page,
  method: K,
  args: Parameters<BenchApi[K]>,
): Promise<Awaited<ReturnType<BenchApi[K]>>> {
  return page.evaluate(
    async ([m, a]) => {
      const api = window.comptoirBench;
      if (!api) throw new Error('bench page not ready');
      const fn = api[m] as (...x: unknown[]) => Promise<unknown>;
      return fn(...a);
    },
    [method, args] as const,
  ) as Promise<Awaited<ReturnType<BenchApi[K]>>>;
}

async function runInPage(page: Page): Promise<PartialFigure[]> {
  console.log(`chromium: unlock (${UNLOCK_RUNS} runs at calibrated cost and at the floor)…`);
  const unlock = await call(page, 'unlock', [UNLOCK_RUNS]);
  console.log(`chromium: kiosk entry (${KIOSK_RUNS} runs)…`);
  const kiosk = await call(page, 'kiosk', [KIOSK_RUNS]);
  const figures: PartialFigure[] = [
    ...unlockFigures('chromium', unlock),
    {
      name: 'kiosk_entry_ms',
      env: 'chromium',
      unit: 'ms',
      runs: kiosk.runs,
      baseline: { label: 'raw IndexedDB put of the plaintext JSON', runs: kiosk.baseline },
      targetMax: 50,
    },
  ];
  for (const count of [300, 10_000] as const) {
    const runs = DAY_LIST_RUNS[count];
    console.log(`chromium: day list of ${count} visits (fill, then ${runs} runs)…`);
    const list = await call(page, 'dayList', [count, runs]);
    figures.push({
      name: `day_list_${count}_ms`,
      env: 'chromium',
      unit: 'ms',
      runs: list.runs,
      baseline: { label: 'raw IndexedDB getAll of the same rows', runs: list.baseline },
      ...(count === 300 ? { targetMax: 100 } : {}),
      note: `fill with putVisit took ${(list.fillMs / 1000).toFixed(1)} s (not measured)`,
    });
  }
  return figures;
}

async function main(): Promise<void> {
  const server = await serveStatic(join(BENCH_DIR, '.dist'));
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    page.setDefaultTimeout(300_000);
    page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
    await page.goto(server.url);
    await page.waitForFunction(() => window.comptoirBench !== undefined);
    writePartial('chromium', await runInPage(page));
  } finally {
    await browser.close();
    await server.stop();
  }
}

await main();
