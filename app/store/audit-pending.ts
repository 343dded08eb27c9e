/**
 * Audit events that happen without keys, and the unlock that chains them.
 *
 * - Locking and entering patient mode wipe the keys at once (DESIGN.md "Session"): their
 *   entries cannot wait for an encrypted append. They are SEALED to the intake public key
 *   (like patient-mode entries: sealing needs no secret) as `audit-pending` records, and
 *   chained, in time order, by the next unlock.
 * - A failed unlock has no keys at all: a clear counter (`meta` row `'audit'`, a number,
 *   nothing personal) is raised, and the next successful unlock logs it
 *   (« réussi après N échecs ») and resets it, in the same transaction.
 * Limits: whoever can write to the device's storage can add fake pending events of these
 * two kinds or reset the counter; they cannot remove or alter a chained entry unnoticed.
 */
import { openIntake, randomId, sealToIntake, type Keyring } from '../crypto';
import {
  MAX_AUDIT_STAFF_NAME_CHARS,
  isAuditEvent,
  type AuditActor,
  type AuditKind,
} from '../domain';
import { writeAuditEntry, type AuditInput } from './audit-repo';
import { decodeRecord, encodeRecord } from './codec';
import type { ComptoirDb } from './db';
import { StorageError } from './errors';
import { guard, requireMeta } from './guard';
import { AUDIT_META_KEY, recordKey, type AuditMetaRow, type RecordRow } from './rows';
import { syncWriteTables } from './sync-write';
import { isDamage } from './visit-rows';

const PENDING_KIND = 'audit-pending';
/** The only kinds that may be logged without keys. */
const PENDING_KINDS: ReadonlySet<AuditKind> = new Set(['lock', 'kiosk-enter']);
/** A random staff id (what `isAuditEntry` accepts): a planted event must not block unlocks. */
const STAFF_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** The sealed payload of a pending event. */
interface PendingAudit {
  readonly v: 1;
  readonly at: string;
  readonly actor: AuditActor;
  readonly event: AuditInput['event'];
}

function isPending(x: unknown): x is PendingAudit {
  if (typeof x !== 'object' || x === null) return false;
  const p = x as Record<string, unknown>;
  const actor = p.actor as Record<string, unknown> | null;
  const actorOk =
    actor === null ||
    (typeof actor === 'object' &&
      typeof actor.id === 'string' &&
      STAFF_ID.test(actor.id) &&
      typeof actor.name === 'string' &&
      actor.name.length <= MAX_AUDIT_STAFF_NAME_CHARS);
  return (
    p.v === 1 &&
    typeof p.at === 'string' &&
    Number.isFinite(Date.parse(p.at)) &&
    new Date(p.at).toISOString() === p.at &&
    actorOk &&
    isAuditEvent(p.event) &&
    PENDING_KINDS.has(p.event.kind)
  );
}

/**
 * Logs a `lock` or `kiosk-enter` event WITHOUT the keyring: sealed to the intake public
 * key, chained at the next unlock ({@link appendUnlockAudit}).
 *
 * @param intakePublicKey the vault's intake public key (the meta row's)
 * @throws StorageError `corrupt` for another kind or a malformed event, `missing`, `quota`…
 */
export async function appendPendingAudit(
  db: ComptoirDb,
  intakePublicKey: Uint8Array,
  input: AuditInput,
): Promise<void> {
  const pending: PendingAudit = {
    v: 1,
    at: input.at.toISOString(),
    actor: input.actor,
    event: input.event,
  };
  if (!isPending(pending)) throw new StorageError('corrupt', 'not a keyless audit event');
  const env = sealToIntake(intakePublicKey, encodeRecord(pending));
  const row: RecordRow = {
    id: recordKey(PENDING_KIND, randomId()),
    kind: PENDING_KIND,
    epoch: 0,
    env,
  };
  return guard(db, async () => {
    await db.transaction('rw', [db.meta, db.records], async () => {
      await requireMeta(db);
      await db.records.add(row);
    });
  });
}

/** Failed unlocks counted since the last success (inside the caller's transaction). */
async function loadFailures(db: ComptoirDb): Promise<number> {
  const row = await db.meta.get(AUDIT_META_KEY);
  const count = row?.key === AUDIT_META_KEY ? row.unlockFailures : 0;
  return Number.isSafeInteger(count) && count >= 0 ? count : 0;
}

/**
 * Counts one failed unlock (wrong passphrase or recovery code). Needs no keyring.
 * @returns the failures since the last successful unlock
 * @throws StorageError `missing`, `quota`…
 */
export async function recordUnlockFailure(db: ComptoirDb): Promise<number> {
  return guard(db, () =>
    db.transaction('rw', db.meta, async () => {
      await requireMeta(db);
      const row: AuditMetaRow = {
        key: AUDIT_META_KEY,
        unlockFailures: (await loadFailures(db)) + 1,
      };
      await db.meta.put(row);
      return row.unlockFailures;
    }),
  );
}

/** Opens and removes the pending events, oldest first (unreadable ones are dropped). */
async function takePending(db: ComptoirDb, keyring: Keyring): Promise<PendingAudit[]> {
  const rows = await db.records.where('kind').equals(PENDING_KIND).toArray();
  const events: PendingAudit[] = [];
  for (const row of rows) {
    try {
      events.push(decodeRecord(openIntake(keyring, row.env), isPending));
    } catch (e) {
      // Not an event this vault sealed (planted or damaged): it was never chained, so
      // dropping it loses no audit entry.
      if (!isDamage(e)) throw e;
    }
  }
  await db.records.bulkDelete(rows.map((row) => row.id));
  return events.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}

/**
 * After a successful unlock, in ONE transaction: chains the pending keyless events, logs
 * `unlock` with the failures counted since the last success (and resets them), then
 * `kiosk-exit` when the unlock left patient mode.
 *
 * @throws as `writeAuditEntry`; StorageError `missing`, `quota`…
 */
export async function appendUnlockAudit(
  db: ComptoirDb,
  keyring: Keyring,
  input: {
    readonly actor: AuditActor;
    readonly at: Date;
    readonly method: 'passphrase' | 'recovery';
    readonly fromKiosk: boolean;
  },
): Promise<void> {
  const { actor, at, method } = input;
  return guard(db, () =>
    db.transaction('rw', syncWriteTables(db), async () => {
      await requireMeta(db, keyring.vaultId);
      for (const p of await takePending(db, keyring)) {
        await writeAuditEntry(db, keyring, { event: p.event, actor: p.actor, at: new Date(p.at) });
      }
      const failedAttempts = await loadFailures(db);
      await db.meta.delete(AUDIT_META_KEY);
      await writeAuditEntry(db, keyring, {
        event: { kind: 'unlock', details: { method, failedAttempts } },
        actor,
        at,
      });
      if (input.fromKiosk) {
        await writeAuditEntry(db, keyring, {
          event: { kind: 'kiosk-exit', details: {} },
          actor,
          at,
        });
      }
    }),
  );
}
