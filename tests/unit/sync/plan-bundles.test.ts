import { describe, expect, it } from 'vitest';
import { opsToChanges, parseChanges, type Op } from '../../../app/domain';
import { MAX_BUNDLE_JSON_BYTES } from '../../../app/sync/batch-ops';
import { joinParts, opsPart, partOps } from '../../../app/sync/bundle-parts';
import { planBundles } from '../../../app/sync/push-step';

const HLC = '0mx0wasxm:0000:dev';
const op = (id: string, value: string): Op => ({
  t: 'set',
  kind: 'visit',
  id,
  path: 'identity.city',
  value,
  hlc: HLC,
});
const entry = (seq: number, ops: Op[]) => ({ seq, part: opsPart(ops) });
const changesOf = (parts: Uint8Array[]) =>
  parseChanges(JSON.parse(new TextDecoder().decode(joinParts(parts))));

describe('planning outbox entries into bundles', () => {
  it('groups consecutive entries into one bundle completing the last one', () => {
    const entries = [entry(1, [op('a', 'Lyon')]), entry(2, [op('b', 'Nice'), op('c', 'Albi')])];
    const plan = planBundles(entries);
    expect(plan.map((b) => [b.parts.length, b.throughSeq])).toEqual([[2, 2]]);
    // The bundle joins the entries' bytes as they are (no entry is encoded again).
    expect(plan[0]?.parts[0]).toBe(entries[0]?.part);
    expect(changesOf(plan[0]?.parts ?? [])).toEqual(
      opsToChanges([op('a', 'Lyon'), op('b', 'Nice'), op('c', 'Albi')]),
    );
  });

  it('still plans an entry without changes, so it leaves the outbox', () => {
    const plan = planBundles([entry(7, [])]);
    expect(plan.map((b) => [b.parts.length, b.throughSeq])).toEqual([[1, 7]]);
    expect(changesOf(plan[0]?.parts ?? []).visits.size).toBe(0);
  });

  it('cuts an entry bigger than a bundle by its ops; only the last bundle completes it', () => {
    const big = 'x'.repeat(Math.floor(MAX_BUNDLE_JSON_BYTES * 0.3));
    const ops = ['a', 'b', 'c', 'd', 'e'].map((id) => op(id, big));
    const plan = planBundles([entry(3, ops)]);
    expect(plan.length).toBeGreaterThan(1);
    expect(plan.map((b) => b.throughSeq)).toEqual([...plan.slice(1).map(() => 0), 3]);
    expect(plan.flatMap((b) => b.parts.flatMap(partOps))).toEqual(ops);
    for (const b of plan) expect(joinParts(b.parts).length).toBeLessThan(MAX_BUNDLE_JSON_BYTES);
  });

  it('starts a new bundle when the next entry would pass the byte bound', () => {
    const chunk = (id: string) => op(id, 'x'.repeat(Math.floor(MAX_BUNDLE_JSON_BYTES * 0.4)));
    const plan = planBundles([
      entry(1, [chunk('a')]),
      entry(2, [chunk('b')]),
      entry(3, [chunk('c')]),
    ]);
    expect(plan.map((b) => [b.parts.length, b.throughSeq])).toEqual([
      [2, 2],
      [1, 3],
    ]);
  });
});
