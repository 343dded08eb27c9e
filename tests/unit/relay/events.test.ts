/** GET /v1/vaults/:vault/events: server-sent events of new bundle seqs. */
import { describe, expect, it } from 'vitest';
import { createVault, makeBundle, relayApp, TestDevice } from './helpers';

async function readUntil(reader: ReadableStreamDefaultReader<Uint8Array>, marker: string) {
  const decoder = new TextDecoder();
  let text = '';
  while (!text.includes(marker)) {
    const { done, value } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
  }
  return text;
}

describe('event stream', () => {
  it('announces each new bundle as `event: bundle` and stops on cancel', async () => {
    const h = relayApp();
    const device = new TestDevice();
    const { vault } = await createVault(h, device);
    const events = `/v1/vaults/${vault}/events`;
    const res = await h.request(events, device.signedInit('GET', events));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    expect(h.events.listenerCount(vault)).toBe(1);
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();

    const bundles = `/v1/vaults/${vault}/bundles`;
    const bundle = makeBundle(device, vault);
    expect((await h.request(bundles, device.signedInit('POST', bundles, bundle))).status).toBe(201);
    // A duplicate is not a new bundle: no second event for it.
    await h.request(bundles, device.signedInit('POST', bundles, bundle));
    await h.request(bundles, device.signedInit('POST', bundles, makeBundle(device, vault)));
    const text = await readUntil(reader, '{"seq":2}');
    expect(text).toBe('event: bundle\ndata: {"seq":1}\n\nevent: bundle\ndata: {"seq":2}\n\n');

    await reader.cancel();
    await new Promise((r) => setTimeout(r, 10));
    expect(h.events.listenerCount(vault)).toBe(0);
  });

  it('sends a `: ping` comment at the heartbeat interval', async () => {
    const h = relayApp({ heartbeatMs: 20 });
    const device = new TestDevice();
    const { vault } = await createVault(h, device);
    const events = `/v1/vaults/${vault}/events`;
    const res = await h.request(events, device.signedInit('GET', events));
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    expect(await readUntil(reader, '\n\n')).toBe(': ping\n\n');
    await reader.cancel();
  });

  it('refuses a device of another vault with the same 404', async () => {
    const h = relayApp();
    const alice = new TestDevice();
    const bob = new TestDevice();
    await createVault(h, alice);
    const { vault } = await createVault(h, bob);
    const events = `/v1/vaults/${vault}/events`;
    const res = await h.request(events, alice.signedInit('GET', events));
    expect(res.status).toBe(404);
    expect(h.events.listenerCount(vault)).toBe(0);
  });
});
