/**
 * The PouchDB baseline of the sync benchmark: the same 10,000 visits as plaintext JSON
 * documents (no encryption), replicated A → pouchdb-server → B with PouchDB 9 (memory
 * adapter on both devices, http adapter, default replication options) over loopback;
 * pouchdb-server 4.2 runs `--in-memory` in a child process. `sync-bench.ts` interleaves
 * these runs with Comptoir's; run alone (`npx tsx tests/bench/pouchdb-bench.ts`) it prints
 * its own timings and writes `.dist/partial-pouchdb.json`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import type { PartialFigure } from './bench-api';
import { benchVisit } from './fixtures';
import { BENCH_DIR, writePartial } from './partials';
import { freePort, startChild, type ServerChild } from './relay-child';

/** The little of PouchDB's API the benchmark uses (no @types package installed). */
interface PouchDb {
  bulkDocs(docs: object[]): Promise<{ ok?: boolean; error?: unknown }[]>;
  info(): Promise<{ doc_count: number }>;
  destroy(): Promise<unknown>;
  replicate: {
    to(target: PouchDb): Promise<{ ok: boolean; docs_written: number }>;
    from(source: PouchDb): Promise<{ ok: boolean; docs_written: number }>;
  };
}
interface PouchStatic {
  new (name: string, options?: { adapter?: string }): PouchDb;
  plugin(plugin: unknown): PouchStatic;
}

const require = createRequire(import.meta.url);
const PouchDB = (require('pouchdb-core') as PouchStatic)
  .plugin(require('pouchdb-adapter-memory'))
  .plugin(require('pouchdb-adapter-http'))
  .plugin(require('pouchdb-replication'));

/** A pouchdb-server child (in-memory) and the temp folder it writes config and log to. */
export interface PouchServer {
  readonly url: string;
  stop(): Promise<void>;
}

/** Starts `pouchdb-server --in-memory` on a free loopback port. */
export async function startPouchServer(): Promise<PouchServer> {
  const dir = mkdtempSync(join(tmpdir(), 'comptoir-pouchdb-'));
  const port = await freePort();
  const bin = resolve(BENCH_DIR, '../../node_modules/pouchdb-server/bin/pouchdb-server');
  let child: ServerChild;
  try {
    child = await startChild(
      process.execPath,
      [bin, '--in-memory', '--no-stdout-logs', '--host', '127.0.0.1', '--port', String(port)],
      /has started on/,
      { cwd: dir, port },
    );
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    url: child.url,
    async stop() {
      await child.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * One run: A (memory) holds `visits` visit documents (written before the clock starts);
 * times A.replicate.to(server) then B.replicate.from(server) until B holds them all.
 * @returns milliseconds
 */
export async function pouchSyncOnce(
  server: PouchServer,
  visits: number,
  run: string,
): Promise<number> {
  const a = new PouchDB(`a-${run}`, { adapter: 'memory' });
  const b = new PouchDB(`b-${run}`, { adapter: 'memory' });
  const remote = new PouchDB(`${server.url}/visits-${run}`);
  try {
    const docs = Array.from({ length: visits }, (_, i) => ({
      _id: `v${i}`,
      ...benchVisit(`v${i}`, i),
    }));
    const written = await a.bulkDocs(docs);
    if (written.some((r) => r.error !== undefined)) throw new Error('pouchdb: bulkDocs failed');
    const started = performance.now();
    await a.replicate.to(remote);
    await b.replicate.from(remote);
    const ms = performance.now() - started;
    const count = (await b.info()).doc_count;
    if (count !== visits) throw new Error(`pouchdb: B holds ${count} of ${visits} documents`);
    return ms;
  } finally {
    await Promise.all([a.destroy(), b.destroy(), remote.destroy()]);
  }
}

/** What the figure says about its setup. */
export const POUCH_NOTE =
  'PouchDB 9 (pouchdb-core + adapter-memory on A and B, adapter-http, replication with default options) ↔ pouchdb-server 4.2 --in-memory in a child process, loopback; plaintext documents (no encryption); time = A.replicate.to(server) + B.replicate.from(server), B doc_count checked after';

async function main(): Promise<void> {
  const server = await startPouchServer();
  try {
    const runs: number[] = [];
    for (let i = 1; i <= 3; i += 1) {
      runs.push(await pouchSyncOnce(server, 10_000, `solo${i}`));
      console.log(`pouchdb: run ${i}: ${(runs.at(-1) ?? 0).toFixed(0)} ms`);
    }
    const figure: PartialFigure = {
      name: 'pouchdb_sync_10000_ms',
      env: 'node',
      unit: 'ms',
      runs,
      note: POUCH_NOTE,
    };
    writePartial('pouchdb', [figure]);
  } finally {
    await server.stop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
