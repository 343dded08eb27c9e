/**
 * The audit hash chain detects a deleted, reordered and edited entry (issue 6 acceptance),
 * a deleted tail when the head is known, and two versions of one entry.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AUDIT_GENESIS_HASH,
  verifyAuditChain,
  type AuditEntry,
  type AuditHead,
  type AuditProblem,
} from '../../../app/domain';
import { BOB, DEVICE_A, DEVICE_B, chain, headOf, sha256Hex } from './audit-fixture';

const verify = (entries: AuditEntry[], heads = new Map<string, AuditHead>()) =>
  verifyAuditChain(entries, { hash: sha256Hex, heads });
const problemsOf = (entries: AuditEntry[], heads?: Map<string, AuditHead>) =>
  verify(entries, heads).devices.find((d) => d.deviceId === DEVICE_A)?.problems ?? [];

/** Swaps entries i and j and renumbers them (what reordering a stored log amounts to). */
function swap(entries: AuditEntry[], i: number, j: number): AuditEntry[] {
  const out = [...entries];
  const a = out[i] as AuditEntry;
  const b = out[j] as AuditEntry;
  out[i] = { ...b, seq: a.seq };
  out[j] = { ...a, seq: b.seq };
  return out;
}

describe('verifyAuditChain', () => {
  it('finds intact chains of two devices intact, in any order', () => {
    const a = chain(DEVICE_A, 6);
    const b = chain(DEVICE_B, 4, BOB);
    const report = verify([...b, ...a].reverse(), new Map([[DEVICE_A, headOf(a)]]));
    expect(report.ok).toBe(true);
    expect(report.devices).toEqual([
      { deviceId: DEVICE_A, entries: 6, lastSeq: 6, problems: [] },
      { deviceId: DEVICE_B, entries: 4, lastSeq: 4, problems: [] },
    ]);
  });

  it.each<[string, (e: AuditEntry[]) => AuditEntry[], AuditProblem[]]>([
    ['a deleted entry', (e) => e.filter((x) => x.seq !== 3), [{ kind: 'missing', from: 3, to: 3 }]],
    [
      'deleted entries',
      (e) => e.filter((x) => x.seq < 2 || x.seq > 4),
      [{ kind: 'missing', from: 2, to: 4 }],
    ],
    ['a deleted first entry', (e) => e.slice(1), [{ kind: 'missing', from: 1, to: 1 }]],
    [
      'an edited entry',
      (e) => e.map((x) => (x.seq === 3 ? { ...x, staffName: 'Quelqu’un d’autre' } : x)),
      [{ kind: 'edited', seq: 3 }],
    ],
    [
      'an edited time',
      (e) => e.map((x) => (x.seq === 2 ? { ...x, at: '2021-05-03T06:00:00.000Z' } : x)),
      [{ kind: 'edited', seq: 2 }],
    ],
    [
      'two entries that swapped places',
      (e) => swap(e, 1, 2),
      [
        { kind: 'reordered', seq: 2 },
        { kind: 'reordered', seq: 3 },
        { kind: 'reordered', seq: 4 },
      ],
    ],
    [
      'a link forged to the genesis value',
      (e) => e.map((x) => (x.seq === 4 ? { ...x, prev: AUDIT_GENESIS_HASH } : x)),
      [
        { kind: 'reordered', seq: 4 },
        { kind: 'edited', seq: 4 },
      ],
    ],
    [
      'a forged link',
      (e) => e.map((x) => (x.seq === 4 ? { ...x, prev: 'ab'.repeat(32) } : x)),
      [
        { kind: 'edited', seq: 3 },
        { kind: 'edited', seq: 4 },
      ],
    ],
    [
      'a first entry linked to something',
      (e) => e.map((x) => (x.seq === 1 ? { ...x, prev: 'cd'.repeat(32) } : x)),
      [{ kind: 'edited', seq: 1 }],
    ],
  ])('detects %s', (_, tamper, expected) => {
    const entries = chain(DEVICE_A, 6);
    expect(problemsOf(tamper(entries))).toEqual(expected);
    // The other device's chain is not blamed.
    const both = verify([...tamper(entries), ...chain(DEVICE_B, 3, BOB)]);
    expect(both.ok).toBe(false);
    expect(both.devices.find((d) => d.deviceId === DEVICE_B)?.problems).toEqual([]);
  });

  it('detects a deleted tail and an edited last entry only against the known head', () => {
    const entries = chain(DEVICE_A, 5);
    const heads = new Map([[DEVICE_A, headOf(entries)]]);
    expect(verify(entries.slice(0, 3)).ok).toBe(true);
    expect(problemsOf(entries.slice(0, 3), heads)).toEqual([
      { kind: 'truncated', last: 3, head: 5 },
    ]);
    expect(problemsOf([], heads)).toEqual([{ kind: 'truncated', last: 0, head: 5 }]);
    const edited = entries.map((x) => (x.seq === 5 ? { ...x, staffId: null, staffName: null } : x));
    expect(verify(edited).ok).toBe(true);
    expect(problemsOf(edited, heads)).toEqual([{ kind: 'edited', seq: 5 }]);
  });

  it('reports two different entries under one number as a fork, and ignores a plain copy', () => {
    const entries = chain(DEVICE_A, 4);
    const third = entries[2] as AuditEntry;
    expect(verify([...entries, { ...third }]).ok).toBe(true);
    expect(problemsOf([...entries, { ...third, at: '2021-05-04T00:00:00.000Z' }])).toEqual([
      { kind: 'forked', seq: 3 },
    ]);
  });

  it('reports unreadable entries as such, not as missing, and adds extra problems', () => {
    const entries = chain(DEVICE_A, 5).filter((x) => x.seq !== 3);
    const report = verifyAuditChain(entries, {
      hash: sha256Hex,
      unreadable: [{ deviceId: DEVICE_A, seq: 3 }],
      extra: [{ deviceId: DEVICE_B, problem: { kind: 'conflict', seq: 7 } }],
    });
    expect(report.devices).toEqual([
      { deviceId: DEVICE_A, entries: 4, lastSeq: 5, problems: [{ kind: 'unreadable', seq: 3 }] },
      { deviceId: DEVICE_B, entries: 0, lastSeq: 0, problems: [{ kind: 'conflict', seq: 7 }] },
    ]);
  });

  it('property: any deletion, edit or swap inside a chain is detected', () => {
    const base = chain(DEVICE_A, 12);
    const heads = new Map([[DEVICE_A, headOf(base)]]);
    const tamper = fc.oneof(
      fc.nat(11).map((i) => (e: AuditEntry[]) => e.filter((_, k) => k !== i)),
      fc.tuple(fc.nat(11), fc.nat(10)).map(
        ([i, d]) =>
          (e: AuditEntry[]) =>
            swap(e, i, (i + 1 + d) % 12),
      ),
      fc
        .tuple(fc.nat(11), fc.constantFrom('at', 'kind', 'staffName', 'prev'))
        .map(([i, field]) => (e: AuditEntry[]) => {
          const replacements: Record<string, unknown> = {
            at: '2020-01-01T00:00:00.000Z',
            kind: 'kiosk-enter',
            staffName: 'Mallory',
            prev: 'ef'.repeat(32),
          };
          return e.map((x, k) =>
            k === i
              ? ({
                  ...x,
                  [field]: replacements[field],
                  ...(field === 'kind' ? { details: {} } : {}),
                } as AuditEntry)
              : x,
          );
        }),
    );
    fc.assert(
      fc.property(tamper, (t) => {
        const tampered = t(base);
        const report = verifyAuditChain(tampered, { hash: sha256Hex, heads });
        expect(report.ok).toBe(false);
      }),
      { numRuns: 200 },
    );
  });
});
