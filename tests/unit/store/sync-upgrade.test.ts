/**
 * Schema v3 upgrade and visit payloads: rows written before sync (v1 payload, a plain
 * Visit, in a v2 database) stay readable and join sync with ZERO_HLC clocks; rows of
 * payload v2 (one clock per field) read back with their clocks and are rewritten as v3.
 */
import { Dexie } from 'dexie';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import {
  decryptRecord,
  encryptRecord,
  envelopeEpoch,
  randomId,
  utf8Decode,
  utf8Encode,
} from '../../../app/crypto';
import { ZERO_HLC, visitFromIntake, type Visit, type VisitDoc } from '../../../app/domain';
import {
  enableSync,
  getVisit,
  listDayVisits,
  openComptoirDb,
  putVisit,
  readOutbox,
  readPharmacy,
  snapshotOps,
} from '../../../app/store';
import { openVisitDoc } from '../../../app/store/visit-rows';
import type { EnvelopeVisitRow } from '../../../app/store/rows';
import { DAY, intakeEntry, resultedVisit, vaultDb } from './fixtures';
import { dumpRaw } from './raw-idb';

/** The row `putVisit` wrote before v3: envelope of the plain Visit JSON. */
function v1Row(keyring: Parameters<typeof encryptRecord>[0], visit: Visit) {
  const address = { vaultId: keyring.vaultId, kind: 'visit', recordId: visit.id };
  const env = encryptRecord(keyring, address, utf8Encode(JSON.stringify(visit)));
  return { id: visit.id, day: visit.day, state: visit.state, epoch: envelopeEpoch(env), env };
}

/** The row of `visit` and `doc` as written with payload v2 (one clock per field). */
function v2Row(keyring: Parameters<typeof encryptRecord>[0], visit: Visit, doc: VisitDoc) {
  const fields = Object.fromEntries(Object.entries(doc.fields).map(([p, f]) => [p, f.h]));
  const clocks = { fields, state: doc.state, stateHlc: doc.stateHlc };
  const address = { vaultId: keyring.vaultId, kind: 'visit', recordId: visit.id };
  const plaintext = utf8Encode(JSON.stringify({ v: 2, visit, clocks }));
  const env = encryptRecord(keyring, address, plaintext);
  return { id: visit.id, day: visit.day, state: visit.state, epoch: envelopeEpoch(env), env };
}

describe('schema v3 and visit payloads', () => {
  it('reads a payload v2 row with its clocks, and writes payload v3 (each clock once) on change', async () => {
    const { db, keyring } = await vaultDb();
    await enableSync(db, keyring, 'https://relay.example.test');
    const visit = resultedVisit(visitFromIntake(intakeEntry(randomId())));
    await putVisit(db, keyring, visit);
    const plaintext = async () => {
      const row = (await db.visits.get(visit.id)) as EnvelopeVisitRow;
      const address = { vaultId: keyring.vaultId, kind: 'visit', recordId: visit.id };
      return utf8Decode(decryptRecord(keyring, address, row.env));
    };
    const v3 = await plaintext();
    expect(v3.startsWith('{"v":3,')).toBe(true);
    const row = (await db.visits.get(visit.id)) as EnvelopeVisitRow;
    const opened = openVisitDoc(keyring, row);
    expect(opened.visit).toEqual(visit);
    expect(Object.keys(opened.doc.fields).length).toBeGreaterThan(10);
    const snap = await snapshotOps(db, keyring);

    await db.visits.put(v2Row(keyring, visit, opened.doc));
    expect((await plaintext()).length).toBeGreaterThan(v3.length * 1.3);
    expect(openVisitDoc(keyring, (await db.visits.get(visit.id)) as EnvelopeVisitRow)).toEqual(
      opened,
    );
    expect(await snapshotOps(db, keyring)).toEqual(snap);
    await putVisit(db, keyring, { ...visit, identity: { ...visit.identity, city: 'Paris' } });
    expect((await plaintext()).startsWith('{"v":3,')).toBe(true);
  });

  it('upgrades a v2 database: v1 payload rows read back, then sync with ZERO clocks', async () => {
    const source = await vaultDb();
    const rows = await dumpRaw(source.factory, source.name);
    const visit = resultedVisit(visitFromIntake(intakeEntry(randomId())));
    const factory = new IDBFactory();
    const old = new Dexie('comptoir-v2', { indexedDB: factory, IDBKeyRange });
    old.version(1).stores({
      meta: 'key',
      slots: 'slotId, staffId',
      records: 'id, kind',
      visits: 'id, day, state, [day+state]',
    });
    old.version(2).stores({ submissions: 'visitId, nextAttemptAt' });
    for (const row of rows) await old.table(row.store).put(row.value);
    await old.table('visits').put(v1Row(source.keyring, visit));
    old.close();

    const db = await openComptoirDb({ name: 'comptoir-v2', indexedDB: factory, IDBKeyRange });
    expect(db.verno).toBe(3);
    const { keyring } = source;
    expect(await getVisit(db, keyring, visit.id)).toEqual(visit);
    expect((await listDayVisits(db, keyring, DAY)).visits).toEqual([visit]);
    expect((await readPharmacy(db, keyring)).name).toBe('Pharmacie du Marché');

    const snap = await snapshotOps(db, keyring);
    expect(snap.filter((o) => o.id === visit.id).every((o) => o.hlc === ZERO_HLC)).toBe(true);
    expect(snap.filter((o) => o.t === 'record').every((o) => o.hlc === ZERO_HLC)).toBe(true);

    await enableSync(db, keyring, 'https://relay.example.test');
    const edited = { ...visit, identity: { ...visit.identity, city: 'Paris' } };
    await putVisit(db, keyring, edited);
    const [, entry] = await readOutbox(db, keyring, 10);
    expect(entry?.ops.map((o) => (o.t === 'set' ? o.path : o.t))).toEqual(['identity.city']);
    expect(await getVisit(db, keyring, visit.id)).toEqual(edited);
    db.close();
  });
});
