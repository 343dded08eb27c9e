/**
 * The keyring at rest on this device (meta row `'keys'`): the keyring box sealed under the
 * keyring key that the v2 slots wrap, and that key sealed to the device for v1 slots (see
 * app/crypto/keyring-box.ts). Written with the vault (creation, join, or the first unlock
 * of a vault of an earlier version) and again whenever the keyring changes (an epoch added
 * or dropped), so a change never needs the passphrases of absent staff.
 *
 * ```
 * meta     key='keys'   (FROZEN v4, no schema change: `meta` is keyed by `key`)
 * ┌────────┬───────────────────────────────┬─────────────────────────────────────────┐
 * │ key    │ box                           │ keySealed                               │
 * │ 'keys' │ Uint8Array, keyring box v1    │ Uint8Array, keyring key sealed to the   │
 * │        │                               │ device's X25519 key (share.ts layout)   │
 * └────────┴───────────────────────────────┴─────────────────────────────────────────┘
 * ```
 */
import {
  constantTimeEqual,
  sealKeyringBox,
  sealKeyringKeyToDevice,
  type Keyring,
  type StoredKeyring,
} from '../crypto';
import type { ComptoirDb } from './db';
import { StorageError } from './errors';
import { guard, requireMeta } from './guard';
import { KEYS_META_KEY, type KeysMetaRow } from './rows';

/**
 * The box each open keyring was read from or last written as. Two tabs of the app each hold
 * a keyring: one that changed it (a new epoch) must not be overwritten by the other's stale
 * copy, and the other must stop using its copy (see {@link watchKeyring}).
 */
const boxes = new WeakMap<Keyring, Uint8Array>();

/** Records that `keyring` is the one sealed in `box` (unlock, creation, join, save). */
export function noteKeyringBox(keyring: Keyring, box: Uint8Array): void {
  boxes.set(keyring, box);
}

function isStale(keyring: Keyring, stored: Uint8Array | undefined): boolean {
  const noted = boxes.get(keyring);
  if (noted === undefined || stored === undefined) return false;
  return noted.length !== stored.length || !constantTimeEqual(noted, stored);
}

/**
 * Inside the caller's transaction: refuses to replace a keyring box that another tab
 * changed since `keyring` was read.
 * @throws StorageError `conflict`
 */
export async function assertKeyringCurrent(db: ComptoirDb, keyring: Keyring): Promise<void> {
  const row = await db.meta.get(KEYS_META_KEY);
  const stored = row?.key === KEYS_META_KEY ? row.box : undefined;
  if (isStale(keyring, stored)) {
    throw new StorageError('conflict', 'the keyring was changed in another tab');
  }
}

/** Same-origin channel on which a tab says it changed the stored keyring (vault id only). */
const CHANNEL = 'comptoir-keyring';

/** Tells the other tabs of the app that the stored keyring of `vaultId` changed. */
export function announceKeyringChange(vaultId: string): void {
  if (typeof BroadcastChannel === 'undefined') return;
  const channel = new BroadcastChannel(CHANNEL);
  channel.postMessage({ vaultId });
  channel.close();
}

/**
 * Calls `onStale` once when another tab of the app changed the stored keyring under
 * `keyring` (it started or dropped an epoch): this copy must not be used any more. Hidden
 * tabs are told too (their sync may still be running).
 * @returns the function that stops watching
 */
export function watchKeyring(db: ComptoirDb, keyring: Keyring, onStale: () => void): () => void {
  if (typeof BroadcastChannel === 'undefined') return () => undefined;
  const channel = new BroadcastChannel(CHANNEL);
  channel.onmessage = (event: MessageEvent<unknown>) => {
    const data = event.data as { vaultId?: unknown } | null;
    if (data?.vaultId !== keyring.vaultId) return;
    db.meta
      .get(KEYS_META_KEY)
      .then((row) => {
        if (row?.key === KEYS_META_KEY && isStale(keyring, row.box)) {
          channel.close();
          onStale();
        }
      })
      .catch(() => undefined); // the database closed with the tab: nothing left to protect
  };
  return () => channel.close();
}

/** The `'keys'` row for `keyring` (box and sealed key both fresh). */
export function keysRow(keyring: Keyring): KeysMetaRow {
  return {
    key: KEYS_META_KEY,
    box: sealKeyringBox(keyring),
    keySealed: sealKeyringKeyToDevice(keyring),
  };
}

/**
 * The stored keyring for unlock, `null` on a vault written by an earlier version (slots
 * wrapping whole keyrings only). Reads inside the caller's transaction when there is one.
 */
export async function readStoredKeyring(db: ComptoirDb): Promise<StoredKeyring> {
  const row = await db.meta.get(KEYS_META_KEY);
  return row?.key === KEYS_META_KEY ? { box: row.box, keySealed: row.keySealed } : null;
}

/**
 * Seals `keyring` again as this device's stored keyring, after an epoch was added or
 * dropped. Joins the caller's Dexie transaction when it includes `meta` (so the new keyring
 * and the rows that depend on it commit together).
 * @throws StorageError `missing` when the vault is gone or not this keyring's; `conflict`
 *   when another tab changed the keyring since this one was read
 */
export async function saveKeyring(db: ComptoirDb, keyring: Keyring): Promise<void> {
  return guard(db, async () => {
    const row = keysRow(keyring);
    await db.transaction('rw', [db.meta], async () => {
      await requireMeta(db, keyring.vaultId);
      await assertKeyringCurrent(db, keyring);
      await db.meta.put(row);
    });
    noteKeyringBox(keyring, row.box);
    announceKeyringChange(keyring.vaultId);
  });
}
