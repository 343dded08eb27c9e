/**
 * Audit chains for the domain tests, hashed with Node's SHA-256 (the app injects the same
 * function from app/crypto).
 */
import { createHash } from 'node:crypto';
import {
  auditEntryText,
  nextAuditEntry,
  type AuditActor,
  type AuditEntry,
  type AuditEvent,
  type AuditHead,
} from '../../../app/domain';

export const sha256Hex = (text: string): string =>
  createHash('sha256').update(text, 'utf8').digest('hex');

export const DEVICE_A = 'devA_AAAAAAAAAAAAAAAAAA';
export const DEVICE_B = 'devB_BBBBBBBBBBBBBBBBBB';
export const ALICE: AuditActor = { id: 'staffAlice000000000000', name: 'Alice Martin' };
export const BOB: AuditActor = { id: 'staffBob00000000000000', name: 'Bob Leroy' };

/** A varied sequence of events (index i → event). */
export function sampleEvent(i: number): AuditEvent {
  const visitId = `visit${String(i).padStart(17, '0')}`;
  const events: AuditEvent[] = [
    { kind: 'unlock', details: { method: 'passphrase', failedAttempts: i % 3 } },
    { kind: 'visit-viewed', details: { visitId } },
    { kind: 'visit-edited', details: { visitId, part: 'test' } },
    { kind: 'result-recorded', details: { visitId } },
    { kind: 'lock', details: { reason: 'idle' } },
  ];
  return events[i % events.length] as AuditEvent;
}

/** `n` chained entries of `deviceId`, one minute apart from 2021-05-03 07:00 UTC. */
export function chain(deviceId: string, n: number, actor: AuditActor = ALICE): AuditEntry[] {
  const out: AuditEntry[] = [];
  let head: AuditHead | null = null;
  for (let i = 0; i < n; i += 1) {
    const at = new Date(Date.UTC(2021, 4, 3, 7, i)).toISOString();
    const entry = nextAuditEntry({ deviceId, head, at, actor, event: sampleEvent(i) });
    head = { seq: entry.seq, hash: sha256Hex(auditEntryText(entry)) };
    out.push(entry);
  }
  return out;
}

/** The head of a chain (its last entry's number and hash). */
export function headOf(entries: readonly AuditEntry[]): AuditHead {
  const last = entries[entries.length - 1];
  if (!last) throw new Error('empty chain');
  return { seq: last.seq, hash: sha256Hex(auditEntryText(last)) };
}
