/**
 * Member authentication for `/v1/vaults/:vault/…`: a signed request by a registered,
 * non-revoked device, that is a member of THE vault in the path. A device of another vault
 * gets exactly the answer of an unknown vault (404 `not_found`), so vault ids cannot be probed.
 */
import type { MiddlewareHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { MAX_BODY_BYTES } from '../protocol';
import type { RelayContext, RelayEnv } from './context';
import { readBoundedBody } from './read-body';
import { parseSignedHeaders, verifySignedRequest } from './signed-request';

/**
 * Sets `device` and `body` for the handler.
 * Statuses: 401 (headers, skew, unknown/revoked device, signature, replay), 413 (body > 1 MiB),
 * 429 (rate), 404 (not a member of this vault, or no such vault).
 */
export function memberAuth(ctx: RelayContext): MiddlewareHandler<RelayEnv> {
  return async (c, next) => {
    const signed = parseSignedHeaders(c.req.raw.headers, ctx.now());
    const body = await readBoundedBody(c.req.raw, MAX_BODY_BYTES);
    const device = await ctx.store.device(signed.deviceId);
    if (!device || device.revoked) throw new HTTPException(401);
    const limited = await verifySignedRequest(ctx, c.req.raw, signed, body, device.signPublicKey);
    if (limited) return limited;
    if (device.vaultId !== c.req.param('vault')) throw new HTTPException(404);
    c.set('device', device);
    c.set('body', body);
    await next();
    return undefined;
  };
}
