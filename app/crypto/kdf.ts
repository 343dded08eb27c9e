/**
 * Passphrase → key-encryption key with Argon2id (`crypto_pwhash`), its floor (downgrade
 * defence) and a one-shot calibration so unlocking takes about a second on this device.
 * @see https://doc.libsodium.org/password_hashing/default_phf
 */
import { memzero, randomBytes, utf8Encode } from './encoding';
import { InvalidInputError, WeakKdfError } from './errors';
import { getSodium } from './sodium';

/** Argon2id v1.3 parameters. `memlimit` is in bytes. */
export type KdfParams = { alg: 'argon2id13'; opslimit: number; memlimit: number };

const MIB = 1024 * 1024;
/** Weakest parameters ever accepted (DESIGN.md: m = 64 MiB, t = 3). */
export const KDF_FLOOR = { opslimit: 3, memlimit: 64 * MIB } as const;
/** Larger values are refused as absurd (a corrupted or hostile slot could otherwise hang us). */
export const KDF_MAX_OPSLIMIT = 20;
/** Largest accepted memlimit, in bytes (1 GiB). */
export const KDF_MAX_MEMLIMIT_BYTES = 1024 * MIB;
/** Salt length (`crypto_pwhash_SALTBYTES`). */
export const KDF_SALT_BYTES = 16;
/** KEK length in bytes. */
export const KEK_BYTES = 32;

/**
 * Checks KDF parameters read from storage or chosen by calibration.
 * @throws WeakKdfError when `alg` is not 'argon2id13' or a limit is below {@link KDF_FLOOR}
 * @throws InvalidInputError when a limit is not an integer or above the absurd maximum
 */
export function assertKdfParams(params: KdfParams): void {
  if (params.alg !== 'argon2id13') throw new WeakKdfError('KDF algorithm must be argon2id13.');
  const { opslimit, memlimit } = params;
  if (!Number.isSafeInteger(opslimit) || !Number.isSafeInteger(memlimit)) {
    throw new InvalidInputError('KDF limits must be integers.');
  }
  if (opslimit > KDF_MAX_OPSLIMIT || memlimit > KDF_MAX_MEMLIMIT_BYTES) {
    throw new InvalidInputError('KDF limits are absurdly high.');
  }
  if (opslimit < KDF_FLOOR.opslimit || memlimit < KDF_FLOOR.memlimit) {
    throw new WeakKdfError('KDF parameters are below the floor (t = 3, m = 64 MiB).');
  }
}

/**
 * Derives a 32-byte KEK with Argon2id v1.3 (`crypto_pwhash`, `crypto_pwhash_ALG_ARGON2ID13`).
 * The passphrase is NFC-normalised first so the same words typed on another keyboard or
 * OS give the same key. The caller owns the result and must memzero it.
 * @param passphrase - the staff member's passphrase
 * @param salt16 - 16 random bytes stored in the slot
 * @throws WeakKdfError / InvalidInputError as {@link assertKdfParams}; InvalidInputError on
 *   a salt that is not 16 bytes
 */
export function deriveKek(passphrase: string, salt16: Uint8Array, params: KdfParams): Uint8Array {
  assertKdfParams(params);
  if (salt16.length !== KDF_SALT_BYTES) throw new InvalidInputError('KDF salt must be 16 bytes.');
  const s = getSodium();
  const password = utf8Encode(passphrase.normalize('NFC'));
  try {
    return s.crypto_pwhash(
      KEK_BYTES,
      password,
      salt16,
      params.opslimit,
      params.memlimit,
      s.crypto_pwhash_ALG_ARGON2ID13,
    );
  } finally {
    memzero(password);
  }
}

/** Options of {@link calibrateKdf}. */
export type CalibrateOptions = {
  /** Unlock time budget in ms (default 1000); parameters aim at 0.8 × this. */
  targetMs?: number;
  /** Memory cap in bytes (default 256 MiB, at least the floor, at most 1 GiB). */
  maxMemlimit?: number;
  /** Clock in ms (default `performance.now`, available in browsers and Node). */
  now?: () => number;
};

/**
 * Measures one Argon2id derivation at the floor, then scales `memlimit` (Argon2 time grows
 * linearly with memory) so the predicted unlock time is ≈ 0.8 × `targetMs`. Never returns
 * less than the floor, never more than `maxMemlimit`; memlimit is a multiple of 1 MiB.
 * @throws InvalidInputError on a non-positive target or a cap outside [floor, 1 GiB]
 */
export function calibrateKdf(options: CalibrateOptions = {}): {
  params: KdfParams;
  measuredMs: number;
} {
  const { targetMs = 1000, maxMemlimit = 256 * MIB, now = () => performance.now() } = options;
  if (!(targetMs > 0)) throw new InvalidInputError('targetMs must be positive.');
  if (!(maxMemlimit >= KDF_FLOOR.memlimit && maxMemlimit <= KDF_MAX_MEMLIMIT_BYTES)) {
    throw new InvalidInputError('maxMemlimit must be between 64 MiB and 1 GiB.');
  }
  const floor: KdfParams = { alg: 'argon2id13', ...KDF_FLOOR };
  const started = now();
  memzero(deriveKek('calibration', randomBytes(KDF_SALT_BYTES), floor));
  const measuredMs = Math.max(0, now() - started);
  const budgetMs = 0.8 * targetMs;
  // A clock too coarse to see the derivation means "very fast": go to the cap.
  const scaled =
    measuredMs > 0 ? (KDF_FLOOR.memlimit * budgetMs) / measuredMs : Number.POSITIVE_INFINITY;
  const capped = Math.min(scaled, maxMemlimit);
  const memlimit = Math.max(KDF_FLOOR.memlimit, Math.floor(capped / MIB) * MIB);
  return { params: { ...floor, memlimit }, measuredMs };
}
