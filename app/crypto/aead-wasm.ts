/**
 * XChaCha20-Poly1305-IETF called on libsodium's WebAssembly heap directly, with the
 * 256-byte padding done in place: one copy in, one copy out, key and plaintext zeroed on
 * the heap after each call. libsodium-wrappers' own functions allocate and free every
 * argument and the result (five `malloc`s, copies each way) and leave the freed plaintext
 * on the heap; for the ~1.5 KiB records every envelope holds, that overhead was twice the
 * cipher's work. Same bytes as the wrappers (the envelope known-answer tests pin them);
 * when the module is not exposed (another libsodium.js build), {@link wasmAead} is `null`
 * and `aead.ts` uses the wrappers.
 * @see https://doc.libsodium.org/secret-key_cryptography/aead/chacha20-poly1305/xchacha20-poly1305_construction
 */
import { getSodium } from './sodium';

/** The few exports of libsodium's Emscripten module used here. */
interface SodiumModule {
  readonly HEAPU8: Uint8Array;
  _malloc(size: number): number;
  _free(pointer: number): void;
  /** (c, clen_p, m, mlen as two u32, ad, adlen as two u32, nsec, npub, k) → 0 on success */
  _crypto_aead_xchacha20poly1305_ietf_encrypt(...args: number[]): number;
  /** (m, mlen_p, nsec, c, clen as two u32, ad, adlen as two u32, npub, k) → 0 when authentic */
  _crypto_aead_xchacha20poly1305_ietf_decrypt(...args: number[]): number;
}

const KEY = 32;
const NONCE = 24;
const TAG = 16;
/** Bucket of the padding (`PAD_BLOCK_BYTES` in aead.ts, ISO/IEC 7816-4 as `sodium_pad`). */
const BLOCK = 256;
/** Smallest scratch region kept on the heap (grown to the largest call seen). */
const MIN_REGION = 64 * 1024;

let region = { pointer: 0, size: 0 };

function moduleOf(): SodiumModule | null {
  const m = (getSodium() as unknown as { libsodium?: Partial<SodiumModule> }).libsodium;
  const ok =
    m !== undefined &&
    m.HEAPU8 instanceof Uint8Array &&
    typeof m._malloc === 'function' &&
    typeof m._free === 'function' &&
    typeof m._crypto_aead_xchacha20poly1305_ietf_encrypt === 'function' &&
    typeof m._crypto_aead_xchacha20poly1305_ietf_decrypt === 'function';
  return ok ? (m as SodiumModule) : null;
}

/** A scratch region of at least `size` bytes on the heap (its old content was zeroed). */
function scratch(m: SodiumModule, size: number): number {
  if (region.size < size) {
    if (region.pointer !== 0) m._free(region.pointer);
    const grown = Math.max(size, MIN_REGION, region.size * 2);
    const pointer = m._malloc(grown);
    if (pointer === 0) throw new RangeError('libsodium heap exhausted.');
    region = { pointer, size: grown };
  }
  return region.pointer;
}

/** Writes key, nonce and ad at the start of the region; returns where the ad ends. */
function writeInputs(
  heap: Uint8Array,
  at: number,
  key: Uint8Array,
  nonce: Uint8Array,
  ad: Uint8Array,
): number {
  heap.set(key, at);
  heap.set(nonce, at + KEY);
  heap.set(ad, at + KEY + NONCE);
  return at + KEY + NONCE + ad.length;
}

/** The XChaCha20-Poly1305 of the WebAssembly heap (lengths and sizes checked by aead.ts). */
export interface WasmAead {
  /**
   * `prefix ‖ ciphertext ‖ tag` of `plaintext` (padded to the 256-byte bucket first when
   * `pad`), in one new array.
   */
  seal(
    key: Uint8Array,
    nonce: Uint8Array,
    plaintext: Uint8Array,
    ad: Uint8Array,
    pad: boolean,
    prefix?: Uint8Array,
  ): Uint8Array;
  /**
   * The plaintext of `ciphertext ‖ tag` (unpadded when `pad`), or `null` when it fails
   * authentication, or `undefined` when the padding is invalid.
   */
  open(
    key: Uint8Array,
    nonce: Uint8Array,
    ciphertext: Uint8Array,
    ad: Uint8Array,
    pad: boolean,
  ): Uint8Array | null | undefined;
}

