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
  sealKeyringBox,
  sealKeyringKeyToDevice,
  type Keyring,
  type StoredKeyring,
} from '../crypto';
import type { ComptoirDb } from './db';
import { guard, requireMeta } from './guard';
import { KEYS_META_KEY, type KeysMetaRow } from './rows';

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
 * @throws StorageError `missing` when the vault is gone or not this keyring's
 */
export async function saveKeyring(db: ComptoirDb, keyring: Keyring): Promise<void> {
  return guard(db, async () => {
    const row = keysRow(keyring);
    await db.transaction('rw', [db.meta], async () => {
      await requireMeta(db, keyring.vaultId);
      await db.meta.put(row);
    });
  });
}
