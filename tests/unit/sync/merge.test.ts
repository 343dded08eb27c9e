/**
 * The merge rules as a tiny table; every case is checked in both delivery orders
 * ("the other order gives the same result").
 */
import { describe, expect, it } from 'vitest';
import {
  docToVisit,
  formatHlc,
  mergeOps,
  mergeRecordVersion,
  parseOps,
  visitToOps,
  VISIT_PATHS,
  type Op,
  type VisitOp,
} from '../../../app/domain';
import { visitFixture } from './merge-fixtures';

const T = 1_620_000_000_000;
const h = (ms: number, dev = 'devA', counter = 0) =>
  formatHlc({ ms: T + ms, counter, deviceId: dev });
const set = (path: string, value: unknown, hlc: string): VisitOp =>
  parseOps([{ t: 'set', kind: 'visit', id: 'v1', path, value, hlc }])[0] as VisitOp;
const state = (value: string, hlc: string): VisitOp =>
  parseOps([{ t: 'state', kind: 'visit', id: 'v1', value, hlc }])[0] as VisitOp;
const del = (hlc: string): VisitOp => ({ t: 'del', kind: 'visit', id: 'v1', hlc });

interface Case {
  readonly name: string;
  readonly a: VisitOp[];
  readonly b: VisitOp[];
  readonly expect: (doc: ReturnType<typeof mergeOps>) => void;
}

const CASES: Case[] = [
  {
    name: 'the newer write of a field wins',
    a: [set('identity.city', 'Lyon', h(1))],
    b: [set('identity.city', 'Paris', h(2))],
    expect: (d) => expect(d.fields['identity.city']?.v).toBe('Paris'),
  },
  {
    name: 'a tie on (ms, counter) is broken by device id',
    a: [set('identity.city', 'Lyon', h(1, 'devB'))],
    b: [set('identity.city', 'Paris', h(1, 'devA'))],
    expect: (d) => expect(d.fields['identity.city']?.v).toBe('Lyon'),
  },
  {
    name: 'an exact clock tie is broken by the value, deterministically',
    a: [set('identity.city', 'Lyon', h(1))],
    b: [set('identity.city', 'Paris', h(1))],
    expect: (d) => expect(d.fields['identity.city']?.v).toBe('Paris'),
  },
  {
    name: 'state follows its order, not the clock',
    a: [state('resulted', h(1))],
    b: [state('sampled', h(9))],
    expect: (d) => expect([d.state, d.stateHlc]).toEqual(['resulted', h(1)]),
  },
  {
    name: 'equal states keep the latest state clock',
    a: [state('queued', h(1))],
    b: [state('queued', h(3))],
    expect: (d) => expect(d.stateHlc).toBe(h(3)),
  },
  {
    name: 'a tombstone beats a later set and drops the fields',
    a: [set('identity.city', 'Lyon', h(1)), del(h(2))],
    b: [set('identity.city', 'Paris', h(5))],
    expect: (d) => expect([d.deleted, d.fields]).toEqual([h(2), {}]),
  },
  {
    name: 'two tombstones keep the latest clock',
    a: [del(h(4))],
    b: [del(h(2))],
    expect: (d) => expect(d.deleted).toBe(h(4)),
  },
  {
    name: 'null removes a field, and a later value brings it back',
    a: [set('identity.email', null, h(2))],
    b: [set('identity.email', 'a@b.fr', h(1)), set('identity.email', 'c@d.fr', h(3))],
    expect: (d) => expect(d.fields['identity.email']?.v).toBe('c@d.fr'),
  },
];

describe('merge rules (table, both orders)', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const ab = mergeOps(mergeOps(null, c.a), c.b);
      const ba = mergeOps(mergeOps(null, c.b), c.a);
      c.expect(ab);
      expect(ba).toEqual(ab);
      expect(mergeOps(ab, [...c.a, ...c.b])).toEqual(ab); // idempotent
    });
  }

  it('records: whole-record LWW, the other order gives the same result', () => {
    const older = { value: { mode: 'auto' }, hlc: h(1) };
    const newer = { value: { mode: 'confirm' }, hlc: h(2) };
    expect(mergeRecordVersion(older, newer)).toBe(newer);
    expect(mergeRecordVersion(newer, older)).toBe(newer);
    expect(mergeRecordVersion(null, older)).toBe(older);
    const tie = { value: { mode: 'auto' }, hlc: h(2) };
    expect(mergeRecordVersion(tie, newer)).toEqual(mergeRecordVersion(newer, tie));
  });

  it('refuses ops of several visits in one mergeOps call', () => {
    expect(() => mergeOps(null, [del(h(1)), { ...del(h(1)), id: 'v2' }])).toThrow(RangeError);
  });
});

