/**
 * Reads a request body up to a byte limit, counted while streaming: `Content-Length` is a
 * hint for an early refusal, never trusted as the bound.
 */
import { FhirError, issue } from './errors';

/** Largest transaction accepted (1 MiB). */
export const MAX_TRANSACTION_BYTES = 1024 * 1024;

/**
 * The body of `request` as UTF-8 text.
 * @throws {FhirError} 413 (`too-long`) when it exceeds `maxBytes`.
 */
export async function readBoundedText(request: Request, maxBytes: number): Promise<string> {
  const declared = Number(request.headers.get('Content-Length') ?? '0');
  if (declared > maxBytes) throw tooLarge();
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
}

function tooLarge(): FhirError {
  return new FhirError(413, [
    issue('too-long', 'Transaction trop volumineuse (1 Mio au maximum).', 'Bundle'),
  ]);
}
