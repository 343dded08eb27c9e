/**
 * DESIGN.md "Ops and merge": merge is commutative, associative and idempotent — any
 * delivery order, any duplication, any batching converges (fast-check properties).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  EMPTY_VISIT_DOC,
  VISIT_STATES,
  applyOp,
  docToVisit,
  mergeDocs,
  mergeOps,
  type VisitDoc,
  type VisitOp,
} from '../../../app/domain';
import { opArb } from './op-arbitraries';

/** Delivers `ops` one by one, in that order, into per-visit docs. */
function deliver(ops: readonly VisitOp[]): Map<string, VisitDoc> {
  const docs = new Map<string, VisitDoc>();
  for (const op of ops) docs.set(op.id, mergeOps(docs.get(op.id) ?? null, [op]));
  return docs;
}

/** The same ops, shuffled, with some of them delivered twice. */
const deliveryArb = fc
  .array(opArb, { maxLength: 40 })
  .chain((ops) =>
    fc
      .subarray(ops)
      .chain((dups) =>
        fc.tuple(
          fc.constant(ops),
          fc.shuffledSubarray([...ops, ...dups], { minLength: ops.length + dups.length }),
        ),
      ),
  );

describe('merge properties', () => {
  it('any permutation and duplication of delivery converges to the same docs', () => {
    fc.assert(
      fc.property(deliveryArb, ([ops, other]) => {
        expect(deliver(other)).toEqual(deliver(ops));
      }),
      { numRuns: 300 },
    );
  });

  it('docs merge commutatively, associatively and idempotently, like the ops they hold', () => {
    const docArb = fc
      .array(opArb, { maxLength: 15 })
      .map((ops) => ops.map((op) => ({ ...op, id: 'v1' })).reduce(applyOp, EMPTY_VISIT_DOC));
    fc.assert(
      fc.property(docArb, docArb, docArb, (a, b, c) => {
        expect(mergeDocs(a, b)).toEqual(mergeDocs(b, a));
        expect(mergeDocs(mergeDocs(a, b), c)).toEqual(mergeDocs(a, mergeDocs(b, c)));
        expect(mergeDocs(a, a)).toEqual(a);
      }),
      { numRuns: 300 },
    );
  });

  it('batching does not matter: merging batches in any order equals one big merge', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 40 }), fc.nat(40), (ops, cut) => {
        const one = ops.map((op) => ({ ...op, id: 'v1' }));
        const [x, y] = [one.slice(0, cut), one.slice(cut)];
        const whole = mergeOps(null, one);
        expect(mergeOps(mergeOps(null, y), x)).toEqual(whole);
        expect(mergeDocs(mergeOps(null, x), mergeOps(null, y))).toEqual(whole);
      }),
    );
  });

  it('merging never moves the state back, and a tombstone stays', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 40 }), (ops) => {
        let doc: VisitDoc = EMPTY_VISIT_DOC;
        for (const op of ops.map((o) => ({ ...o, id: 'v1' }))) {
          const next = applyOp(doc, op);
          expect(VISIT_STATES.indexOf(next.state)).toBeGreaterThanOrEqual(
            VISIT_STATES.indexOf(doc.state),
          );
          if (doc.deleted !== undefined) {
            expect(next.deleted).toBeDefined();
            expect(docToVisit('v1', next)).toBeNull();
          }
          doc = next;
        }
      }),
    );
  });
});
