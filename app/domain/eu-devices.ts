/**
 * Import of the official EU DCC value set "covid-19-lab-test-manufacturer-and-name", the
 * list of rapid antigen tests of the EU common list with their JRC device ids
 * (https://github.com/ehn-dcc-development/ehn-dcc-valuesets, DESIGN.md "Patient mode (kiosk)
 * and patient's phone": "Kit"). The file comes from outside: it is checked as a whole and
 * either accepted entirely or refused, never half-imported.
 *
 * ```json
 * { "valueSetId": "covid-19-lab-test-manufacturer-and-name", "valueSetDate": "2021-07-01",
 *   "valueSetValues": { "1232": { "display": "Abbott Rapid Diagnostics, Panbio …",
 *     "lang": "en", "active": true, "system": "https://…/devices", "version": "2021-05-17" } } }
 * ```
 */
import { parseDay } from './day';
import { DEFAULT_READING_MINUTES, kitDisplayName, type Kit } from './kits';

/** The `valueSetId` of the file this module reads. */
export const EU_DEVICE_VALUE_SET_ID = 'covid-19-lab-test-manufacturer-and-name';
/** Most devices accepted in one file (the 2021-07-01 list has 88). */
export const MAX_EU_DEVICES = 5000;
/** Longest accepted `display`, in UTF-16 code units (the 2021-07-01 list: 118 at most). */
export const MAX_DEVICE_DISPLAY_CHARS = 300;
/** Longest accepted device id, in digits (JRC ids have 3 or 4). */
export const MAX_DEVICE_ID_DIGITS = 10;

/** The kits of one imported value set. */
export interface EuDeviceList {
  /** `valueSetDate` of the file, `YYYY-MM-DD`. */
  valueSetDate: string;
  /** Every device, inactive ones included, sorted by display name (French collation). */
  kits: readonly Kit[];
}

/** What was wrong with the file; {@link EuDeviceImportError.message} says it in French. */
export type EuDeviceProblem =
  | 'not-an-object'
  | 'value-set-id'
  | 'date'
  | 'values'
  | 'empty'
  | 'too-many'
  | 'entry'
  | 'id'
  | 'duplicate-id'
  | 'display'
  | 'active'
  | 'field-type';

/** Thrown by {@link parseEuDeviceValueSet}; `message` is French, for the pharmacist. */
export class EuDeviceImportError extends Error {
  override readonly name = 'EuDeviceImportError';
  readonly code = 'invalid-value-set';
  readonly problem: EuDeviceProblem;

  constructor(problem: EuDeviceProblem, detail: string) {
    super(
      `Ce fichier n'est pas la liste officielle des tests antigéniques de l'UE (${detail}) : ` +
        `aucune modification n'a été faite. Téléchargez à nouveau le fichier ` +
        `« ${EU_DEVICE_VALUE_SET_ID}.json » et réessayez.`,
    );
    this.problem = problem;
  }
}

/**
 * Company-form suffixes that the value set writes after a comma, as their letters only
 * (lower case, without spaces, dots or commas): "Inc", "Inc.", "Ltd", "LTD.", "S.A.", …
 */
// prettier-ignore
const COMPANY_SUFFIXES = new Set([
  'ab', 'ag', 'aps', 'as', 'bv', 'co', 'coltd', 'company', 'corp', 'corporation', 'gmbh',
  'inc', 'incorporated', 'kft', 'kg', 'limited', 'llc', 'ltd', 'ltda', 'nv', 'oy', 'plc',
  'pty', 'ptyltd', 'pvtltd', 'sa', 'sarl', 'sas', 'sl', 'spa', 'spzoo', 'srl', 'sro',
]);

const DISPLAY_SEPARATOR = ', ';
const ID_PATTERN = new RegExp(`^\\d{1,${MAX_DEVICE_ID_DIGITS}}$`);
// Control characters have no business in a name shown on screen and printed.
const CONTROL_CHARACTERS = /\p{Cc}/u;
const OPTIONAL_TEXT_FIELDS = ['lang', 'system', 'version'] as const;
const collator = new Intl.Collator('fr');

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);

/**
 * Validates the JSON of the value set (already parsed with `JSON.parse`) and turns it into
 * kits with the default reading time. Ids lose their leading zeros, as in `findKit`.
 * `display` is split as {@link splitDeviceDisplay} does, so `kitDisplayName(kit)` gives it
 * back unchanged.
 * @throws {EuDeviceImportError} on the first problem found; nothing is returned then.
 */
export function parseEuDeviceValueSet(json: unknown): EuDeviceList {
  if (!isObj(json)) fail('not-an-object', "le contenu n'est pas un objet JSON");
  if (json.valueSetId !== EU_DEVICE_VALUE_SET_ID) {
    fail(
      'value-set-id',
      `identifiant de liste ${quote(json.valueSetId)} au lieu de « ${EU_DEVICE_VALUE_SET_ID} »`,
    );
  }
  const date = json.valueSetDate;
  if (typeof date !== 'string' || parseDay(date) === null) {
    fail('date', `date de la liste (valueSetDate) absente ou invalide : ${quote(date)}`);
  }
  const values = json.valueSetValues;
  if (!isObj(values)) fail('values', 'la liste des tests (valueSetValues) est absente');
  const entries = Object.entries(values);
  if (entries.length === 0) fail('empty', 'la liste ne contient aucun test');
  if (entries.length > MAX_EU_DEVICES) {
    fail(
      'too-many',
      `${frCount(entries.length)} tests, plus que les ${frCount(MAX_EU_DEVICES)} acceptés`,
    );
  }
  const seen = new Map<string, string>();
  const kits: Kit[] = [];
  for (const [rawId, value] of entries) {
    const kit = parseDevice(rawId, value);
    const earlier = seen.get(kit.id);
    if (earlier !== undefined) {
      fail(
        'duplicate-id',
        `le test n° ${kit.id} apparaît deux fois (« ${earlier} » et « ${rawId} »)`,
      );
    }
    seen.set(kit.id, rawId);
    kits.push(kit);
  }
  return Object.freeze({ valueSetDate: date, kits: Object.freeze(kits.sort(compareKits)) });
}

