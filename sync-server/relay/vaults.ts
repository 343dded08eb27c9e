/** `POST /v1/vaults`: create a vault with its self-signed genesis entry. */
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import {
  decodeBase64Url,
  MAX_BODY_BYTES,
  parseCreateVaultRequest,
  type CreateVaultResponse,
} from '../protocol';
import type { RelayContext } from './context';
import { checkEntry, parseOr400 } from './device-log';
import { parseJsonBody, readBoundedBody } from './read-body';
import { parseSignedHeaders, verifySignedRequest } from './signed-request';

/** Vault creation routes (mounted at `/v1`). */
export function vaultRoutes(ctx: RelayContext): Hono {
  const app = new Hono();

  /**
   * `POST /v1/vaults`, JSON `{ vault, genesis }`.
   * Auth: self-signed — the request is signed by the genesis device (`comptoir-device` ==
   * `genesis.device.id`, key `genesis.device.sign`); nonce, skew and rate limit as members.
   * → 201 `{ vault, seq: 0 }`; 400 malformed body or genesis (rules, signature, vault id ≠
   * `genesis.vault`); 401 signature; 409 the vault exists, or the device id is already
   * registered; 413 body > 1 MiB; 429 rate.
   */
  app.post('/vaults', async (c) => {
    const signed = parseSignedHeaders(c.req.raw.headers, ctx.now());
    const body = await readBoundedBody(c.req.raw, MAX_BODY_BYTES);
    const request = parseOr400(parseCreateVaultRequest, parseJsonBody(body));
    const genesis = request.genesis;
    if (signed.deviceId !== genesis.device.id) throw new HTTPException(401);
    const key = decodeBase64Url(genesis.device.sign) ?? new Uint8Array(0);
    const limited = await verifySignedRequest(ctx, c.req.raw, signed, body, key);
    if (limited) return limited;
    if (genesis.vault !== request.vault) throw new HTTPException(400);
    const stored = await checkEntry(null, genesis);
    if (await ctx.store.device(genesis.device.id)) throw new HTTPException(409);
    if ((await ctx.store.createVault(stored, ctx.now())) === 'exists') {
      throw new HTTPException(409);
    }
    ctx.log(`relay vault created device=${signed.deviceId}`);
    const response: CreateVaultResponse = { vault: request.vault, seq: 0 };
    return c.json(response, 201);
  });

  return app;
}
