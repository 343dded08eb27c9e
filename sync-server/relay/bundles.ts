/** `POST|GET /v1/vaults/:vault/bundles`: push one bundle, pull bundles after a seq. */
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import {
  encodeBase64Url,
  parseBundle,
  parsePullQuery,
  ProtocolError,
  type ParsedBundle,
  type PullBundlesResponse,
  type PushBundleResponse,
} from '../protocol';
import { memberAuth } from './auth';
import type { RelayContext, RelayEnv } from './context';
import { collectPage } from './pull-page';

/** Bundle routes (mounted at `/v1`). */
export function bundleRoutes(ctx: RelayContext): Hono<RelayEnv> {
  const app = new Hono<RelayEnv>();

  /**
   * `POST /v1/vaults/:vault/bundles`, body: the bundle bytes (application/octet-stream).
   * Auth: member (signed request; the body digest covers the bundle).
   * → 201 `{ seq, duplicate: false }` stored; 200 `{ seq, duplicate: true }` same bundle id
   * and same bytes; 400 malformed bundle, vault id ≠ path, or bad bundle signature by the
   * caller's key; 403 author (device id in the header) ≠ caller; 409 same bundle id with other
   * bytes; 413 > 1 MiB; 507 `{ error: "quota_exceeded" }` vault quota; 401 / 404 / 429.
   */
  app.post('/vaults/:vault/bundles', memberAuth(ctx), async (c) => {
    const device = c.get('device');
    const bytes = c.get('body');
    const bundle = parseOr400(bytes);
    if (bundle.header.vaultId !== device.vaultId) throw new HTTPException(400);
    if (bundle.header.deviceId !== device.deviceId) throw new HTTPException(403);
    if (!(await ctx.verifier.verify(device.signPublicKey, bundle.signed, bundle.signature))) {
      throw new HTTPException(400);
    }
    const result = await ctx.store.putBundle({
      vaultId: device.vaultId,
      bundleId: bundle.header.bundleId,
      deviceId: device.deviceId,
      bytes,
      receivedAt: ctx.now(),
      quotaBytes: ctx.quotaBytes,
    });
    if (result.status === 'conflict') throw new HTTPException(409);
    // 507 Insufficient Storage (RFC 4918 §11.5): the vault is full, not the request wrong.
    if (result.status === 'quota') return c.json({ error: 'quota_exceeded' }, 507);
    const duplicate = result.status === 'duplicate';
    if (!duplicate) ctx.events.publish(device.vaultId, result.seq);
    const response: PushBundleResponse = { seq: result.seq, duplicate };
    return c.json(response, duplicate ? 200 : 201);
  });

  /**
   * `GET /v1/vaults/:vault/bundles?after=<seq>&limit=<1..1000>`. Auth: member.
   * `after` defaults to 0, `limit` to 500. The relay may return fewer than `limit` bundles
   * (a response carries at most ~8 MiB of bundles): loop while `more`.
   * → 200 `{ bundles: [{ seq, data }], next, more }` (`data` base64url; `next` = last seq
   * returned, or `after`); 400 bad `after`/`limit`; 401 / 404 / 429.
   */
  app.get('/vaults/:vault/bundles', memberAuth(ctx), async (c) => {
    const query = parsePullQuery(c.req.queries());
    if (!query) throw new HTTPException(400);
    const page = await collectPage(ctx.store, c.get('device').vaultId, query.after, query.limit);
    const response: PullBundlesResponse = {
      bundles: page.bundles.map((b) => ({ seq: b.seq, data: encodeBase64Url(b.bytes) })),
      next: page.bundles.at(-1)?.seq ?? query.after,
      more: page.more,
    };
    c.header('Cache-Control', 'no-store');
    return c.json(response);
  });

  return app;
}

function parseOr400(bytes: Uint8Array): ParsedBundle {
  try {
    return parseBundle(bytes);
  } catch (err) {
    if (err instanceof ProtocolError) throw new HTTPException(400, { cause: err });
    throw err;
  }
}
