/**
 * The audit log export for a French spreadsheet (BOM, `;`, RFC 4180 quoting, formula
 * injection defence, JJ/MM/AAAA HH:MM dates) and the integrity banner's French.
 */
import { describe, expect, it } from 'vitest';
import {
  AUDIT_CSV_HEADERS,
  CSV_BOM,
  auditCsv,
  auditCsvFileName,
  csvDocument,
  csvField,
  describeAuditDetails,
  describeAuditIntegrity,
  formatDateTimeFr,
  nextAuditEntry,
  type AuditEvent,
} from '../../../app/domain';
import { DEVICE_A, DEVICE_B } from './audit-fixture';

describe('csv writer', () => {
  it.each([
    ['plain', 'plain'],
    ['a;b', '"a;b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\r\nlines', '"two\r\nlines"'],
    ['=HYPERLINK("http://x")', '"\'=HYPERLINK(""http://x"")"'],
    ['+33612345678', "'+33612345678"],
    ['-1', "'-1"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tx', "'\tx"],
    ['\rx', '"\'\rx"'],
    ['a=b', 'a=b'],
    ['', ''],
  ])('writes %j as %j', (input, expected) => {
    expect(csvField(input)).toBe(expected);
  });

  it('starts with the BOM and ends every record with CRLF', () => {
    expect(csvDocument([['a', 'b'], ['c']])).toBe(`${CSV_BOM}a;b\r\nc\r\n`);
    expect(csvDocument([])).toBe(CSV_BOM);
  });
});

const entry = (seq: number, event: AuditEvent, name: string | null = 'Alice Martin') =>
  nextAuditEntry({
    deviceId: DEVICE_A,
    head: seq === 1 ? null : { seq: seq - 1, hash: '0'.repeat(64) },
    at: '2021-05-03T07:05:09.000Z',
    actor: name === null ? null : { id: 'staffAlice000000000000', name },
    event,
  });

describe('auditCsv', () => {
  it('writes one row per entry with French dates and labels', () => {
    const csv = auditCsv(
      [
        entry(2, { kind: 'visit-viewed', details: { visitId: 'q3Xc9aZf1bQ2Lm0pR7sT8u' } }),
        entry(1, { kind: 'unlock', details: { method: 'passphrase', failedAttempts: 2 } }),
      ],
      { deviceName: (id) => (id === DEVICE_A ? 'Comptoir 1' : id) },
    );
    expect(csv.startsWith(CSV_BOM)).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines).toEqual([
      AUDIT_CSV_HEADERS.join(';'),
      '03/05/2021 09:05;Visite consultée;Alice Martin;Comptoir 1;2;Visite q3Xc9aZf…;q3Xc9aZf1bQ2Lm0pR7sT8u',
      '03/05/2021 09:05;Déverrouillage;Alice Martin;Comptoir 1;1;Phrase de passe, réussi après 2 échecs;',
      '',
    ]);
  });

  it('defuses a staff name written as a formula and quotes one with a separator', () => {
    const csv = auditCsv(
      [
        entry(1, { kind: 'kiosk-enter', details: {} }, '=cmd|calc'),
        entry(2, { kind: 'kiosk-exit', details: {} }, 'Martin; Alice'),
      ],
      { deviceName: () => 'Comptoir 1' },
    );
    expect(csv).toContain(";'=cmd|calc;");
    expect(csv).toContain(';"Martin; Alice";');
  });

  it('names the file after the day of the export', () => {
    expect(auditCsvFileName('2021-05-03')).toBe('comptoir-journal-2021-05-03.csv');
  });
});

describe('French texts', () => {
  it('formats instants in Paris time, summer and winter', () => {
    expect(formatDateTimeFr('2021-05-03T07:05:59.999Z')).toBe('03/05/2021 09:05');
    expect(formatDateTimeFr('2021-12-31T23:30:00.000Z')).toBe('01/01/2022 00:30');
  });

  it('describes details with names when known, short ids otherwise', () => {
    const added = entry(3, {
      kind: 'staff-added',
      details: { staffId: 'bobBob00000000000000', role: 'staff' },
    });
    expect(describeAuditDetails(added)).toBe('membre bobBob00… (équipe)');
    expect(describeAuditDetails(added, { staff: () => 'Bob Leroy' })).toBe('Bob Leroy (équipe)');
    const settings = entry(4, {
      kind: 'settings-changed',
      details: { settings: ['portal-mode', 'future-setting'] },
    });
    expect(describeAuditDetails(settings)).toBe('mode d’envoi au portail, future-setting');
    const exported = entry(5, {
      kind: 'exported',
      details: { report: 'month', period: '2021-05', rows: 31 },
    });
    expect(describeAuditDetails(exported)).toBe('Rapport mensuel 2021-05 : 31 lignes');
  });

  it('says « Journal intègre » or names the device and what was found', () => {
    const name = (id: string) => (id === DEVICE_B ? 'Comptoir 2' : 'Comptoir 1');
    expect(
      describeAuditIntegrity([{ deviceId: DEVICE_A, entries: 3, lastSeq: 3, problems: [] }], name),
    ).toEqual({ ok: true, lines: ['Journal intègre'] });
    const damaged = describeAuditIntegrity(
      [
        { deviceId: DEVICE_A, entries: 3, lastSeq: 3, problems: [] },
        {
          deviceId: DEVICE_B,
          entries: 3,
          lastSeq: 9,
          problems: [
            { kind: 'missing', from: 4, to: 6 },
            { kind: 'edited', seq: 8 },
            { kind: 'truncated', last: 9, head: 12 },
          ],
        },
      ],
      name,
    );
    expect(damaged.ok).toBe(false);
    expect(damaged.lines).toHaveLength(1);
    expect(damaged.lines[0]).toContain('« Comptoir 2 »');
    expect(damaged.lines[0]).toContain('les entrées n° 4 à 6 ont été supprimées');
    expect(damaged.lines[0]).toContain('l’entrée n° 8 a été modifiée');
    expect(damaged.lines[0]).toContain('(n° 10 à 12)');
  });
});
