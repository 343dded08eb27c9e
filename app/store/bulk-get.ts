/**
 * Bulk reads by primary key that do not ask for the keys a table does not hold. A pull
 * mostly brings visits this device has never seen: a `get` per id (what `bulkGet` does)
 * then costs a request each for nothing, while one keys-only read of a small table
 * (tombstones; the visits of a device catching up) says which ids are there. Internal.
 */

/** The part of a Dexie table used here. */
export interface KeyedTable<T> {
  limit(n: number): { primaryKeys(): Promise<string[]> };
  bulkGet(keys: string[]): Promise<(T | undefined)[]>;
}

/** A table is read for its keys when it holds at most this many rows per wanted key. */
export const KEY_SCAN_ROWS_PER_KEY = 4;

/**
 * The rows of `keys`, in order (`undefined`: absent), inside the caller's transaction.
 * Reads the table's keys first (one request, no values) when it is small next to
 * `keys`, then only the rows that exist; else one `bulkGet`.
 */
export async function bulkGetPresent<T>(
  table: KeyedTable<T>,
  keys: readonly string[],
): Promise<(T | undefined)[]> {
  if (keys.length === 0) return [];
  const scanLimit = KEY_SCAN_ROWS_PER_KEY * keys.length;
  // One key past the bound tells that the table is bigger: then the scan is not complete.
  const scanned = await table.limit(scanLimit + 1).primaryKeys();
  if (scanned.length > scanLimit) return table.bulkGet([...keys]);
  const stored = new Set(scanned);
  const present = keys.filter((k) => stored.has(k));
  const rows = present.length > 0 ? await table.bulkGet(present) : [];
  const byKey = new Map(present.map((k, i) => [k, rows[i]] as const));
  return keys.map((k) => byKey.get(k));
}
