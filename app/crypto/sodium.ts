/**
 * The one import point of libsodium (ESLint `no-restricted-imports` enforces it).
 * We use the *sumo* build because the standard build lacks `crypto_pwhash` (Argon2id).
 * @see https://github.com/jedisct1/libsodium.js#usage
 *
 * libsodium is loaded with a dynamic `import()`: its ~190 KB (gzip) of WebAssembly then
 * lives in its own chunk, fetched in parallel while the first screen renders instead of
 * blocking it. Only the type is imported statically.
 */
import type sodiumType from 'libsodium-wrappers-sumo';
import { CryptoNotReadyError } from './errors';

/** The libsodium API object, as seen by the rest of `app/crypto`. */
export type Sodium = typeof sodiumType;

let readyInstance: Sodium | undefined;
let loading: Promise<Sodium> | undefined;

/**
 * Loads and initialises libsodium's WebAssembly (idempotent, safe to call concurrently).
 * @returns the ready libsodium object
 */
export async function readySodium(): Promise<Sodium> {
  loading ??= (async () => {
    const { default: sodium } = await import('libsodium-wrappers-sumo');
    // libsodium.js: "wait for `sodium.ready` before calling any function".
    await sodium.ready;
    readyInstance = sodium;
    return sodium;
  })();
  return loading;
}

/**
 * Synchronous access for code that runs after {@link readySodium} resolved.
 * @throws CryptoNotReadyError when called before initialisation
 */
export function getSodium(): Sodium {
  if (readyInstance === undefined) throw new CryptoNotReadyError();
  return readyInstance;
}
