/**
 * The closed set of portal failures the UI and the queue act on, with one French
 * user-facing sentence each (what happened, what to do). HTTP statuses, fetch failures and
 * OAuth errors are translated into these ONCE, at the boundary (`submit.ts`,
 * `oidc-client.ts`). Messages never quote tokens or bodies.
 */

/**
 * What went wrong:
 * - `network`: no answer (offline, DNS, reset connection, timeout): retry later;
 * - `needs-login`: the access token is missing, expired or refused (401): refresh, else log in;
 * - `rejected`: the portal refused the content (4xx + OperationOutcome): correct the visit;
 * - `throttled`: 429 / 503 with `Retry-After`: retry after that delay;
 * - `server`: the portal failed (5xx): retry later;
 * - `config`: the portal address or client id is missing or unsafe: fix the settings;
 * - `bad-response`: the portal answered something unexpected: retry later, then support.
 */
export type PortalErrorCode =
  'network' | 'needs-login' | 'rejected' | 'throttled' | 'server' | 'config' | 'bad-response';

/** French, user-facing explanation of each code. */
export const PORTAL_MESSAGES_FR: Readonly<Record<PortalErrorCode, string>> = {
  network:
    'Le portail national est injoignable (réseau coupé ?). Les résultats restent en attente et seront envoyés automatiquement.',
  'needs-login':
    'Votre connexion au portail national a expiré : reconnectez-vous avec votre e-CPS pour reprendre les envois.',
  rejected:
    'Le portail national a refusé ce résultat : vérifiez la fiche de la visite, corrigez-la puis renvoyez-la.',
  throttled:
    'Le portail national est surchargé : les envois reprendront automatiquement dans quelques instants.',
  server:
    'Le portail national rencontre une panne : les résultats restent en attente et seront renvoyés automatiquement.',
  config:
    'L’adresse du portail national n’est pas configurée correctement : vérifiez les paramètres de transmission.',
  'bad-response':
    'Réponse inattendue du portail national : l’envoi sera retenté ; si le problème persiste, contactez l’assistance.',
};

/** Options of {@link PortalError}. */
export interface PortalErrorOptions {
  /** The underlying error (fetch TypeError, oauth4webapi error, FhirMappingError…). */
  readonly cause?: unknown;
  /** For `throttled`: the server's Retry-After, in milliseconds from now. */
  readonly retryAfterMs?: number;
  /** HTTP status of the answer, when there was one. */
  readonly status?: number;
}

/** A portal failure with an actionable {@link PortalErrorCode}. `message` is French. */
export class PortalError extends Error {
  override readonly name = 'PortalError';
  /** Retry-After in ms (only for `throttled`, when the server sent one). */
  readonly retryAfterMs?: number;
  /** HTTP status, when the portal answered. */
  readonly status?: number;

  /**
   * @param code what went wrong
   * @param message French text for the user; defaults to the message of `code` (for
   *   `rejected`, the portal's own OperationOutcome summary)
   * @param options `cause`, `retryAfterMs`, `status`
   */
  constructor(
    readonly code: PortalErrorCode,
    message: string = PORTAL_MESSAGES_FR[code],
    options: PortalErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    if (options.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs;
    if (options.status !== undefined) this.status = options.status;
  }
}

/**
 * Type guard for portal errors.
 * @param e any caught value
 * @returns true when `e` is a {@link PortalError}
 */
export function isPortalError(e: unknown): e is PortalError {
  return e instanceof PortalError;
}
