/**
 * Sync step: the first device registers the vault on the relay with its self-signed
 * genesis entry, and keeps that one-entry log as its verified reference.
 */
import type { Keyring } from '../crypto';
import type { ComptoirDb } from '../store';
import { createGenesisEntry } from './device-log-entries';
import { verifyDeviceLog, type VerifiedDeviceLog } from './device-log';
import { saveDeviceLog } from './local-device-log';
import type { RelayClient } from './relay-client';

/**
 * Creates the vault on the relay.
 * @param deviceName - this device's display name (≤ 64 characters)
 * @returns the verified one-entry log
 * @throws SyncError ('protocol' when the vault already exists: 409); StorageError
 */
export async function createRelayVault(
  ctx: {
    readonly db: ComptoirDb;
    readonly keyring: Keyring;
    readonly relay: RelayClient;
    readonly now: () => number;
  },
  deviceName: string,
): Promise<VerifiedDeviceLog> {
  const genesis = createGenesisEntry(ctx.keyring, deviceName, ctx.now());
  await ctx.relay.createVault(genesis);
  const log = await verifyDeviceLog([genesis], ctx.keyring.vaultId);
  await saveDeviceLog(ctx.db, log);
  return log;
}
