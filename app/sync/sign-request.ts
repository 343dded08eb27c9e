/**
 * Signs a relay request (protocol v1 "Request signing"): the canonical string comes from the
 * wire contract; this device's Ed25519 key signs it; four `comptoir-*` headers carry it.
 */
import { randomBytes, sha256, toBase64Url, toHex, utf8Encode } from '../crypto';
import {
  HEADER_DEVICE,
  HEADER_NONCE,
  HEADER_SIGNATURE,
  HEADER_TIMESTAMP,
  NONCE_BYTES,
  buildCanonicalRequest,
} from '../../sync-server/protocol';

/** Who signs: a device id and its Ed25519 signing function (a Keyring or a DeviceIdentity). */
export interface RequestSigner {
  readonly deviceId: string;
  signDetached(message: Uint8Array): Uint8Array;
}

/**
 * The signature headers of one request.
 * @param method - HTTP method
 * @param pathWithQuery - path and query exactly as sent (`/v1/vaults/…?after=0&limit=500`)
 * @param body - request body bytes (empty when none)
 * @param now - Unix ms
 * @throws KeyringWipedError when the signer was wiped
 */
export function signRequest(
  signer: RequestSigner,
  method: string,
  pathWithQuery: string,
  body: Uint8Array,
  now: number,
): Record<string, string> {
  const timestamp = String(Math.floor(now));
  const nonce = toBase64Url(randomBytes(NONCE_BYTES));
  const canonical = buildCanonicalRequest({
    method,
    pathWithQuery,
    timestamp,
    nonce,
    bodySha256Hex: toHex(sha256(body)),
  });
  return {
    [HEADER_DEVICE]: signer.deviceId,
    [HEADER_TIMESTAMP]: timestamp,
    [HEADER_NONCE]: nonce,
    [HEADER_SIGNATURE]: toBase64Url(signer.signDetached(utf8Encode(canonical))),
  };
}
