/**
 * The pairing code device A shows (as a QR code, and as text for « Coller le code »):
 * everything device B needs to reach A through the relay.
 *
 * Text: `COMPTOIR-APPAIRAGE:1:` + base64url without padding (RFC 4648 §5) of:
 *
 * ```
 * offset  size  field
 * 0       1     version = 0x01 (same as the text prefix)
 * 1       16    vault id (raw bytes of the protocol id)
 * 17      16    mailbox id B→A (raw bytes)
 * 33      32    pairing secret
 * 65      n     relay base URL, UTF-8, 1 ≤ n ≤ 256 (https, or http on localhost only)
 * ```
 * About 150 characters for a usual URL: a version-8 QR code at level M, or one paste.
 *
 * FROZEN v1: must not change; a new layout takes a new version in both places.
 * Whitespace anywhere in the text is ignored (copy-paste splits long lines).
 */
import { decodeBase64Url, encodeBase64Url } from '../../sync-server/protocol/base64url';
import { ID_BYTES } from '../../sync-server/protocol/constants';
import { parseMailboxId, parseVaultId } from '../../sync-server/protocol/ids';
import type { MailboxId, VaultId } from '../../sync-server/protocol/ids';
import { PAIRING_SECRET_BYTES } from '../crypto';
import { PairingError } from './pairing-errors';

/** Text prefix of a v1 pairing code. */
export const PAIRING_CODE_PREFIX = 'COMPTOIR-APPAIRAGE:1:';
/** Version byte of the v1 binary layout. */
export const PAIRING_CODE_V1 = 0x01;
/** Longest relay URL accepted in a code, in UTF-8 bytes. */
export const MAX_RELAY_URL_BYTES = 256;

const HEADER_BYTES = 1 + ID_BYTES + ID_BYTES + PAIRING_SECRET_BYTES;
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** What a pairing code carries. `secret` is key material: never log it. */
export interface PairingCode {
  readonly relayUrl: string;
  readonly vaultId: VaultId;
  readonly mailboxId: MailboxId;
  readonly secret: Uint8Array;
}

/**
 * Checks a relay base URL: absolute, https (http only for localhost / 127.0.0.1 / [::1]),
 * no credentials, query or fragment.
 * @returns the URL as given, without trailing slashes
 * @throws PairingError 'invalid-code'
 */
export function assertRelayUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch (cause) {
    throw new PairingError('invalid-code', undefined, { cause });
  }
  const secure = url.protocol === 'https:';
  const local = url.protocol === 'http:' && LOCAL_HOSTS.has(url.hostname);
  if (!(secure || local) || url.username || url.password || url.search || url.hash) {
    throw new PairingError(
      'invalid-code',
      "Code d'appairage illisible : l'adresse du serveur de synchronisation doit être en https. Vérifiez le réglage sur l'appareil déjà associé.",
    );
  }
  return text.replace(/\/+$/, '');
}

/**
 * Encodes a pairing code (layout in the module comment).
 * @throws PairingError 'invalid-code' on a bad relay URL, id or secret length (caller bug)
 */
export function encodePairingCode(code: PairingCode): string {
  const relay = new TextEncoder().encode(assertRelayUrl(code.relayUrl));
  const vault = decodeBase64Url(code.vaultId);
  const mailbox = decodeBase64Url(code.mailboxId);
  if (
    vault?.length !== ID_BYTES ||
    mailbox?.length !== ID_BYTES ||
    code.secret.length !== PAIRING_SECRET_BYTES ||
    relay.length === 0 ||
    relay.length > MAX_RELAY_URL_BYTES
  ) {
    throw new PairingError('invalid-code');
  }
  const bytes = new Uint8Array(HEADER_BYTES + relay.length);
  bytes[0] = PAIRING_CODE_V1;
  bytes.set(vault, 1);
  bytes.set(mailbox, 1 + ID_BYTES);
  bytes.set(code.secret, 1 + 2 * ID_BYTES);
  bytes.set(relay, HEADER_BYTES);
  return PAIRING_CODE_PREFIX + encodeBase64Url(bytes);
}

/**
 * Parses a scanned or pasted pairing code. Input is untrusted.
 * @throws PairingError 'invalid-code' (« Code d'appairage illisible… ») on anything else
 */
export function parsePairingCode(text: string): PairingCode {
  const compact = text.replace(/\s+/g, '');
  if (!compact.toUpperCase().startsWith(PAIRING_CODE_PREFIX)) {
    throw new PairingError('invalid-code');
  }
  const bytes = decodeBase64Url(compact.slice(PAIRING_CODE_PREFIX.length));
  if (bytes === null || bytes.length <= HEADER_BYTES || bytes[0] !== PAIRING_CODE_V1) {
    throw new PairingError('invalid-code');
  }
  const relayBytes = bytes.subarray(HEADER_BYTES);
  if (relayBytes.length > MAX_RELAY_URL_BYTES) throw new PairingError('invalid-code');
  let relayText: string;
  try {
    relayText = new TextDecoder('utf-8', { fatal: true }).decode(relayBytes);
  } catch (cause) {
    throw new PairingError('invalid-code', undefined, { cause });
  }
  const vaultId = parseVaultId(encodeBase64Url(bytes.subarray(1, 1 + ID_BYTES)));
  const mailboxId = parseMailboxId(encodeBase64Url(bytes.subarray(1 + ID_BYTES, 1 + 2 * ID_BYTES)));
  if (vaultId === null || mailboxId === null) throw new PairingError('invalid-code');
  return {
    relayUrl: assertRelayUrl(relayText),
    vaultId,
    mailboxId,
    secret: bytes.slice(1 + 2 * ID_BYTES, HEADER_BYTES),
  };
}
