/**
 * A passphrase slot as versions before the keyring box wrote it (slot-wrap.ts v1: the whole
 * keyring wrapped), so tests can check that unlock still opens and upgrades it.
 */
import type { KdfParams, Keyring, PassphraseSlot } from '../../../app/crypto';
import { deriveKek, memzero, randomBytes, toHex } from '../../../app/crypto';
import { joinAd } from '../../../app/crypto/associated-data';
import { keyCheckValue, wrapKeyring } from '../../../app/crypto/slot-wrap';

/** A v1 passphrase slot of `keyring` (same associated data as slots.ts, FROZEN). */
export function passphraseSlotV1(
  keyring: Keyring,
  passphrase: string,
  kdf: KdfParams,
  slotId: string,
): PassphraseSlot {
  const salt = randomBytes(16);
  const kek = deriveKek(passphrase, salt, kdf);
  try {
    const ad = joinAd([
      'slot',
      keyring.vaultId,
      slotId,
      kdf.alg,
      kdf.opslimit,
      kdf.memlimit,
      toHex(salt),
    ]);
    const wrapped = wrapKeyring(kek, keyring, ad);
    return { kind: 'passphrase', slotId, salt, kdf: { ...kdf }, kcv: keyCheckValue(kek), wrapped };
  } finally {
    memzero(kek);
  }
}
