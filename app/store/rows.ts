/**
 * The stored row layouts of the Comptoir IndexedDB database. FROZEN v1.
 *
 * DESIGN.md "IndexedDB (Dexie)": the only clear fields are random ids, the envelope, the
 * epoch, the visit state and the day (YYYY-MM-DD). No name, birth date, NIR, phone, or any
 * keyed index of them leaves the envelope. The one deliberate exception is the staff
 * display `label` of an unlock slot: staff (not patient) data, shown by the unlock picker
 * before any key is available.
 *
 * ```
 * FROZEN v1 — changing any field name, type or meaning needs a new db.version() and a
 * migration; adding a clear field needs a DESIGN.md change and the canary test updated.
 *
 * meta     key='vault'
 * ┌──────────┬───────────┬───────────────────────┬──────────┬───────────┐
 * │ key      │ vaultId   │ intakePublicKey       │ deviceId │ createdAt │
 * │ 'vault'  │ 22 b64url │ Uint8Array(32) X25519 │ string   │ ISO 8601  │
 * └──────────┴───────────┴───────────────────────┴──────────┴───────────┘
 *
 * slots    key=slotId, index staffId
 * ┌─────────┬──────────────────────────┬─────────┬───────┬──────────────┬──────────────┬────────────┬─────────┬───────────┐
 * │ slotId  │ kind                     │ staffId │ label │ salt         │ kdf          │ kcv        │ wrapped │ disabled? │
 * │ 22 b64u │ 'passphrase'|'recovery'  │ 22 b64u │ text  │ Uint8Array16 │ {ops,mem,…}  │ Uint8Array │ bytes   │ boolean   │
 * └─────────┴──────────────────────────┴─────────┴───────┴──────────────┴──────────────┴────────────┴─────────┴───────────┘
 *   (recovery slots have no staffId, label nor kdf; the slot bytes are app/crypto's format)
 *
 * records  key=id, index kind
 * ┌─────────────────────────┬───────────────────────┬─────────┬─────────────────────────┐
 * │ id = `${kind}:${recId}` │ kind                  │ epoch   │ env                     │
 * │ string                  │ RecordKind            │ integer │ Uint8Array, envelope v1 │
 * └─────────────────────────┴───────────────────────┴─────────┴─────────────────────────┘
 *   env = encryptRecord({vaultId, kind, recordId}, JSON bytes); settings recordId = 'pharmacy'
 *   RecordKind: 'settings' | 'staff' (v1); 'portal-session' (recordId = staffId) and
 *   'portal-settings' (recordId = 'portal') added in v2 without a schema change (`kind` is a
 *   plain string index; the OAuth tokens live only inside the envelope).
 *
 * visits   key=id, indexes day, state, [day+state]
 * ┌─────────┬────────────┬────────────┬─────────┬──────────────────────────────────────────┐
 * │ id      │ day        │ state      │ epoch   │ exactly one of                           │
 * │ 22 b64u │ YYYY-MM-DD │ VisitState │ integer │ env:    envelope v1, kind 'visit',       │
 * │         │            │            │ 0 if    │         recordId = id, JSON Visit        │
 * │         │            │            │ sealed  │ sealed: crypto_box_seal(IK.pk, JSON      │
 * │         │            │            │         │         IntakeEntry), state 'registered' │
 * └─────────┴────────────┴────────────┴─────────┴──────────────────────────────────────────┘
 *   The clear day/state are copies for listing and purge only: readers check them against
 *   the decrypted record and treat any difference as tampering.
 *
 * FROZEN v2 — db.version(2) adds one table; the v1 tables above are unchanged.
 *
 * submissions   key=visitId, index nextAttemptAt      (the portal transmission queue)
 * ┌─────────┬────────────────────────┬──────────────────────────────┐
 * │ visitId │ nextAttemptAt          │ attempts                     │
 * │ 22 b64u │ integer, epoch ms, UTC │ integer ≥ 0, failed attempts │
 * └─────────┴────────────────────────┴──────────────────────────────┘
 *   Non-identifying by construction: a random visit id, a time and a counter. The visit
 *   itself (and the portal's error text, receipt…) stays in its envelope. A row exists iff
 *   the visit is `queued` (both are written in one transaction).
 *
 * FROZEN v3 — db.version(3) adds three tables and one meta row (DESIGN.md "Sync relay");
 * the tables above are unchanged.
 *
 * meta     key='sync'   (clear, non-personal sync bookkeeping; absent = sync never enabled)
 * ┌────────┬─────────┬──────────────┬───────────┬────────────────┬─────────┬───────────┐
 * │ key    │ enabled │ hlc          │ deviceSeq │ lastBundleHash │ cursor  │ relayUrl? │
 * │ 'sync' │ boolean │ Hlc | null   │ integer   │ hex ('' none)  │ integer │ URL text  │
 * └────────┴─────────┴──────────────┴───────────┴────────────────┴─────────┴───────────┘
 *
 * outbox   key=seq (auto-increment)       (local changes not yet pushed; only when enabled)
 * ┌─────────┬─────────┬─────────────────────────────────────────────────────────────┐
 * │ seq     │ id      │ env: envelope v1, kind 'outbox', recordId = id,             │
 * │ integer │ 22 b64u │      JSON: changes v2 (domain/sync/changes.ts), or v1 from   │
 * │         │         │      older writers { v: 1, ops: Op[] } (outbox-repo.ts)     │
 * └─────────┴─────────┴─────────────────────────────────────────────────────────────┘
 *
 * tombstones   key=id   (deleted visits: their row is gone, later ops stay dead)
 * ┌─────────────────────┬───────────────────────────────┐
 * │ id (visit, 22 b64u) │ hlc: latest `del` op's clock  │
 * └─────────────────────┴───────────────────────────────┘
 *
 * clocks   key=id = the `records` key of a synced record (`staff:…`, `settings:pharmacy`,
 * ┌───────────────┬───────────────────────────┐   `portal-settings:portal`)
 * │ id            │ hlc: clock of its version │   absent = written before v3 (ZERO_HLC)
 * └───────────────┴───────────────────────────┘
 *
 * Visit payload v3 (inside the `visits.env` envelope; the clear row layout is unchanged):
 *   JSON { v: 3, visit: Visit, h: [Hlc, …], f: { [VisitPath]: index in h }, s, sh }
 *   where `s` is the MERGED state (may be `rejected` while `visit.state` reads `queued`
 *   after a re-queue, see domain/sync/merge-doc.ts) and `sh` the index of its clock; each
 *   distinct clock is written once. Readers still accept payload v2
 *   { v: 2, visit, clocks: { fields: { [VisitPath]: Hlc }, state, stateHlc } } (the same,
 *   one clock per field) and the v1 payload (a plain Visit): its clocks are all ZERO_HLC.
 * records kind 'visit-doc' (recordId = visit id): a merged remote visit doc that is not a
 *   complete visit yet (an edit delivered before the creation); JSON VisitDoc.
 *
 * Kit records (issue 5), added without a schema change (same `records` layout):
 * records kind 'kit-link' (recordId = RANDOM id, never the GTIN): JSON KitLink
 *   { gtin, kitId, kitName }; synced (`clocks` row `kit-link:<id>`), see kit-link-repo.ts.
 * records kind 'kit-list' (recordId = 'eu'): JSON { valueSetDate, kits: Kit[] }, the EU
 *   device list imported on THIS device; never synced, see kit-list-repo.ts.
 *
 * Report tallies (issue 6), added without a schema change (same `records` layout):
 * records kind 'tally' (recordId = `<day>.<visitId>`): JSON VisitTally (domain/tally.ts),
 *   the non-identifying counts of a PURGED visit, so reports survive the purge; written by
 *   purge-repo.ts, synced (`clocks` row `tally:<recordId>`), read by report-repo.ts by
 *   key range of days.
 * records kind 'retention' (recordId = 'policy'): JSON RetentionPolicy; synced, see
 *   retention-repo.ts.
 *
 * Audit log (issue 6), added without a schema change (same `records` layout; the three
 * first kinds are sealed under the AUDIT subkey, see record-rows.ts and audit-repo.ts):
 * records kind 'audit' (recordId = `<deviceId>.<seq on 10 digits>`): JSON AuditEntry v1
 *   (domain/audit.ts, hash-chained per device); synced WITHOUT a `clocks` row (immutable:
 *   no clock to merge by, and no event times in clear); a different remote content for a
 *   stored id is refused.
 * records kind 'audit-head' (recordId = deviceId): JSON { seq, hash }, the last entry of
 *   that device's chain known here (detects a deleted tail); never synced.
 * records kind 'audit-conflict' (recordId = `<audit recordId>.<16 hex of the refused
 *   entry's hash>`): JSON { deviceId, seq, hash }, a refused remote rewrite; never synced.
 * records kind 'audit-pending' (recordId = random id, epoch 0): env = sealed intake v1
 *   (crypto_box_seal to IK.pk) of JSON { v: 1, at, actor, event }: an event logged while
 *   the keys are being wiped (lock, patient mode); chained at the next unlock.
 *
 * Epochs of the vault key (issues 4 and 6), added without a schema change (same `records`
 * layout), both synced with a `clocks` row, see domain/epochs.ts and epoch-repo.ts:
 * records kind 'epoch' (recordId = the epoch number, decimal): JSON EpochRecord, the
 *   epoch's key sealed to each active device (no keys once retired).
 * records kind 'epoch-ack' (recordId = deviceId): JSON EpochAck, the epochs a device holds
 *   and the one it uses.
 *
 * meta     key='audit'   (clear, non-personal: failed unlocks since the last success)
 * ┌─────────┬─────────────────────┐
 * │ key     │ unlockFailures      │
 * │ 'audit' │ integer ≥ 0         │
 * └─────────┴─────────────────────┘
 * ```
 */
