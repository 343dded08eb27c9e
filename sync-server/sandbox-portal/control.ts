/**
 * Control of the sandbox for tests and benchmarks: what was received, fault injection,
 * reset and rate limit. Development only — the sandbox is never mounted next to a real
 * portal configuration.
 */
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { parseFaultPlan } from './faults';
import type { PortalContext } from './portal-context';
import type { SandboxControl } from './types';

const MAX_RATE_PER_SECOND = 1_000_000;

/** The in-process control object over `ctx`. */
export function createControl(ctx: PortalContext): SandboxControl {
  return {
    received: () => ctx.store.summary(),
    setFaults: (plan) => ctx.faults.set(parseFaultPlan(plan)),
    reset() {
      ctx.store.clear();
      ctx.faults.clear();
      ctx.grants.clear();
      ctx.limiter.clear();
    },
    setRateLimit(perSecond) {
      if (!Number.isFinite(perSecond) || perSecond <= 0 || perSecond > MAX_RATE_PER_SECOND) {
        throw new RangeError('perSecond must be a positive number');
      }
      ctx.limiter.setRate(perSecond);
    },
  };
}

/** Routes under `/_control`, each mirroring one {@link SandboxControl} method. */
export function controlRoutes(control: SandboxControl): Hono {
  const app = new Hono();

  /** `GET /_control/received` → 200 `{ transactions, observations, creates, duplicatesPrevented }`. */
  app.get('/_control/received', (c) => c.json(control.received()));

  /**
   * `POST /_control/faults` JSON {@link FaultPlan} → 204; replaces the plan. 400 when
   * malformed (unknown status, negative count, latency over 60 s).
   */
  app.post('/_control/faults', async (c) => {
    control.setFaults(parseFaultPlan(await readJson(c.req.raw)));
    return c.body(null, 204);
  });

  /** `POST /_control/reset` → 204; clears data, counters, faults, codes and tokens. */
  app.post('/_control/reset', (c) => {
    control.reset();
    return c.body(null, 204);
  });

  /** `POST /_control/rate-limit` JSON `{ perSecond }` → 204; 400 unless a positive number. */
  app.post('/_control/rate-limit', async (c) => {
    const body = (await readJson(c.req.raw)) as { perSecond?: unknown } | null;
    const perSecond = body?.perSecond;
    if (typeof perSecond !== 'number' || !(perSecond > 0) || perSecond > MAX_RATE_PER_SECOND) {
      throw new HTTPException(400);
    }
    control.setRateLimit(perSecond);
    return c.body(null, 204);
  });

  return app;
}

async function readJson(request: Request): Promise<unknown> {
  try {
    return await request.json();
  } catch {
    throw new HTTPException(400);
  }
}
