/**
 * Joining an existing pharmacy from a new device (B side of pairing): the code from A's
 * QR (or pasted), this device's keys posted to the pairing mailbox, the 6-digit code to
 * compare, the keyring sealed to this device, the verified device log, then a full
 * catch-up from the relay before a staff member sets a passphrase on this device.
 */
import type { Keyring } from '../../crypto';
import type { StaffMember } from '../../domain';
import { adoptVault, enableSync, listStaff, type ComptoirDb } from '../../store';
import {
  awaitKeyring,
  createPairingMailbox,
  createRelayClient,
  endPairing,
  joinWithCode,
  parsePairingCode,
  runSyncCycle,
  saveDeviceLog,
  verifyJoinedDeviceLog,
} from '../../sync';

/** Where the join stands (the join screen renders this). */
export type JoinStep =
  | { step: 'code' }
  | { step: 'compare'; sas: string }
  | { step: 'catching-up'; done: number; total?: number }
  | { step: 'choose-staff'; staff: StaffMember[] };

/** Safety bound of catch-up cycles (each pulls every page available). */
const MAX_CATCH_UP_CYCLES = 20;

/**
 * Runs the whole B side up to "choose your name". `onStep` receives each step.
 * @returns the joined keyring (this device's keys + the vault's) and the synced staff list
 * @throws PairingError / SyncError / StorageError (French messages)
 */
export async function joinPharmacy(input: {
  db: ComptoirDb;
  codeText: string;
  deviceName: string;
  signal: AbortSignal;
  onStep: (step: JoinStep) => void;
}): Promise<{ keyring: Keyring; staff: StaffMember[] }> {
  const code = parsePairingCode(input.codeText);
  const mailbox = createPairingMailbox(code.relayUrl, (i, init) => fetch(i, init));
  const { joinSession, sas } = await joinWithCode(code, {
    name: input.deviceName,
    putMailbox: mailbox.putMailbox,
  });
  let keyring: Keyring | null = null;
  try {
    input.onStep({ step: 'compare', sas });
    const joined = await awaitKeyring(joinSession, {
      takeMailbox: mailbox.takeMailbox,
      signal: input.signal,
    });
    keyring = joined.keyring;
    const owned = keyring;
    const relay = createRelayClient({
      baseUrl: code.relayUrl,
      keyring: () => owned,
      fetchImpl: (i, init) => fetch(i, init),
      now: Date.now,
    });
    const log = await verifyJoinedDeviceLog(owned, joined.pin, await relay.deviceLog());
    await adoptVault(input.db, owned);
    await saveDeviceLog(input.db, log);
    await enableSync(input.db, owned, code.relayUrl);
    input.onStep({ step: 'catching-up', done: 0 });
    for (let i = 0; i < MAX_CATCH_UP_CYCLES; i++) {
      const result = await runSyncCycle({
        db: input.db,
        keyring: owned,
        relay,
        now: Date.now,
        onProgress: (done, total) => input.onStep({ step: 'catching-up', done, total }),
      });
      if (result.pulled === 0) break;
    }
    const staff = await listStaff(input.db, owned);
    input.onStep({ step: 'choose-staff', staff });
    return { keyring: owned, staff };
  } catch (error) {
    if (keyring) keyring.wipe();
    else joinSession.identity.wipe();
    throw error;
  } finally {
    endPairing(joinSession);
  }
}
