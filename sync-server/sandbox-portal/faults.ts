/**
 * Fault injection for the FHIR endpoint: latency, transient failures (429/503/500 with
 * `Retry-After`), dropped connections and business rejections, so the app's submission
 * queue can be tested against everything SI-DEP may do.
 */
import { HTTPException } from 'hono/http-exception';
import type { FaultPlan } from './types';

/** The fault to apply to one request, if any. */
export type Fault =
  | { kind: 'fail'; status: 429 | 503 | 500; retryAfterSeconds: number | undefined }
  | { kind: 'drop'; afterCommit: boolean }
  | { kind: 'reject'; status: 400 | 422; diagnostics: string; expression: string | undefined };

const MAX_LATENCY_MS = 60_000;

/** Holds the current plan and hands out one counted fault per request. */
export class FaultInjector {
  private plan: FaultPlan = {};

  /** Replaces the plan; counts restart from the given values. */
  set(plan: FaultPlan): void {
    this.plan = structuredClone(plan);
  }

  clear(): void {
    this.plan = {};
  }

  /** Latency to add before answering every FHIR transaction. */
  get latencyMs(): number {
    return this.plan.latencyMs ?? 0;
  }

  /** Consumes the next fault in the order drop, fail, reject. */
  next(): Fault | undefined {
    const { drop, fail, reject } = this.plan;
    if (drop && drop.count > 0) {
      drop.count--;
      return { kind: 'drop', afterCommit: drop.afterCommit === true };
    }
    if (fail && fail.count > 0) {
      fail.count--;
      return { kind: 'fail', status: fail.status, retryAfterSeconds: fail.retryAfterSeconds };
    }
    if (reject && reject.count > 0) {
      reject.count--;
      const { status, diagnostics, expression } = reject;
      return { kind: 'reject', status, diagnostics, expression };
    }
    return undefined;
  }
}

/** Parses the JSON body of `POST _control/faults`; throws HTTPException 400 when malformed. */
export function parseFaultPlan(body: unknown): FaultPlan {
  if (!isObject(body)) throw bad();
  const plan: FaultPlan = {};
  if (body.latencyMs !== undefined) plan.latencyMs = int(body.latencyMs, 0, MAX_LATENCY_MS);
  if (body.fail !== undefined) {
    const f = obj(body.fail);
    const status = f.status;
    if (status !== 429 && status !== 503 && status !== 500) throw bad();
    plan.fail = { status, count: int(f.count, 0, 1e6) };
    if (f.retryAfterSeconds !== undefined) {
      plan.fail.retryAfterSeconds = int(f.retryAfterSeconds, 0, 86_400);
    }
  }
  if (body.drop !== undefined) {
    const d = obj(body.drop);
    plan.drop = { count: int(d.count, 0, 1e6), afterCommit: d.afterCommit === true };
  }
  if (body.reject !== undefined) {
    const r = obj(body.reject);
    if ((r.status !== 400 && r.status !== 422) || typeof r.diagnostics !== 'string') throw bad();
    if (r.expression !== undefined && typeof r.expression !== 'string') throw bad();
    plan.reject = { count: int(r.count, 0, 1e6), status: r.status, diagnostics: r.diagnostics };
    if (r.expression !== undefined) plan.reject.expression = r.expression;
  }
  return plan;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function obj(v: unknown): Record<string, unknown> {
  if (!isObject(v)) throw bad();
  return v;
}

function int(v: unknown, min: number, max: number): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) throw bad();
  return v;
}

function bad(): HTTPException {
  return new HTTPException(400);
}
