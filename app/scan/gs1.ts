/**
 * GS1 element strings of test-kit boxes (DESIGN.md "Kit"): GTIN, expiry, lot and serial read
 * from the text a scanner returns for a GS1 DataMatrix, GS1-128 or GS1 QR Code. Pure: no
 * camera, no clock (callers pass `today`).
 *
 * Accepted shapes (GS1 General Specifications: §3.2 application identifiers, §5 symbology
 * identifiers, §7.8 processing of element strings):
 * - `]d2` / `]C1` / `]Q3` / `]e0` + element string, or the element string alone;
 * - variable-length fields end with GS (ASCII 29, the transmitted FNC1) or at the end;
 * - the human-readable form `(01)03401234567890(17)250500(10)AB12`.
 * @see https://ref.gs1.org/standards/genspecs/
 */
import {
  daysInMonth,
  gs1CheckDigit as checkDigit,
  isKitExpired,
  parseDay,
  toDay,
  type DayInput,
} from '../domain';

/** Group separator: what scanners transmit for an FNC1 that ends a variable-length field. */
export const GS = '\x1d';

/** Why a scanned text is not a usable kit code. */
export type Gs1ErrorCode =
  | 'not-gs1'
  | 'unknown-ai'
  | 'truncated'
  | 'too-long'
  | 'bad-characters'
  | 'bad-check-digit'
  | 'bad-date'
  | 'duplicate-ai'
  | 'missing-gtin';

const RESCAN = 'rescannez le code DataMatrix de la boîte, ou choisissez le test dans la liste.';

/** French message of each code, for the staff: what happened, what to do. */
export const GS1_ERROR_MESSAGES: Readonly<Record<Gs1ErrorCode, string>> = {
  'not-gs1':
    "Ce code n'est pas un code GS1 de boîte de test : scannez le code DataMatrix de la boîte ou choisissez le test dans la liste.",
  'unknown-ai': `Ce code de boîte contient une donnée que l'application ne sait pas lire : choisissez le test dans la liste.`,
  truncated: `Code de la boîte incomplet : ${RESCAN}`,
  'too-long': `Code de la boîte mal lu (une donnée est trop longue) : ${RESCAN}`,
  'bad-characters': `Code de la boîte mal lu (caractères non valides) : ${RESCAN}`,
  'bad-check-digit': `Code de la boîte mal lu (la clé du code produit est fausse) : ${RESCAN}`,
  'bad-date':
    'Date de péremption illisible dans le code de la boîte : vérifiez la date imprimée sur la boîte, puis choisissez le test dans la liste.',
  'duplicate-ai': `Code de la boîte incohérent (une donnée y figure deux fois) : ${RESCAN}`,
  'missing-gtin':
    'Ce code ne contient pas le code produit (GTIN) de la boîte : scannez le code DataMatrix de la boîte ou choisissez le test dans la liste.',
};

/** A scanned text that is not a usable kit code; branch on `code`, show `message`. */
export class Gs1ParseError extends Error {
  override readonly name = 'Gs1ParseError';
  /** Stable reason code. */
  readonly code: Gs1ErrorCode;
  /** The application identifier at fault, when there is one (never shown to staff). */
  readonly ai: string | undefined;

  constructor(code: Gs1ErrorCode, options: { ai?: string; cause?: unknown } = {}) {
    super(GS1_ERROR_MESSAGES[code], { cause: options.cause });
    this.code = code;
    this.ai = options.ai;
  }
}

/** Type guard for {@link Gs1ParseError}. */
export function isGs1ParseError(e: unknown): e is Gs1ParseError {
  return e instanceof Gs1ParseError;
}

/** What the kit box says. */
export interface Gs1Kit {
  /** AI 01, 14 digits with a valid check digit. */
  gtin: string;
  /** AI 17 as `YYYY-MM-DD` (day `00` already resolved to the month's last day). */
  expiry?: string;
  /** AI 10, batch/lot. */
  lot?: string;
  /** AI 21, serial number. */
  serial?: string;
}

/** One application identifier and its raw value. */
export interface Gs1Element {
  ai: string;
  value: string;
}

/** Options of {@link parseGs1}. */
export interface Gs1ParseOptions {
  /** Reference day for the century of two-digit years (default: now, Paris day). */
  today?: DayInput;
}

interface AiSpec {
  /** Exact length when `fixed`, else maximum length. */
  readonly length: number;
  readonly fixed: boolean;
  readonly numeric: boolean;
}

const fixedDigits = (length: number): AiSpec => ({ length, fixed: true, numeric: true });
const varDigits = (length: number): AiSpec => ({ length, fixed: false, numeric: true });
const varText = (length: number): AiSpec => ({ length, fixed: false, numeric: false });

/**
 * The AIs understood (GenSpecs §3.2). Any other cannot be skipped, its length being
 * unknown. AIs are prefix-free, so trying 2, 3 then 4 digits is unambiguous.
 */