import type { PassphraseSlot, RecoverySlot } from '../crypto';
import type { Hlc, VisitState } from '../domain';

/** Primary key of the single meta row. */
export const META_KEY = 'vault';

/** The vault's public, non-personal identifiers (the `meta` table, key `'vault'`). */
export interface MetaRow {
  readonly key: typeof META_KEY;
  readonly vaultId: string;
  readonly intakePublicKey: Uint8Array;
  readonly deviceId: string;
  /** ISO 8601 creation instant of the vault on this device. */
  readonly createdAt: string;
}

/** Primary key of the sync meta row (v3). */
export const SYNC_META_KEY = 'sync';

/** Clear sync bookkeeping of this device (the `meta` table, key `'sync'`; nothing personal). */
export interface SyncMetaRow {
  readonly key: typeof SYNC_META_KEY;
  /** True once paired with a relay; only then are outbox entries written. */
  readonly enabled: boolean;
  /** This device's latest hybrid logical clock, `null` before the first change. */
  readonly hlc: Hlc | null;
  /** Sequence number of the last bundle this device pushed. */
  readonly deviceSeq: number;
  /** Hex SHA-256 of the last bundle this device pushed, `''` before the first. */
  readonly lastBundleHash: string;
  /** Last relay (server) sequence number applied here. */
  readonly cursor: number;
  readonly relayUrl?: string;
}

