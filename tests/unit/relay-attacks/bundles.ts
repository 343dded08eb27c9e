/** Bundle bytes for attacks: a valid v1 bundle, optionally patched before it is signed. */
import { randomBytes } from 'node:crypto';
import {
  BUNDLE_HEADER_BYTES,
  ED25519_SIGNATURE_BYTES,
  encodeBundleHeader,
  parseBundle,
  type BundleId,
  type VaultId,
} from '../../../sync-server/protocol';
import { randomId, type TestDevice } from '../relay/helpers';

export interface BundleSpec {
  /** Device id written in the header (the author). */
  author: TestDevice;
  /** Who signs bytes [0, 98+n) (default: the author). */
  signer?: TestDevice;
  vault: string;
  bundleId?: string;
  deviceSeq?: number;
  payload?: Uint8Array;
  /** Edits the signed part (header + payload) before signing. */
  patch?: (signed: Buffer) => void;
}

/** A bundle: header by the protocol's encoder, opaque random payload, Ed25519 signature. */
export function buildBundle(spec: BundleSpec): Buffer {
  const payload = spec.payload ?? randomBytes(48);
  const header = encodeBundleHeader({
    snapshot: false,
    bundleId: (spec.bundleId ?? randomId()) as BundleId,
    vaultId: spec.vault as VaultId,
    deviceId: spec.author.id,
    deviceSeq: spec.deviceSeq ?? 1,
    prevHash: new Uint8Array(32),
    keyEpoch: 0,
    payloadLength: payload.length,
  });
  const signed = Buffer.concat([header, payload]);
  spec.patch?.(signed);
  const signature = (spec.signer ?? spec.author).signBytes(signed);
  return Buffer.concat([signed, signature]);
}

/** The bundle id in a bundle's header, by the protocol's parser. */
export function bundleIdOf(bytes: Uint8Array): string {
  return parseBundle(bytes).header.bundleId;
}

/** Size of a bundle with an `n`-byte payload. */
export const bundleSize = (n: number): number => BUNDLE_HEADER_BYTES + n + ED25519_SIGNATURE_BYTES;
