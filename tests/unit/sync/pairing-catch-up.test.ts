import { describe, expect, it } from 'vitest';
import type { Keyring } from '../../../app/crypto';
import {
  absorbIntakeEntries,
  enableSync,
  listDayVisits,
  saveIntakeEntry,
  type ComptoirDb,
} from '../../../app/store';
import { createRelayVault } from '../../../app/sync/create-relay-vault';
import { saveDeviceLog } from '../../../app/sync/local-device-log';
import { approveJoiner } from '../../../app/sync/pairing-approve';
import { awaitJoiner } from '../../../app/sync/pairing-await-joiner';
import { awaitKeyring } from '../../../app/sync/pairing-await-keyring';
import { joinWithCode } from '../../../app/sync/pairing-join';
import { createPairingMailbox } from '../../../app/sync/pairing-mailbox';
import { startPairing } from '../../../app/sync/pairing-start';
import { verifyJoinedDeviceLog } from '../../../app/sync/pairing-verify-log';
import type { RelayClient } from '../../../app/sync/relay-client';
import { runSyncCycle } from '../../../app/sync/sync-cycle';
import { DAY, freshDb, intakeEntry, vaultDb } from '../store/fixtures';
import { RELAY_URL, clientFor, inProcessRelay } from './pairing-harness';

const FAST = { pollMs: 1 };

function cycle(db: ComptoirDb, keyring: Keyring, relay: RelayClient) {
  return runSyncCycle({ db, keyring, relay, now: Date.now });
}

async function addVisits(db: ComptoirDb, keyring: Keyring, ids: string[]): Promise<void> {
  for (const id of ids) await saveIntakeEntry(db, keyring.intakePublicKey, intakeEntry(id, id));
  await absorbIntakeEntries(db, keyring);
}

async function dayVisitIds(db: ComptoirDb, keyring: Keyring): Promise<string[]> {
  const day = await listDayVisits(db, keyring, DAY);
  expect(day.damaged).toEqual([]);
  return day.visits.map((v) => v.id).sort();
}

describe('a paired device catching up', () => {
  it('sees the visits A recorded before and after enabling sync, as a verified member', async () => {
    const { fetchImpl } = inProcessRelay();
    // Device A: a vault with visits, registered on the relay, sync on, pushed.
    const a = await vaultDb();
    const relayA = clientFor(a.keyring, fetchImpl);
    await createRelayVault(
      { db: a.db, keyring: a.keyring, relay: relayA, now: Date.now },
      'Comptoir 1',
    );
    await addVisits(a.db, a.keyring, ['visit-1', 'visit-2']);
    await enableSync(a.db, a.keyring, RELAY_URL);
    await addVisits(a.db, a.keyring, ['visit-3']);
    expect((await cycle(a.db, a.keyring, relayA)).pushed).toBeGreaterThan(0);

    // Pairing.
    const { code, session } = startPairing({ keyring: a.keyring, relayUrl: RELAY_URL });
    const mailbox = createPairingMailbox(RELAY_URL, fetchImpl);
    const b = await joinWithCode(code, { name: 'Comptoir 2', putMailbox: mailbox.putMailbox });
    const seen = await awaitJoiner(session, { takeMailbox: relayA.takeMailbox, ...FAST });
    expect(seen.sas).toBe(b.sas);
    await approveJoiner(session, seen.joiner, { relay: relayA, keyring: a.keyring });
    const joined = await awaitKeyring(b.joinSession, { takeMailbox: mailbox.takeMailbox, ...FAST });

    // Device B: verify membership, keep the log, enable sync from cursor 0, pull.
    const relayB = clientFor(joined.keyring, fetchImpl);
    const log = await verifyJoinedDeviceLog(joined.keyring, joined.pin, await relayB.deviceLog());
    const dbB = (await freshDb()).db;
    // No store function yet adopts a received keyring (createVault makes a new one):
    // write the meta row the store expects, as such a function would.
    await dbB.meta.add({
      key: 'vault',
      vaultId: joined.keyring.vaultId,
      intakePublicKey: joined.keyring.intakePublicKey,
      deviceId: joined.keyring.deviceId,
      createdAt: new Date().toISOString(),
    });
    await saveDeviceLog(dbB, log);
    await enableSync(dbB, joined.keyring, RELAY_URL);
    const pulled = await cycle(dbB, joined.keyring, relayB);
    expect(pulled.warnings).toEqual([]);
    expect(pulled.pulled).toBeGreaterThan(0);
    expect(await dayVisitIds(dbB, joined.keyring)).toEqual(['visit-1', 'visit-2', 'visit-3']);

    // And A, refreshing its log, accepts B's bundles.
    await addVisits(dbB, joined.keyring, ['visit-4']);
    await cycle(dbB, joined.keyring, relayB);
    const back = await cycle(a.db, a.keyring, relayA);
    expect(back.warnings).toEqual([]);
    expect(await dayVisitIds(a.db, a.keyring)).toContain('visit-4');
  });
});
