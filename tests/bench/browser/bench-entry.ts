/**
 * The browser bench page: exposes `window.comptoirBench` (see `../bench-api.ts`) over the
 * real app modules, real libsodium (WebAssembly) and Chromium's real IndexedDB.
 */
import { KDF_FLOOR, initCrypto, randomId, type KdfParams } from '../../../app/crypto';
import { buildIntakeEntry, submitIntakeEntry } from '../../../app/intake';
import {
  createVault,
  listDayVisits,
  openComptoirDb,
  putVisit,
  readVaultMeta,
  type ComptoirDb,
} from '../../../app/store';
import type { BenchApi, PairedRuns } from '../bench-api';
import {
  BENCH_ADMIN,
  BENCH_CONTEXT,
  BENCH_DAY,
  BENCH_PASSPHRASE,
  BENCH_PHARMACY,
  benchIdentity,
  benchVisit,
  kioskNow,
  plainIntakeRow,
} from '../fixtures';
import { benchUnlock } from '../unlock-bench';
import { deleteDb, getAllByIndex, openExistingDb, openPlainDb, putPlainRow } from './raw-idb';

/** Vaults of the bench use the floor: their KDF cost is not what these figures measure. */
const FLOOR: KdfParams = { alg: 'argon2id13', ...KDF_FLOOR };
/** Concurrent `putVisit` calls while filling (fill time is not measured). */
const FILL_CONCURRENCY = 64;

async function timeAsync(fn: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

/** A fresh database named `name` holding a new vault. */
async function freshVault(name: string) {
  await deleteDb(name);
  const db = await openComptoirDb({ name });
  const created = await createVault(db, {
    pharmacy: BENCH_PHARMACY,
    admin: BENCH_ADMIN,
    passphrase: BENCH_PASSPHRASE,
    kdf: FLOOR,
  });
  return { db, ...created };
}

async function kiosk(runs: number): Promise<PairedRuns> {
  await initCrypto();
  const { db } = await freshVault('bench-kiosk');
  const meta = await readVaultMeta(db);
  if (!meta) throw new Error('the bench vault has no meta row');
  const plainName = 'bench-kiosk-plain';
  await deleteDb(plainName);
  const plain = await openPlainDb(plainName);
  const result: PairedRuns = { runs: [], baseline: [] };
  // Two untimed warm-ups (first transaction, JIT), then `runs` interleaved pairs.
  for (let i = -2; i < runs; i += 1) {
    const identity = benchIdentity(i + 2);
    const now = kioskNow(i + 2);
    const real = await timeAsync(async () => {
      const entry = buildIntakeEntry(identity, BENCH_CONTEXT, 'kiosk', now);
      await submitIntakeEntry(db, meta.intakePublicKey, entry);
    });
    const entry = buildIntakeEntry(identity, BENCH_CONTEXT, 'kiosk', now);
    const base = await timeAsync(() => putPlainRow(plain, plainIntakeRow(entry)));
    if (i >= 0) {
      result.runs.push(real);
      result.baseline.push(base);
    }
  }
  plain.close();
  db.close();
  return result;
}

/** Writes `count` visits of BENCH_DAY with at most FILL_CONCURRENCY `putVisit` in flight. */
async function fill(db: ComptoirDb, keyring: Parameters<typeof putVisit>[1], count: number) {
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < count; i = next++) {
      await putVisit(db, keyring, benchVisit(randomId(), i));
    }
  };
  await Promise.all(Array.from({ length: FILL_CONCURRENCY }, worker));
}

async function dayList(count: number, runs: number): Promise<PairedRuns & { fillMs: number }> {
  await initCrypto();
  const name = `bench-day-${count}`;
  const { db, keyring } = await freshVault(name);
  const fillMs = await timeAsync(() => fill(db, keyring, count));
  const raw = await openExistingDb(name);
  const result = { runs: [] as number[], baseline: [] as number[], fillMs };
  for (let i = -1; i < runs; i += 1) {
    let listed = 0;
    let read = 0;
    const full = await timeAsync(async () => {
      const { visits, damaged } = await listDayVisits(db, keyring, BENCH_DAY);
      if (damaged.length > 0) throw new Error(`${damaged.length} damaged rows`);
      listed = visits.length;
    });
    const base = await timeAsync(async () => {
      read = (await getAllByIndex(raw, 'visits', 'day', BENCH_DAY)).length;
    });
    if (listed !== count || read !== count) {
      throw new Error(`expected ${count} visits, listed ${listed}, read ${read}`);
    }
    if (i >= 0) {
      result.runs.push(full);
      result.baseline.push(base);
    }
  }
  raw.close();
  db.close();
  await deleteDb(name);
  return result;
}

const api: BenchApi = { unlock: benchUnlock, kiosk, dayList };
window.comptoirBench = api;
const status = document.getElementById('status');
if (status) status.textContent = 'ready';
