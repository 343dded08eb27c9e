/**
 * PostgresEventHub on the real test cluster: two hubs on one database stand for two relay
 * processes. Announcements cross hubs through LISTEN/NOTIFY, malformed notifications are
 * dropped, and a killed LISTEN connection comes back and resyncs its listeners. Waits poll
 * for delivery with generous timeouts; nothing asserts on timing.
 */
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PostgresEventHub } from '../../../sync-server/relay/postgres-event-hub';
import type { BundleStore } from '../../../sync-server/store/bundle-store';
import {
  encodeAnnouncement,
  EVENTS_CHANNEL,
  parseAnnouncement,
} from '../../../sync-server/store/postgres-notify-payload';
import { freshSchema, sql, testDatabaseUrl, usePostgresStores } from '../../pg/postgres';
import { randomId } from '../relay/helpers';
import { bundle, bytesOf } from '../relay-sqlite/helpers';

const DELIVERY = { timeout: 15_000, interval: 20 };
const { open } = usePostgresStores();
const hubs: PostgresEventHub[] = [];

afterEach(async () => {
  for (const hub of hubs.splice(0)) await hub.close();
});

/** A hub whose connections carry their own `application_name` (to find them by). */
async function openHub(url: string, store: BundleStore) {
  const name = `hub_${randomBytes(6).toString('hex')}`;
  const named = new URL(url);
  named.searchParams.set('application_name', name);
  const logs: string[] = [];
  const hub = await PostgresEventHub.open({
    connectionString: named.toString(),
    store,
    log: (line) => logs.push(line),
    reconnectDelayMs: { first: 20, max: 200 },
  });
  hubs.push(hub);
  return { hub, name, logs };
}

/** Two hubs (two relays) on one fresh schema, and the store they share. */
async function twoRelays() {
  const url = await freshSchema('events');
  const store = await open(url);
  return { url, store, a: await openHub(url, store), b: await openHub(url, store) };
}

function listen(hub: PostgresEventHub, vaultId: string) {
  const heard: number[] = [];
  const unsubscribe = hub.subscribe(vaultId, (seq) => heard.push(seq));
  return { heard, unsubscribe };
}

/** Terminates the LISTEN connection of the hub named `name`; resolves how many ended. */
async function killListenConnection(name: string): Promise<number> {
  const rows = await sql<{ pid: number }>(
    testDatabaseUrl(),
    `SELECT pid FROM pg_stat_activity, pg_terminate_backend(pid)
     WHERE application_name = $1 AND query = $2`,
    [name, `LISTEN ${EVENTS_CHANNEL}`],
  );
  return rows.length;
}

