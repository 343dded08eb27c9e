// Worker thread of the relay's signature pool (`verify-pool.ts`): verifies batches of
// Ed25519 signatures with Node's own crypto, off the relay's event loop. Plain JavaScript
// so that it starts without the TypeScript loader; keep it in step with `verifyEd25519` in
// `node-crypto.ts` (same DER prefix, same key cache, a malformed input is `false`).
import { createPublicKey, verify } from 'node:crypto';
import { parentPort } from 'node:worker_threads';

/** DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410 §4). */
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
const KEY_CACHE_MAX = 10_000;
const keys = new Map();

function keyObject(raw) {
  const id = Buffer.from(raw).toString('hex');
  let key = keys.get(id);
  if (key === undefined) {
    key = createPublicKey({ key: Buffer.concat([SPKI_PREFIX, raw]), format: 'der', type: 'spki' });
    if (keys.size >= KEY_CACHE_MAX) keys.clear();
    keys.set(id, key);
  }
  return key;
}

function verifyOne(item) {
  if (item.key.length !== 32 || item.signature.length !== 64) return false;
  try {
    return verify(null, item.message, keyObject(item.key), item.signature);
  } catch {
    return false;
  }
}

parentPort.on('message', (batch) => {
  parentPort.postMessage({ id: batch.id, results: batch.items.map(verifyOne) });
});
