/**
 * Sealed intake: patient mode (and the patient's phone) encrypt an entry to the vault's
 * intake public key with an anonymous sealed box; only a holder of the unlocked keyring
 * can open it. Sealing needs nothing but the public key (DESIGN.md "Patient mode").
 * @see https://doc.libsodium.org/public-key_cryptography/sealed_boxes
 *
 * Sealed intake v1 layout:
 *
 * ```
 *  0      1                                                            1 + 48 + 256·k
 *  +------+-----------------------------------------------------------+
 *  | 0x01 | crypto_box_seal(sodium_pad(plaintext, 256), intake pk)    |
 *  | ver. | = ephemeral pk (32) ‖ ciphertext ‖ Poly1305 tag (16)       |
 *  +------+-----------------------------------------------------------+
 * ```
 *
 * FROZEN: v1 format, must not change. A new layout takes a new version byte.
 */
import { padBlock, unpadBlock } from './aead';
import { concatBytes } from './bytes';
import { memzero } from './encoding';
import { IntegrityError, InvalidInputError, UnsupportedVersionError } from './errors';
import type { Keyring } from './keyring';
import { keyringMaterial } from './keyring';
import { getSodium } from './sodium';

/** Version byte of sealed intake v1. */
export const SEALED_INTAKE_V1 = 0x01;
/** X25519 public key length (`crypto_box_PUBLICKEYBYTES`). */
export const INTAKE_PUBLIC_KEY_BYTES = 32;

/**
 * Seals `plaintext` to the intake public key (padded to a 256-byte bucket first).
 * @param intakePublicKey - 32-byte X25519 public key (from the poster / keyring)
 * @param plaintext - the entry bytes
 * @throws InvalidInputError on a public key of the wrong length or a low-order point
 *   (libsodium refuses those: an all-zero key would let anyone read the entry)
 */
export function sealToIntake(intakePublicKey: Uint8Array, plaintext: Uint8Array): Uint8Array {
  if (intakePublicKey.length !== INTAKE_PUBLIC_KEY_BYTES) {
    throw new InvalidInputError('Intake public key must be 32 bytes.');
  }
  const padded = padBlock(plaintext);
  try {
    let sealed: Uint8Array;
    try {
      sealed = getSodium().crypto_box_seal(padded, intakePublicKey);
    } catch (cause) {
      throw new InvalidInputError('Intake public key is not a usable X25519 key.', { cause });
    }
    return concatBytes(Uint8Array.of(SEALED_INTAKE_V1), sealed);
  } finally {
    memzero(padded);
  }
}

/**
 * Opens a sealed intake entry with the keyring's intake secret key.
 * @returns the unpadded plaintext
 * @throws UnsupportedVersionError on another version byte
 * @throws IntegrityError when empty, truncated, tampered, sealed to another key or badly padded
 * @throws KeyringWipedError after wipe
 */
export function openIntake(keyring: Keyring, sealed: Uint8Array): Uint8Array {
  const { intake } = keyringMaterial(keyring);
  const version = sealed[0];
  if (version === undefined) throw new IntegrityError('Empty sealed intake.');
  if (version !== SEALED_INTAKE_V1) {
    throw new UnsupportedVersionError(`Unsupported sealed intake version ${version}.`);
  }
  let padded: Uint8Array;
  try {
    padded = getSodium().crypto_box_seal_open(
      sealed.subarray(1),
      intake.publicKey,
      intake.secretKey,
    );
  } catch (cause) {
    throw new IntegrityError('Sealed intake failed authentication.', { cause });
  }
  try {
    return unpadBlock(padded);
  } finally {
    memzero(padded);
  }
}
