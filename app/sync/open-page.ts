/**
 * Opens one pulled page of bundles for the pull step: every bundle's signature is checked
 * first, in order (a device added since the last refresh makes the log be read once more),
 * then the payloads are decrypted a few at a time, so the inflation of the next ones runs
 * off the main thread while the current one is parsed.
 */
import type { Keyring } from '../crypto';
import {
  BundleIntegrityError,
  decryptBundle,
  verifyBundle,
  type OpenedBundle,
  type VerifiedBundle,
} from './decode-bundle';
import type { VerifiedDeviceLog } from './device-log';

/** Bundles decrypted at once (each inflates to at most `MAX_INFLATED_BYTES`). */
export const DECRYPT_AHEAD = 4;

/**
 * What a pulled bundle became: opened, refused (with the reason), this device's own, or
 * signed by a member but sealed under an epoch this device does not hold (its author's id).
 */
export type PageOutcome =
  | { readonly opened: OpenedBundle }
  | { readonly refused: BundleIntegrityError }
  | { readonly own: true }
  | { readonly unknownEpoch: string };

/** What opening a page needs. */
export interface OpenPageContext {
  readonly keyring: Keyring;
  readonly deviceLog: () => VerifiedDeviceLog;
  readonly refreshDeviceLog: () => Promise<void>;
}

function verify(ctx: OpenPageContext, data: Uint8Array): VerifiedBundle {
  const deviceKey = (id: string) => ctx.deviceLog().members.get(id)?.sign ?? null;
  return verifyBundle(data, { keyring: ctx.keyring, deviceKey });
}

async function verified(ctx: OpenPageContext, data: Uint8Array, refreshed: { done: boolean }) {
  try {
    return verify(ctx, data);
  } catch (e) {
    if (!(e instanceof BundleIntegrityError) || e.reason !== 'unknown-device' || refreshed.done) {
      throw e;
    }
    // A device added since the last refresh: read the log once more before refusing.
    refreshed.done = true;
    await ctx.refreshDeviceLog();
    return verify(ctx, data);
  }
}

async function decrypted(bundle: VerifiedBundle, keyring: Keyring): Promise<PageOutcome> {
  try {
    return { opened: await decryptBundle(bundle, keyring) };
  } catch (e) {
    if (e instanceof BundleIntegrityError) return { refused: e };
    throw e;
  }
}

/**
 * Verifies then decrypts the bundles of a page.
 * @param refreshed - shared by the pages of one pull: the log is refreshed at most once
 * @returns one outcome per bundle, in page order
 * @throws SyncError from a device-log refresh; NewerBundleError (a bundle of a newer app
 *   version: nothing of the page is applied); KeyringWipedError
 */
export async function openPage(
  ctx: OpenPageContext,
  bundles: readonly { data: Uint8Array }[],
  refreshed: { done: boolean },
): Promise<PageOutcome[]> {
  const outcomes: (PageOutcome | VerifiedBundle)[] = [];
  for (const bundle of bundles) {
    try {
      const checked = await verified(ctx, bundle.data, refreshed);
      const { deviceId, keyEpoch } = checked.header;
      // This device's own bundles come back too: signature checked, never decrypted.
      if (deviceId === ctx.keyring.deviceId) outcomes.push({ own: true });
      else if (!ctx.keyring.hasEpoch(keyEpoch)) outcomes.push({ unknownEpoch: deviceId });
      else outcomes.push(checked);
    } catch (e) {
      if (!(e instanceof BundleIntegrityError)) throw e;
      outcomes.push({ refused: e });
    }
  }
  const pending = outcomes.flatMap((o, i) => ('payload' in o ? [i] : []));
  // A few workers take the next undecrypted bundle in page order.
  const worker = async (): Promise<void> => {
    for (let i = pending.shift(); i !== undefined; i = pending.shift()) {
      outcomes[i] = await decrypted(outcomes[i] as VerifiedBundle, ctx.keyring);
    }
  };
  await Promise.all(Array.from({ length: DECRYPT_AHEAD }, worker));
  return outcomes as PageOutcome[];
}
