/**
 * The transmission queue table (schema v2): upgrade from v1, one-transaction moves of the
 * visit and its row, idempotence, and no personal data in clear.
 */
import { Dexie } from 'dexie';
import { IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { randomId } from '../../../app/crypto';
import { visitFromIntake, type Visit } from '../../../app/domain';
import {
  StorageError,
  completeSubmission,
  countPendingSubmissions,
  deletePortalSession,
  dueSubmissions,
  enqueueSubmission,
  getVisit,
  nextSubmissionAt,
  openComptoirDb,
  putVisit,
  readPharmacy,
  readPortalSession,
  readPortalSettings,
  rejectSubmission,
  rescheduleSubmission,
  savePortalSession,
  savePortalSettings,
  type PortalSession,
} from '../../../app/store';
import { intakeEntry, resultedVisit, vaultDb } from './fixtures';
import { dumpRaw, openRaw, serializeDeep } from './raw-idb';

const T0 = Date.UTC(2021, 4, 3, 8, 0, 0);

async function resulted(v: Awaited<ReturnType<typeof vaultDb>>, tag = ''): Promise<Visit> {
  const visit = resultedVisit(visitFromIntake(intakeEntry(randomId(), tag)), tag);
  await putVisit(v.db, v.keyring, { ...visit, state: 'sampled', result: undefined });
  await putVisit(v.db, v.keyring, visit);
  return visit;
}

async function code(p: Promise<unknown>): Promise<string> {
  const e: unknown = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(StorageError);
  return (e as StorageError).code;
}

describe('schema v2 upgrade', () => {
  it('opens a v1 database with its data intact and adds the submissions table', async () => {
    // Build real vault data, copy it raw into a database declared with the v1 schema only.
    const source = await vaultDb();
    const visit = await resulted(source);
    const rows = await dumpRaw(source.factory, source.name);
    source.db.close();
    const v1 = new Dexie('comptoir-v1', { indexedDB: source.factory, IDBKeyRange });
    v1.version(1).stores({
      meta: 'key',
      slots: 'slotId, staffId',
      records: 'id, kind',
      visits: 'id, day, state, [day+state]',
    });
    for (const row of rows) await v1.table(row.store).put(row.value);
    v1.close();
    const before = await openRaw(source.factory, 'comptoir-v1');
    expect(Array.from(before.objectStoreNames)).not.toContain('submissions');
    before.close();

    const db = await openComptoirDb({
      name: 'comptoir-v1',
      indexedDB: source.factory,
      IDBKeyRange,
    });
    expect(db.verno).toBe(3); // v3 (sync tables) upgrades a v1 database too
    expect(await getVisit(db, source.keyring, visit.id)).toEqual(visit);
    expect((await readPharmacy(db, source.keyring)).finess).toBe('750000000');
    expect(await countPendingSubmissions(db)).toBe(0);
    await enqueueSubmission(db, source.keyring, visit, T0);
    expect(await countPendingSubmissions(db)).toBe(1);
    db.close();
  });
});

describe('enqueueSubmission', () => {
  it('moves the visit to queued and adds one due row, in one go', async () => {
    const v = await vaultDb();
    const visit = await resulted(v);
    const stored = await enqueueSubmission(v.db, v.keyring, visit, T0);
    expect(stored.state).toBe('queued');
    expect((await getVisit(v.db, v.keyring, visit.id)).state).toBe('queued');
    expect(await dueSubmissions(v.db, T0, 10)).toEqual([
      { visitId: visit.id, nextAttemptAt: T0, attempts: 0 },
    ]);
    expect(await dueSubmissions(v.db, T0 - 1, 10)).toEqual([]);
    expect(await nextSubmissionAt(v.db)).toBe(T0);
  });

  it('is idempotent: queuing twice keeps one row and the first due time', async () => {
    const v = await vaultDb();
    const visit = await resulted(v);
    await enqueueSubmission(v.db, v.keyring, visit, T0);
    await enqueueSubmission(v.db, v.keyring, visit, T0 + 5000);
    expect(await countPendingSubmissions(v.db)).toBe(1);
    expect((await dueSubmissions(v.db, T0, 10))[0]?.nextAttemptAt).toBe(T0);
  });

  it('refuses a visit that is not resulted yet, and leaves no row', async () => {
    const v = await vaultDb();
    const visit = await resulted(v);
    const fresh = { ...visitFromIntake(intakeEntry(randomId())), state: 'registered' as const };
    await putVisit(v.db, v.keyring, fresh);
    expect(await code(enqueueSubmission(v.db, v.keyring, fresh, T0))).toBe('conflict');
    expect(await code(enqueueSubmission(v.db, v.keyring, { ...visit, id: randomId() }, T0))).toBe(
      'not-found',
    );
    expect(await countPendingSubmissions(v.db)).toBe(0);
  });

  it('re-queues a rejected visit after correction, without its old error', async () => {
    const v = await vaultDb();
    const visit = await resulted(v);
    const queued = await enqueueSubmission(v.db, v.keyring, visit, T0);
    await rejectSubmission(v.db, v.keyring, {
      ...queued,
      state: 'rejected',
      transmission: { attempts: 1, lastError: 'Date de naissance invalide' },
    });
    expect(await countPendingSubmissions(v.db)).toBe(0);
    const rejected = await getVisit(v.db, v.keyring, visit.id);
    expect(rejected.transmission?.lastError).toBe('Date de naissance invalide');
    const corrected = { ...rejected, identity: { ...rejected.identity, birthDate: '1981-01-01' } };
    const again = await enqueueSubmission(v.db, v.keyring, corrected, T0 + 1000);
    expect(again.state).toBe('queued');
    const stored = await getVisit(v.db, v.keyring, visit.id);
    expect(stored.identity.birthDate).toBe('1981-01-01');
    expect(stored.transmission).toEqual({ attempts: 1 });
    expect(await countPendingSubmissions(v.db)).toBe(1);
  });
});

describe('leaving the queue', () => {
  it('completeSubmission stores the receipt and deletes the row together', async () => {
    const v = await vaultDb();
    const queued = await enqueueSubmission(v.db, v.keyring, await resulted(v), T0);
    const transmission = { attempts: 2, receipt: 'Observation/1/_history/1', transmittedAt: 'x' };
    await completeSubmission(v.db, v.keyring, { ...queued, state: 'transmitted', transmission });
    const stored = await getVisit(v.db, v.keyring, queued.id);
    expect(stored.state).toBe('transmitted');
    expect(stored.transmission).toEqual(transmission);
    expect(await countPendingSubmissions(v.db)).toBe(0);
    // Idempotent: completing again changes nothing and throws nothing.
    await completeSubmission(v.db, v.keyring, { ...queued, state: 'transmitted', transmission });
  });

  it('a failed write keeps both the visit queued and its row (no half state)', async () => {
    const v = await vaultDb();
    const queued = await enqueueSubmission(v.db, v.keyring, await resulted(v), T0);
    const tx = { attempts: 1, receipt: 'r', transmittedAt: 't' };
    await putVisit(v.db, v.keyring, { ...queued, state: 'transmitted', transmission: tx });
    // The stored visit is now transmitted: rejecting it would move it back.
    expect(
      await code(
        rejectSubmission(v.db, v.keyring, {
          ...queued,
          state: 'rejected',
          transmission: { attempts: 1, lastError: 'e' },
        }),
      ),
    ).toBe('conflict');
    expect(await countPendingSubmissions(v.db)).toBe(1);
  });

  it('refuses a completion without receipt, or a rejection without message', async () => {
    const v = await vaultDb();
    const queued = await enqueueSubmission(v.db, v.keyring, await resulted(v), T0);
    const sent = { ...queued, state: 'transmitted' as const, transmission: { attempts: 1 } };
    expect(await code(completeSubmission(v.db, v.keyring, sent))).toBe('corrupt');
    const refused = { ...queued, state: 'rejected' as const, transmission: { attempts: 1 } };
    expect(await code(rejectSubmission(v.db, v.keyring, refused))).toBe('corrupt');
    expect(await code(completeSubmission(v.db, v.keyring, queued))).toBe('conflict');
  });

  it('rescheduleSubmission moves the due time and counts attempts; a gone row stays gone', async () => {
    const v = await vaultDb();
    const queued = await enqueueSubmission(v.db, v.keyring, await resulted(v), T0);
    await rescheduleSubmission(v.db, queued.id, T0 + 4000, 1);
    expect(await dueSubmissions(v.db, T0 + 3999, 10)).toEqual([]);
    expect(await dueSubmissions(v.db, T0 + 4000, 10)).toEqual([
      { visitId: queued.id, nextAttemptAt: T0 + 4000, attempts: 1 },
    ]);
    await rescheduleSubmission(v.db, 'unknown', T0, 1);
    expect(await countPendingSubmissions(v.db)).toBe(1);
  });
});

describe('portal session and settings records', () => {
  const session: PortalSession = {
    accessToken: 'CANARY_ACCESS_TOKEN',
    refreshToken: 'CANARY_REFRESH_TOKEN',
    expiresAt: T0,
    subject: '10001234565',
    name: 'CANARY_PORTAL_NAME',
    issuer: 'https://CANARY-ISSUER.example',
  };

  it('round-trips encrypted, per staff member, and deletes', async () => {
    const v = await vaultDb();
    expect(await readPortalSession(v.db, v.keyring, 'staff-a')).toBeNull();
    await savePortalSession(v.db, v.keyring, 'staff-a', session);
    expect(await readPortalSession(v.db, v.keyring, 'staff-a')).toEqual(session);
    expect(await readPortalSession(v.db, v.keyring, 'staff-b')).toBeNull();
    await deletePortalSession(v.db, v.keyring, 'staff-a');
    expect(await readPortalSession(v.db, v.keyring, 'staff-a')).toBeNull();
  });

  it('defaults the settings to automatic sending', async () => {
    const v = await vaultDb();
    expect(await readPortalSettings(v.db, v.keyring)).toEqual({ mode: 'auto' });
    const settings = { mode: 'confirm' as const, fhirBase: 'https://CANARY-FHIR.example/fhir' };
    await savePortalSettings(v.db, v.keyring, settings);
    expect(await readPortalSettings(v.db, v.keyring)).toEqual(settings);
  });

  it('stores no token, portal text nor personal data in clear (canaries)', async () => {
    const v = await vaultDb();
    await savePortalSession(v.db, v.keyring, v.staff.id, session);
    await savePortalSettings(v.db, v.keyring, {
      mode: 'auto',
      issuer: 'https://CANARY-ISSUER.example',
      fhirBase: 'https://CANARY-FHIR.example/fhir',
      clientId: 'CANARY_CLIENT',
    });
    const queued = await enqueueSubmission(v.db, v.keyring, await resulted(v, 'CANARY'), T0);
    const other = await enqueueSubmission(v.db, v.keyring, await resulted(v, 'CANARY'), T0);
    await rejectSubmission(v.db, v.keyring, {
      ...other,
      state: 'rejected',
      transmission: { attempts: 1, lastError: 'CANARY_PORTAL_ERROR' },
    });
    const rows = await dumpRaw(v.factory, v.name);
    const submissions = rows.filter((r) => r.store === 'submissions');
    expect(submissions).toHaveLength(1);
    expect(Object.keys(submissions[0]?.value as object).sort()).toEqual([
      'attempts',
      'nextAttemptAt',
      'visitId',
    ]);
    expect(submissions[0]?.key).toBe(queued.id);
    for (const row of rows) {
      expect(`${String(row.key)}\n${serializeDeep(row.value)}`).not.toMatch(/CANARY/);
    }
  });
});
