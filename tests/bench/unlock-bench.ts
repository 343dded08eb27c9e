/**
 * Unlock timing, shared by the Node and the browser bench: `openPassphraseSlot` (Argon2id +
 * key-check value + unwrap + keyring parse) against the raw `deriveKek` at the same
 * parameters, interleaved run by run so drift affects both alike.
 */
import {
  KDF_FLOOR,
  calibrateKdf,
  createKeyring,
  createPassphraseSlot,
  deriveKek,
  initCrypto,
  memzero,
  openPassphraseSlot,
  sealKeyringBox,
  sealKeyringKeyToDevice,
  randomBytes,
  type KdfParams,
} from '../../app/crypto';
import type { PairedRuns, UnlockRuns } from './bench-api';
import { BENCH_PASSPHRASE, BENCH_VAULT_ID } from './fixtures';

const MIB = 1024 * 1024;

function timeMs(fn: () => void): number {
  const started = performance.now();
  fn();
  return performance.now() - started;
}

/** `runs` paired timings at `kdf`, after one untimed warm-up of each operation. */
function pairedUnlock(kdf: KdfParams, runs: number): PairedRuns {
  const keyring = createKeyring(BENCH_VAULT_ID);
  const slot = createPassphraseSlot(keyring, BENCH_PASSPHRASE, kdf, 'slot0001');
  const salt = randomBytes(16);
  const device = {
    vaultId: BENCH_VAULT_ID,
    deviceId: keyring.deviceId,
    stored: { box: sealKeyringBox(keyring), keySealed: sealKeyringKeyToDevice(keyring) },
  };
  const unlock = (): void => {
    openPassphraseSlot(slot, BENCH_PASSPHRASE, device).keyring.wipe();
  };
  const raw = (): void => memzero(deriveKek(BENCH_PASSPHRASE, salt, kdf));
  unlock();
  raw();
  const result: PairedRuns = { runs: [], baseline: [] };
  for (let i = 0; i < runs; i += 1) {
    // Alternate which goes first, so neither always runs on a warmer allocator.
    if (i % 2 === 0) {
      result.runs.push(timeMs(unlock));
      result.baseline.push(timeMs(raw));
    } else {
      result.baseline.push(timeMs(raw));
      result.runs.push(timeMs(unlock));
    }
  }
  return result;
}

/** Calibrates like vault creation does, then times unlocks at that cost and at the floor. */
export async function benchUnlock(runs: number): Promise<UnlockRuns> {
  await initCrypto();
  const { params, measuredMs } = calibrateKdf();
  const floor: KdfParams = { alg: 'argon2id13', ...KDF_FLOOR };
  return {
    memlimitMib: params.memlimit / MIB,
    opslimit: params.opslimit,
    calibrationMs: measuredMs,
    calibrated: pairedUnlock(params, runs),
    floor: pairedUnlock(floor, runs),
  };
}
