/**
 * Audit entries: a closed set of kinds whose details hold counts, random ids and fixed
 * words only, so a name, a birth date or a NIR cannot be logged by mistake.
 */
import { describe, expect, it } from 'vitest';
import {
  AUDIT_GENESIS_HASH,
  AUDIT_KINDS,
  AUDIT_KIND_LABELS_FR,
  auditRecordId,
  auditStaff,
  filterAuditEntries,
  isAuditEntry,
  nextAuditEntry,
  parseAuditRecordId,
  type AuditEntry,
  type AuditEvent,
} from '../../../app/domain';
import { ALICE, BOB, DEVICE_A, DEVICE_B, chain } from './audit-fixture';

const AT = '2021-05-03T07:00:00.000Z';
const first = (event: unknown): AuditEntry =>
  nextAuditEntry({
    deviceId: DEVICE_A,
    head: null,
    at: AT,
    actor: ALICE,
    event: event as AuditEvent,
  });

describe('audit entries', () => {
  it('chains the first entry to the genesis value and the next one to its head', () => {
    const entry = first({ kind: 'kiosk-enter', details: {} });
    expect(entry).toEqual({
      v: 1,
      deviceId: DEVICE_A,
      seq: 1,
      prev: AUDIT_GENESIS_HASH,
      at: AT,
      staffId: ALICE?.id,
      staffName: ALICE?.name,
      kind: 'kiosk-enter',
      details: {},
    });
    const next = nextAuditEntry({
      deviceId: DEVICE_A,
      head: { seq: 41, hash: 'ab'.repeat(32) },
      at: AT,
      actor: null,
      event: { kind: 'purged', details: { visits: 12 } },
    });
    expect(next).toMatchObject({ seq: 42, prev: 'ab'.repeat(32), staffId: null, staffName: null });
  });

  it.each([
    ['a name where a visit id goes', { kind: 'visit-viewed', details: { visitId: 'Jean Dupont' } }],
    ['a birth date as a count', { kind: 'purged', details: { visits: '1980-02-29' } }],
    [
      'an extra detail (a NIR)',
      { kind: 'visit-viewed', details: { visitId: 'abc', nir: '180022A00100109' } },
    ],
    ['a missing detail', { kind: 'unlock', details: { method: 'passphrase' } }],
    ['an unknown kind', { kind: 'visit-printed', details: { visitId: 'abc' } }],
    ['a word outside the list', { kind: 'lock', details: { reason: 'Dupont' } }],
    ['a setting value', { kind: 'settings-changed', details: { settings: ['https://x.test'] } }],
    ['no setting', { kind: 'settings-changed', details: { settings: [] } }],
    [
      'a period with letters',
      { kind: 'exported', details: { report: 'day', period: 'Dupont', rows: 1 } },
    ],
    ['a negative count', { kind: 'unlock', details: { method: 'recovery', failedAttempts: -1 } }],
  ])('refuses an event with %s', (_, event) => {
    expect(() => first(event)).toThrow(RangeError);
  });

  it('refuses malformed chain fields', () => {
    const ok = first({ kind: 'kiosk-exit', details: {} });
    expect(isAuditEntry(ok)).toBe(true);
    for (const bad of [
      { ...ok, seq: 0 },
      { ...ok, seq: 1.5 },
      { ...ok, prev: 'xyz' },
      { ...ok, at: '03/05/2021 09:00' },
      { ...ok, staffId: null },
      { ...ok, staffName: 'x'.repeat(201) },
      { ...ok, v: 2 },
      { ...ok, extra: 'Jean Dupont' },
      { ...ok, deviceId: 'un appareil' },
    ]) {
      expect(isAuditEntry(bad), JSON.stringify(bad)).toBe(false);
    }
  });

  it('names records by device and zero-padded number, without ":"', () => {
    const id = auditRecordId(DEVICE_A, 42);
    expect(id).toBe(`${DEVICE_A}.0000000042`);
    expect(id).not.toContain(':');
    expect(parseAuditRecordId(id)).toEqual({ deviceId: DEVICE_A, seq: 42 });
    expect(auditRecordId(DEVICE_A, 9) < auditRecordId(DEVICE_A, 10)).toBe(true);
    for (const bad of [`${DEVICE_A}.42`, `${DEVICE_A}.0000000000`, 'a:b.0000000001']) {
      expect(parseAuditRecordId(bad)).toBeNull();
    }
  });

  it('has a French label for every kind', () => {
    for (const kind of AUDIT_KINDS) expect(AUDIT_KIND_LABELS_FR[kind]).toMatch(/\S/);
  });
});

describe('filterAuditEntries', () => {
  const a = chain(DEVICE_A, 10);
  const b = chain(DEVICE_B, 5, BOB);
  const all = [...a, ...b];

  it('lists newest first, then by device and number', () => {
    const listed = filterAuditEntries(all, {});
    expect(listed).toHaveLength(15);
    expect(listed[0]).toBe(a[9]);
    expect(listed.slice(-2).map((e) => e.deviceId)).toEqual([DEVICE_B, DEVICE_A]);
  });

  it('filters by kind, staff member, device and local days (inclusive)', () => {
    expect(filterAuditEntries(all, { kinds: ['lock'] }).map((e) => e.seq)).toEqual([10, 5, 5]);
    expect(filterAuditEntries(all, { staffId: BOB?.id })).toHaveLength(5);
    expect(filterAuditEntries(all, { deviceId: DEVICE_A, kinds: [] })).toHaveLength(10);
    expect(filterAuditEntries(all, { fromDay: '2021-05-03', toDay: '2021-05-03' })).toHaveLength(
      15,
    );
    expect(filterAuditEntries(all, { fromDay: '2021-05-04' })).toEqual([]);
    expect(filterAuditEntries(all, { toDay: '2021-05-02' })).toEqual([]);
  });

  it('uses the pharmacy’s day: 23:30 UTC on 2 May is 3 May in Paris', () => {
    const late = { ...(a[0] as AuditEntry), at: '2021-05-02T23:30:00.000Z' };
    expect(filterAuditEntries([late], { fromDay: '2021-05-03' })).toEqual([late]);
  });

  it('knows the staff members the entries name', () => {
    expect(auditStaff(all)).toEqual(
      new Map([
        [ALICE?.id, ALICE?.name],
        [BOB?.id, BOB?.name],
      ]),
    );
  });
});
