/**
 * The 1 MiB body limit is counted while streaming, on a real port (@hono/node-server):
 * chunked bodies have no Content-Length, and a declared length is never the bound.
 */
import { serve, type ServerType } from '@hono/node-server';
import { request as httpRequest } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES } from '../../../sync-server/protocol';
import { BUNDLE_HEADER_BYTES } from '../../../sync-server/protocol/bundle-header';
import { createVault, makeBundle, relayApp, TestDevice } from './helpers';

const h = relayApp();
const device = new TestDevice();
let vault: string;
let path: string;
let server: ServerType;
let port: number;

beforeAll(async () => {
  ({ vault } = await createVault(h, device));
  path = `/v1/vaults/${vault}/bundles`;
  server = serve({ fetch: h.app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((resolve) => server.once('listening', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** POSTs `body` in 64 KiB chunks without Content-Length (Transfer-Encoding: chunked). */
function postChunked(body: Uint8Array): Promise<{ status: number; text: string }> {
  const init = device.signedInit('POST', path, body);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        path,
        method: 'POST',
        headers: init.headers as Record<string, string>,
      },
      (res) => {
        let text = '';
        res.on('data', (d: Buffer) => (text += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    // The server may answer 413 and close while we still write: that is the point.
    req.on('error', (err) => reject(err));
    for (let i = 0; i < body.length; i += 65536) req.write(body.subarray(i, i + 65536));
    req.end();
  });
}

const bundleOfTotal = (total: number) =>
  makeBundle(device, vault, { payloadLength: total - BUNDLE_HEADER_BYTES - 64 });

describe('streaming body limit (real port)', () => {
  it('accepts a chunked bundle of exactly 1 MiB', async () => {
    const res = await postChunked(bundleOfTotal(MAX_BODY_BYTES));
    expect(res.status).toBe(201);
    expect(JSON.parse(res.text)).toEqual({ seq: 1, duplicate: false });
  });

  it('refuses a chunked body of 1 MiB + 1 without Content-Length with 413', async () => {
    const body = new Uint8Array(MAX_BODY_BYTES + 1);
    const res = await postChunked(body);
    expect(res.status).toBe(413);
    expect(JSON.parse(res.text)).toEqual({ error: 'payload_too_large' });
  });

  it('never lets more than a lying small Content-Length through', async () => {
    const body = new Uint8Array(2 * MAX_BODY_BYTES);
    const init = device.signedInit('POST', path, body);
    const headers = Object.entries(init.headers as Record<string, string>)
      .map(([k, v]) => `${k}: ${v}\r\n`)
      .join('');
    const reply = await new Promise<string>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.write(`POST ${path} HTTP/1.1\r\nHost: x\r\n${headers}Content-Length: 100\r\n\r\n`);
        socket.write(body);
      });
      let text = '';
      socket.on('data', (d: Buffer) => (text += d.toString('latin1')));
      socket.on('close', () => resolve(text));
      socket.on('error', () => resolve(text));
    });
    // Node's parser takes 100 bytes as the body; the rest is not HTTP and is refused.
    const statuses = [...reply.matchAll(/HTTP\/1\.1 (\d{3})/g)].map((m) => Number(m[1]));
    expect(statuses.length).toBeGreaterThan(0);
    expect(statuses.every((s) => s >= 400)).toBe(true);
    expect(await h.store.lastSeq(vault)).toBe(1);
  });
});

describe('streaming body limit (in process)', () => {
  it('counts the bytes actually sent, not a smaller declared Content-Length (413)', async () => {
    const body = new Uint8Array(MAX_BODY_BYTES + 1);
    const init = device.signedInit('POST', path, body);
    const headers = { ...(init.headers as Record<string, string>), 'content-length': '10' };
    const res = await h.request(path, { method: 'POST', headers, body });
    expect(res.status).toBe(413);
  });

  it('refuses early a declared Content-Length above 1 MiB (413)', async () => {
    const init = device.signedInit('POST', path, new Uint8Array(10));
    const headers = {
      ...(init.headers as Record<string, string>),
      'content-length': String(MAX_BODY_BYTES + 1),
    };
    const res = await h.request(path, { method: 'POST', headers, body: new Uint8Array(10) });
    expect(res.status).toBe(413);
  });
});
