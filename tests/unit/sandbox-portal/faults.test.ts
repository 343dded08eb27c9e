/**
 * Fault injection, rate limit and body limit of the sandbox FHIR endpoint, in process,
 * plus one real-port test proving that `drop` closes the connection without a response.
 */
import { serve, type ServerType } from '@hono/node-server';
import type { OperationOutcome } from '@medplum/fhirtypes';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { login, mountPortal, postTransaction, resultBundle, type Mounted } from './fixtures';

async function setup(options = {}): Promise<{ m: Mounted; token: string }> {
  const m = mountPortal(options);
  return { m, token: (await login(m)).access_token };
}

const diagnostics = async (res: Response) =>
  ((await res.json()) as OperationOutcome).issue[0]?.diagnostics;

describe('fault injection', () => {
  it('fails the next N transactions with 429 and Retry-After, then succeeds', async () => {
    const { m, token } = await setup();
    m.control.setFaults({ fail: { status: 429, count: 2, retryAfterSeconds: 7 } });
    for (let i = 0; i < 2; i++) {
      const res = await postTransaction(m, token, resultBundle('v'));
      expect(res.status).toBe(429);
      expect(res.headers.get('retry-after')).toBe('7');
      expect(((await res.json()) as OperationOutcome).issue[0]?.code).toBe('throttled');
    }
    expect((await postTransaction(m, token, resultBundle('v'))).status).toBe(200);
    expect(m.control.received().observations).toHaveLength(1);
  });

  it('answers 503 without Retry-After when none is given, and stores nothing', async () => {
    const { m, token } = await setup();
    m.control.setFaults({ fail: { status: 503, count: 1 } });
    const res = await postTransaction(m, token, resultBundle());
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBeNull();
    expect(m.control.received().transactions).toBe(0);
  });

  it('rejects with the given status, French diagnostics and expression', async () => {
    const { m, token } = await setup();
    const reject = {
      count: 1,
      status: 422 as const,
      diagnostics: 'Patient déjà déclaré décédé',
      expression: 'Patient',
    };
    m.control.setFaults({ reject });
    const res = await postTransaction(m, token, resultBundle());
    expect(res.status).toBe(422);
    expect(((await res.json()) as OperationOutcome).issue[0]).toEqual({
      severity: 'error',
      code: 'business-rule',
      diagnostics: 'Patient déjà déclaré décédé',
      expression: ['Patient'],
    });
    expect((await postTransaction(m, token, resultBundle())).status).toBe(200);
  });

  it('adds latency to every transaction until reset', async () => {
    const { m, token } = await setup();
    m.control.setFaults({ latencyMs: 60 });
    const started = performance.now();
    expect((await postTransaction(m, token, resultBundle())).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(55);
    m.control.reset();
    expect(m.control.received().transactions).toBe(0);
  });

  it('drives the same faults over HTTP under /_control', async () => {
    const { m, token } = await setup();
    const post = (path: string, body: unknown) =>
      m.request(path, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect(
      (await post('/_control/faults', { fail: { status: 503, count: 1, retryAfterSeconds: 2 } }))
        .status,
    ).toBe(204);
    expect((await postTransaction(m, token, resultBundle())).headers.get('retry-after')).toBe('2');
    expect((await post('/_control/faults', { fail: { status: 418, count: 1 } })).status).toBe(400);
    await postTransaction(m, token, resultBundle('http-1'));
    const received = (await (await m.request('/_control/received')).json()) as {
      transactions: number;
    };
    expect(received.transactions).toBe(1);
    expect((await post('/_control/reset', {})).status).toBe(204);
    expect(m.control.received().transactions).toBe(0);
    expect((await post('/_control/rate-limit', { perSecond: 0 })).status).toBe(400);
    expect((await post('/_control/rate-limit', { perSecond: 1 })).status).toBe(204);
  });
});

describe('rate limit per practitioner', () => {
  it('accepts N transactions in a second and answers the N+1th 429 with Retry-After: 1', async () => {
    const { m, token } = await setup({ rateLimitPerSecond: 3 });
    for (let i = 0; i < 3; i++) {
      expect((await postTransaction(m, token, resultBundle())).status).toBe(200);
    }
    const over = await postTransaction(m, token, resultBundle());
    expect(over.status).toBe(429);
    expect(over.headers.get('retry-after')).toBe('1');
    expect(((await over.json()) as OperationOutcome).issue[0]?.code).toBe('throttled');
    m.clock.ms += 334; // one token refills in 1000 / 3 ms
    expect((await postTransaction(m, token, resultBundle())).status).toBe(200);
    expect((await postTransaction(m, token, resultBundle())).status).toBe(429);
  });
});

describe('body limit', () => {
  const MIB = 1024 * 1024;
  const padded = (bytes: number) => {
    const json = JSON.stringify(resultBundle());
    return json + ' '.repeat(bytes - Buffer.byteLength(json));
  };

  it('accepts a transaction of exactly 1 MiB and refuses 1 MiB + 1 byte with 413', async () => {
    const { m, token } = await setup();
    expect((await postTransaction(m, token, padded(MIB - 1))).status).toBe(200);
    expect((await postTransaction(m, token, padded(MIB))).status).toBe(200);
    const over = await postTransaction(m, token, padded(MIB + 1));
    expect(over.status).toBe(413);
    expect(await diagnostics(over)).toBe('Transaction trop volumineuse (1 Mio au maximum).');
  });
});

describe('dropped connections (real port)', () => {
  let server: ServerType | undefined;
  afterEach(() => server?.close());

  it('destroys the socket without a response, then serves the retry', async () => {
    const m = mountPortal();
    server = serve({ fetch: m.app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((resolve) => server?.once('listening', resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const token = (
      await login({
        ...m,
        request: (p, init) => m.app.request(`${origin}/sandbox-portal${p}`, init),
      })
    ).access_token;
    const send = () =>
      fetch(`${origin}/sandbox-portal/fhir`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/fhir+json', Authorization: `Bearer ${token}` },
        body: JSON.stringify(resultBundle('dropped')),
      });

    m.control.setFaults({ drop: { count: 1 } });
    await expect(send()).rejects.toThrow();
    expect(m.control.received().transactions).toBe(0);

    m.control.setFaults({ drop: { count: 1, afterCommit: true } });
    await expect(send()).rejects.toThrow();
    expect(m.control.received().observations).toHaveLength(1);

    const retry = await send();
    expect(retry.status).toBe(200);
    expect(m.control.received()).toMatchObject({ duplicatesPrevented: 3 });
    expect(m.control.received().observations).toHaveLength(1);
  });
});
