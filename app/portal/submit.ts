/**
 * Sends one visit to the national portal: one FHIR R4 `transaction` Bundle POSTed to the
 * FHIR base (https://hl7.org/fhir/R4/http.html#transaction) with the pharmacist's bearer
 * token (RFC 6750). The answer is mapped ONCE, here, into a receipt or a
 * {@link PortalError}. Neither the token nor any body is ever logged or put in a message.
 */
import {
  FhirMappingError,
  buildResultBundle,
  describeOperationOutcome,
  parseTransactionResponse,
  type Performer,
  type Pharmacy,
  type Visit,
} from '../domain';
import { PORTAL_MESSAGES_FR, PortalError } from './errors';
import { isAbortOrNetwork } from './fetch-errors';
import type { FetchLike } from './oidc-client';
import { parseRetryAfter } from './retry-after';

/** A request to the portal that got no answer after this long counts as a network failure. */
export const SUBMIT_TIMEOUT_MS = 30_000;

/** FHIR's JSON media type (https://hl7.org/fhir/R4/http.html#mime-type). */
const FHIR_JSON = 'application/fhir+json';

/** What {@link submitVisit} needs besides the visit. */
export interface SubmitContext {
  /** FHIR base URL of the portal; the transaction is POSTed to it as is. */
  readonly fhirBase: string;
  /** The pharmacist's access token (secret). */
  readonly accessToken: string;
  readonly pharmacy: Pharmacy;
  /** The signed-in pharmacist (Practitioner of the Bundle). */
  readonly performer: Performer;
  readonly fetchImpl: FetchLike;
  /** Aborts the request (queue stopped); combined with the 30 s timeout. */
  readonly signal?: AbortSignal;
  /** Clock for an HTTP-date Retry-After; default `Date.now`. */
  readonly now?: () => number;
}

/** What the portal gave back for a transmitted visit. */
export interface SubmitReceipt {
  /** The portal's id of the Observation. */
  readonly observationId: string;
  /** `Bundle.entry.response.location` of the Observation: stored as the visit's receipt. */
  readonly location: string;
  /** False when the conditional create matched an earlier send of the same visit. */
  readonly created: boolean;
}

/**
 * Reads a JSON body without trusting it; `undefined` when it is not JSON. A connection that
 * breaks while the body streams is a `network` failure: the portal may or may not have
 * stored the result, and the conditional create makes the retry safe either way.
 */
async function readJson(response: Response): Promise<unknown> {
  let text: string;
  try {
    text = await response.text();
  } catch (e) {
    throw new PortalError('network', undefined, { cause: e });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined; // not JSON: the status alone decides
  }
}

/** Maps a non-2xx answer (https://hl7.org/fhir/R4/http.html#2.21.0.17). */
async function errorFor(response: Response, now: number): Promise<PortalError> {
  const { status } = response;
  if (status === 401) {
    await response.body?.cancel();
    return new PortalError('needs-login', undefined, { status });
  }
  if (status === 429 || status === 503) {
    await response.body?.cancel();
    const retryAfterMs = parseRetryAfter(response.headers.get('Retry-After'), now);
    return new PortalError('throttled', undefined, {
      status,
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    });
  }
  if (status >= 500) {
    await response.body?.cancel();
    return new PortalError('server', undefined, { status });
  }
  // 4xx: the portal refused this content. Its OperationOutcome says why, in its words.
  const described = describeOperationOutcome(await readJson(response));
  return new PortalError('rejected', described ?? PORTAL_MESSAGES_FR.rejected, { status });
}

async function post(body: string, ctx: SubmitContext): Promise<Response> {
  const timeout = AbortSignal.timeout(SUBMIT_TIMEOUT_MS);
  const signal = ctx.signal ? AbortSignal.any([ctx.signal, timeout]) : timeout;
  try {
    return await ctx.fetchImpl(ctx.fhirBase, {
      method: 'POST',
      headers: {
        'Content-Type': FHIR_JSON,
        Accept: FHIR_JSON,
        Authorization: `Bearer ${ctx.accessToken}`,
      },
      body,
      signal,
      // Never send cookies or follow a redirect to another origin with the token.
      credentials: 'omit',
      redirect: 'error',
    });
  } catch (e) {
    if (isAbortOrNetwork(e)) throw new PortalError('network', undefined, { cause: e });
    throw e;
  }
}

/**
 * Builds the visit's Bundle and sends it.
 *
 * @param visit a queued visit (with test, result and consent)
 * @returns the receipt (`created` false when it had already been received: a retry)
 * @throws PortalError `network` (no answer within {@link SUBMIT_TIMEOUT_MS}, offline,
 *   aborted), `needs-login` (401), `throttled` (429/503, with `retryAfterMs` when the
 *   Retry-After header was valid), `rejected` (other 4xx; French message from the
 *   OperationOutcome, or a generic one; also a visit not ready for transmission),
 *   `server` (5xx), `bad-response` (2xx that is not a valid transaction-response),
 *   `config` (unusable FHIR base URL)
 */
export async function submitVisit(visit: Visit, ctx: SubmitContext): Promise<SubmitReceipt> {
  if (!URL.canParse(ctx.fhirBase)) throw new PortalError('config');
  let body: string;
  try {
    body = JSON.stringify(
      buildResultBundle(visit, { pharmacy: ctx.pharmacy, performer: ctx.performer }),
    );
  } catch (e) {
    // `not-ready`: the visit lacks what the portal requires; the staff must complete it.
    if (e instanceof FhirMappingError) throw new PortalError('rejected', e.message, { cause: e });
    throw e;
  }
  const response = await post(body, ctx);
  const now = (ctx.now ?? Date.now)();
  if (!response.ok) throw await errorFor(response, now);
  let receipt;
  try {
    receipt = parseTransactionResponse(await readJson(response));
  } catch (e) {
    if (e instanceof FhirMappingError) {
      throw new PortalError('bad-response', undefined, { cause: e, status: response.status });
    }
    throw e;
  }
  return {
    observationId: receipt.observationId,
    location: receipt.observationLocation,
    created: receipt.created,
  };
}
