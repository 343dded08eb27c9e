/**
 * Reads a request body up to a byte limit, counted while streaming: `Content-Length` only
 * allows an early refusal, it is never trusted as the bound (chunked bodies have none, and a
 * body may be longer than declared when the request did not come through an HTTP parser).
 */
import { HTTPException } from 'hono/http-exception';

/**
 * The whole body (empty when there is none).
 * @throws {HTTPException} 413 as soon as more than `maxBytes` arrived (the stream is cancelled);
 *   400 when the body stream breaks before its end.
 */
export async function readBoundedBody(request: Request, maxBytes: number): Promise<Uint8Array> {
  const declared = request.headers.get('content-length');
  if (declared !== null && Number(declared) > maxBytes) throw new HTTPException(413);
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    // A stream that breaks (client gone mid-body, broken chunked encoding) is an incomplete
    // request, not a server fault.
    const { done, value } = await reader.read().catch((cause: unknown) => {
      throw new HTTPException(400, { cause });
    });
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw new HTTPException(413);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

/**
 * Parses a JSON body (UTF-8, RFC 8259 §8.1).
 * @throws {HTTPException} 400 when it is not JSON.
 */
export function parseJsonBody(body: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body));
  } catch {
    // The parse error quotes the input: drop it, answer a generic 400.
    throw new HTTPException(400);
  }
}