const AI_SPECS: ReadonlyMap<string, AiSpec> = new Map<string, AiSpec>([
  ['00', fixedDigits(18)], // SSCC
  ['01', fixedDigits(14)], // GTIN
  ['02', fixedDigits(14)], // GTIN of contained trade items
  ['10', varText(20)], // batch/lot
  ...['11', '12', '13', '15', '16', '17'].map((ai): [string, AiSpec] => [ai, fixedDigits(6)]),
  ['20', fixedDigits(2)], // variant
  ['21', varText(20)], // serial
  ['22', varText(20)], // consumer product variant
  ['235', varText(28)], // third-party serial extension
  ...['240', '241', '250', '251'].map((ai): [string, AiSpec] => [ai, varText(30)]),
  ['30', varDigits(8)], // variable count
  ['37', varDigits(8)], // count of trade items
  // National healthcare reimbursement numbers: 711 is France, 716 Italy (GenSpecs 21).
  ...['710', '711', '712', '713', '714', '715', '716'].map((ai): [string, AiSpec] => [
    ai,
    varText(20),
  ]),
  ['7003', fixedDigits(10)], // expiry date and time
  ['90', varText(30)], // mutually agreed
  ...['91', '92', '93', '94', '95', '96', '97', '98', '99'].map((ai): [string, AiSpec] => [
    ai,
    varText(90),
  ]),
]);

/** GS1 AI encodable character set 82 (GenSpecs §7.11, figure 7.11-1). */
const CSET_82 = /^[!"%-?A-Z_a-z]+$/;
const GS1_SYMBOLOGY_IDS = new Set([']d2', ']C1', ']Q3', ']e0']);
/** A retail EAN/UPC or a bare GTIN: a product code, not an element string. */
const BARE_PRODUCT_CODE = /^(\d{8}|\d{12,14})$/;
const PAREN_AI = /\((\d{2,4})\)/y;
const NEXT_PAREN_AI = /\(\d{2,4}\)/g;

/**
 * Splits a scanned GS1 element string into its elements, in order; see the module comment
 * for the accepted shapes. Values are checked against their AI's length and character set,
 * not for meaning (no check digit, no date).
 * @throws {Gs1ParseError} `not-gs1`, `unknown-ai`, `truncated`, `too-long`, `bad-characters`
 */
export function parseGs1Elements(text: string): Gs1Element[] {
  let body = text.trim();
  const id = /^\][A-Za-z]\d/.exec(body)?.[0];
  if (id !== undefined && !GS1_SYMBOLOGY_IDS.has(id)) throw new Gs1ParseError('not-gs1');
  if (id !== undefined) body = body.slice(id.length);
  const marked = id !== undefined || body.startsWith('(') || body.includes(GS);
  if (!marked && BARE_PRODUCT_CODE.test(body)) throw new Gs1ParseError('not-gs1');
  const elements: Gs1Element[] = [];
  try {
    if (body.startsWith('(')) readParenthesised(body, elements);
    else readElementString(body, elements);
  } catch (e) {
    // Text with no GS1 marker whose very first field fails is some other code (a URL…).
    if (!marked && elements.length === 0) throw new Gs1ParseError('not-gs1', { cause: e });
    throw e;
  }
  if (elements.length === 0) throw new Gs1ParseError(marked ? 'truncated' : 'not-gs1');
  return elements;
}

function readElementString(body: string, out: Gs1Element[]): void {
  let pos = 0;
  while (pos < body.length) {
    if (body[pos] === GS) {
      pos += 1; // separator after a fixed field, a doubled or a trailing one: tolerated
      continue;
    }
    const ai = [2, 3, 4].map((n) => body.slice(pos, pos + n)).find((c) => AI_SPECS.has(c));
    const spec = ai === undefined ? undefined : AI_SPECS.get(ai);
    if (ai === undefined || !spec) {
      throw new Gs1ParseError('unknown-ai', { ai: body.slice(pos, pos + 4) });
    }
    pos += ai.length;
    const gs = body.indexOf(GS, pos);
    const end = spec.fixed ? pos + spec.length : gs === -1 ? body.length : gs;
    out.push({ ai, value: checkValue(ai, spec, body.slice(pos, end)) });
    pos = end;
  }
}

function readParenthesised(body: string, out: Gs1Element[]): void {
  let pos = 0;
  while (pos < body.length) {
    PAREN_AI.lastIndex = pos;
    const ai = PAREN_AI.exec(body)?.[1];
    if (ai === undefined) throw new Gs1ParseError(out.length ? 'too-long' : 'not-gs1');
    const spec = AI_SPECS.get(ai);
    if (!spec) throw new Gs1ParseError('unknown-ai', { ai });
    pos = PAREN_AI.lastIndex;
    // A value ends at the next "(NN)" or GS: a lot containing "(NN)" cannot be written so.
    NEXT_PAREN_AI.lastIndex = pos;
    const paren = NEXT_PAREN_AI.exec(body)?.index ?? body.length;
    const gs = body.indexOf(GS, pos);
    const next = gs === -1 ? paren : Math.min(gs, paren);
    const end = spec.fixed ? Math.min(pos + spec.length, paren) : next;
    out.push({ ai, value: checkValue(ai, spec, body.slice(pos, end)) });
    pos = end;
    while (body[pos] === GS) pos += 1;
  }
}

