/**
 * The EU device list imported on one device (DESIGN.md "Kit"): stored encrypted, per
 * device (never in the outbox), replaced or forgotten as a whole.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseEuDeviceValueSet, type EuDeviceList } from '../../../app/domain';
import {
  countOutbox,
  deleteKitList,
  enableSync,
  readKitList,
  saveKitList,
  snapshotOps,
} from '../../../app/store';
import { vaultDb } from './fixtures';
import { dumpRaw, serializeDeep } from './raw-idb';
import { referenceUrl } from '../reference';

// The reference copy lives outside the repository (DESIGN.md "Kit"): read, never copied.
const REFERENCE = referenceUrl('eu-rat-devices-2021-07-01.json');
const official = parseEuDeviceValueSet(JSON.parse(readFileSync(REFERENCE, 'utf8')));
const small: EuDeviceList = {
  valueSetDate: '2021-08-01',
  kits: [
    {
      id: '9999',
      name: 'CANARY_TEST',
      manufacturer: 'CANARY_MAKER',
      readingMinutes: 15,
      active: true,
    },
  ],
};

describe('imported kit list', () => {
  it('is absent until imported, then read back whole after a reopen', async () => {
    const v = await vaultDb();
    expect(await readKitList(v.db, v.keyring)).toBeNull();
    await saveKitList(v.db, v.keyring, official);
    await v.reopen();
    const stored = await readKitList(v.db, v.keyring);
    expect(stored).toEqual(official);
    expect(stored?.kits).toHaveLength(88);
  });

  it('a new import replaces the previous one; forgetting it brings back none', async () => {
    const v = await vaultDb();
    await saveKitList(v.db, v.keyring, official);
    await saveKitList(v.db, v.keyring, small);
    expect(await readKitList(v.db, v.keyring)).toEqual(small);
    await deleteKitList(v.db, v.keyring);
    expect(await readKitList(v.db, v.keyring)).toBeNull();
    await deleteKitList(v.db, v.keyring); // nothing to delete: fine
  });

  it.each([
    ['no kit', { ...small, kits: [] }],
    ['a bad date', { ...small, valueSetDate: '2021-02-30' }],
    ['a kit id that is not a number', { ...small, kits: [{ ...small.kits[0], id: 'x' }] }],
    ['a reading time out of range', { ...small, kits: [{ ...small.kits[0], readingMinutes: 0 }] }],
  ])('refuses a list with %s and keeps the previous one', async (_, list) => {
    const v = await vaultDb();
    await saveKitList(v.db, v.keyring, official);
    await expect(saveKitList(v.db, v.keyring, list as EuDeviceList)).rejects.toMatchObject({
      code: 'corrupt',
    });
    expect(await readKitList(v.db, v.keyring)).toEqual(official);
  });

  it('stays on this device: no outbox entry, not in the sync snapshot', async () => {
    const v = await vaultDb();
    await enableSync(v.db, v.keyring, 'https://relay.example.test');
    const before = await countOutbox(v.db);
    await saveKitList(v.db, v.keyring, official);
    expect(await countOutbox(v.db)).toBe(before);
    expect(JSON.stringify(await snapshotOps(v.db, v.keyring))).not.toContain('kit-list');
  });

  it('is encrypted like every record: no kit name in the clear rows', async () => {
    const v = await vaultDb();
    await saveKitList(v.db, v.keyring, small);
    const rows = await dumpRaw(v.factory, v.name);
    const record = rows.find((r) => String(r.key) === 'kit-list:eu');
    expect(Object.keys(record?.value as object).sort()).toEqual(['env', 'epoch', 'id', 'kind']);
    for (const row of rows) {
      const text = `${String(row.key)}\n${serializeDeep(row.value)}`;
      expect(text).not.toContain('CANARY_');
    }
  });
});
