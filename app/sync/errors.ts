/**
 * The closed set of errors of the sync layer (etebase-style): the caller branches on
 * `code`; `message` is French and says what happened and what to do (it is shown as is).
 * Relay status codes are mapped to codes in ONE place: {@link syncErrorFromStatus}.
 * Messages never quote ops, keys or bodies.
 */

/** What went wrong, as the engine and the UI act on it. */
export type SyncErrorCode =
  'network' | 'auth' | 'integrity' | 'quota' | 'rate-limited' | 'protocol' | 'not-found';

/** Default French message of each code. */
export const SYNC_ERROR_MESSAGES: Readonly<Record<SyncErrorCode, string>> = {
  network:
    'Le serveur de synchronisation est injoignable. Les saisies restent sur cet appareil et partiront au retour du réseau.',
  auth: "Cet appareil n'est plus autorisé par le serveur de synchronisation. Vérifiez l'heure de l'appareil ou associez-le de nouveau.",
  integrity:
    "Des données reçues n'ont pas passé les contrôles d'intégrité et ont été ignorées. Prévenez le responsable de la pharmacie.",
  quota:
    "L'espace de synchronisation de la pharmacie est plein. Contactez l'hébergeur du serveur de synchronisation.",
  'rate-limited': 'Le serveur de synchronisation est saturé. Nouvel essai automatique sous peu.',
  protocol:
    'Le serveur de synchronisation a répondu de façon inattendue. Mettez l’application à jour ou contactez le support.',
  'not-found':
    "Le coffre de la pharmacie est inconnu du serveur de synchronisation. Vérifiez l'adresse du serveur ou associez de nouveau cet appareil.",
};

/** Options of {@link SyncError}. */
export interface SyncErrorOptions {
  /** Underlying error, kept for debugging (never shown). */
  readonly cause?: unknown;
  /** HTTP status of the relay answer, when there was one. */
  readonly status?: number;
  /** For 'rate-limited': how long to wait, from `Retry-After` (RFC 9110 §10.2.3). */
  readonly retryAfterMs?: number;
}

/** Every error thrown by `app/sync`. */
export class SyncError extends Error {
  override readonly name = 'SyncError';
  /** Stable reason code. */
  readonly code: SyncErrorCode;
  /** HTTP status of the relay answer, if any. */
  readonly status?: number;
  /** Suggested wait before retrying, if the relay gave one. */
  readonly retryAfterMs?: number;

  /**
   * @param code - reason code
   * @param message - French user-facing message; defaults to {@link SYNC_ERROR_MESSAGES}
   * @param options - cause, HTTP status, Retry-After
   */
  constructor(code: SyncErrorCode, message?: string, options: SyncErrorOptions = {}) {
    super(message ?? SYNC_ERROR_MESSAGES[code], { cause: options.cause });
    this.code = code;
    if (options.status !== undefined) this.status = options.status;
    if (options.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs;
  }
}

/** Type guard for {@link SyncError}. */
export function isSyncError(e: unknown): e is SyncError {
  return e instanceof SyncError;
}

/**
 * Maps a relay HTTP status to an error (the one place that does it): 401 → auth,
 * 404 → not-found, 413/507 → quota, 429 → rate-limited, other 4xx → protocol,
 * 5xx → network (transient: retried with backoff).
 * @param status - HTTP status (not 2xx)
 * @param retryAfterMs - parsed `Retry-After`, for 429/503
 */
export function syncErrorFromStatus(status: number, retryAfterMs?: number): SyncError {
  const options = { status, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) };
  if (status === 401 || status === 403) return new SyncError('auth', undefined, options);
  if (status === 404) return new SyncError('not-found', undefined, options);
  if (status === 413 || status === 507) return new SyncError('quota', undefined, options);
  if (status === 429) return new SyncError('rate-limited', undefined, options);
  if (status >= 500) return new SyncError('network', undefined, options);
  return new SyncError('protocol', undefined, options);
}
