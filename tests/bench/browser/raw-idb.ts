/**
 * Raw IndexedDB (no Dexie, no crypto): the baselines the browser figures are compared to.
 * @see https://w3c.github.io/IndexedDB/
 */

/** Resolves with a request's result, rejects with its error. */
function settle<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });
}

/** Resolves when `tx` has committed. */
function committed(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
  });
}

/** Opens (creating) a plain database with one `rows` store keyed by `id`. */
export function openPlainDb(name: string): Promise<IDBDatabase> {
  const request = indexedDB.open(name, 1);
  request.onupgradeneeded = () => {
    request.result.createObjectStore('rows', { keyPath: 'id' });
  };
  return settle(request);
}

/** Puts one row into `rows` in its own read-write transaction and waits for the commit. */
export async function putPlainRow(db: IDBDatabase, row: { id: string }): Promise<void> {
  const tx = db.transaction('rows', 'readwrite');
  tx.objectStore('rows').put(row);
  await committed(tx);
}

/** Opens an existing database at its current version (no upgrade). */
export function openExistingDb(name: string): Promise<IDBDatabase> {
  return settle(indexedDB.open(name));
}

/** `getAll` on `store`'s `index` for one key, in a read-only transaction. */
export async function getAllByIndex(
  db: IDBDatabase,
  store: string,
  index: string,
  key: IDBValidKey,
): Promise<unknown[]> {
  const tx = db.transaction(store, 'readonly');
  const rows = await settle(tx.objectStore(store).index(index).getAll(IDBKeyRange.bound(key, key)));
  await committed(tx);
  return rows;
}

/** Deletes a database (resolves even when it did not exist). */
export function deleteDb(name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error ?? new Error('deleteDatabase failed'));
    request.onblocked = () => reject(new Error(`deleting ${name} is blocked`));
  });
}