describe('visit ⇄ doc', () => {
  it('a new visit gets one op per field plus its state, and reads back identical', () => {
    const visit = visitFixture('v1');
    const { doc, ops } = visitToOps(null, visit, h(1));
    expect(ops.filter((o) => o.t === 'set')).toHaveLength(VISIT_PATHS.length);
    expect(ops.filter((o) => o.t === 'state')).toEqual([state('resulted', h(1))]);
    expect(docToVisit('v1', doc)).toEqual(visit);
    expect(docToVisit('v1', mergeOps(null, ops))).toEqual(visit);
  });

  it('an edit yields ops for the changed fields only', () => {
    const visit = visitFixture('v1');
    const { doc } = visitToOps(null, visit, h(1));
    const edited = { ...visit, identity: { ...visit.identity, city: 'Paris' }, updatedAt: 'u2' };
    const { ops } = visitToOps(doc, edited, h(2));
    expect(ops.map((o) => (o.t === 'set' ? o.path : o.t)).sort()).toEqual([
      'identity.city',
      'updatedAt',
    ]);
  });

  it('concurrent edits of different fields both survive, in either order', () => {
    const { doc, ops: base } = visitToOps(null, visitFixture('v1'), h(1));
    const v = docToVisit('v1', doc);
    if (!v) throw new Error('incomplete');
    const a = visitToOps(doc, { ...v, identity: { ...v.identity, city: 'Paris' } }, h(2, 'devA'));
    const b = visitToOps(
      doc,
      { ...v, identity: { ...v.identity, phone: '+33700000000' } },
      h(2, 'devB'),
    );
    const ab = mergeOps(mergeOps(null, [...base, ...a.ops]), b.ops);
    const ba = mergeOps(mergeOps(null, b.ops), [...a.ops, ...base]);
    expect(ab).toEqual(ba);
    expect(docToVisit('v1', ab)?.identity).toMatchObject({ city: 'Paris', phone: '+33700000000' });
  });

  it('an edit delivered before the creation leaves an incomplete doc, then converges', () => {
    const { doc, ops: base } = visitToOps(null, visitFixture('v1'), h(1));
    const v = docToVisit('v1', doc);
    if (!v) throw new Error('incomplete');
    const edit = visitToOps(doc, { ...v, identity: { ...v.identity, city: 'Paris' } }, h(2));
    expect(docToVisit('v1', mergeOps(null, edit.ops))).toBeNull();
    expect(docToVisit('v1', mergeOps(mergeOps(null, edit.ops), base))?.identity.city).toBe('Paris');
  });

  it('a re-queue after a rejection wins over the stale rejection, in either order', () => {
    const visit = visitFixture('v1');
    const q = visitToOps(null, { ...visit, state: 'queued', transmission: { attempts: 0 } }, h(1));
    const rejectedVisit = {
      ...visit,
      state: 'rejected' as const,
      transmission: { attempts: 1, lastError: 'NIR invalide' },
    };
    const r = visitToOps(q.doc, rejectedVisit, h(2));
    const requeue = visitToOps(
      r.doc,
      { ...visit, state: 'queued', transmission: { attempts: 1 } },
      h(3),
    );
    const all: Op[] = [...q.ops, ...r.ops, ...requeue.ops];
    const forward = mergeOps(null, all as VisitOp[]);
    const backward = mergeOps(null, [...all].reverse() as VisitOp[]);
    expect(backward).toEqual(forward);
    expect(forward.state).toBe('rejected'); // the merged state never moves back…
    expect(docToVisit('v1', forward)?.state).toBe('queued'); // …the re-queue reads as queued
    const again = visitToOps(requeue.doc, rejectedVisit, h(4));
    expect(docToVisit('v1', mergeOps(forward, again.ops))?.state).toBe('rejected');
  });
});
