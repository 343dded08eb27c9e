/**
 * The closed set of errors the crypto core throws. Callers branch on `code` (or `instanceof`),
 * never on messages. Messages are English developer messages; the UI translates once per
 * boundary (STYLE.md "Errors"). No message ever contains key material or plaintext.
 */

/** Machine-readable reason of a {@link CryptoError}. */
export type CryptoErrorCode =
  | 'integrity'
  | 'wrong-passphrase'
  | 'kdf-too-weak'
  | 'unknown-epoch'
  | 'unsupported-version'
  | 'keyring-wiped'
  | 'invalid-input'
  | 'not-ready';

/** Options accepted by every crypto error: the underlying error is kept as `cause`. */
export type CryptoErrorOptions = { cause?: unknown };

/** Base class of every error thrown by `app/crypto`. */
export class CryptoError extends Error {
  override readonly name: string = 'CryptoError';
  /** Stable reason code; see {@link CryptoErrorCode}. */
  readonly code: CryptoErrorCode;

  /**
   * @param code - stable reason code
   * @param message - English developer message (never contains secrets)
   * @param options - `{ cause }` of the failure, kept for debugging
   */
  constructor(code: CryptoErrorCode, message: string, options?: CryptoErrorOptions) {
    super(message, options);
    this.code = code;
  }
}

/** A ciphertext, sealed box or binary format failed authentication or parsing. */
export class IntegrityError extends CryptoError {
  override readonly name = 'IntegrityError';
  /** @param message - what failed; @param options - `{ cause }` */
  constructor(message: string, options?: CryptoErrorOptions) {
    super('integrity', message, options);
  }
}

/** The key-check value of a slot did not match: wrong passphrase or recovery code. */
export class WrongPassphraseError extends CryptoError {
  override readonly name = 'WrongPassphraseError';
  /** @param message - what failed; @param options - `{ cause }` */
  constructor(message: string, options?: CryptoErrorOptions) {
    super('wrong-passphrase', message, options);
  }
}

/** KDF parameters below the floor (or of another algorithm) were found: downgrade defence. */
export class WeakKdfError extends CryptoError {
  override readonly name = 'WeakKdfError';
  /** @param message - what failed; @param options - `{ cause }` */
  constructor(message: string, options?: CryptoErrorOptions) {
    super('kdf-too-weak', message, options);
  }
}

/** Data refer to a key epoch the keyring does not hold (dropped, or never received). */
export class UnknownEpochError extends CryptoError {
  override readonly name = 'UnknownEpochError';
  /** @param message - what failed; @param options - `{ cause }` */
  constructor(message: string, options?: CryptoErrorOptions) {
    super('unknown-epoch', message, options);
  }
}

/** A binary format carries a version byte this build does not understand. */
export class UnsupportedVersionError extends CryptoError {
  override readonly name = 'UnsupportedVersionError';
  /** @param message - what failed; @param options - `{ cause }` */
  constructor(message: string, options?: CryptoErrorOptions) {
    super('unsupported-version', message, options);
  }
}

/** A keyring was used after {@link Keyring.wipe} (lock, patient mode, idle, pagehide). */
export class KeyringWipedError extends CryptoError {
  override readonly name = 'KeyringWipedError';
  /** @param message - what failed; @param options - `{ cause }` */
  constructor(message = 'The keyring was wiped; unlock again.', options?: CryptoErrorOptions) {
    super('keyring-wiped', message, options);
  }
}

/** A caller passed a malformed argument (bad id, kind, length, recovery code, encoding…). */
export class InvalidInputError extends CryptoError {
  override readonly name = 'InvalidInputError';
  /** @param message - what is wrong; @param options - `{ cause }` */
  constructor(message: string, options?: CryptoErrorOptions) {
    super('invalid-input', message, options);
  }
}

/** libsodium was used before `initCrypto()` resolved. */
export class CryptoNotReadyError extends CryptoError {
  override readonly name = 'CryptoNotReadyError';
  /** @param message - what failed; @param options - `{ cause }` */
  constructor(
    message = 'libsodium is not initialised; await initCrypto() first.',
    options?: CryptoErrorOptions,
  ) {
    super('not-ready', message, options);
  }
}

/**
 * Type guard for errors thrown by `app/crypto`.
 * @param e - any caught value
 * @returns true when `e` is a {@link CryptoError} (any subclass)
 */
export function isCryptoError(e: unknown): e is CryptoError {
  return e instanceof CryptoError;
}
