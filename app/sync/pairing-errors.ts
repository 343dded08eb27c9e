/**
 * Errors of device pairing (DESIGN.md "Sync relay" → Pairing). Like {@link SyncError}, the
 * caller branches on `code` and shows `message` as is: French, says what happened and what
 * to do. Relay failures during pairing stay {@link SyncError}s (network, rate limit…).
 */

/** What went wrong while pairing. */
export type PairingErrorCode =
  'invalid-code' | 'integrity' | 'mailbox-used' | 'expired' | 'aborted' | 'not-member' | 'locked';

/** Default French message of each code. */
export const PAIRING_ERROR_MESSAGES: Readonly<Record<PairingErrorCode, string>> = {
  'invalid-code':
    "Code d'appairage illisible ou incomplet. Scannez de nouveau le QR code, ou copiez le code en entier depuis l'appareil déjà associé.",
  integrity:
    "Le message d'appairage reçu n'est pas authentique. Annulez, puis recommencez l'appairage avec un nouveau code.",
  'mailbox-used':
    "Ce code d'appairage a déjà servi. Demandez un nouveau code sur l'appareil déjà associé.",
  expired:
    "Le code d'appairage a expiré (10 minutes). Demandez un nouveau code sur l'appareil déjà associé.",
  aborted: 'Appairage annulé.',
  'not-member':
    "L'appareil n'a pas été ajouté correctement au coffre de la pharmacie. Recommencez l'appairage avec un nouveau code.",
  locked:
    "Le coffre est verrouillé ou la synchronisation n'est pas activée. Déverrouillez l'appareil, activez la synchronisation, puis recommencez.",
};

/** Options of {@link PairingError}. */
export interface PairingErrorOptions {
  /** Underlying error, kept for debugging (never shown). */
  readonly cause?: unknown;
}

/** Every pairing-specific error thrown by `app/sync/pairing-*`. */
export class PairingError extends Error {
  override readonly name = 'PairingError';
  /** Stable reason code. */
  readonly code: PairingErrorCode;

  /**
   * @param code - reason code
   * @param message - French user-facing message; defaults to {@link PAIRING_ERROR_MESSAGES}
   * @param options - `{ cause }`
   */
  constructor(code: PairingErrorCode, message?: string, options: PairingErrorOptions = {}) {
    super(message ?? PAIRING_ERROR_MESSAGES[code], { cause: options.cause });
    this.code = code;
  }
}

/** Type guard for {@link PairingError}. */
export function isPairingError(e: unknown): e is PairingError {
  return e instanceof PairingError;
}
