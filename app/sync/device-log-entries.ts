/**
 * Builds and signs device-log entries (protocol v1 "Device log"): the genesis of a vault
 * by its first device, and `add` / `revoke` entries signed by a current member. The
 * canonical JSON and the hash come from the wire contract, so the relay and every device
 * compute the same bytes.
 */
import { toBase64Url, utf8Encode, type Keyring } from '../crypto';
import {
  canonicalJson,
  unsignedEntry,
  type DeviceId,
  type DeviceLogDevice,
  type DeviceLogEntry,
  type DeviceLogKind,
  type UnsignedDeviceLogEntry,
  type VaultId,
} from '../../sync-server/protocol';
import type { VerifiedDeviceLog } from './device-log';

/** Public description of a device, as a device-log entry names it. */
export interface DevicePublicKeys {
  readonly id: string;
  /** Ed25519 public key (32 bytes). */
  readonly sign: Uint8Array;
  /** X25519 public key (32 bytes). */
  readonly box: Uint8Array;
  /** Display name shown to staff (≤ 64 characters), e.g. "Comptoir 2". */
  readonly name: string;
}

function logDevice(device: DevicePublicKeys): DeviceLogDevice {
  return {
    id: device.id as DeviceId,
    sign: toBase64Url(device.sign),
    box: toBase64Url(device.box),
    name: device.name,
  };
}

function sign(keyring: Keyring, unsigned: UnsignedDeviceLogEntry): DeviceLogEntry {
  const draft = { ...unsigned, sig: '' };
  const message = utf8Encode(canonicalJson(unsignedEntry(draft)));
  return { ...unsigned, sig: toBase64Url(keyring.signDetached(message)) };
}

/**
 * The genesis entry of this keyring's vault: seq 0, this device self-signed.
 * @param name - display name of this device (≤ 64 characters)
 * @param at - Unix ms
 * @throws KeyringWipedError after wipe
 */
export function createGenesisEntry(keyring: Keyring, name: string, at: number): DeviceLogEntry {
  return sign(keyring, {
    v: 1,
    vault: keyring.vaultId as VaultId,
    seq: 0,
    prev: '',
    kind: 'genesis',
    device: logDevice({
      id: keyring.deviceId,
      sign: keyring.deviceSignPublicKey,
      box: keyring.deviceBoxPublicKey,
      name,
    }),
    signer: keyring.deviceId as DeviceId,
    at: Math.floor(at),
  });
}

/**
 * An `add` or `revoke` entry after the head of `log`, signed by this device (which must be
 * a current member for the relay and the other devices to accept it).
 * @param kind - 'add' (a new device) or 'revoke' (a current member, possibly this device)
 * @param device - the device the entry is about (for a revoke, its keys as in the log)
 * @param at - Unix ms
 * @throws KeyringWipedError after wipe
 */
export function createMemberEntry(
  keyring: Keyring,
  log: VerifiedDeviceLog,
  kind: Exclude<DeviceLogKind, 'genesis'>,
  device: DevicePublicKeys,
  at: number,
): DeviceLogEntry {
  return sign(keyring, {
    v: 1,
    vault: keyring.vaultId as VaultId,
    seq: log.seq + 1,
    prev: log.head,
    kind,
    device: logDevice(device),
    signer: keyring.deviceId as DeviceId,
    at: Math.floor(at),
  });
}
