/**
 * The audit log (DESIGN.md "Retention, audit, reports"): who unlocked, viewed, edited,
 * transmitted, exported, purged, paired or revoked — never patient data. Pure: the store
 * encrypts entries (under the AUDIT subkey) and hashes them (`audit-chain.ts`).
 *
 * Each device appends to its own chain: entry n carries `prev` = hash of entry n − 1 of
 * the same device (entry 1: {@link AUDIT_GENESIS_HASH}), so a deleted, reordered or edited
 * entry breaks a link. Details hold only non-identifying data, checked per kind by
 * {@link isAuditEntry}: counts, random ids (visit, staff member, device), fixed words.
 *
 * ```
 * Audit entry v1 (JSON inside the envelope; FROZEN: a change needs v: 2)
 * { v: 1,
 *   deviceId:  string       random id of the device that wrote it (its chain)
 *   seq:       integer      1, 2, 3… per device, no gaps
 *   prev:      hex(64)      hash of the device's entry seq − 1, or 64 × '0'
 *   at:        ISO 8601 UTC instant (toISOString)
 *   staffId:   string|null  the unlocked staff member (null: nobody, e.g. a timer)
 *   staffName: string|null  their name when it happened (staff data, not patient data)
 *   kind:      AuditKind
 *   details:   per kind, see AuditEventDetails (exact keys, checked) }
 * record id = `${deviceId}.${seq padded to 10 digits}`  (no ':', sorts by seq)
 * hash      = hex(SHA-256(UTF-8(canonicalJson(entry))))  (keys sorted, see merge-canonical)
 * ```
 */
import { canonicalJson } from './sync/merge-canonical';

/** Version of the entry format. */
export const AUDIT_ENTRY_VERSION = 1;
/** `prev` of a device's first entry. FROZEN. */
export const AUDIT_GENESIS_HASH = '0'.repeat(64);
/** Largest sequence number (the record id pads it to 10 digits). */
export const MAX_AUDIT_SEQ = 9_999_999_999;
/** Longest staff name kept in an entry, in characters. */
export const MAX_AUDIT_STAFF_NAME_CHARS = 200;

/** Details of each event kind: counts, random ids and fixed words only. */
export interface AuditEventDetails {
  setup: { method: 'create' | 'join' };
  unlock: { method: 'passphrase' | 'recovery'; failedAttempts: number };
  lock: { reason: 'manual' | 'idle' | 'pagehide' | 'bfcache' };
  'kiosk-enter': Record<string, never>;
  'kiosk-exit': Record<string, never>;
  'visit-created': { visitId: string; source: 'counter' | 'phone' };
  'visit-viewed': { visitId: string };
  'visit-edited': { visitId: string; part: 'identity' | 'test' | 'transmission' };
  'result-recorded': { visitId: string };
  'visit-transmitted': { visitId: string };
  'visit-rejected': { visitId: string };
  /** A person's data printed at their request (RGPD art. 15): the visit id only. */
  'visit-exported': { visitId: string };
  /** A person's identity erased at their request (RGPD art. 17): the visit id only. */
  'visit-erased': { visitId: string };
  /** `report`: a slug (`day`, `month`, `audit`…); `period`: digits and separators only. */
  exported: { report: string; period: string; rows: number };
  purged: { visits: number };
  'staff-added': { staffId: string; role: 'admin' | 'staff' };
  'staff-removed': { staffId: string };
  'device-paired': { deviceId: string };
  'device-revoked': { deviceId: string };
  /** Names (slugs) of the settings changed, never their values. */
  'settings-changed': { settings: readonly string[] };
}

/** What happened: the closed set of audit event kinds. */
export type AuditKind = keyof AuditEventDetails;

/** One event, as callers log it. */
export type AuditEvent = {
  [K in AuditKind]: { readonly kind: K; readonly details: Readonly<AuditEventDetails[K]> };
}[AuditKind];

/** The chain fields of an entry. */
export interface AuditEntryHeader {
  readonly v: typeof AUDIT_ENTRY_VERSION;
  readonly deviceId: string;
  readonly seq: number;
  readonly prev: string;
  readonly at: string;
  readonly staffId: string | null;
  readonly staffName: string | null;
}

/** One stored entry (layout in the module comment). */
export type AuditEntry = AuditEntryHeader & AuditEvent;

/** The last entry of a device's chain: its number and hash. */
export interface AuditHead {
  readonly seq: number;
  readonly hash: string;
}

/** Who acted: the unlocked staff member, or nobody. */
export type AuditActor = { readonly id: string; readonly name: string } | null;

type Check = (x: unknown) => boolean;

/** A random id (base64url) — what visit, staff and device ids are; a name with a space fails. */
const ID = /^[A-Za-z0-9_-]{1,64}$/;
const SLUG = /^[a-z][a-z0-9-]{0,31}$/;
const PERIOD = /^[0-9./: -]{0,40}$/;
const HEX_HASH = /^[0-9a-f]{64}$/;
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

const isId: Check = (x) => typeof x === 'string' && ID.test(x);
const isCount: Check = (x) => Number.isSafeInteger(x) && (x as number) >= 0;
const oneOf =
  (...values: string[]): Check =>
  (x) =>
    typeof x === 'string' && values.includes(x);
const matches =
  (pattern: RegExp): Check =>
  (x) =>
    typeof x === 'string' && pattern.test(x);