function checkValue(ai: string, spec: AiSpec, value: string): string {
  if (value.includes(GS) || value.length === 0 || (spec.fixed && value.length < spec.length)) {
    throw new Gs1ParseError('truncated', { ai });
  }
  if (value.length > spec.length) throw new Gs1ParseError('too-long', { ai });
  if (!(spec.numeric ? /^\d+$/ : CSET_82).test(value)) {
    throw new Gs1ParseError('bad-characters', { ai });
  }
  return value;
}

/**
 * Reads a kit box code: GTIN (required, check digit verified), expiry, lot and serial.
 * Other known AIs are skipped; an AI repeated with another value is refused.
 * @throws {Gs1ParseError} any {@link Gs1ErrorCode}
 */
export function parseGs1(text: string, options: Gs1ParseOptions = {}): Gs1Kit {
  const seen = new Map<string, string>();
  for (const { ai, value } of parseGs1Elements(text)) {
    if ((seen.get(ai) ?? value) !== value) throw new Gs1ParseError('duplicate-ai', { ai });
    seen.set(ai, value);
  }
  const gtin = seen.get('01');
  if (gtin === undefined) throw new Gs1ParseError('missing-gtin');
  if (!isValidGtin(gtin)) throw new Gs1ParseError('bad-check-digit', { ai: '01' });
  const kit: Gs1Kit = { gtin };
  const expiry = seen.get('17');
  if (expiry !== undefined) kit.expiry = parseGs1Date(expiry, options.today ?? new Date());
  const lot = seen.get('10');
  if (lot !== undefined) kit.lot = lot;
  const serial = seen.get('21');
  if (serial !== undefined) kit.serial = serial;
  return kit;
}

/**
 * Converts a GS1 `YYMMDD` date to `YYYY-MM-DD`. Day `00` means the last day of the month
 * (GenSpecs §7.12). The century follows the GenSpecs §7.12 sliding window around the year
 * of `today`: YY − current YY in 51…99 → previous century, in −99…−50 → next century,
 * otherwise this century (so, in 2025, `75` is 2075 and `76` is 1976).
 * @throws {Gs1ParseError} `bad-date` for a month or day that does not exist
 */
export function parseGs1Date(yymmdd: string, today: DayInput): string {
  const match = /^(\d{2})(\d{2})(\d{2})$/.exec(yymmdd);
  if (!match) throw new Gs1ParseError('bad-date', { ai: '17' });
  const [yy, month, day] = match.slice(1).map(Number) as [number, number, number];
  const current = Number(toDay(today).slice(0, 4));
  const diff = yy - (current % 100);
  const century = current - (current % 100) + (diff >= 51 ? -100 : diff <= -50 ? 100 : 0);
  const year = century + yy;
  if (month < 1 || month > 12) throw new Gs1ParseError('bad-date', { ai: '17' });
  const last = daysInMonth(year, month);
  if (day > last) throw new Gs1ParseError('bad-date', { ai: '17' });
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${String(year).padStart(4, '0')}-${pad(month)}-${pad(day === 0 ? last : day)}`;
}

/**
 * Whether a kit past `expiry` (`YYYY-MM-DD`) is expired on `today`. The expiry day itself
 * is still usable; a `Date` is taken as its Paris day, like a visit's day.
 * @throws {RangeError} when `expiry` is not a valid `YYYY-MM-DD` day
 */
export function isExpired(expiry: string, today: DayInput): boolean {
  if (!parseDay(expiry)) throw new RangeError(`isExpired expects YYYY-MM-DD, got ${expiry}`);
  return isKitExpired(expiry, today);
}

/**
 * The GS1 mod-10 check digit of `payload`, the digits before it (GenSpecs §7.9.1): weights
 * 3, 1, 3… from the rightmost digit. Works for GTIN-8/12/13/14, SSCC and GLN.
 * @throws {RangeError} when `payload` is not made of decimal digits
 */
export function gs1CheckDigit(payload: string): string {
  if (!/^\d+$/.test(payload)) throw new RangeError('gs1CheckDigit expects decimal digits');
  return String(checkDigit(payload));
}

/** Whether `gtin` is a GTIN-8, -12, -13 or -14 with a correct check digit. */
export function isValidGtin(gtin: string): boolean {
  if (!/^(\d{8}|\d{12,14})$/.test(gtin)) return false;
  return gs1CheckDigit(gtin.slice(0, -1)) === gtin.slice(-1);
}
