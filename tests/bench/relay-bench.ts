/**
 * Relay part of `npm run bench` (`npx tsx tests/bench/relay-bench.ts`): the real server app
 * with the relay on a SqliteBundleStore in a temp file (WAL, synchronous=FULL, group
 * commit: a 201 means the bundle is on disk) in a child process, loaded over loopback by a
 * closed-loop client in this process; the framework ceiling is a bare Hono route in another
 * child, loaded by the same client with the same requests. Runs are interleaved (bare,
 * push 1, push 100, pull) so drift hits every figure alike. Writes `.dist/partial-relay.json`.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PartialFigure } from './bench-api';
import { startRelayServer, type ServerChild } from './relay-child';
import {
  asBare,
  createBenchVaults,
  preparePull,
  preparePushes,
  type BenchDevice,
  type PreparedRequest,
} from './relay-fixtures';
import { quantile, runLoad, type LoadResult } from './relay-load';
import { writePartial } from './partials';
import { median } from './stats';

const RUNS = 3;
const RUN_MS = 5000;
const WARMUP_MS = 1000;
const CONCURRENCY = 64;
const PULL_CONCURRENCY = 8;
/** Whole bundle sizes: header 98 B + payload + signature 64 B. */
const BUNDLE_1_BYTES = 1024;
const BUNDLE_100_BYTES = 60 * 1024;
const PULL_STORED = 10_000;
const PULL_PAGE = 500;
/** Pre-signed requests per run (a run ends early, and says so, if it uses them all). */
const POOL_1 = 25_000;
const POOL_100 = 9_000;
const POOL_BARE = 200_000;
const POOL_PULL = 2_000;
/** 8 vaults × 4 devices: a few pharmacies with a few counters each. */
const VAULTS = 8;
const DEVICES_PER_VAULT = 4;

const payload = (bundleBytes: number): Uint8Array => randomBytes(bundleBytes - 98 - 64);

interface Figures {
  bare: LoadResult[];
  push1: LoadResult[];
  push100: LoadResult[];
  pull: LoadResult[];
}

const perSecond = (r: LoadResult): number => r.items / (r.elapsedMs / 1000);

function describe(name: string, r: LoadResult): string {
  const early = r.elapsedMs < RUN_MS - 1 ? ' (pool used up: shorter run)' : '';
  const err = r.errors > 0 ? `, ${r.errors} errors (first: ${r.firstError ?? '?'})` : '';
  return `${name}: ${perSecond(r).toFixed(0)}/s over ${(r.elapsedMs / 1000).toFixed(2)} s${early}${err}`;
}

/** Cycles `pool` into `count` requests (the bare route ignores nonces and bodies). */
function cycle(pool: readonly PreparedRequest[], count: number): PreparedRequest[] {
  return Array.from({ length: count }, (_, i) => pool[i % pool.length] as PreparedRequest);
}

async function seedPullVault(relay: ServerChild): Promise<BenchDevice[]> {
  const devices = await createBenchVaults(relay.url, 1, PULL_CONCURRENCY);
  const seed = await runLoad(
    relay.url,
    preparePushes(devices, payload(BUNDLE_1_BYTES), PULL_STORED),
    {
      concurrency: CONCURRENCY,
      durationMs: 600_000,
      okStatus: 201,
    },
  );
  if (seed.ok !== PULL_STORED) throw new Error(`pull seed: ${seed.ok} stored`);
  return devices;
}

function pullRequests(devices: readonly BenchDevice[]): PreparedRequest[] {
  const pages = PULL_STORED / PULL_PAGE;
  return Array.from({ length: POOL_PULL }, (_, i) =>
    preparePull(devices[i % devices.length] as BenchDevice, (i % pages) * PULL_PAGE, PULL_PAGE),
  );
}

