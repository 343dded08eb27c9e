/**
 * fast-check arbitraries of visit ops (three visits, four paths, clocks from three devices
 * within a few milliseconds, so ties and equal clocks happen), shared by the merge and
 * changes property tests.
 */
import fc from 'fast-check';
import { VISIT_STATES, formatHlc, type VisitOp, type VisitPath } from '../../../app/domain';

export const IDS = ['v1', 'v2', 'v3'];
export const PATHS: VisitPath[] = ['identity.city', 'identity.email', 'transmission', 'updatedAt'];

export const hlcArb = fc
  .tuple(
    fc.integer({ min: 0, max: 4 }),
    fc.integer({ min: 0, max: 2 }),
    fc.constantFrom('a', 'b', 'c'),
  )
  .map(([ms, counter, deviceId]) => formatHlc({ ms: 1_600_000_000_000 + ms, counter, deviceId }));

const valueArb = (path: VisitPath) =>
  path === 'transmission'
    ? fc.option(
        fc.record(
          { attempts: fc.nat(3), lastError: fc.constantFrom('x', 'y') },
          { requiredKeys: ['attempts'] },
        ),
      )
    : fc.option(fc.constantFrom('Lyon', 'Paris', 'Nice'));

export const opArb: fc.Arbitrary<VisitOp> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .tuple(fc.constantFrom(...IDS), fc.constantFrom(...PATHS), hlcArb)
      .chain(([id, path, hlc]) =>
        valueArb(path).map((value): VisitOp => ({ t: 'set', kind: 'visit', id, path, value, hlc })),
      ),
  },
  {
    weight: 3,
    arbitrary: fc
      .tuple(fc.constantFrom(...IDS), fc.constantFrom(...VISIT_STATES), hlcArb)
      .map(([id, value, hlc]): VisitOp => ({ t: 'state', kind: 'visit', id, value, hlc })),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom(...IDS), hlcArb)
      .map(([id, hlc]): VisitOp => ({ t: 'del', kind: 'visit', id, hlc })),
  },
);
