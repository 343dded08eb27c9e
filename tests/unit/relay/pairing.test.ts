/** PUT/GET /v1/pairing/:mailbox: one-shot, 10-minute, 64 KiB mailboxes. */
import { describe, expect, it } from 'vitest';
import { MAX_PAIRING_BYTES, PAIRING_TTL_MS } from '../../../sync-server/protocol';
import { randomId, relayApp, T0 } from './helpers';

const put = (h: ReturnType<typeof relayApp>, id: string, body: Uint8Array) =>
  h.request(`/v1/pairing/${id}`, { method: 'PUT', body: new Uint8Array(body) });

describe('pairing mailbox', () => {
  it('hands the content out exactly once', async () => {
    const h = relayApp();
    const id = randomId();
    const res = await put(h, id, new Uint8Array([1, 2, 3]));
    expect(res.status).toBe(201);
    const got = await h.request(`/v1/pairing/${id}`);
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('application/octet-stream');
    expect([...new Uint8Array(await got.arrayBuffer())]).toEqual([1, 2, 3]);
    const again = await h.request(`/v1/pairing/${id}`);
    expect(again.status).toBe(404);
    expect(await again.json()).toEqual({ error: 'not_found' });
  });

  it('answers 409 when the mailbox is already filled', async () => {
    const h = relayApp();
    const id = randomId();
    await put(h, id, new Uint8Array([1]));
    expect((await put(h, id, new Uint8Array([2]))).status).toBe(409);
  });

  it('forgets the content after 10 minutes (alive at TTL − 1, gone at TTL)', async () => {
    const h = relayApp();
    const [a, b] = [randomId(), randomId()];
    await put(h, a, new Uint8Array([1]));
    await put(h, b, new Uint8Array([1]));
    h.clock.now = T0 + PAIRING_TTL_MS - 1;
    expect((await h.request(`/v1/pairing/${a}`)).status).toBe(200);
    h.clock.now = T0 + PAIRING_TTL_MS;
    expect((await h.request(`/v1/pairing/${b}`)).status).toBe(404);
  });

  it('accepts 64 KiB and refuses 64 KiB + 1 with 413', async () => {
    const h = relayApp();
    expect((await put(h, randomId(), new Uint8Array(MAX_PAIRING_BYTES))).status).toBe(201);
    const res = await put(h, randomId(), new Uint8Array(MAX_PAIRING_BYTES + 1));
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ error: 'payload_too_large' });
  });

  it('refuses an empty body or a malformed id (400), and 404s a malformed id on read', async () => {
    const h = relayApp();
    expect((await put(h, randomId(), new Uint8Array(0))).status).toBe(400);
    expect((await put(h, 'short', new Uint8Array([1]))).status).toBe(400);
    expect((await h.request('/v1/pairing/short')).status).toBe(404);
  });
});
