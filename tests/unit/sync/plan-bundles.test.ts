import { describe, expect, it } from 'vitest';
import type { Op } from '../../../app/domain';
import { MAX_BUNDLE_JSON_BYTES, MAX_OPS_PER_BUNDLE } from '../../../app/sync/batch-ops';
import { planBundles } from '../../../app/sync/push-step';

const op = (id: string, n: number): Op =>
  ({ t: 'set', kind: 'visit', id, path: 'day', value: `2026-11-${n}`, hlc: 'x' }) as unknown as Op;

describe('planning outbox entries into bundles', () => {
  it('groups consecutive entries into one bundle completing the last one', () => {
    const plan = planBundles([
      { seq: 1, ops: [op('a', 1)] },
      { seq: 2, ops: [op('b', 2), op('b', 3)] },
    ]);
    expect(plan.map((b) => [b.ops.length, b.throughSeq])).toEqual([[3, 2]]);
  });

  it('still plans an entry without ops, so it leaves the outbox', () => {
    expect(planBundles([{ seq: 7, ops: [] }])).toEqual([{ ops: [], throughSeq: 7 }]);
  });

  it('splits an entry bigger than a bundle; only the last part completes it', () => {
    const big = Array.from({ length: MAX_OPS_PER_BUNDLE + 1 }, (_, i) => op('c', i));
    const plan = planBundles([{ seq: 3, ops: big }]);
    expect(plan.length).toBeGreaterThan(1);
    expect(plan.map((b) => b.throughSeq)).toEqual([...plan.slice(1).map(() => 0), 3]);
    expect(plan.flatMap((b) => b.ops)).toHaveLength(MAX_OPS_PER_BUNDLE + 1);
  });

  it('starts a new bundle when the next entry would pass the byte bound', () => {
    const chunk = (id: string): Op =>
      ({
        t: 'set',
        kind: 'visit',
        id,
        path: 'test',
        value: 'x'.repeat(Math.floor(MAX_BUNDLE_JSON_BYTES * 0.4)),
        hlc: 'x',
      }) as unknown as Op;
    const plan = planBundles([
      { seq: 1, ops: [chunk('a')] },
      { seq: 2, ops: [chunk('b')] },
      { seq: 3, ops: [chunk('c')] },
    ]);
    expect(plan.map((b) => [b.ops.length, b.throughSeq])).toEqual([
      [2, 2],
      [1, 3],
    ]);
  });

  it('uses the size the outbox gives for an entry instead of measuring its ops', () => {
    const third = Math.ceil(MAX_BUNDLE_JSON_BYTES / 3); // three do not fit
    const plan = planBundles([
      { seq: 1, ops: [op('a', 1)], bytes: third },
      { seq: 2, ops: [op('b', 2)], bytes: third },
      { seq: 3, ops: [op('c', 3)], bytes: third },
    ]);
    expect(plan.map((b) => [b.ops.length, b.throughSeq])).toEqual([
      [2, 2],
      [1, 3],
    ]);
  });
});
