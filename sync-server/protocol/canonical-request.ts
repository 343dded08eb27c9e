/**
 * The string a device signs for every relay request (protocol v1 "Request signing"):
 * six lines joined by "\n", no trailing newline, UTF-8 encoded by the caller.
 *
 *   comptoir-relay/v1
 *   <METHOD uppercase>
 *   <path with query exactly as sent>
 *   <timestamp, Unix ms, decimal>
 *   <nonce, base64url>
 *   <hex SHA-256 of the body bytes; of the empty string when there is no body>
 *
 * FROZEN v1: changing a line breaks every deployed device.
 */
import { REQUEST_SIGNING_DOMAIN } from './constants';

/** Inputs of {@link buildCanonicalRequest}. */
export interface CanonicalRequestParts {
  method: string;
  /** Path and query exactly as sent, e.g. `/v1/vaults/AbC/bundles?after=12&limit=500`. */
  pathWithQuery: string;
  timestamp: number | string;
  nonce: string;
  /** Lowercase hex SHA-256 of the body (see `EMPTY_BODY_SHA256_HEX`). */
  bodySha256Hex: string;
}

/** Builds the canonical request string. */
export function buildCanonicalRequest(parts: CanonicalRequestParts): string {
  return [
    REQUEST_SIGNING_DOMAIN,
    parts.method.toUpperCase(),
    parts.pathWithQuery,
    String(parts.timestamp),
    parts.nonce,
    parts.bodySha256Hex,
  ].join('\n');
}
