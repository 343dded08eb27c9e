/**
 * The poster's link to the public registration page (DESIGN.md "Own phone"):
 * `<origin>/inscription#k=<intake public key, base64url>&n=<pharmacy name>`. Both travel in
 * the URL *fragment*, which browsers never send to a server; the page reads them locally.
 */
import { fromBase64Url, initCrypto, toBase64Url } from '../crypto';
import type { Identity, VisitContext } from '../domain';
import { buildIntakeEntry } from './intake-entry';
import { encodePhoneEntry } from './phone-qr';

/** Path of the public registration page. */
export const REGISTRATION_PATH = '/inscription';
const KEY_BYTES = 32;
const NAME_MAX_CHARS = 120;

/** What the poster's link tells the phone. */
export interface RegistrationLink {
  readonly intakePublicKey: Uint8Array;
  readonly pharmacyName: string;
}

/** The poster URL of a pharmacy served at `origin` (e.g. `https://comptoir.example`). */
export function registrationUrl(origin: string, link: RegistrationLink): string {
  const params = new URLSearchParams({
    k: toBase64Url(link.intakePublicKey),
    n: link.pharmacyName.slice(0, NAME_MAX_CHARS),
  });
  return `${origin}${REGISTRATION_PATH}#${params.toString()}`;
}

/**
 * Reads a registration link from a URL fragment (`location.hash`).
 * @returns the link, or `null` when the key is missing or not a 32-byte key
 */
export async function parseRegistrationFragment(hash: string): Promise<RegistrationLink | null> {
  await initCrypto();
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  let key: Uint8Array;
  try {
    key = fromBase64Url(params.get('k') ?? '');
  } catch {
    return null;
  }
  if (key.length !== KEY_BYTES) return null;
  const pharmacyName = (params.get('n') ?? '').slice(0, NAME_MAX_CHARS);
  return { intakePublicKey: key, pharmacyName };
}

/**
 * The QR text of a registration filled on the phone (sealed to the pharmacy's key; nothing
 * is stored or sent).
 */
export async function phoneRegistrationCode(
  link: RegistrationLink,
  identity: Identity,
  context: VisitContext,
): Promise<string> {
  await initCrypto();
  return encodePhoneEntry(link.intakePublicKey, buildIntakeEntry(identity, context, 'phone'));
}
