/**
 * GTIN → kit links (DESIGN.md "Kit"): remembered, encrypted under a random record id,
 * synced to the pharmacy's other devices, converging when two devices link one GTIN.
 */
import { describe, expect, it } from 'vitest';
import { IntegrityError } from '../../../app/crypto';
import { formatHlc, type KitLink, type Op } from '../../../app/domain';
import {
  StorageError,
  applyRemoteOps,
  countOutbox,
  enableSync,
  findGtinLink,
  linkGtin,
  listGtinLinks,
  readOutbox,
  snapshotOps,
  type ComptoirDb,
} from '../../../app/store';
import type { Keyring } from '../../../app/crypto';
import { vaultDb } from './fixtures';
import { dumpRaw, patchRaw, serializeDeep } from './raw-idb';
import { flat, pairedDevice } from './sync-fixtures';

const RELAY = 'https://relay.example.test';
/** GTIN-14s with valid check digits (a French 340 prefix, and the GS1 specs' example). */
const GTIN = '03401234567890';
const GTIN_2 = '09506000134352';
const PANBIO: KitLink = { gtin: GTIN, kitId: '1232', kitName: 'Panbio COVID-19 Ag Rapid Test' };
const FLOWFLEX: KitLink = {
  gtin: GTIN,
  kitId: '1468',
  kitName: 'Flowflex SARS-CoV-2 Antigen rapid test',
};

type Device = { db: ComptoirDb; keyring: Keyring };
const recordOps = (ops: Op[]) => ops.filter((o) => o.t === 'record' && o.kind === 'kit-link');
const linkRows = (d: Device) => d.db.records.where('kind').equals('kit-link').toArray();

describe('GTIN links on one device', () => {
  it('remembers a link, finds it by GTIN after a reopen, and knows no other GTIN', async () => {
    const v = await vaultDb();
    expect(await linkGtin(v.db, v.keyring, PANBIO)).toBe(true);
    await v.reopen();
    expect(await findGtinLink(v.db, v.keyring, GTIN)).toEqual(PANBIO);
    expect(await findGtinLink(v.db, v.keyring, GTIN_2)).toBeNull();
    expect(await listGtinLinks(v.db, v.keyring)).toEqual(new Map([[GTIN, PANBIO]]));
  });

  it('relinking a GTIN replaces its kit in the same record', async () => {
    const v = await vaultDb();
    await linkGtin(v.db, v.keyring, PANBIO);
    const [before] = await linkRows(v);
    expect(await linkGtin(v.db, v.keyring, FLOWFLEX)).toBe(true);
    await linkGtin(v.db, v.keyring, { ...PANBIO, gtin: GTIN_2 });
    expect(await findGtinLink(v.db, v.keyring, GTIN)).toEqual(FLOWFLEX);
    expect(await findGtinLink(v.db, v.keyring, GTIN_2)).toEqual({ ...PANBIO, gtin: GTIN_2 });
    const rows = await linkRows(v);
    expect(rows).toHaveLength(2);
    expect(rows.map((r) => r.id)).toContain(before?.id);
  });

  it('linking a GTIN to the kit it already has writes nothing, not even an outbox entry', async () => {
    const v = await vaultDb();
    await enableSync(v.db, v.keyring, RELAY);
    await linkGtin(v.db, v.keyring, PANBIO);
    const outbox = await countOutbox(v.db);
    expect(await linkGtin(v.db, v.keyring, { ...PANBIO, kitName: ` ${PANBIO.kitName} ` })).toBe(
      false,
    );
    expect(await countOutbox(v.db)).toBe(outbox);
  });

  it.each([
    ['a wrong check digit', { ...PANBIO, gtin: '03401234567891' }],
    ['a GTIN-13 (links are keyed by the 14 digits of AI 01)', { ...PANBIO, gtin: '3401234567890' }],
    ['a kit id that is not a JRC number', { ...PANBIO, kitId: 'panbio' }],
    ['an empty kit name', { ...PANBIO, kitName: '  ' }],
  ])('refuses a link with %s and stores nothing', async (_, link) => {
    const v = await vaultDb();
    await expect(linkGtin(v.db, v.keyring, link)).rejects.toMatchObject({ code: 'corrupt' });
    expect(await linkRows(v)).toEqual([]);
  });

  it('keeps the GTIN, the kit id and its name out of the clear rows (random record id)', async () => {
    const v = await vaultDb();
    await enableSync(v.db, v.keyring, RELAY);
    await linkGtin(v.db, v.keyring, { gtin: GTIN_2, kitId: '987654', kitName: 'CANARY_KIT_NAME' });
    const rows = await dumpRaw(v.factory, v.name);
    const [link] = rows.filter((r) => r.store === 'records' && String(r.key).startsWith('kit-'));
    expect(String(link?.key)).toMatch(/^kit-link:[A-Za-z0-9_-]{22}$/);
    for (const row of rows) {
      const text = `${String(row.key)}\n${serializeDeep(row.value)}`;
      for (const secret of [GTIN_2, '987654', 'CANARY_KIT_NAME']) {
        expect(text, `${row.store} row shows ${secret}`).not.toContain(secret);
      }
    }
  });

  it('refuses to read a link whose envelope was moved under another record id', async () => {
    const v = await vaultDb();
    await linkGtin(v.db, v.keyring, PANBIO);
    await linkGtin(v.db, v.keyring, { ...FLOWFLEX, gtin: GTIN_2 });
    const [a, b] = await linkRows(v);
    if (!a || !b) throw new Error('two links expected');
    await patchRaw(v.factory, v.name, 'records', a.id, (row) => ({ ...row, env: b.env }));
    await expect(findGtinLink(v.db, v.keyring, GTIN)).rejects.toBeInstanceOf(IntegrityError);
  });
});