/** Primary key of the audit meta row. */
export const AUDIT_META_KEY = 'audit';

/**
 * Failed unlocks since the last success (the `meta` table, key `'audit'`): counted without
 * keys, logged in the next `unlock` audit entry. A number is not personal data.
 */
export interface AuditMetaRow {
  readonly key: typeof AUDIT_META_KEY;
  readonly unlockFailures: number;
}

/** Primary key of the stored-keyring meta row (v4, see keyring-repo.ts). */
export const KEYS_META_KEY = 'keys';

/** The keyring at rest (the `meta` table, key `'keys'`): both fields are ciphertext. */
export interface KeysMetaRow {
  readonly key: typeof KEYS_META_KEY;
  /** Keyring box v1 (app/crypto/keyring-box.ts), under the keyring key the slots wrap. */
  readonly box: Uint8Array;
  /** The keyring key sealed to this device's X25519 key, for slots of version 1. */
  readonly keySealed: Uint8Array;
}

/** A row of the `meta` table. */
export type MetaTableRow = MetaRow | SyncMetaRow | AuditMetaRow | KeysMetaRow;

/** A row of the `outbox` table (v3): one local change's ops, encrypted. */
export interface OutboxRow {
  /** Auto-increment key; absent only before insertion. */
  readonly seq?: number;
  readonly id: string;
  readonly env: Uint8Array;
}