/**
 * Splits a value-set `display`, "<manufacturer>, <name>", at the first `", "` — then moves
 * back into the manufacturer each following segment that is only a company form ("Inc",
 * "Ltd.", "S.A."…), as in "ACON Laboratories, Inc, Flowflex …" or "Beijing Hotgen Biotech
 * Co., Ltd, Novel …". The name keeps at least the last segment and any commas of its own.
 * Joining the two with `", "` (`kitDisplayName`) always gives `display` back.
 * @returns `null` when `display` has no `", "` or one side would be blank.
 */
export function splitDeviceDisplay(display: string): { manufacturer: string; name: string } | null {
  const segments = display.split(DISPLAY_SEPARATOR);
  let cut = 1;
  while (cut < segments.length - 1 && isCompanySuffix(segments[cut] ?? '')) cut++;
  const manufacturer = segments.slice(0, cut).join(DISPLAY_SEPARATOR);
  const name = segments.slice(cut).join(DISPLAY_SEPARATOR);
  if (segments.length < 2 || manufacturer.trim() === '' || name.trim() === '') return null;
  return { manufacturer, name };
}

/**
 * The kit list the picker offers: `builtin` (usually `BUILTIN_KITS`) updated by `imported`
 * (the kits of {@link parseEuDeviceValueSet}), one kit per id.
 * - A kit in both lists takes the imported name, manufacturer and `active` flag — the EU
 *   list is authoritative — but keeps the built-in `readingMinutes`, which come from the
 *   kit's leaflet (the value set has no reading time).
 * - Built-in kits missing from `imported` are kept unchanged: an older file must not hide
 *   a kit the app knows.
 * - Inactive devices are kept, with `active: false`: old visits still name their kit, and
 *   the picker must refuse it for new tests.
 * The result is sorted like {@link EuDeviceList.kits} (French collation of the display
 * name, then id); the inputs are not modified. Ids are compared without leading zeros.
 */
export function mergeKitLists(builtin: readonly Kit[], imported: readonly Kit[]): readonly Kit[] {
  const byId = new Map<string, Kit>();
  for (const kit of builtin) byId.set(normaliseId(kit.id), kit);
  for (const kit of imported) {
    const id = normaliseId(kit.id);
    const known = byId.get(id);
    byId.set(
      id,
      Object.freeze({ ...kit, id, readingMinutes: known?.readingMinutes ?? kit.readingMinutes }),
    );
  }
  return Object.freeze([...byId.values()].sort(compareKits));
}

function parseDevice(rawId: string, value: unknown): Kit {
  if (!ID_PATTERN.test(rawId)) {
    fail('id', `identifiant de test ${quote(rawId)} : ce doit être un nombre`);
  }
  if (!isObj(value)) fail('entry', `le test n° ${rawId} n'est pas décrit correctement`);
  const { manufacturer, name } = parseDisplay(rawId, value.display);
  if (typeof value.active !== 'boolean') {
    fail('active', `le test n° ${rawId} n'indique pas s'il est encore autorisé (active)`);
  }
  for (const field of OPTIONAL_TEXT_FIELDS) {
    if (value[field] !== undefined && typeof value[field] !== 'string') {
      fail('field-type', `le champ « ${field} » du test n° ${rawId} n'est pas un texte`);
    }
  }
  return Object.freeze({
    id: normaliseId(rawId),
    name,
    manufacturer,
    readingMinutes: DEFAULT_READING_MINUTES,
    active: value.active,
  });
}

function parseDisplay(rawId: string, display: unknown): { manufacturer: string; name: string } {
  if (typeof display !== 'string' || display.trim() === '') {
    fail('display', `le test n° ${rawId} n'a pas de nom (display)`);
  }
  if (display.length > MAX_DEVICE_DISPLAY_CHARS) {
    fail('display', `le nom du test n° ${rawId} dépasse ${MAX_DEVICE_DISPLAY_CHARS} caractères`);
  }
  const parts = CONTROL_CHARACTERS.test(display) ? null : splitDeviceDisplay(display);
  if (parts === null) {
    fail('display', `le nom du test n° ${rawId} n'a pas la forme « fabricant, nom du test »`);
  }
  return parts;
}

function isCompanySuffix(segment: string): boolean {
  return COMPANY_SUFFIXES.has(segment.toLowerCase().replace(/[\s.,]/g, ''));
}

function normaliseId(id: string): string {
  return id.trim().replace(/^0+(?=\d)/, '');
}

function compareKits(a: Kit, b: Kit): number {
  return (
    collator.compare(kitDisplayName(a), kitDisplayName(b)) ||
    Number(a.id) - Number(b.id) ||
    collator.compare(a.id, b.id)
  );
}

function fail(problem: EuDeviceProblem, detail: string): never {
  throw new EuDeviceImportError(problem, detail);
}

/** A value from the file, quoted and cut short for the message. */
function quote(value: unknown): string {
  if (typeof value !== 'string') return value === undefined ? '(absent)' : '(pas un texte)';
  return `« ${value.length > 60 ? `${value.slice(0, 60)}…` : value} »`;
}

function frCount(n: number): string {
  return n.toLocaleString('fr-FR');
}