const isSlugList: Check = (x) =>
  Array.isArray(x) && x.length > 0 && x.length <= 16 && x.every(matches(SLUG));
const visit = { visitId: isId };

/** Exact keys and checks of each kind's details. */
const DETAIL_CHECKS: { readonly [K in AuditKind]: Readonly<Record<string, Check>> } = {
  setup: { method: oneOf('create', 'join') },
  unlock: { method: oneOf('passphrase', 'recovery'), failedAttempts: isCount },
  lock: { reason: oneOf('manual', 'idle', 'pagehide', 'bfcache') },
  'kiosk-enter': {},
  'kiosk-exit': {},
  'visit-created': { ...visit, source: oneOf('counter', 'phone') },
  'visit-viewed': visit,
  'visit-edited': { ...visit, part: oneOf('identity', 'test', 'transmission') },
  'result-recorded': visit,
  'visit-transmitted': visit,
  'visit-rejected': visit,
  'visit-exported': visit,
  'visit-erased': visit,
  exported: { report: matches(SLUG), period: matches(PERIOD), rows: isCount },
  purged: { visits: isCount },
  'staff-added': { staffId: isId, role: oneOf('admin', 'staff') },
  'staff-removed': { staffId: isId },
  'device-paired': { deviceId: isId },
  'device-revoked': { deviceId: isId },
  'settings-changed': { settings: isSlugList },
};

/** Every {@link AuditKind}, in the order of the screen's filter. */
export const AUDIT_KINDS = Object.keys(DETAIL_CHECKS) as readonly AuditKind[];

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);

/** Whether `kind` is an {@link AuditKind}. */
export function isAuditKind(kind: unknown): kind is AuditKind {
  return typeof kind === 'string' && Object.hasOwn(DETAIL_CHECKS, kind);
}

/** Whether `{ kind, details }` is a well-formed event: exact detail keys, checked values. */
export function isAuditEvent(x: unknown): x is AuditEvent {
  if (!isObj(x) || !isAuditKind(x.kind) || !isObj(x.details)) return false;
  const checks = DETAIL_CHECKS[x.kind];
  const details = x.details;
  const keys = Object.keys(details);
  return (
    keys.length === Object.keys(checks).length &&
    keys.every((k) => Object.hasOwn(checks, k) && (checks[k] as Check)(details[k]))
  );
}

/** The chain fields of an entry: exact keys, ids, number, hash, time and actor. */
function hasAuditHeader(x: Obj): boolean {
  const keys = Object.keys(x).sort().join();
  const seq = x.seq;
  const staffOk =
    (x.staffId === null && x.staffName === null) ||
    (isId(x.staffId) &&
      typeof x.staffName === 'string' &&
      x.staffName.length <= MAX_AUDIT_STAFF_NAME_CHARS);
  return (
    keys === 'at,details,deviceId,kind,prev,seq,staffId,staffName,v' &&
    x.v === AUDIT_ENTRY_VERSION &&
    isId(x.deviceId) &&
    typeof seq === 'number' &&
    Number.isSafeInteger(seq) &&
    seq >= 1 &&
    seq <= MAX_AUDIT_SEQ &&
    matches(HEX_HASH)(x.prev) &&
    matches(ISO_UTC)(x.at) &&
    Number.isFinite(Date.parse(x.at as string)) &&
    staffOk
  );
}

/** Whether `x` is a well-formed v1 entry (shape only; the chain is checked elsewhere). */
export function isAuditEntry(x: unknown): x is AuditEntry {
  return isObj(x) && hasAuditHeader(x) && isAuditEvent(x);
}

/** The record id of entry `seq` of `deviceId`: `<deviceId>.<seq on 10 digits>`. */
export function auditRecordId(deviceId: string, seq: number): string {
  return `${deviceId}.${String(seq).padStart(10, '0')}`;
}

/** The device id and sequence number named by an audit record id, or null. */
export function parseAuditRecordId(id: string): { deviceId: string; seq: number } | null {
  const match = /^([A-Za-z0-9_-]{1,64})\.(\d{10})$/.exec(id);
  if (!match) return null;
  const seq = Number(match[2]);
  return seq >= 1 ? { deviceId: match[1] as string, seq } : null;
}

/** The exact text an entry's hash covers (canonical JSON). FROZEN v1. */
export function auditEntryText(entry: AuditEntry): string {
  return canonicalJson(entry);
}

/**
 * The entry that follows `head` on `deviceId`'s chain (seq + 1, prev = head's hash).
 * @param at - ISO 8601 UTC instant (`Date#toISOString`)
 * @throws RangeError when the result is not a well-formed entry (bad event, actor or time)
 */
export function nextAuditEntry(input: {
  readonly deviceId: string;
  readonly head: AuditHead | null;
  readonly at: string;
  readonly actor: AuditActor;
  readonly event: AuditEvent;
}): AuditEntry {
  const entry = {
    v: AUDIT_ENTRY_VERSION,
    deviceId: input.deviceId,
    seq: (input.head?.seq ?? 0) + 1,
    prev: input.head?.hash ?? AUDIT_GENESIS_HASH,
    at: input.at,
    staffId: input.actor?.id ?? null,
    staffName: input.actor?.name ?? null,
    kind: input.event.kind,
    details: input.event.details,
  };
  if (!isAuditEntry(entry)) throw new RangeError(`malformed audit entry (${input.event.kind})`);
  return entry;
}
