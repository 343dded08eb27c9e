/**
 * A closed-loop HTTP load client (autocannon-like, node:http only): `concurrency` workers
 * over one keep-alive agent, each sending the next pre-signed request as soon as its last
 * one answered, until the duration is over or the requests run out. Latency is measured
 * from the send to the end of the response body.
 */
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { PreparedRequest } from './relay-fixtures';

/** Options of {@link runLoad}. */
export interface LoadOptions {
  readonly concurrency: number;
  readonly durationMs: number;
  /** Status a request must answer to count as done (others are counted as errors). */
  readonly okStatus: number;
  /** Items in a response body (pull: bundles in the page); default 1 per request. */
  readonly countItems?: (body: Buffer) => number;
}

/** What one load run measured. */
export interface LoadResult {
  /** Requests answered with `okStatus`. */
  readonly ok: number;
  /** Items received in those answers (1 per request unless `countItems`). */
  readonly items: number;
  readonly errors: number;
  /** First unexpected status seen, for the report. */
  readonly firstError?: string;
  readonly elapsedMs: number;
  /** Latencies of the ok requests (ms), unsorted. */
  readonly latenciesMs: number[];
}

interface Reply {
  readonly status: number;
  readonly body: Buffer | null;
}

function send(agent: Agent, base: URL, r: PreparedRequest, keepBody: boolean): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const length = r.body.reduce((n, c) => n + c.length, 0);
    const req = request(
      {
        agent,
        host: base.hostname,
        port: base.port,
        method: r.method,
        path: r.path,
        headers: {
          ...r.headers,
          ...(r.method === 'POST'
            ? { 'content-type': 'application/octet-stream', 'content-length': String(length) }
            : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        if (keepBody) res.on('data', (c: Buffer) => chunks.push(c));
        else res.resume();
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: keepBody ? Buffer.concat(chunks) : null }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    for (const chunk of r.body) req.write(chunk);
    req.end();
  });
}

/** Runs the load; `requests` are consumed in order (each is sent at most once). */
export async function runLoad(
  baseUrl: string,
  requests: readonly PreparedRequest[],
  opts: LoadOptions,
): Promise<LoadResult> {
  const base = new URL(baseUrl);
  const agent = new Agent({ keepAlive: true, maxSockets: opts.concurrency });
  const latenciesMs: number[] = [];
  let next = 0;
  let ok = 0;
  let items = 0;
  let errors = 0;
  let firstError: string | undefined;
  const started = performance.now();
  const deadline = started + opts.durationMs;
  const worker = async (): Promise<void> => {
    while (performance.now() < deadline && next < requests.length) {
      const r = requests[next];
      next += 1;
      if (!r) break;
      const t = performance.now();
      const reply = await send(agent, base, r, opts.countItems !== undefined);
      if (reply.status === opts.okStatus) {
        latenciesMs.push(performance.now() - t);
        ok += 1;
        items += reply.body && opts.countItems ? opts.countItems(reply.body) : 1;
      } else {
        errors += 1;
        firstError ??= `${r.method} ${reply.status}`;
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: opts.concurrency }, worker));
  } finally {
    agent.destroy();
  }
  const elapsedMs = performance.now() - started;
  return { ok, items, errors, firstError, elapsedMs, latenciesMs };
}

/** The `q` quantile (0..1, nearest rank) of a list of numbers. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}