describe('PostgresEventHub: two relays on one database', () => {
  it('delivers a publish on relay A to listeners on B, and once on A despite the echo', async () => {
    const { a, b } = await twoRelays();
    const vault = randomId();
    const onA = listen(a.hub, vault);
    const onB = listen(b.hub, vault);
    a.hub.publish(vault, 1);
    expect(onA.heard).toEqual([1]); // local delivery does not wait for the round trip
    await vi.waitFor(() => expect(onB.heard).toEqual([1]), DELIVERY);
    // B answers after it heard 1: notifications arrive in commit order, so when A hears 2
    // it has heard the echo of its own 1 already.
    b.hub.publish(vault, 2);
    await vi.waitFor(() => expect(onA.heard).toEqual([1, 2]), DELIVERY);
    expect(onB.heard).toEqual([1, 2]);
  });

  it('stops delivering to a listener that unsubscribed, and only to its vault', async () => {
    const { a, b } = await twoRelays();
    const vault = randomId();
    const gone = listen(b.hub, vault);
    const stays = listen(b.hub, vault);
    const other = listen(b.hub, randomId());
    gone.unsubscribe();
    a.hub.publish(vault, 1);
    await vi.waitFor(() => expect(stays.heard).toEqual([1]), DELIVERY);
    expect(gone.heard).toEqual([]);
    expect(other.heard).toEqual([]);
    expect(b.hub.listenerCount(vault)).toBe(1);
  });

  it('ignores malformed notifications sent by hand, without logging their content', async () => {
    const { url, b } = await twoRelays();
    const vault = randomId();
    const onB = listen(b.hub, vault);
    const malformed = [
      'not json',
      'null',
      '[1]',
      JSON.stringify({ vault, seq: 0 }),
      JSON.stringify({ vault, seq: -1 }),
      JSON.stringify({ vault, seq: 1.5 }),
      JSON.stringify({ vault, seq: '3' }),
      JSON.stringify({ vault, seq: 2 ** 53 }),
      JSON.stringify({ vault: `${vault}x`, seq: 3 }),
      JSON.stringify({ vault: 'a/b', seq: 3 }),
      JSON.stringify({ seq: 3 }),
      `{"vault":"${vault}","seq":3,"pad":"${'x'.repeat(7_900)}"}`,
    ];
    for (const payload of malformed) {
      await sql(url, 'SELECT pg_notify($1, $2)', [EVENTS_CHANNEL, payload]);
    }
    await sql(url, `NOTIFY ${EVENTS_CHANNEL}`);
    await sql(url, 'SELECT pg_notify($1, $2)', [EVENTS_CHANNEL, encodeAnnouncement(vault, 4)]);
    await vi.waitFor(() => expect(onB.heard).toEqual([4]), DELIVERY);
    expect(b.logs.filter((line) => line.includes('malformed'))).toHaveLength(1);
    expect(b.logs.join('\n')).not.toMatch(/not json|xxxx|vault/);
  });

  it('reconnects a killed LISTEN connection, resyncs its listeners and delivers again', async () => {
    const { store, a, b } = await twoRelays();
    const vault = randomId();
    const onA = listen(a.hub, vault);
    const onB = listen(b.hub, vault);
    // A push whose announcement B will never hear (as if sent while B was not listening).
    expect(await store.putBundle(bundle(vault, 'missed', bytesOf(1)))).toEqual({
      status: 'stored',
      seq: 1,
    });
    expect(await killListenConnection(b.name)).toBe(1);
    // The resync after the reconnect reads the vault's last seq and tells B's listener.
    await vi.waitFor(() => expect(onB.heard).toEqual([1]), DELIVERY);
    expect(b.logs.some((line) => line.includes('LISTEN connection lost (57P01)'))).toBe(true);
    expect(b.logs.some((line) => line.includes('listening again'))).toBe(true);
    expect(onA.heard).toEqual([]);

    a.hub.publish(vault, 2);
    await vi.waitFor(() => expect(onB.heard).toEqual([1, 2]), DELIVERY);
    // A relay whose own LISTEN connection is down still announces (NOTIFY has its own pool).
    expect(await killListenConnection(a.name)).toBe(1);
    a.hub.publish(vault, 3);
    await vi.waitFor(() => expect(onB.heard).toEqual([1, 2, 3]), DELIVERY);
    expect(onA.heard).toEqual([2, 3]);
  });

  it('ends its LISTEN connection on close', async () => {
    const { a } = await twoRelays();
    const listening = (): Promise<unknown[]> =>
      sql(testDatabaseUrl(), 'SELECT pid FROM pg_stat_activity WHERE application_name = $1', [
        a.name,
      ]);
    expect(await listening()).toHaveLength(1);
    await a.hub.close();
    await vi.waitFor(async () => expect(await listening()).toHaveLength(0), DELIVERY);
  });

  it('fails to open on an unreachable server without printing the password', async () => {
    const store = await open();
    const opening = PostgresEventHub.open({
      connectionString: 'postgres://relay:s3cret-pw@127.0.0.1:1/comptoir',
      store,
      log: () => {},
    });
    await expect(opening).rejects.toThrow(/Cannot listen for relay events on .*\*\*\*/);
    await expect(opening).rejects.not.toThrow(/s3cret-pw/);
  });
});

describe('relay announcement payload (frozen)', () => {
  it('is the JSON of vault id and seq, and reads back', () => {
    const vault = 'AAECAwQFBgcICQoLDA0ODw';
    expect(encodeAnnouncement(vault, 42)).toBe('{"vault":"AAECAwQFBgcICQoLDA0ODw","seq":42}');
    expect(parseAnnouncement('{"vault":"AAECAwQFBgcICQoLDA0ODw","seq":42}')).toEqual({
      vaultId: vault,
      seq: 42,
    });
    // A field added by a newer relay is ignored.
    expect(parseAnnouncement(`{"vault":"${vault}","seq":1,"more":true}`)).toEqual({
      vaultId: vault,
      seq: 1,
    });
  });

  it('refuses to encode what the protocol would not accept', () => {
    expect(() => encodeAnnouncement('not-an-id', 1)).toThrow();
    expect(() => encodeAnnouncement('AAECAwQFBgcICQoLDA0ODw', 0)).toThrow();
  });
});
