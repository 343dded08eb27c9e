/**
 * createRelay(options): the sync relay (DESIGN.md "Sync relay", protocol v1) as one Hono
 * app that `createApp` mounts at `/v1`. It stores and forwards signed, end-to-end-encrypted
 * bundles and learns nothing: every check is on signatures, ids and sizes. Errors are thrown
 * as `HTTPException` and answered generically by the app's one `onError`.
 */
import { Hono } from 'hono';
import { routePath } from 'hono/route';
import {
  DEFAULT_QUOTA_BYTES,
  DEFAULT_RATE_BURST,
  DEFAULT_RATE_PER_SECOND,
  EVENTS_HEARTBEAT_MS,
} from '../protocol';
import { bundleRoutes } from './bundles';
import type { RelayContext, RelayEnv, RelayOptions } from './context';
import { deviceRoutes } from './devices';
import { MemoryEventHub } from './event-hub';
import { eventRoutes } from './events';
import { INLINE_VERIFIER } from './verify-pool';
import { pairingRoutes } from './pairing';
import { TokenBucketLimiter } from './rate-limit';
import { vaultRoutes } from './vaults';

export type { RelayOptions } from './context';
export { MemoryEventHub, type EventHub } from './event-hub';
export { INLINE_VERIFIER, ThreadVerifier, type SignatureVerifier } from './verify-pool';
export { startRetentionSweep, sweepExpired } from './retention';

/** Builds the relay's routes (paths relative to `/v1`). */
export function createRelay(options: RelayOptions): Hono<RelayEnv> {
  const log = options.log ?? (() => {});
  const rate = options.rateLimit ?? {
    perSecond: DEFAULT_RATE_PER_SECOND,
    burst: DEFAULT_RATE_BURST,
  };
  const ctx: RelayContext = {
    store: options.store,
    now: options.now ?? Date.now,
    quotaBytes: options.quotaBytes ?? DEFAULT_QUOTA_BYTES,
    limiter: new TokenBucketLimiter(rate.perSecond, rate.burst),
    heartbeatMs: options.heartbeatMs ?? EVENTS_HEARTBEAT_MS,
    events: options.events ?? new MemoryEventHub(),
    verifier: options.verifier ?? INLINE_VERIFIER,
    log,
  };
  const app = new Hono<RelayEnv>();
  app.use('*', async (c, next) => {
    await next();
    // Route pattern, never the path (it holds mailbox capabilities); the verified device only.
    const device = c.get('device')?.deviceId ?? '-';
    log(`relay ${c.req.method} ${routePath(c)} ${c.res.status} device=${device}`);
  });
  app.route('/', vaultRoutes(ctx));
  app.route('/', deviceRoutes(ctx));
  app.route('/', bundleRoutes(ctx));
  app.route('/', eventRoutes(ctx));
  app.route('/', pairingRoutes(ctx));
  return app;
}
