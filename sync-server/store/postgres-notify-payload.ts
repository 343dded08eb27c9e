/**
 * What relays say to each other on PostgreSQL's notification channel (NOTIFY,
 * https://www.postgresql.org/docs/15/sql-notify.html): "vault V has a new bundle at seq N".
 *
 * Channel {@link EVENTS_CHANNEL}; payload, UTF-8 JSON text of at most 64 bytes:
 *
 *     {"vault":"<vault id: 22 base64url characters>","seq":<server seq: integer ≥ 1>}
 *     e.g. {"vault":"AAECAwQFBgcICQoLDA0ODw","seq":42}
 *
 * Frozen: relays of two versions share the channel during a rolling upgrade. A field may be
 * added (readers ignore unknown fields, within {@link ANNOUNCEMENT_MAX_CHARS}); none may be
 * changed or removed. The payload carries ids and counters only, never bundle bytes.
 */
import { isId } from '../protocol/ids';

/** The one channel of every relay on a database (channels are per database, not schema). */
export const EVENTS_CHANNEL = 'comptoir_bundles';

/**
 * Longest payload read (characters). Ours are ~50; anything longer is not from a relay and
 * is dropped before parsing. PostgreSQL's own limit is 8000 bytes.
 */
export const ANNOUNCEMENT_MAX_CHARS = 256;

/** One announcement, checked. */
export interface Announcement {
  readonly vaultId: string;
  readonly seq: number;
}

/**
 * The payload announcing `seq` of `vaultId`.
 * @throws Error when the vault id is not a protocol id or seq not a positive safe integer
 *   (a broken invariant: the relay only announces what its store accepted).
 */
export function encodeAnnouncement(vaultId: string, seq: number): string {
  if (!isId(vaultId) || !isSeq(seq)) throw new Error('Invalid relay announcement.');
  return JSON.stringify({ vault: vaultId, seq });
}

/**
 * Reads a payload heard on the channel; `null` when it is not a well-formed announcement
 * (anyone allowed to connect to the database may NOTIFY anything).
 */
export function parseAnnouncement(payload: string | undefined): Announcement | null {
  if (payload === undefined || payload.length > ANNOUNCEMENT_MAX_CHARS) return null;
  let value: unknown;
  try {
    value = JSON.parse(payload);
  } catch {
    return null; // Not JSON: not one of ours.
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const { vault, seq } = value as { vault?: unknown; seq?: unknown };
  return isId(vault) && isSeq(seq) ? { vaultId: vault, seq } : null;
}

function isSeq(seq: unknown): seq is number {
  return typeof seq === 'number' && Number.isSafeInteger(seq) && seq >= 1;
}