function seal(
  m: SodiumModule,
  args: [Uint8Array, Uint8Array, Uint8Array, Uint8Array, boolean, Uint8Array?],
): Uint8Array {
  const [key, nonce, plaintext, ad, pad, prefix = new Uint8Array(0)] = args;
  const n = plaintext.length;
  const mlen = pad ? n + BLOCK - (n % BLOCK) : n;
  const base = scratch(m, KEY + NONCE + ad.length + 2 * mlen + TAG);
  let heap = m.HEAPU8;
  const mp = writeInputs(heap, base, key, nonce, ad);
  heap.set(plaintext, mp);
  if (pad) {
    heap[mp + n] = 0x80;
    heap.fill(0, mp + n + 1, mp + mlen);
  }
  const cp = mp + mlen;
  const adp = base + KEY + NONCE;
  const rc = m._crypto_aead_xchacha20poly1305_ietf_encrypt(
    cp,
    0,
    mp,
    mlen,
    0,
    adp,
    ad.length,
    0,
    0,
    base + KEY,
    base,
  );
  heap = m.HEAPU8;
  try {
    if (rc !== 0) throw new RangeError('libsodium refused to encrypt.');
    const out = new Uint8Array(prefix.length + mlen + TAG);
    out.set(prefix);
    out.set(heap.subarray(cp, cp + mlen + TAG), prefix.length);
    return out;
  } finally {
    heap.fill(0, base, cp);
  }
}

function open(
  m: SodiumModule,
  args: [Uint8Array, Uint8Array, Uint8Array, Uint8Array, boolean],
): Uint8Array | null | undefined {
  const [key, nonce, ciphertext, ad, pad] = args;
  const mlen = ciphertext.length - TAG;
  const base = scratch(m, KEY + NONCE + ad.length + ciphertext.length + mlen);
  let heap = m.HEAPU8;
  const cp = writeInputs(heap, base, key, nonce, ad);
  heap.set(ciphertext, cp);
  const mp = cp + ciphertext.length;
  const adp = base + KEY + NONCE;
  const rc = m._crypto_aead_xchacha20poly1305_ietf_decrypt(
    mp,
    0,
    0,
    cp,
    ciphertext.length,
    0,
    adp,
    ad.length,
    0,
    base + KEY,
    base,
  );
  heap = m.HEAPU8;
  try {
    if (rc !== 0) return null;
    if (!pad) return heap.slice(mp, mp + mlen);
    if (mlen === 0 || mlen % BLOCK !== 0) return undefined;
    let at = mp + mlen - 1;
    // The marker lies within the last block: at most BLOCK - 1 zeros follow it.
    while (at > mp + mlen - BLOCK && heap[at] === 0) at -= 1;
    return heap[at] === 0x80 ? heap.slice(mp, at) : undefined;
  } finally {
    heap.fill(0, base, mp + mlen);
  }
}

let cached: WasmAead | null | undefined;
let enabled = true;

/**
 * Turns the heap-direct path off (or on again): for tests that pin both paths to the same
 * bytes. @internal
 */
export function useWasmAead(on: boolean): void {
  enabled = on;
}

/**
 * The heap-direct AEAD, or `null` when this libsodium.js build does not expose its module.
 * Call after libsodium is ready.
 */
export function wasmAead(): WasmAead | null {
  if (!enabled) return null;
  if (cached === undefined) {
    const m = moduleOf();
    cached = m && {
      seal: (...args) => seal(m, args),
      open: (...args) => open(m, args),
    };
  }
  return cached;
}
