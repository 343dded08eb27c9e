/** `GET|POST /v1/vaults/:vault/devices`: read and append the signed device log. */
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { parseDeviceLogEntry, type AppendDeviceResponse } from '../protocol';
import { memberAuth } from './auth';
import type { RelayContext, RelayEnv } from './context';
import { checkEntry, foldStoredLog, parseOr400 } from './device-log';
import { parseJsonBody } from './read-body';

/** Device-log routes (mounted at `/v1`). */
export function deviceRoutes(ctx: RelayContext): Hono<RelayEnv> {
  const app = new Hono<RelayEnv>();

  /**
   * `GET /v1/vaults/:vault/devices`. Auth: member (signed request).
   * → 200 `{ entries: [...] }`, each entry the canonical JSON stored at append, by seq;
   * 401 / 404 / 429 as every member route.
   */
  app.get('/vaults/:vault/devices', memberAuth(ctx), async (c) => {
    const log = await ctx.store.deviceLog(c.get('device').vaultId);
    // The stored canonical JSON verbatim: devices hash exactly what was verified.
    const text = `{"entries":[${log.map((e) => e.json).join(',')}]}`;
    return c.body(text, 200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
  });

  /**
   * `POST /v1/vaults/:vault/devices`, JSON device-log entry (add or revoke).
   * Auth: current member (signed request); the entry's own `signer` must be a current member.
   * → 201 `{ seq }`; 400 malformed entry, other vault, bad `prev` (with seq = last + 1), bad
   * signature or broken rule; 409 seq ≠ last + 1 (another entry landed first: re-read the log),
   * or the added device id is registered in another vault; 401 / 404 / 413 / 429.
   */
  app.post('/vaults/:vault/devices', memberAuth(ctx), async (c) => {
    const vaultId = c.get('device').vaultId;
    const entry = parseOr400(parseDeviceLogEntry, parseJsonBody(c.get('body')));
    if (entry.vault !== vaultId || entry.kind === 'genesis') throw new HTTPException(400);
    const stored = await checkEntry(foldStoredLog(await ctx.store.deviceLog(vaultId)), entry);
    if (entry.kind === 'add' && (await ctx.store.device(entry.device.id))) {
      throw new HTTPException(409);
    }
    if ((await ctx.store.appendDeviceEntry(stored)) === 'conflict') throw new HTTPException(409);
    ctx.log(`relay device-log ${entry.kind} seq=${entry.seq} device=${c.get('device').deviceId}`);
    const response: AppendDeviceResponse = { seq: entry.seq };
    return c.json(response, 201);
  });

  return app;
}
