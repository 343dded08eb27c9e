/**
 * Fixtures of the store sync tests: a second device of the same vault (same keys, its own
 * device id) on its own fake IndexedDB, built from a snapshot of the first.
 */
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { parseKeyring, randomId, serializeKeyring, type Keyring } from '../../../app/crypto';
import { visitFromIntake, type Op, type Visit } from '../../../app/domain';
import {
  applyRemoteOps,
  openComptoirDb,
  putVisit,
  snapshotOps,
  type ComptoirDb,
} from '../../../app/store';
import { intakeEntry, resultedVisit } from './fixtures';

/** The same keyring material under another device id (what pairing hands to device B). */
export function otherDevice(keyring: Keyring): Keyring {
  const bytes = serializeKeyring(keyring);
  const at = 1 + 2 + keyring.vaultId.length + 2; // format, u16 len, vaultId, u16 len
  const id = new TextEncoder().encode(randomId());
  if (id.length !== keyring.deviceId.length) throw new Error('device ids differ in length');
  bytes.set(id, at);
  return parseKeyring(bytes);
}

/** A device with the vault's meta row and nothing else (no Argon2id derivation needed). */
export async function emptyDevice(keyring: Keyring): Promise<ComptoirDb> {
  const db = await openComptoirDb({ name: 'dev', indexedDB: new IDBFactory(), IDBKeyRange });
  await db.meta.add({
    key: 'vault',
    vaultId: keyring.vaultId,
    intakePublicKey: keyring.intakePublicKey,
    deviceId: keyring.deviceId,
    createdAt: new Date().toISOString(),
  });
  return db;
}

/** Device B: a new device of A's vault that caught up from A's snapshot. */
export async function pairedDevice(a: {
  db: ComptoirDb;
  keyring: Keyring;
}): Promise<{ db: ComptoirDb; keyring: Keyring }> {
  const keyring = otherDevice(a.keyring);
  const db = await emptyDevice(keyring);
  await applyRemoteOps(db, keyring, await snapshotOps(a.db, a.keyring));
  return { db, keyring };
}

/** Stores a new resulted visit (two puts, like the staff flow) and returns it. */
export async function storeResulted(
  t: { db: ComptoirDb; keyring: Keyring },
  tag = '',
): Promise<Visit> {
  const visit = resultedVisit(visitFromIntake(intakeEntry(randomId(), tag)), tag);
  await putVisit(t.db, t.keyring, { ...visit, state: 'sampled', result: undefined });
  await putVisit(t.db, t.keyring, visit);
  return visit;
}

/** Fisher–Yates with a small seeded generator (reproducible "random" orders). */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let s = seed;
  for (let i = out.length - 1; i > 0; i -= 1) {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/** All ops of the given outbox entries, flattened. */
export function flat(entries: readonly { ops: Op[] }[]): Op[] {
  return entries.flatMap((e) => e.ops);
}
