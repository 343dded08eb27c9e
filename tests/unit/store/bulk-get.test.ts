/** bulkGetPresent: the rows of some keys, read by a keys scan or a bulkGet (same answer). */
import { describe, expect, it } from 'vitest';
import { KEY_SCAN_ROWS_PER_KEY, bulkGetPresent } from '../../../app/store/bulk-get';
import { freshDb } from './fixtures';

async function tombstones(n: number) {
  const { db } = await freshDb();
  await db.tombstones.bulkPut(Array.from({ length: n }, (_, i) => ({ id: `t${i}`, hlc: `h${i}` })));
  return db;
}

describe('bulkGetPresent', () => {
  it('returns the row of each key in order, undefined for the absent ones', async () => {
    const db = await tombstones(3);
    const rows = await bulkGetPresent(db.tombstones, ['t2', 'nope', 't0', 't2']);
    expect(rows).toEqual([
      { id: 't2', hlc: 'h2' },
      undefined,
      { id: 't0', hlc: 'h0' },
      { id: 't2', hlc: 'h2' },
    ]);
  });

  it('asks for nothing when no key is given, and reads no row of an empty table', async () => {
    const db = await tombstones(0);
    expect(await bulkGetPresent(db.tombstones, [])).toEqual([]);
    expect(await bulkGetPresent(db.tombstones, ['a', 'b'])).toEqual([undefined, undefined]);
  });

  // Two keys wanted: the scan covers up to 2 × KEY_SCAN_ROWS_PER_KEY rows, bulkGet beyond.
  it.each([-1, 0, 1])('gives the same rows at the scan bound %+d', async (delta) => {
    const db = await tombstones(2 * KEY_SCAN_ROWS_PER_KEY + delta);
    expect(await bulkGetPresent(db.tombstones, ['t1', 'absent'])).toEqual([
      { id: 't1', hlc: 'h1' },
      undefined,
    ]);
  });

  it('gets only the present keys after a complete scan, every key after a partial one', async () => {
    const got: string[][] = [];
    const table = (rows: number) => ({
      limit: (n: number) => ({
        primaryKeys: async () => Array.from({ length: Math.min(n, rows) }, (_, i) => `k${i}`),
      }),
      bulkGet: async (keys: string[]) => {
        got.push(keys);
        return keys.map((k) => ({ k }));
      },
    });
    await bulkGetPresent(table(KEY_SCAN_ROWS_PER_KEY), ['k0', 'x']);
    await bulkGetPresent(table(2 * KEY_SCAN_ROWS_PER_KEY + 1), ['k0', 'x']);
    expect(got).toEqual([['k0'], ['k0', 'x']]);
  });
});
