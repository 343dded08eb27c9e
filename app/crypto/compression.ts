/**
 * deflate-raw (RFC 1951) through the Compression Streams API, available in browsers and
 * Node ≥ 18: no third-party library. Inflation is bounded, so a small hostile payload
 * cannot expand without limit (a "zip bomb").
 * @see https://compression.spec.whatwg.org/
 */
import { IntegrityError } from './errors';

/** Largest inflated payload accepted, in bytes (64 MiB: far above any real bundle). */
export const MAX_INFLATED_BYTES = 64 * 1_048_576;

async function collect(stream: ReadableStream<Uint8Array>, limit: number): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > limit) {
      await reader.cancel();
      throw new IntegrityError('Inflated data exceed the bound.');
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

function pipe(bytes: Uint8Array, transform: CompressionStream | DecompressionStream) {
  // A Blob stream feeds the transform without a hand-written writer loop.
  return new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(transform);
}

/**
 * Compresses with raw DEFLATE.
 * @returns the compressed bytes
 */
export async function deflateRaw(bytes: Uint8Array): Promise<Uint8Array> {
  return collect(pipe(bytes, new CompressionStream('deflate-raw')), Number.MAX_SAFE_INTEGER);
}

/**
 * Decompresses raw DEFLATE, at most `limit` bytes.
 * @param limit - most bytes accepted (default {@link MAX_INFLATED_BYTES})
 * @throws IntegrityError on corrupt input or output above the bound
 */
export async function inflateRaw(
  bytes: Uint8Array,
  limit = MAX_INFLATED_BYTES,
): Promise<Uint8Array> {
  try {
    return await collect(pipe(bytes, new DecompressionStream('deflate-raw')), limit);
  } catch (cause) {
    if (cause instanceof IntegrityError) throw cause;
    throw new IntegrityError('Corrupt deflate data.', { cause });
  }
}
