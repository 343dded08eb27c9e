/**
 * Public API of the portal layer (DESIGN.md "Transmission to the national portal"): the
 * OpenID Connect client of the pharmacist's identity provider, the submission of one
 * visit as a FHIR R4 transaction, and the persistent submission queue. The core emits data
 * (`QueueStatus`, `PortalError` codes with French messages); the UI renders it.
 */
export { BACKOFF_BASE_MS, BACKOFF_CAP_MS, backoffCeiling, retryDelay } from './backoff';
export { PORTAL_MESSAGES_FR, PortalError, isPortalError } from './errors';
export type { PortalErrorCode, PortalErrorOptions } from './errors';
export { completeLogin, createLoginRequest, discoverIssuer, refreshSession } from './oidc-client';
export type { AuthorizationServer, FetchLike, LoginRequest, PortalClient } from './oidc-client';
export { MAX_RETRY_AFTER_MS, parseRetryAfter } from './retry-after';
export { SUBMIT_TIMEOUT_MS, submitVisit } from './submit';
export type { SubmitContext, SubmitReceipt } from './submit';
export { SubmissionQueue } from './queue';
export { DEFAULT_CONCURRENCY, DEFAULT_RATE_PER_SECOND } from './queue-types';
export type {
  DrainResult,
  PortalConfig,
  QueueDeps,
  QueueSession,
  QueueStatus,
} from './queue-types';
export type { PortalSession, PortalSettings, SubmissionMode } from '../store';
