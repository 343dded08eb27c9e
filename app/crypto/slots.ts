/**
 * Key slots: the keyring key stored wrapped, once per staff passphrase and once under the
 * recovery code (DESIGN.md "Keys"); the keyring itself is sealed once under that key
 * (keyring-box.ts). Slot fields are stored as-is by app/store; the wrapped bytes follow
 * the layouts in slot-wrap.ts (v1 slots, which wrap a whole keyring, are still opened and
 * rewrapped as v2).
 *
 * Slot associated data (UTF-8), FROZEN: v1 format, must not change:
 * ```
 *  passphrase: comptoir/v1|slot|<vaultId>|<slotId>|argon2id13|<opslimit>|<memlimit>|<salt hex>
 *  recovery:   comptoir/v1|slot|<vaultId>|<slotId>|recovery|<salt hex>
 * ```
 * Binding the KDF parameters means a slot whose parameters were edited on disk fails to open
 * even if the floor check were bypassed.
 */
import { assertIdentifier, joinAd } from './associated-data';
import { memzero, randomBytes, toHex, utf8Encode } from './encoding';
import { IntegrityError, InvalidInputError } from './errors';
import type { KdfParams } from './kdf';
import { assertKdfParams, deriveKek, KDF_SALT_BYTES, KEK_BYTES } from './kdf';
import type { Keyring } from './keyring';
import { openKeyringBox, openKeyringKeyFromDevice } from './keyring-box';
import { parseRecoveryCode } from './recovery-code';
import {
  KCV_BYTES,
  keyCheckValue,
  unwrapSlot,
  wrapKeyringKey,
  type SlotContent,
} from './slot-wrap';
import { getSodium } from './sodium';

/** A keyring wrapped under an Argon2id key derived from a staff passphrase. */
export type PassphraseSlot = {
  kind: 'passphrase';
  slotId: string;
  salt: Uint8Array;
  kdf: KdfParams;
  kcv: Uint8Array;
  wrapped: Uint8Array;
};

/** A keyring wrapped under a key derived from the 128-bit recovery code. */
export type RecoverySlot = {
  kind: 'recovery';
  slotId: string;
  salt: Uint8Array;
  kcv: Uint8Array;
  wrapped: Uint8Array;
};

/**
 * The keyring as this device stores it (keyring-box.ts): the box, and the keyring key
 * sealed to the device for v1 slots. `null` on a device of an earlier version, whose slots
 * all wrap the whole keyring.
 */
export type StoredKeyring = { box: Uint8Array; keySealed: Uint8Array } | null;

/** An opened slot: the keyring, and the slot's new v2 bytes when it was a v1 slot. */
export type OpenedSlot = { keyring: Keyring; rewrapped: Uint8Array | null };

/**
 * From what a slot held to the current keyring. A v1 slot's keyring may be stale (written
 * before an epoch changed): when a keyring box exists, it only serves to unseal the keyring
 * key, and the box is what is opened. Either way a v1 slot gets its v2 bytes, same KEK.
 */
function resolveSlot(
  kek: Uint8Array,
  content: SlotContent,
  ad: Uint8Array,
  vaultId: string,
  deviceId: string,
  stored: StoredKeyring,
): OpenedSlot {
  if ('keyringKey' in content) {
    if (stored === null) {
      memzero(content.keyringKey);
      throw new IntegrityError('The slot wraps a keyring key but no keyring is stored.');
    }
    return {
      keyring: openKeyringBox(content.keyringKey, stored.box, vaultId, deviceId),
      rewrapped: null,
    };
  }
  const legacy = content.keyring;
  let keyring = legacy;
  try {
    if (legacy.deviceId !== deviceId) throw new IntegrityError('The slot is of another device.');
    if (stored !== null) {
      const key = openKeyringKeyFromDevice(legacy, stored.keySealed);
      keyring = openKeyringBox(key, stored.box, vaultId, deviceId);
      legacy.wipe();
    }
    return { keyring, rewrapped: wrapKeyringKey(kek, keyring, ad) };
  } catch (error) {
    legacy.wipe();
    if (keyring !== legacy) keyring.wipe();
    throw error;
  }
}

function passphraseAd(vaultId: string, slotId: string, kdf: KdfParams, salt: Uint8Array) {
  return joinAd(['slot', vaultId, slotId, kdf.alg, kdf.opslimit, kdf.memlimit, toHex(salt)]);
}

function recoveryAd(vaultId: string, slotId: string, salt: Uint8Array): Uint8Array {
  return joinAd(['slot', vaultId, slotId, 'recovery', toHex(salt)]);
}

/** Checks fields read from storage. @throws IntegrityError on wrong lengths or a bad id */
function assertStoredSlot(slot: PassphraseSlot | RecoverySlot, vaultId: string): void {
  assertIdentifier('vaultId', vaultId);
  if (slot.salt.length !== KDF_SALT_BYTES || slot.kcv.length !== KCV_BYTES) {
    throw new IntegrityError('Slot salt or key-check value has a wrong length.');
  }
  try {
    assertIdentifier('slotId', slot.slotId);
  } catch (cause) {
    throw new IntegrityError('Slot id is invalid.', { cause });
  }
}

