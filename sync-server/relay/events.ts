/**
 * `GET /v1/vaults/:vault/events`: server-sent events (WHATWG HTML §9.2) announcing new
 * bundles. Devices read it with `fetch` so the request can be signed like any other.
 */
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { EVENT_BUNDLE, type BundleEvent } from '../protocol';
import { memberAuth } from './auth';
import type { RelayContext, RelayEnv } from './context';

/** Event-stream route (mounted at `/v1`). */
export function eventRoutes(ctx: RelayContext): Hono<RelayEnv> {
  const app = new Hono<RelayEnv>();

  /**
   * `GET /v1/vaults/:vault/events`. Auth: member (signed request).
   * → 200 `text/event-stream`: `event: bundle` / `data: {"seq":n}` per new bundle of the
   * vault, and a `: ping` comment every 25 s; nothing is replayed (pull after connecting).
   * 401 / 404 / 429 as every member route.
   */
  app.get('/vaults/:vault/events', memberAuth(ctx), (c) => {
    const vaultId = c.get('device').vaultId;
    // Ask reverse proxies (nginx) not to buffer the stream.
    c.header('X-Accel-Buffering', 'no');
    return streamSSE(c, async (stream) => {
      let stop = (): void => {};
      const stopped = new Promise<void>((resolve) => {
        stop = resolve;
      });
      const unsubscribe = ctx.events.subscribe(vaultId, (seq) => {
        const event: BundleEvent = { seq };
        void stream.writeSSE({ event: EVENT_BUNDLE, data: JSON.stringify(event) });
      });
      const heartbeat = setInterval(() => void stream.write(': ping\n\n'), ctx.heartbeatMs);
      stream.onAbort(() => {
        unsubscribe();
        clearInterval(heartbeat);
        stop();
      });
      await stopped;
    });
  });

  return app;
}
