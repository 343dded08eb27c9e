/**
 * Builds a signed, encrypted bundle (wire layout and its FROZEN byte diagram:
 * `sync-server/protocol/bundle-header.ts`, protocol v1 "Bundle").
 *
 * payload = Envelope v1 ( sodium_pad( deflate-raw( UTF-8 JSON of the changes ) ) ), the
 * changes being the ops merged per visit, in the wire form version 2 of
 * `app/domain/sync/changes.ts` for one part, version 3 (a list of version-2 parts) for
 * several (`bundle-parts.ts`; readers also accept version 1: a JSON array of ops),
 * address { vaultId, kind 'bundle', recordId: bundleId }, subkey purpose 'bundles'; the
 * signature (device Ed25519 key) covers header ‖ payload.
 */
import { deflateRaw, encryptRecord, type Keyring } from '../crypto';
import {
  MAX_BUNDLE_PAYLOAD_BYTES,
  encodeBundleHeader,
  type BundleHeader,
} from '../../sync-server/protocol/bundle-header';
import type { BundleId, DeviceId, VaultId } from '../../sync-server/protocol/ids';
import { joinParts } from './bundle-parts';
import { SyncError } from './errors';

/** Envelope kind of bundle payloads (part of the associated data). */
export const BUNDLE_KIND = 'bundle';

/** The encoded payload would not fit the relay's body bound: the ops must be cut further. */
export class BundleTooLargeError extends SyncError {
  /** Size of the payload that was refused, in bytes. */
  readonly payloadBytes: number;

  /** @param payloadBytes - size of the refused payload */
  constructor(payloadBytes: number) {
    super('protocol', 'Lot de synchronisation trop volumineux.');
    this.payloadBytes = payloadBytes;
  }
}

/** Input of {@link encodeBundle}. */
export interface EncodeBundleInput {
  readonly keyring: Keyring;
  /** 16-byte id, base64url (see `bundleIdFor`). */
  readonly bundleId: string;
  /** This device's bundle number, 1-based, +1 per bundle. */
  readonly deviceSeq: number;
  /** SHA-256 of this device's previous bundle; 32 zero bytes for deviceSeq 1. */
  readonly prevHash: Uint8Array;
  /**
   * The changes, as parts (at least one; `bundle-parts.ts`): outbox entries or a cut of a
   * snapshot, never logged.
   */
  readonly parts: readonly Uint8Array[];
  /** Sets flag bit 0: the ops are a full snapshot (may anchor an author's chain). */
  readonly snapshot: boolean;
}

/**
 * Encodes, compresses, encrypts and signs a bundle.
 * @returns the whole bundle bytes (header ‖ payload ‖ signature)
 * @throws BundleTooLargeError (a SyncError 'protocol') when the payload exceeds the protocol's
 *   size bound: the caller cuts the ops further
 * @throws SyncError 'protocol' when a header field is out of range
 * @throws KeyringWipedError when the keyring was wiped meanwhile
 */
export async function encodeBundle(input: EncodeBundleInput): Promise<Uint8Array> {
  const { keyring } = input;
  const compressed = await deflateRaw(joinParts(input.parts));
  const address = { vaultId: keyring.vaultId, kind: BUNDLE_KIND, recordId: input.bundleId };
  const payload = encryptRecord(keyring, address, compressed, 'bundles');
  if (payload.length > MAX_BUNDLE_PAYLOAD_BYTES) throw new BundleTooLargeError(payload.length);
  const header: BundleHeader = {
    snapshot: input.snapshot,
    bundleId: input.bundleId as BundleId,
    vaultId: keyring.vaultId as VaultId,
    deviceId: keyring.deviceId as DeviceId,
    deviceSeq: input.deviceSeq,
    prevHash: input.prevHash,
    keyEpoch: keyring.currentEpoch,
    payloadLength: payload.length,
  };
  let head: Uint8Array;
  try {
    head = encodeBundleHeader(header);
  } catch (cause) {
    throw new SyncError('protocol', undefined, { cause });
  }
  const signed = new Uint8Array(head.length + payload.length);
  signed.set(head);
  signed.set(payload, head.length);
  const signature = keyring.signDetached(signed);
  const out = new Uint8Array(signed.length + signature.length);
  out.set(signed);
  out.set(signature, signed.length);
  return out;
}
