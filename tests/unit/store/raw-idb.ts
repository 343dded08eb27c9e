/**
 * Test helpers that read IndexedDB WITHOUT Dexie, as an attacker with the disk would:
 * a plain cursor over every object store of the database.
 */

/** One stored row: store name, primary key and structured-clone value. */
export interface RawRow {
  readonly store: string;
  readonly key: IDBValidKey;
  readonly value: unknown;
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IDB request failed'));
  });
}

/** Opens the database at its current version with a raw connection. */
export async function openRaw(factory: IDBFactory, name: string): Promise<IDBDatabase> {
  return request(factory.open(name));
}

/** Every row of every object store, walking `db.objectStoreNames`. */
export async function dumpRaw(factory: IDBFactory, name: string): Promise<RawRow[]> {
  const idb = await openRaw(factory, name);
  try {
    const rows: RawRow[] = [];
    for (const store of Array.from(idb.objectStoreNames)) {
      const tx = idb.transaction(store, 'readonly');
      const cursorReq = tx.objectStore(store).openCursor();
      await new Promise<void>((resolve, reject) => {
        cursorReq.onerror = () => reject(cursorReq.error ?? new Error('cursor failed'));
        cursorReq.onsuccess = () => {
          const cursor = cursorReq.result;
          if (!cursor) return resolve();
          rows.push({ store, key: cursor.primaryKey, value: cursor.value });
          cursor.continue();
        };
      });
    }
    return rows;
  } finally {
    idb.close();
  }
}

/** Applies `mutate` to one raw row (read-modify-write, or delete when it returns null). */
export async function patchRaw(
  factory: IDBFactory,
  name: string,
  store: string,
  key: IDBValidKey,
  mutate: (value: Record<string, unknown>) => Record<string, unknown> | null,
): Promise<void> {
  const idb = await openRaw(factory, name);
  try {
    const tx = idb.transaction(store, 'readwrite');
    const os = tx.objectStore(store);
    const value = (await request(os.get(key))) as Record<string, unknown>;
    const next = mutate(value);
    if (next === null) await request(os.delete(key));
    else await request(os.put(next));
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error ?? new Error('tx failed'));
    });
  } finally {
    idb.close();
  }
}

const latin1 = new TextDecoder('latin1');
const utf8 = new TextDecoder('utf-8', { fatal: false });

/**
 * Deep text rendering of a stored value: strings and numbers as they are, object keys,
 * and byte arrays decoded BOTH as latin1 and UTF-8, so any clear text hidden in bytes
 * shows up in the result.
 */
export function serializeDeep(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Uint8Array) return `${latin1.decode(value)}\n${utf8.decode(value)}`;
  if (ArrayBuffer.isView(value)) {
    return serializeDeep(new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
  }
  if (value instanceof ArrayBuffer) return serializeDeep(new Uint8Array(value));
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(serializeDeep).join('\n');
  if (typeof value === 'object') {
    return Object.entries(value)
      .map(([k, v]) => `${k}\n${serializeDeep(v)}`)
      .join('\n');
  }
  return String(value);
}
