/**
 * Which GTIN link is in force when several records name one GTIN (two devices linked it
 * offline): a tiny table, then "any order gives the same result".
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ZERO_HLC, currentGtinLinks, type StoredKitLink } from '../../../app/domain';

const GTIN = '03401234567890';
const GTIN_2 = '09506000134352';
const T1 = 'kpbsz1ccw:0000:devA';
const T2 = 'kpbsz1ccw:0001:devA';
const T2_B = 'kpbsz1ccw:0001:devB';

function stored(id: string, gtin: string, kitId: string, hlc: string): StoredKitLink {
  return { id, link: { gtin, kitId, kitName: `kit ${kitId}` }, hlc };
}

describe('currentGtinLinks', () => {
  it.each([
    ['the later clock wins', [stored('r1', GTIN, '1', T2), stored('r2', GTIN, '2', T1)], 'r1'],
    [
      'a clock tie is broken by device id',
      [stored('r1', GTIN, '1', T2_B), stored('r2', GTIN, '2', T2)],
      'r1',
    ],
    [
      'without clocks, the larger record id wins',
      [stored('r1', GTIN, '1', ZERO_HLC), stored('r2', GTIN, '2', ZERO_HLC)],
      'r2',
    ],
    ['a single record is in force', [stored('r1', GTIN, '1', T1)], 'r1'],
  ])('%s', (_, entries, winner) => {
    expect(currentGtinLinks(entries).get(GTIN)?.id).toBe(winner);
  });

  it('keeps one link per GTIN and none for an unknown GTIN', () => {
    const links = currentGtinLinks([stored('r1', GTIN, '1', T1), stored('r2', GTIN_2, '2', T1)]);
    expect([...links.keys()].sort()).toEqual([GTIN, GTIN_2]);
    expect(links.get('00000000000000')).toBeUndefined();
    expect(currentGtinLinks([]).size).toBe(0);
  });

  it('gives the same result in any order', () => {
    const entry = fc.record({
      id: fc.constantFrom('r1', 'r2', 'r3', 'r4'),
      gtin: fc.constantFrom(GTIN, GTIN_2),
      kitId: fc.constantFrom('1', '2', '3'),
      hlc: fc.constantFrom(ZERO_HLC, T1, T2, T2_B),
    });
    // Record ids are unique in the store: one entry per id.
    const entries = fc.uniqueArray(entry, { selector: (e) => e.id, maxLength: 4 });
    const withPermutation = entries.chain((raw) => {
      const list = raw.map((e) => stored(e.id, e.gtin, e.kitId, e.hlc));
      const n = list.length;
      return fc.tuple(fc.constant(list), fc.shuffledSubarray(list, { minLength: n, maxLength: n }));
    });
    fc.assert(
      fc.property(withPermutation, ([list, permuted]) => {
        expect(currentGtinLinks(permuted)).toEqual(currentGtinLinks(list));
      }),
    );
  });
});
