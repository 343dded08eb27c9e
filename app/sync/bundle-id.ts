/**
 * Deterministic bundle ids: a retry of the same (device, deviceSeq) after a crash between
 * "pushed" and "recorded as pushed" carries the same id, so the relay answers `duplicate`
 * instead of storing a second bundle (protocol v1: idempotent by bundle id).
 */
import { sha256, toBase64Url, utf8Encode } from '../crypto';

/** Domain-separation prefix of the derivation. FROZEN: changing it changes every id. */
const BUNDLE_ID_DOMAIN = 'comptoir/bundle-id/v1';
const ID_BYTES = 16;

/**
 * The id of this device's bundle number `deviceSeq`: the first 16 bytes of
 * SHA-256("comptoir/bundle-id/v1|" deviceId "|" deviceSeq), base64url.
 * @throws CryptoNotReadyError before initCrypto()
 */
export function bundleIdFor(deviceId: string, deviceSeq: number): string {
  const digest = sha256(utf8Encode(`${BUNDLE_ID_DOMAIN}|${deviceId}|${deviceSeq}`));
  return toBase64Url(digest.subarray(0, ID_BYTES));
}