describe('GTIN links across devices', () => {
  it('sends a new link to the outbox only once sync is enabled', async () => {
    const v = await vaultDb();
    await linkGtin(v.db, v.keyring, PANBIO);
    expect(await countOutbox(v.db)).toBe(0);
    await enableSync(v.db, v.keyring, RELAY);
    const snapshot = flat(await readOutbox(v.db, v.keyring, 10));
    expect(recordOps(snapshot)).toEqual([expect.objectContaining({ value: PANBIO })]);
    await linkGtin(v.db, v.keyring, { ...PANBIO, gtin: GTIN_2 });
    const entries = await readOutbox(v.db, v.keyring, 10);
    expect(entries).toHaveLength(2);
    expect(entries[1]?.ops).toEqual([
      expect.objectContaining({
        t: 'record',
        kind: 'kit-link',
        value: { ...PANBIO, gtin: GTIN_2 },
      }),
    ]);
  });

  it('a device paired later learns the links from the snapshot', async () => {
    const a = await vaultDb();
    await linkGtin(a.db, a.keyring, PANBIO);
    expect(recordOps(await snapshotOps(a.db, a.keyring))).toHaveLength(1);
    const b = await pairedDevice(a);
    expect(await findGtinLink(b.db, b.keyring, GTIN)).toEqual(PANBIO);
  });

  it('a link made on A applies on B, without reaching B’s outbox', async () => {
    const a = await vaultDb();
    const b = await pairedDevice(a);
    await enableSync(a.db, a.keyring, RELAY);
    await enableSync(b.db, b.keyring, RELAY);
    const bOutbox = await countOutbox(b.db);
    await linkGtin(a.db, a.keyring, PANBIO);
    const [, entry] = await readOutbox(a.db, a.keyring, 10);
    await applyRemoteOps(b.db, b.keyring, entry?.ops ?? []);
    expect(await findGtinLink(b.db, b.keyring, GTIN)).toEqual(PANBIO);
    expect(await countOutbox(b.db)).toBe(bOutbox);
  });

  it('two devices linking one GTIN offline agree on the later link, in either order', async () => {
    const a = await vaultDb();
    const b = await pairedDevice(a);
    await enableSync(a.db, a.keyring, RELAY);
    await enableSync(b.db, b.keyring, RELAY);
    await linkGtin(a.db, a.keyring, PANBIO);
    await new Promise((resolve) => setTimeout(resolve, 5)); // B's clock reads later
    await linkGtin(b.db, b.keyring, FLOWFLEX);
    const fromA = recordOps(flat((await readOutbox(a.db, a.keyring, 10)).slice(1)));
    const fromB = recordOps(flat((await readOutbox(b.db, b.keyring, 10)).slice(1)));
    await applyRemoteOps(b.db, b.keyring, fromA);
    await applyRemoteOps(a.db, a.keyring, fromB);
    expect(await findGtinLink(a.db, a.keyring, GTIN)).toEqual(FLOWFLEX);
    expect(await findGtinLink(b.db, b.keyring, GTIN)).toEqual(FLOWFLEX);
    expect(await linkRows(a)).toHaveLength(2); // two records, one in force

    // A corrects the link: it rewrites the record in force, which wins on B too.
    expect(await linkGtin(a.db, a.keyring, PANBIO)).toBe(true);
    const [fix] = recordOps(flat((await readOutbox(a.db, a.keyring, 10)).slice(2)));
    expect(fix?.id).toBe(fromB[0]?.id);
    await applyRemoteOps(b.db, b.keyring, fix ? [fix] : []);
    expect(await findGtinLink(b.db, b.keyring, GTIN)).toEqual(PANBIO);
    expect(await listGtinLinks(a.db, a.keyring)).toEqual(await listGtinLinks(b.db, b.keyring));
  });

  it.each([
    ['a GTIN as the record id (it would be clear text on disk)', GTIN, PANBIO],
    ['a malformed link', 'AAAAAAAAAAAAAAAAAAAAAA', { ...PANBIO, gtin: '123' }],
  ])('refuses a remote link with %s', async (_, id, value) => {
    const b = await vaultDb();
    const hlc = formatHlc({ ms: Date.now(), counter: 0, deviceId: 'other' });
    const op: Op = { t: 'record', kind: 'kit-link', id, value, hlc };
    await expect(applyRemoteOps(b.db, b.keyring, [op])).rejects.toBeInstanceOf(StorageError);
    expect(await linkRows(b)).toEqual([]);
  });
});
