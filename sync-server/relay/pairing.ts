/**
 * `PUT|GET /v1/pairing/:mailbox`: one-shot pairing mailboxes. No signature: knowing the
 * 128-bit mailbox id (shown only in the pairing QR) is the capability. The content is
 * encrypted by the devices under the pairing secret; the relay only holds it.
 */
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { MAX_PAIRING_BYTES, PAIRING_TTL_MS, parseMailboxId } from '../protocol';
import type { RelayContext } from './context';
import { readBoundedBody } from './read-body';

/** Pairing routes (mounted at `/v1`). */
export function pairingRoutes(ctx: RelayContext): Hono {
  const app = new Hono();

  /**
   * `PUT /v1/pairing/:mailbox`, body: opaque bytes (1 byte to 64 KiB). Auth: none.
   * → 201 (empty body) filled for 10 min; 400 malformed mailbox id or empty body;
   * 409 already filled; 413 > 64 KiB (counted while streaming).
   */
  app.put('/pairing/:mailbox', async (c) => {
    const id = parseMailboxId(c.req.param('mailbox'));
    if (!id) throw new HTTPException(400);
    const bytes = await readBoundedBody(c.req.raw, MAX_PAIRING_BYTES);
    if (bytes.length === 0) throw new HTTPException(400);
    const now = ctx.now();
    if (!(await ctx.store.putMailbox(id, bytes, now + PAIRING_TTL_MS, now))) {
      throw new HTTPException(409);
    }
    return c.body(null, 201);
  });

  /**
   * `GET /v1/pairing/:mailbox`. Auth: none.
   * → 200 the bytes (application/octet-stream), once: the mailbox is emptied;
   * 404 empty, expired, already taken or malformed id.
   */
  app.get('/pairing/:mailbox', async (c) => {
    const id = parseMailboxId(c.req.param('mailbox'));
    const bytes = id ? await ctx.store.takeMailbox(id, ctx.now()) : null;
    if (!bytes) throw new HTTPException(404);
    return c.body(new Uint8Array(bytes), 200, {
      'Content-Type': 'application/octet-stream',
      'Cache-Control': 'no-store',
    });
  });

  return app;
}
