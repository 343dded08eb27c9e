/**
 * Child-process entry of the relay benchmarks (`node --import tsx tests/bench/relay-server.ts
 * <mode> [sqlite file]`), so the load generator never shares the server's event loop.
 * Prints `port=<n>` on stdout once listening on 127.0.0.1 (ephemeral port); stops on SIGTERM.
 *
 * Modes:
 * - `sqlite <file>`: the real app (`createApp`) with the relay on a SqliteBundleStore
 *   (WAL, synchronous=FULL, group commit) — what `npm start` serves.
 * - `memory`: the same app on a MemoryBundleStore (the sync benchmark, in-memory like the
 *   PouchDB baseline's `pouchdb-server --in-memory`).
 * - `bare`: the framework ceiling, one Hono route answering `{ ok: true }` on the same
 *   @hono/node-server adapter.
 *
 * The per-device rate limit (protocol default 50/s, burst 200) is raised to 1,000,000/s:
 * the benchmark measures the relay's throughput, not its throttle.
 */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { createApp } from '../../sync-server/app';
import { INLINE_VERIFIER, ThreadVerifier, type SignatureVerifier } from '../../sync-server/relay';
import type { BundleStore } from '../../sync-server/store/bundle-store';
import { MemoryBundleStore } from '../../sync-server/store/memory-store';
import { SqliteBundleStore } from '../../sync-server/store/sqlite-store';

/** Rate limit used by every benchmark relay (see the file comment). */
export const BENCH_RATE_LIMIT = { perSecond: 1_000_000, burst: 1_000_000 } as const;

/** As `npm start` on a machine with several cores: `COMPTOIR_VERIFY_THREADS`, default 1. */
const threads = Number(process.env.COMPTOIR_VERIFY_THREADS ?? '1');
const verifier: SignatureVerifier = threads > 0 ? new ThreadVerifier(threads) : INLINE_VERIFIER;

function buildApp(mode: string, file: string | undefined): { app: Hono; store?: BundleStore } {
  if (mode === 'bare') {
    const app = new Hono();
    app.post('/bare', (c) => c.json({ ok: true }));
    return { app };
  }
  let store: BundleStore;
  if (mode === 'sqlite' && file) store = new SqliteBundleStore({ path: file });
  else if (mode === 'memory') store = new MemoryBundleStore();
  else throw new Error(`usage: relay-server.ts sqlite <file> | memory | bare`);
  const app = createApp({
    staticDir: null,
    version: 'bench',
    relay: { store, rateLimit: BENCH_RATE_LIMIT, verifier },
  });
  return { app, store };
}

const { app, store } = buildApp(process.argv[2] ?? '', process.argv[3]);
const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
  process.stdout.write(`port=${info.port}\n`);
});
// Keep idle keep-alive sockets of the load client open between bursts.
if ('keepAliveTimeout' in server)
  (server as { keepAliveTimeout: number }).keepAliveTimeout = 60_000;

function stop(): void {
  server.close();
  const closing = store?.close() ?? Promise.resolve();
  closing.then(
    () => process.exit(0),
    () => process.exit(1),
  );
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
// The parent holds our stdin: when it exits (even killed), stdin ends and we stop too.
process.stdin.on('end', stop);
process.stdin.resume();
