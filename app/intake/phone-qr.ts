/**
 * The registration QR a patient's phone shows (DESIGN.md "Own phone"): the entry sealed to
 * the pharmacy's intake public key, in a text that fits the QR alphanumeric mode, like the
 * EU DCC's `HC1:`.
 *
 * ```
 * text    = "CPT1:" Base45( keyTag ‖ sealed )                 (RFC 9285 alphabet only)
 * keyTag  = first 4 bytes of BLAKE2b-256(intake public key)   (tells "another pharmacy"
 *                                                              from "damaged"; public data)
 * sealed  = sealToIntake( deflate-raw( UTF-8 JSON fields ), intake public key )
 * fields  = [1, id, birthName, usedName, firstNames, sex, birthDate, birthPlace, address,
 *            postalCode, city, country, phone, email, nir, symptomOnset, guardianName]
 *            (FROZEN order; "" = absent, symptomOnset "" = no symptoms; consent is implied:
 *            the phone form cannot finish without it)
 * ```
 * Positional fields instead of the entry's JSON keep the code small (no key names: about a
 * third less), so phones read it at a low QR version. The registration time and day are
 * not carried: the tablet stamps the visit when it scans it.
 * Deflate comes BEFORE the seal: a ciphertext does not compress, so "seal, then deflate"
 * would gain nothing. Nothing here touches the network or storage: the phone page calls
 * {@link encodePhoneEntry}; the tablet, staff-unlocked, calls {@link decodePhoneEntry}.
 */
import {
  CryptoError,
  KeyringWipedError,
  constantTimeEqual,
  deflateRaw,
  hash,
  inflateRaw,
  openIntake,
  sealToIntake,
  utf8Decode,
  utf8Encode,
  type Keyring,
} from '../crypto';
import {
  validateContext,
  validateIdentity,
  type IntakeEntry,
  localDay,
  type RawContext,
  type Visit,
} from '../domain';
import { StorageError, addPhoneEntry, type ComptoirDb } from '../store';
import { Base45Error, decodeBase45, encodeBase45 } from './base45';

/** Every phone code starts with this (version 1 of the layout above). */
export const PHONE_QR_PREFIX = 'CPT1:';
const KEY_TAG_BYTES = 4;
/** `crypto_box_seal` overhead: ephemeral public key (32) + MAC (16). */
const SEAL_OVERHEAD_BYTES = 48;
/** Largest inflated entry accepted (a maximal form is about 1 KB). */
const MAX_ENTRY_BYTES = 16 * 1024;

/** Why a scanned code cannot become a visit. */
export type PhoneCodeProblem =
  'foreign' | 'damaged' | 'other-pharmacy' | 'invalid-entry' | 'duplicate';

const MESSAGES: Readonly<Record<PhoneCodeProblem, string>> = {
  foreign:
    "Ce QR code n'est pas une inscription Comptoir : demandez au patient d'afficher le code de la page d'inscription de la pharmacie.",
  damaged:
    "Ce QR code d'inscription est illisible ou abîmé : demandez au patient d'agrandir le code à l'écran et rescannez, ou saisissez la visite au comptoir.",
  'other-pharmacy':
    "Ce QR code a été préparé pour une autre pharmacie : le patient doit s'inscrire avec l'affiche de cette pharmacie, ou la visite est saisie au comptoir.",
  duplicate:
    'Cette inscription a déjà été enregistrée : la visite figure déjà dans la liste (rien n’a été ajouté).',
  'invalid-entry':
    'Les informations de ce QR code sont incomplètes ou incorrectes : saisissez la visite au comptoir avec le patient.',
};

/** A scanned code that is not a usable registration; `message` is French, for the staff. */
export class PhoneCodeError extends Error {
  override readonly name = 'PhoneCodeError';
  readonly code: PhoneCodeProblem;

  /** @param code - the problem; @param options - `{ cause }` (never shown) */
  constructor(code: PhoneCodeProblem, options?: { cause?: unknown }) {
    super(MESSAGES[code], options);
    this.code = code;
  }
}

function keyTag(intakePublicKey: Uint8Array): Uint8Array {
  return hash(intakePublicKey).slice(0, KEY_TAG_BYTES);
}

/**
 * Identity fields in their FROZEN order (see the layout above). Deliberately not the
 * domain's `IDENTITY_KEYS`: this order is a wire format and must not follow that list.
 */
const IDENTITY_ORDER = [
  'birthName',
  'usedName',
  'firstNames',
  'sex',
  'birthDate',
  'birthPlace',
  'address',
  'postalCode',
  'city',
  'country',
  'phone',
  'email',
  'nir',
] as const;
const FIELD_COUNT = 2 + IDENTITY_ORDER.length + 2;

function toFields(entry: IntakeEntry): string[] {
  const identity = entry.identity as unknown as Record<string, string | undefined>;
  return [
    entry.id,
    ...IDENTITY_ORDER.map((key) => identity[key] ?? ''),
    entry.context.symptomOnset ?? '',
    entry.context.guardianName ?? '',
  ];
}

