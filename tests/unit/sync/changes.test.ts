/**
 * Changes (ops merged per visit; `app/domain/sync/changes.ts`): what bundles carry. The
 * wire form must give back exactly the merge of the ops, and malformed input is refused.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  EMPTY_VISIT_DOC,
  OpsFormatError,
  applyOp,
  changesToOps,
  encodeChanges,
  joinChanges,
  mergeOps,
  opsToChanges,
  parseChanges,
  parseOps,
  type Changes,
  type Op,
  type VisitDoc,
  type VisitOp,
} from '../../../app/domain';
import { opArb } from './op-arbitraries';

const HLC = '0mx0kvqmm:0000:devA';
const HLC2 = '0mx0kvqmm:0001:devA';
const wire = (ops: readonly Op[]) => JSON.parse(JSON.stringify(encodeChanges(opsToChanges(ops))));

const docsOf = ({ visits, records }: Changes) => ({ visits, records });

/** Delivers ops one by one into per-visit docs (the reference the changes must equal). */
function deliver(ops: readonly VisitOp[]): Map<string, VisitDoc> {
  const docs = new Map<string, VisitDoc>();
  for (const op of ops) docs.set(op.id, applyOp(docs.get(op.id) ?? EMPTY_VISIT_DOC, op));
  return docs;
}

