/**
 * Opens a received bundle: parse the clear header, verify the author's signature against
 * the key of the device log THIS device verified (never a key the relay hands out), then
 * decrypt, inflate and validate the ops. Any failure is a {@link BundleIntegrityError}.
 */
import {
  KeyringWipedError,
  decryptRecord,
  envelopeEpoch,
  inflateRaw,
  sha256,
  toHex,
  utf8Decode,
  verifyDetached,
} from '../crypto';
import type { Keyring } from '../crypto';
import {
  CHANGES_PARTS_VERSION,
  opsToChanges,
  parseChanges,
  parseOps,
  type Changes,
} from '../domain';
import { parseBundle, type BundleHeader } from '../../sync-server/protocol/bundle-header';
import { BUNDLE_KIND } from './encode-bundle';
import { SyncError } from './errors';

/** Why a bundle was refused. */
export type BundleRejection =
  'malformed' | 'wrong-vault' | 'unknown-device' | 'bad-signature' | 'undecryptable';

/** A bundle failed a check; `reason` says which (the UI shows a warning, not the cause). */
export class BundleIntegrityError extends SyncError {
  /** Which check failed. */
  readonly reason: BundleRejection;
  /** Author announced in the header, when the header could be parsed. */
  readonly deviceId?: string;

  /**
   * @param reason - the failed check
   * @param deviceId - the announced author, if known
   * @param cause - underlying error
   */
  constructor(reason: BundleRejection, deviceId?: string, cause?: unknown) {
    super('integrity', undefined, { cause });
    this.reason = reason;
    if (deviceId !== undefined) this.deviceId = deviceId;
  }
}

/** Context of {@link openBundle}. */
export interface OpenBundleContext {
  readonly keyring: Keyring;
  /**
   * Ed25519 key of a device from the locally verified device log, or null when the device
   * is unknown. Revoked devices keep their key here: their bundles signed before the
   * revocation stay readable.
   */
  readonly deviceKey: (deviceId: string) => Uint8Array | null;
}

/** An opened bundle. */
export interface OpenedBundle {
  readonly header: BundleHeader;
  /** The bundle's changes (ops merged per visit), validated. */
  readonly changes: Changes;
  /** hex SHA-256 of all the bundle bytes (the next bundle of the author chains to it). */
  readonly hash: string;
}

function parseHeader(bytes: Uint8Array) {
  try {
    return parseBundle(bytes);
  } catch (cause) {
    throw new BundleIntegrityError('malformed', undefined, cause);
  }
}

/**
 * A bundle whose changes are in a wire form newer than this app reads: written by a device
 * already updated. Not an integrity failure: the pull stops before it (the cursor stays),
 * and the bundle is read once this device is updated too.
 */
export class NewerBundleError extends SyncError {
  constructor() {
    super(
      'protocol',
      'Un autre appareil de la pharmacie utilise une version plus récente de Comptoir. Mettez à jour cette application pour recevoir ses modifications.',
    );
  }
}

/** Validates a payload: changes (version 2 or 3) or, from older writers, an array of ops. */
function payloadChanges(json: unknown): Changes {
  if (Array.isArray(json)) return opsToChanges(parseOps(json));
  const v = typeof json === 'object' && json !== null ? (json as { v?: unknown }).v : undefined;
  if (typeof v === 'number' && v > CHANGES_PARTS_VERSION) throw new NewerBundleError();
  return parseChanges(json);
}

/** A bundle whose header and author signature were checked, not decrypted yet. */
export interface VerifiedBundle {
  readonly header: BundleHeader;
  /** The encrypted payload (Envelope v1). */
  readonly payload: Uint8Array;
  /** hex SHA-256 of all the bundle bytes (the next bundle of the author chains to it). */
  readonly hash: string;
}

/**
 * Checks a bundle without decrypting it: header, vault, author known to the verified log,
 * author signature. Enough for this device's own bundles, which it never applies.
 * @throws BundleIntegrityError 'malformed', 'wrong-vault', 'unknown-device', 'bad-signature'
 */
export function verifyBundle(bytes: Uint8Array, context: OpenBundleContext): VerifiedBundle {
  const parsed = parseHeader(bytes);
  const { header } = parsed;
  if (header.vaultId !== context.keyring.vaultId) {
    throw new BundleIntegrityError('wrong-vault', header.deviceId);
  }
  const key = context.deviceKey(header.deviceId);
  if (key === null) throw new BundleIntegrityError('unknown-device', header.deviceId);
  if (!verifyDetached(key, parsed.signed, parsed.signature)) {
    throw new BundleIntegrityError('bad-signature', header.deviceId);
  }
  return { header, payload: parsed.payload, hash: toHex(sha256(bytes)) };
}

/**
 * Decrypts, inflates and validates a verified bundle's changes.
 * @throws BundleIntegrityError 'undecryptable' (tampered, unknown epoch, invalid changes)
 * @throws NewerBundleError (a SyncError 'protocol') when written by a newer app version
 * @throws KeyringWipedError when the keyring was wiped meanwhile
 */
export async function decryptBundle(
  bundle: VerifiedBundle,
  keyring: OpenBundleContext['keyring'],
): Promise<OpenedBundle> {
  const { header, payload } = bundle;
  try {
    if (envelopeEpoch(payload) !== header.keyEpoch) throw new Error('epoch mismatch');
    const address = { vaultId: header.vaultId, kind: BUNDLE_KIND, recordId: header.bundleId };
    const compressed = decryptRecord(keyring, address, payload, 'bundles');
    const json: unknown = JSON.parse(utf8Decode(await inflateRaw(compressed)));
    return { header, changes: payloadChanges(json), hash: bundle.hash };
  } catch (cause) {
    if (cause instanceof KeyringWipedError || cause instanceof NewerBundleError) throw cause;
    throw new BundleIntegrityError('undecryptable', header.deviceId, cause);
  }
}

/**
 * Verifies and decrypts a bundle ({@link verifyBundle} then {@link decryptBundle}).
 * @returns header, validated changes and the bundle hash
 * @throws BundleIntegrityError ('integrity') when malformed, of another vault, by an
 *   unknown device, badly signed, undecryptable (tampered, unknown epoch) or with invalid
 *   changes
 * @throws KeyringWipedError when the keyring was wiped meanwhile
 */
export async function openBundle(
  bytes: Uint8Array,
  context: OpenBundleContext,
): Promise<OpenedBundle> {
  return decryptBundle(verifyBundle(bytes, context), context.keyring);
}