/**
 * Wraps the keyring key of `keyring` under Argon2id(passphrase, random 16-byte salt, `kdf`).
 * @param kdf - parameters from calibrateKdf (at least the floor)
 * @param slotId - non-empty id without `|`
 * @throws WeakKdfError / InvalidInputError on bad parameters or ids; KeyringWipedError
 */
export function createPassphraseSlot(
  keyring: Keyring,
  passphrase: string,
  kdf: KdfParams,
  slotId: string,
): PassphraseSlot {
  assertIdentifier('slotId', slotId);
  const salt = randomBytes(KDF_SALT_BYTES);
  const kek = deriveKek(passphrase, salt, kdf);
  try {
    const ad = passphraseAd(keyring.vaultId, slotId, kdf, salt);
    const wrapped = wrapKeyringKey(kek, keyring, ad);
    return { kind: 'passphrase', slotId, salt, kdf: { ...kdf }, kcv: keyCheckValue(kek), wrapped };
  } finally {
    memzero(kek);
  }
}

/**
 * Opens a passphrase slot. KDF parameters are checked BEFORE any derivation (downgrade
 * defence: an attacker who edits the slot cannot make us run a cheap derivation).
 * @param device - this device's vault and device ids, and its stored keyring
 * @throws WeakKdfError when the stored parameters are below the floor
 * @throws WrongPassphraseError when the key-check value does not match
 * @throws IntegrityError when the slot or keyring box is corrupted or of another vault
 */
export function openPassphraseSlot(
  slot: PassphraseSlot,
  passphrase: string,
  device: { vaultId: string; deviceId: string; stored: StoredKeyring },
): OpenedSlot {
  assertKdfParams(slot.kdf);
  if (slot.kind !== 'passphrase') throw new InvalidInputError('Not a passphrase slot.');
  const { vaultId, deviceId, stored } = device;
  assertStoredSlot(slot, vaultId);
  const kek = deriveKek(passphrase, slot.salt, slot.kdf);
  try {
    const ad = passphraseAd(vaultId, slot.slotId, slot.kdf, slot.salt);
    return resolveSlot(kek, unwrapSlot(kek, slot, ad, vaultId), ad, vaultId, deviceId, stored);
  } finally {
    memzero(kek);
  }
}

/**
 * KEK of a recovery slot: BLAKE2b-256 keyed with the 16 code bytes over salt ‖
 * "comptoir/v1/recovery". No Argon2 is needed: the code is 128 uniformly random bits, so
 * guessing it is already 2^128 work; key stretching only helps low-entropy secrets.
 * @see https://doc.libsodium.org/hashing/generic_hashing
 */
function recoveryKek(codeBytes: Uint8Array, salt: Uint8Array): Uint8Array {
  const message = new Uint8Array([...salt, ...utf8Encode('comptoir/v1/recovery')]);
  return getSodium().crypto_generichash(KEK_BYTES, message, codeBytes);
}

/**
 * Wraps the keyring key of `keyring` under the recovery code (from generateRecoveryCode).
 * @throws InvalidInputError on a malformed code or slot id; KeyringWipedError
 */
export function createRecoverySlot(keyring: Keyring, code: string, slotId: string): RecoverySlot {
  assertIdentifier('slotId', slotId);
  const codeBytes = parseRecoveryCode(code);
  const salt = randomBytes(KDF_SALT_BYTES);
  const kek = recoveryKek(codeBytes, salt);
  memzero(codeBytes);
  try {
    const wrapped = wrapKeyringKey(kek, keyring, recoveryAd(keyring.vaultId, slotId, salt));
    return { kind: 'recovery', slotId, salt, kcv: keyCheckValue(kek), wrapped };
  } finally {
    memzero(kek);
  }
}

/**
 * Opens the recovery slot with a typed recovery code.
 * @param device - as for {@link openPassphraseSlot}
 * @throws InvalidInputError when the code is malformed (length, character, check symbol)
 * @throws WrongPassphraseError when the code is well-formed but not this slot's
 * @throws IntegrityError when the slot or keyring box is corrupted or of another vault
 */
export function openRecoverySlot(
  slot: RecoverySlot,
  code: string,
  device: { vaultId: string; deviceId: string; stored: StoredKeyring },
): OpenedSlot {
  if (slot.kind !== 'recovery') throw new InvalidInputError('Not a recovery slot.');
  const { vaultId, deviceId, stored } = device;
  assertStoredSlot(slot, vaultId);
  const codeBytes = parseRecoveryCode(code);
  const kek = recoveryKek(codeBytes, slot.salt);
  memzero(codeBytes);
  try {
    const ad = recoveryAd(vaultId, slot.slotId, slot.salt);
    return resolveSlot(kek, unwrapSlot(kek, slot, ad, vaultId), ad, vaultId, deviceId, stored);
  } finally {
    memzero(kek);
  }
}