describe('changes', () => {
  it('merging a visit’s ops at once equals applying them one by one', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 40 }), (ops) => {
        const one = ops.map((op) => ({ ...op, id: 'v1' }));
        expect(mergeOps(null, one)).toEqual(one.reduce(applyOp, EMPTY_VISIT_DOC));
      }),
      { numRuns: 300 },
    );
  });

  it('survives the wire form: parse(encode(ops)) holds each visit’s merged doc', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 40 }), (ops) => {
        const parsed = parseChanges(wire(ops));
        expect(new Map(parsed.visits)).toEqual(deliver(ops));
        const latest =
          ops
            .map((op) => op.hlc)
            .sort()
            .at(-1) ?? null;
        expect(opsToChanges(ops).latest).toBe(latest);
      }),
      { numRuns: 300 },
    );
  });

  it('joins bundles cut anywhere into what the whole would give', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 40 }), fc.nat(40), (ops, cut) => {
        const parts = [ops.slice(0, cut), ops.slice(cut)].map((p) => parseChanges(wire(p)));
        expect(new Map(joinChanges(parts).visits)).toEqual(deliver(ops));
      }),
    );
  });

  it('carries record ops unchanged and keeps a deleted visit without fields', () => {
    const record: Op = { t: 'record', kind: 'staff', id: 's1', value: { name: 'A' }, hlc: HLC };
    const ops: Op[] = [
      { t: 'set', kind: 'visit', id: 'v1', path: 'identity.city', value: 'Lyon', hlc: HLC },
      { t: 'del', kind: 'visit', id: 'v1', hlc: HLC2 },
      record,
    ];
    const parsed = parseChanges(wire(ops));
    expect(parsed.records).toEqual([record]);
    expect(parsed.visits.get('v1')).toEqual({ ...EMPTY_VISIT_DOC, fields: {}, deleted: HLC2 });
    expect(parsed.latest).toBe(HLC2);
  });

  it('joins the version-2 parts of version 3 in order into what the whole would give', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 40 }), fc.nat(40), (ops, cut) => {
        const parts = [ops.slice(0, cut), ops.slice(cut)].map(wire);
        expect(parseChanges({ v: 3, parts })).toEqual(joinChanges(parts.map(parseChanges)));
        // The same docs and records (`latest`, a clock hint, may differ by where the cut fell).
        const { visits, records } = parseChanges({ v: 3, parts });
        expect({ visits, records }).toEqual(docsOf(parseChanges(wire(ops))));
      }),
    );
    expect(parseChanges({ v: 3, parts: [] }).visits.size).toBe(0);
  });

  it('refuses a version 3 whose parts are not version-2 changes', () => {
    const part = wire([
      { t: 'set', kind: 'visit', id: 'v1', path: 'identity.city', value: 'Lyon', hlc: HLC },
    ]);
    const variants: [string, unknown][] = [
      ['parts missing', { v: 3 }],
      ['parts not an array', { v: 3, parts: part }],
      ['nested version 3', { v: 3, parts: [{ v: 3, parts: [part] }] }],
      ['malformed part', { v: 3, parts: [part, { ...part, h: ['nope'] }] }],
      ['ops array as a part', { v: 3, parts: [[]] }],
    ];
    for (const [why, value] of variants) {
      expect(() => parseChanges(value), why).toThrow(OpsFormatError);
    }
  });

  it('gives changes back as ops that merge into the same changes', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 40 }), (ops) => {
        const changes = opsToChanges(ops);
        expect(docsOf(opsToChanges(changesToOps(changes)))).toEqual(docsOf(changes));
      }),
    );
  });

  it('stores each clock once however many fields share it', () => {
    const ops: Op[] = ['identity.city', 'identity.email', 'updatedAt'].map(
      (path) => ({ t: 'set', kind: 'visit', id: 'v1', path, value: 'x', hlc: HLC }) as Op,
    );
    expect((wire(ops) as { h: string[] }).h).toEqual([HLC, EMPTY_VISIT_DOC.stateHlc]);
  });

  it('refuses malformed changes, naming the problem', () => {
    const good = wire([
      { t: 'set', kind: 'visit', id: 'v1', path: 'identity.city', value: 'Lyon', hlc: HLC },
    ]) as { v: number; h: unknown[]; visits: unknown[][]; records: unknown[] };
    const visit = good.visits[0] ?? [];
    const variants: [string, unknown][] = [
      ['not an object', []],
      ['wrong version', { ...good, v: 1 }],
      ['bad clock table', { ...good, h: ['nope'] }],
      ['visits not an array', { ...good, visits: {} }],
      ['short tuple', { ...good, visits: [visit.slice(0, 4)] }],
      ['bad id', { ...good, visits: [['a:b', ...visit.slice(1)]] }],
      ['unknown path', { ...good, visits: [[visit[0], { nope: ['x', 0] }, ...visit.slice(2)]] }],
      ['bad value', { ...good, visits: [[visit[0], { source: ['tv', 0] }, ...visit.slice(2)]] }],
      ['bad field', { ...good, visits: [[visit[0], { source: 'kiosk' }, ...visit.slice(2)]] }],
      ['unknown state', { ...good, visits: [[visit[0], visit[1], 'lost', 0, -1]] }],
      [
        'clock index out of range',
        { ...good, visits: [[visit[0], visit[1], 'registered', 9, -1]] },
      ],
      ['deleted index not a number', { ...good, visits: [[...visit.slice(0, 4), 'x']] }],
      ['records not ops', { ...good, records: [{ t: 'set' }] }],
      [
        'visit op among records',
        { ...good, records: [{ t: 'del', kind: 'visit', id: 'v1', hlc: HLC }] },
      ],
      [
        'record kind that is not a kind name',
        { ...good, records: [{ t: 'record', kind: 'Bad Kind!', id: 'r1', value: {}, hlc: HLC }] },
      ],
      [
        'future record kind without an object value',
        { ...good, records: [{ t: 'record', kind: 'future', id: 'r1', value: 3, hlc: HLC }] },
      ],
    ];
    for (const [why, value] of variants) {
      expect(() => parseChanges(value), why).toThrow(OpsFormatError);
    }
    expect(parseChanges(good).visits.size).toBe(1);
  });

  it('skips record ops of a kind from a newer version and keeps the rest', () => {
    const good = wire([
      { t: 'set', kind: 'visit', id: 'v1', path: 'identity.city', value: 'Lyon', hlc: HLC },
    ]) as object;
    const staff = { t: 'record', kind: 'staff', id: 's1', value: { x: 1 }, hlc: HLC };
    const future = { t: 'record', kind: 'next-feature', id: 'r1', value: { y: 2 }, hlc: HLC };
    expect(parseOps([future, staff, future])).toEqual([staff]);
    const changes = parseChanges({ ...good, records: [future, staff] });
    expect(changes.records).toEqual([staff]);
    expect(changes.visits.size).toBe(1);
  });
});
