/**
 * Errors of the camera scanner, with the French message the UI shows as is. html5-qrcode
 * rejects with plain strings such as `"Error getting userMedia, error = NotAllowedError: …"`
 * (html5-qrcode 2.3.8 `src/strings.ts`), so {@link toScanError} maps on the DOMException
 * names of `getUserMedia` it embeds.
 * @see https://developer.mozilla.org/docs/Web/API/MediaDevices/getUserMedia#exceptions
 */

/** Why the scanner could not run or read a code. */
export type ScanErrorCode =
  | 'permission-denied'
  | 'no-camera'
  | 'camera-busy'
  | 'unsupported'
  | 'no-code-found'
  | 'camera-unavailable';

/** French message of each code: what happened, what to do. */
export const SCAN_ERROR_MESSAGES: Readonly<Record<ScanErrorCode, string>> = {
  'permission-denied':
    'Accès à la caméra refusé : autorisez la caméra dans les réglages du navigateur, ou utilisez « Coller le code ».',
  'no-camera': 'Caméra indisponible : utilisez « Coller le code ».',
  'camera-busy':
    'La caméra est occupée par une autre application : fermez-la puis réessayez, ou utilisez « Coller le code ».',
  unsupported:
    'Ce navigateur ne donne pas accès à la caméra (une connexion https est nécessaire) : utilisez « Coller le code ».',
  'no-code-found':
    'Aucun code lisible dans cette image : reprenez une photo nette du code en entier, ou utilisez « Coller le code ».',
  'camera-unavailable': 'Caméra indisponible : utilisez « Coller le code ».',
};

/** Every error of `app/scan`; branch on `code`, show `message`. */
export class ScanError extends Error {
  override readonly name = 'ScanError';
  /** Stable reason code. */
  readonly code: ScanErrorCode;

  /**
   * @param code - reason code
   * @param options - `{ cause }`, the library's original rejection (never shown)
   */
  constructor(code: ScanErrorCode, options: { cause?: unknown } = {}) {
    super(SCAN_ERROR_MESSAGES[code], { cause: options.cause });
    this.code = code;
  }
}

/** Type guard for {@link ScanError}. */
export function isScanError(e: unknown): e is ScanError {
  return e instanceof ScanError;
}

const CAMERA_RULES: readonly [RegExp, ScanErrorCode][] = [
  [/NotAllowedError|PermissionDenied|SecurityError|Permission denied/i, 'permission-denied'],
  [/NotFoundError|DevicesNotFound|OverconstrainedError|Requested device not found/i, 'no-camera'],
  [/NotReadableError|TrackStartError|AbortError|Could not start video/i, 'camera-busy'],
  [/not supported|secure context|mediaDevices/i, 'unsupported'],
];

function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return typeof error === 'string' ? error : '';
}

/**
 * Maps a rejection of `Html5Qrcode.start` (string, DOMException or Error) to a
 * {@link ScanError}; an existing ScanError passes through.
 */
export function toScanError(error: unknown): ScanError {
  if (error instanceof ScanError) return error;
  const text = describe(error);
  const rule = CAMERA_RULES.find(([pattern]) => pattern.test(text));
  return new ScanError(rule?.[1] ?? 'camera-unavailable', { cause: error });
}
