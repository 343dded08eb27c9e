/**
 * DESIGN.md "IndexedDB (Dexie)": a test plants canary values in every field, dumps every
 * object store raw, and finds none of them.
 */
import { describe, expect, it } from 'vitest';
import { randomId } from '../../../app/crypto';
import { visitFromIntake, type IntakeEntry, type Pharmacy, type Visit } from '../../../app/domain';
import {
  absorbIntakeEntries,
  addStaffMember,
  applyRemoteOps,
  countOutbox,
  enableSync,
  savePortalSettings,
  createVault,
  getVisit,
  listStaff,
  putVisit,
  readPharmacy,
  readVaultMeta,
  saveIntakeEntry,
} from '../../../app/store';
import { KDF, PASSPHRASE, freshDb, intakeEntry, resultedVisit } from './fixtures';
import { dumpRaw, serializeDeep } from './raw-idb';

/** Keys whose string values are clear by design (random ids, enums, the day). */
const STRUCTURAL_KEYS = new Set(['id', 'day', 'state', 'source', 'sex', 'specimen', 'value']);

const canaries: string[] = [];
function canary(field: string): string {
  const value = `CANARY_${field.toUpperCase()}_${Math.random().toString(16).slice(2, 6)}`;
  canaries.push(value);
  return value;
}

/** Replaces every non-structural string of `value`, however deep, by a unique canary. */
function plant<T>(value: T, path = ''): T {
  if (typeof value === 'string') return canary(path) as T;
  if (Array.isArray(value)) return value.map((v, i) => plant(v, `${path}${i}`)) as T;
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      out[k] = STRUCTURAL_KEYS.has(k) ? v : plant(v, `${path}_${k}`);
    }
    return out as T;
  }
  return value;
}

const ALLOWED_KEYS: Record<string, string[][]> = {
  meta: [
    ['createdAt', 'deviceId', 'intakePublicKey', 'key', 'vaultId'],
    ['cursor', 'deviceSeq', 'enabled', 'hlc', 'key', 'lastBundleHash', 'relayUrl'],
    ['box', 'key', 'keySealed'],
  ],
  outbox: [['env', 'id', 'seq']],
  tombstones: [['hlc', 'id']],
  clocks: [['hlc', 'id']],
  slots: [
    ['kcv', 'kdf', 'kind', 'label', 'salt', 'slotId', 'staffId', 'wrapped'],
    ['kcv', 'kind', 'salt', 'slotId', 'wrapped'],
  ],
  records: [['env', 'epoch', 'id', 'kind']],
  visits: [
    ['day', 'env', 'epoch', 'id', 'state'],
    ['day', 'epoch', 'id', 'sealed', 'state'],
  ],
};

describe('stored rows hold no personal data in clear', () => {
  it('finds none of the canaries planted in visits, intake entries, staff and pharmacy', async () => {
    const t = await freshDb();
    const pharmacy = plant<Pharmacy>({
      name: 'n',
      finess: 'f',
      address: 'a',
      postalCode: 'p',
      city: 'c',
    });
    const admin = { name: canary('admin_name'), rpps: canary('admin_rpps'), label: 'LABEL_ALICE' };
    const { keyring } = await createVault(t.db, {
      pharmacy,
      admin,
      passphrase: PASSPHRASE,
      kdf: KDF,
    });
    // Sync on from the start: every change below also lands in the outbox (v3 tables).
    await enableSync(t.db, keyring, 'https://relay.example.test');
    await addStaffMember(t.db, keyring, {
      name: canary('staff_name'),
      rpps: canary('staff_rpps'),
      role: 'staff',
      label: 'LABEL_BOB',
      passphrase: `${PASSPHRASE} bis`,
      kdf: KDF,
    });

    // Patient mode: only the public intake key is used.
    const meta = await readVaultMeta(t.db);
    if (!meta) throw new Error('no meta');
    const absorbed = plant<IntakeEntry>(intakeEntry(randomId()));
    await saveIntakeEntry(t.db, meta.intakePublicKey, absorbed);
    expect(await absorbIntakeEntries(t.db, keyring)).toBe(1);
    // This one stays sealed, as written by the kiosk.
    await saveIntakeEntry(t.db, meta.intakePublicKey, plant(intakeEntry(randomId())));

    const sampled: Visit = { ...visitFromIntake(absorbed), state: 'sampled' };
    const resulted = plant<Visit>({
      ...resultedVisit(sampled),
      transmission: { attempts: 1, lastError: 'e', receipt: 'r', transmittedAt: 't' },
    });
    await putVisit(t.db, keyring, { ...resulted, state: 'sampled', result: undefined });
    await putVisit(t.db, keyring, resulted);
    const counter = plant<Visit>({
      ...resultedVisit(visitFromIntake(intakeEntry(randomId()))),
      source: 'counter',
    });
    await putVisit(t.db, keyring, counter);

    // A visit deleted by another device leaves only a clear tombstone (id + clock).
    const doomed = plant<Visit>({ ...counter, id: randomId(), source: 'counter' });
    await putVisit(t.db, keyring, doomed);
    const del = { t: 'del', kind: 'visit', id: doomed.id, hlc: 'zzzzzzzzz:0000:other' } as const;
    expect((await applyRemoteOps(t.db, keyring, [del])).changedVisitIds).toEqual([doomed.id]);
    await savePortalSettings(t.db, keyring, { mode: 'confirm', issuer: canary('issuer') });
    expect(await countOutbox(t.db)).toBeGreaterThan(5);

    // The data really are stored (a canary can only be missing because it is encrypted).
    expect(await getVisit(t.db, keyring, resulted.id)).toEqual(resulted);
    expect(await getVisit(t.db, keyring, counter.id)).toEqual(counter);
    expect(await readPharmacy(t.db, keyring)).toEqual(pharmacy);
    expect((await listStaff(t.db, keyring)).map((s) => s.name).sort()).toEqual(
      [admin.name, canaries.find((c) => c.startsWith('CANARY_STAFF_NAME'))].sort(),
    );

    const rows = await dumpRaw(t.factory, t.name);
    expect(new Set(rows.map((r) => r.store))).toEqual(new Set(Object.keys(ALLOWED_KEYS)));
    expect(rows.filter((r) => r.store === 'visits')).toHaveLength(3);
    expect(canaries.length).toBeGreaterThan(60);
    for (const row of rows) {
      const text = `${String(row.key)}\n${serializeDeep(row.value)}`;
      for (const c of canaries) expect(text, `${row.store} row leaks ${c}`).not.toContain(c);
      const keys = Object.keys(row.value as object).sort();
      expect(ALLOWED_KEYS[row.store], `${row.store} keys ${keys.join()}`).toContainEqual(keys);
      // The unlock-picker label is the only clear staff text, and only in slots.
      if (row.store !== 'slots') expect(text).not.toMatch(/LABEL_/);
    }
    const labels = rows
      .filter((r) => r.store === 'slots')
      .map((r) => (r.value as { label?: string }).label);
    expect(labels.filter(Boolean).sort()).toEqual(['LABEL_ALICE', 'LABEL_BOB']);
  });
});