/** A row of the `tombstones` table (v3): a visit deleted for good. */
export interface TombstoneRow {
  readonly id: string;
  readonly hlc: Hlc;
}

/** A row of the `clocks` table (v3): the clock of a synced record's stored version. */
export interface ClockRow {
  readonly id: string;
  readonly hlc: Hlc;
}

/** Envelope kind of outbox entries. */
export const OUTBOX_KIND = 'outbox';

/** The vault's public identifiers as returned by `readVaultMeta` (the meta row). */
export type VaultMeta = MetaRow;

/** A staff member's passphrase slot, with the clear label of the unlock picker. */
export type PassphraseSlotRow = PassphraseSlot & {
  readonly staffId: string;
  readonly label: string;
  readonly disabled?: boolean;
};

/** The vault's recovery-code slot. */
export type RecoverySlotRow = RecoverySlot & { readonly disabled?: boolean };

/** A row of the `slots` table. */
export type SlotRow = PassphraseSlotRow | RecoverySlotRow;

/** Kinds of non-visit encrypted records (part of the envelope's associated data). */
export type RecordKind =
  | 'settings'
  | 'staff'
  | 'portal-session'
  | 'portal-settings'
  | 'visit-doc'
  | 'kit-link'
  | 'kit-list'
  | 'tally'
  | 'retention'
  | 'audit'
  | 'audit-head'
  | 'audit-conflict'
  | 'audit-pending'
  | 'epoch'
  | 'epoch-ack';

/** A row of the `records` table: an encrypted non-visit record. */
export interface RecordRow {
  readonly id: string;
  readonly kind: RecordKind;
  readonly epoch: number;
  readonly env: Uint8Array;
}

/** A visit encrypted under the vault key (envelope v1, kind `'visit'`). */
export interface EnvelopeVisitRow {
  readonly id: string;
  readonly day: string;
  readonly state: VisitState;
  readonly epoch: number;
  readonly env: Uint8Array;
}

/** A kiosk / phone intake entry sealed to the intake public key, not yet absorbed. */
export interface SealedVisitRow {
  readonly id: string;
  readonly day: string;
  readonly state: 'registered';
  readonly epoch: 0;
  readonly sealed: Uint8Array;
}

/** A row of the `visits` table. */
export type VisitRow = EnvelopeVisitRow | SealedVisitRow;

/** A row of the `submissions` table (v2): one queued visit awaiting transmission. */
export interface SubmissionRow {
  readonly visitId: string;
  /** Earliest time of the next attempt, epoch milliseconds. */
  readonly nextAttemptAt: number;
  /** Failed attempts so far (drives the backoff). */
  readonly attempts: number;
}

/** Envelope kind of visit records. */
export const VISIT_KIND = 'visit';

/** Record id of the pharmacy settings record (there is one per vault). */
export const PHARMACY_RECORD_ID = 'pharmacy';

/** The `records` primary key of a record. */
export function recordKey(kind: RecordKind, recordId: string): string {
  return `${kind}:${recordId}`;
}

/** True when the visit row still holds a sealed intake entry. */
export function isSealedRow(row: VisitRow): row is SealedVisitRow {
  return 'sealed' in row && row.sealed instanceof Uint8Array;
}