async function measure(relay: ServerChild, bare: ServerChild): Promise<Figures> {
  const push1Devices = await createBenchVaults(relay.url, VAULTS, DEVICES_PER_VAULT);
  const push100Devices = await createBenchVaults(relay.url, VAULTS, DEVICES_PER_VAULT);
  const small = payload(BUNDLE_1_BYTES);
  const large = payload(BUNDLE_100_BYTES);
  console.log(`relay: seeding ${PULL_STORED} bundles for the pull figure…`);
  const pullDevices = await seedPullVault(relay);
  const countBundles = (body: Buffer) =>
    (JSON.parse(body.toString('utf8')) as { bundles: unknown[] }).bundles.length;
  const push = { concurrency: CONCURRENCY, okStatus: 201 };
  const pull = { concurrency: PULL_CONCURRENCY, okStatus: 200, countItems: countBundles };
  // Warm-up (JIT, SQLite page cache, sockets): not recorded.
  await runLoad(bare.url, cycle(preparePushes(push1Devices, small, 2000), 50_000).map(asBare), {
    ...push,
    durationMs: WARMUP_MS,
    okStatus: 200,
  });
  await runLoad(relay.url, preparePushes(push1Devices, small, 5000), {
    ...push,
    durationMs: WARMUP_MS,
  });
  await runLoad(relay.url, pullRequests(pullDevices), { ...pull, durationMs: WARMUP_MS });
  const out: Figures = { bare: [], push1: [], push100: [], pull: [] };
  for (let run = 1; run <= RUNS; run += 1) {
    console.log(`relay: run ${run}/${RUNS}…`);
    const pool1 = preparePushes(push1Devices, small, POOL_1);
    out.bare.push(
      await runLoad(bare.url, cycle(pool1, POOL_BARE).map(asBare), {
        ...push,
        durationMs: RUN_MS,
        okStatus: 200,
      }),
    );
    out.push1.push(await runLoad(relay.url, pool1, { ...push, durationMs: RUN_MS }));
    const pool100 = preparePushes(push100Devices, large, POOL_100);
    out.push100.push(await runLoad(relay.url, pool100, { ...push, durationMs: RUN_MS }));
    out.pull.push(
      await runLoad(relay.url, pullRequests(pullDevices), { ...pull, durationMs: RUN_MS }),
    );
    for (const [name, r] of [
      ['bare', out.bare],
      ['push 1', out.push1],
      ['push 100', out.push100],
      ['pull', out.pull],
    ] as const) {
      console.log(`  ${describe(name, r.at(-1) as LoadResult)}`);
    }
  }
  return out;
}

function figures(f: Figures): PartialFigure[] {
  const layout =
    `relay child process (SqliteBundleStore on a temp file, WAL, synchronous=FULL), ` +
    `load client in the bench process, loopback, ${RUNS} runs of ${RUN_MS / 1000} s`;
  const rateNote =
    'per-device rate limit raised to 1,000,000/s for the benchmark (default 50/s, burst 200)';
  const p50 = f.push1.map((r) => quantile(r.latenciesMs, 0.5));
  const p99 = f.push1.map((r) => quantile(r.latenciesMs, 0.99));
  const errors = [...f.push1, ...f.push100, ...f.pull].reduce((n, r) => n + r.errors, 0);
  const mib100 = median(f.push100.map((r) => (perSecond(r) * BUNDLE_100_BYTES) / 1_048_576));
  const bare = { label: 'bare Hono route, same client and bodies', runs: f.bare.map(perSecond) };
  return [
    {
      name: 'relay_push_1_per_s',
      env: 'node',
      unit: '/s',
      runs: f.push1.map(perSecond),
      baseline: bare,
      targetMin: 3300,
      note: `durable acknowledged (201) pushes of ${BUNDLE_1_BYTES} B bundles (~1 visit), ${CONCURRENCY} concurrent requests, ${VAULTS} vaults × ${DEVICES_PER_VAULT} devices; ${layout}; ${rateNote}; ${errors} non-2xx answers in all runs`,
    },
    {
      name: 'relay_push_100_per_s',
      env: 'node',
      unit: '/s',
      runs: f.push100.map(perSecond),
      baseline: bare,
      note: `${BUNDLE_100_BYTES / 1024} KiB bundles (~100 visits), ${mib100.toFixed(1)} MiB/s; otherwise as relay_push_1_per_s (the baseline is the 1 KiB bare route)`,
    },
    {
      name: 'relay_push_p50_ms',
      env: 'node',
      unit: 'ms',
      runs: p50,
      note: `median latency of the 1 KiB pushes under ${CONCURRENCY} concurrent requests (closed loop)`,
    },
    {
      name: 'relay_push_p99_ms',
      env: 'node',
      unit: 'ms',
      runs: p99,
      note: `p99 latency of the 1 KiB pushes under ${CONCURRENCY} concurrent requests (closed loop); p50 ${median(p50).toFixed(1)} ms`,
    },
    {
      name: 'relay_pull_bundles_per_s',
      env: 'node',
      unit: '/s',
      runs: f.pull.map(perSecond),
      note: `bundles received by ${PULL_CONCURRENCY} concurrent pullers, pages of ${PULL_PAGE} over a vault holding ${PULL_STORED} bundles of ${BUNDLE_1_BYTES} B (JSON parsed by the client)`,
    },
    {
      name: 'hono_bare_per_s',
      env: 'node',
      unit: '/s',
      runs: f.bare.map(perSecond),
      note: `app.post('/bare', c => c.json({ ok: true })) on @hono/node-server in a child process; the same pre-signed 1 KiB requests, ${CONCURRENCY} concurrent`,
    },
  ];
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'comptoir-relay-bench-'));
  const children: ServerChild[] = [];
  try {
    const relay = await startRelayServer('sqlite', join(dir, 'relay.sqlite'));
    children.push(relay);
    const bare = await startRelayServer('bare');
    children.push(bare);
    const f = await measure(relay, bare);
    writePartial('relay', figures(f));
  } finally {
    for (const child of children) await child.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
