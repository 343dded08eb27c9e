/**
 * Signed requests (protocol v1 "Request signing"): parse the four `comptoir-*` headers,
 * check the clock skew, then verify the Ed25519 signature over the canonical string. Every
 * failure is the same generic 401: the caller learns nothing about which check failed.
 */
import { HTTPException } from 'hono/http-exception';
import {
  buildCanonicalRequest,
  CLOCK_SKEW_MS,
  decodeBase64UrlOfLength,
  ED25519_SIGNATURE_BYTES,
  HEADER_DEVICE,
  HEADER_NONCE,
  HEADER_SIGNATURE,
  HEADER_TIMESTAMP,
  NONCE_BYTES,
  NONCE_TTL_MS,
  parseDeviceId,
  type DeviceId,
} from '../protocol';
import type { RelayContext } from './context';
import { sha256Hex } from './node-crypto';

/** The signature headers of a request, well-formed but not yet verified. */
export interface SignedHeaders {
  readonly deviceId: DeviceId;
  readonly timestamp: string;
  readonly nonce: string;
  readonly signature: Uint8Array;
}

const TIMESTAMP = /^(0|[1-9][0-9]{0,15})$/;

/**
 * Parses the headers and checks the timestamp is within ±CLOCK_SKEW_MS of `now` (inclusive).
 * @throws {HTTPException} 401.
 */
export function parseSignedHeaders(headers: Headers, now: number): SignedHeaders {
  const deviceId = parseDeviceId(headers.get(HEADER_DEVICE));
  const timestamp = headers.get(HEADER_TIMESTAMP) ?? '';
  const nonce = headers.get(HEADER_NONCE) ?? '';
  const signature = decodeBase64UrlOfLength(headers.get(HEADER_SIGNATURE), ED25519_SIGNATURE_BYTES);
  if (!deviceId || !signature || !decodeBase64UrlOfLength(nonce, NONCE_BYTES)) unauthorized();
  if (!TIMESTAMP.test(timestamp) || Math.abs(now - Number(timestamp)) > CLOCK_SKEW_MS) {
    unauthorized();
  }
  return { deviceId, timestamp, nonce, signature };
}

/**
 * Verifies the request signature with `publicKey`, takes a rate-limit token for the (now
 * verified) device, then records the nonce (replay cache, kept 2 × skew).
 * @throws {HTTPException} 401 on a bad signature or a replayed nonce.
 * @returns a 429 Response when the device is over its rate, else null.
 */
export async function verifySignedRequest(
  ctx: RelayContext,
  request: Request,
  signed: SignedHeaders,
  body: Uint8Array,
  publicKey: Uint8Array,
): Promise<Response | null> {
  const url = new URL(request.url);
  const canonical = buildCanonicalRequest({
    method: request.method,
    pathWithQuery: url.pathname + url.search,
    timestamp: signed.timestamp,
    nonce: signed.nonce,
    bodySha256Hex: sha256Hex(body),
  });
  const message = new TextEncoder().encode(canonical);
  if (!(await ctx.verifier.verify(publicKey, message, signed.signature))) unauthorized();
  const now = ctx.now();
  const waitMs = ctx.limiter.take(signed.deviceId, now);
  if (waitMs > 0) {
    ctx.log(`relay rate-limited device=${signed.deviceId}`);
    // Retry-After in whole seconds (RFC 9110 §10.2.3), at least 1.
    const retryAfter = String(Math.max(1, Math.ceil(waitMs / 1000)));
    return Response.json(
      { error: 'too_many_requests' },
      { status: 429, headers: { 'Retry-After': retryAfter } },
    );
  }
  const fresh = await ctx.store.rememberNonce(
    signed.deviceId,
    signed.nonce,
    now + NONCE_TTL_MS,
    now,
  );
  if (!fresh) unauthorized();
  return null;
}

function unauthorized(): never {
  throw new HTTPException(401);
}