/**
 * The QR text of a phone entry (only `id`, `identity` and `context` travel).
 * @param intakePublicKey - the pharmacy's intake public key (from the poster URL)
 * @throws InvalidInputError on a malformed public key
 */
export async function encodePhoneEntry(
  intakePublicKey: Uint8Array,
  entry: IntakeEntry,
): Promise<string> {
  const json = JSON.stringify([1, ...toFields(entry)]);
  const sealed = sealToIntake(intakePublicKey, await deflateRaw(utf8Encode(json)));
  const out = new Uint8Array(KEY_TAG_BYTES + sealed.length);
  out.set(keyTag(intakePublicKey));
  out.set(sealed, KEY_TAG_BYTES);
  return PHONE_QR_PREFIX + encodeBase45(out);
}

/** The fields checked again with the forms' validators (a QR is untrusted input). */
function checkedEntry(json: unknown, now: Date): IntakeEntry {
  const ok =
    Array.isArray(json) &&
    json.length === FIELD_COUNT &&
    json[0] === 1 &&
    json.slice(1).every((f) => typeof f === 'string');
  if (!ok) throw new PhoneCodeError('invalid-entry');
  const [id = '', ...rest] = (json as string[]).slice(1);
  if (!/^[A-Za-z0-9_-]{22}$/.test(id)) throw new PhoneCodeError('invalid-entry');
  const raw: Record<string, string> = {};
  IDENTITY_ORDER.forEach((key, i) => (raw[key] = rest[i] ?? ''));
  const identity = validateIdentity(raw, now);
  if (!identity.ok) throw new PhoneCodeError('invalid-entry');
  const onset = rest[IDENTITY_ORDER.length] ?? '';
  const rawContext: RawContext = {
    symptomOnset: onset,
    noSymptoms: onset === '',
    consent: true,
    guardianName: rest[IDENTITY_ORDER.length + 1] ?? '',
  };
  const context = validateContext(rawContext, identity.value.birthDate, now);
  if (!context.ok) throw new PhoneCodeError('invalid-entry');
  return {
    v: 1,
    id,
    registeredAt: now.toISOString(),
    day: localDay(now),
    source: 'phone',
    identity: identity.value,
    context: context.value,
  };
}

/**
 * Opens a scanned phone code with the unlocked keyring and validates the entry like the
 * forms do. The entry keeps the phone's id (scanning the same code twice is recognised by
 * it) and is dated `now`, the time of the scan.
 * @throws PhoneCodeError 'foreign' (not a Comptoir code), 'damaged', 'other-pharmacy',
 *   'invalid-entry'
 */
export async function decodePhoneEntry(
  keyring: Keyring,
  text: string,
  now: Date = new Date(),
): Promise<IntakeEntry> {
  const trimmed = text.trim();
  if (!trimmed.startsWith(PHONE_QR_PREFIX)) throw new PhoneCodeError('foreign');
  let bytes: Uint8Array;
  try {
    bytes = decodeBase45(trimmed.slice(PHONE_QR_PREFIX.length));
  } catch (cause) {
    if (cause instanceof Base45Error) throw new PhoneCodeError('damaged', { cause });
    throw cause;
  }
  if (bytes.length < KEY_TAG_BYTES + SEAL_OVERHEAD_BYTES) throw new PhoneCodeError('damaged');
  if (!constantTimeEqual(bytes.subarray(0, KEY_TAG_BYTES), keyTag(keyring.intakePublicKey))) {
    throw new PhoneCodeError('other-pharmacy');
  }
  let json: unknown;
  try {
    const compressed = openIntake(keyring, bytes.slice(KEY_TAG_BYTES));
    json = JSON.parse(utf8Decode(await inflateRaw(compressed, MAX_ENTRY_BYTES)));
  } catch (cause) {
    if (cause instanceof KeyringWipedError) throw cause;
    if (cause instanceof CryptoError || cause instanceof SyntaxError) {
      throw new PhoneCodeError('damaged', { cause });
    }
    throw cause;
  }
  return checkedEntry(json, now);
}

/**
 * Scanned text → stored `registered` visit (decode, validate, store; see `addPhoneEntry`).
 * @returns the new visit
 * @throws PhoneCodeError ('duplicate' when this registration was already stored); the
 *   store's StorageError otherwise (e.g. `quota`)
 */
export async function importPhoneCode(
  db: ComptoirDb,
  keyring: Keyring,
  text: string,
  now: Date = new Date(),
): Promise<Visit> {
  const entry = await decodePhoneEntry(keyring, text, now);
  try {
    return await addPhoneEntry(db, keyring, entry);
  } catch (e) {
    if (e instanceof StorageError && e.code === 'conflict') {
      throw new PhoneCodeError('duplicate', { cause: e });
    }
    throw e;
  }
}
