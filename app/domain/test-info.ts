/**
 * Validation of the test part: kit, lot, expiry, GTIN, specimen, sampling time, reading
 * time. An expired kit is refused (DESIGN.md "Kit").
 */
import { validateDate } from './dates';
import { formatDateFr, parseDay, toDay, type DayInput } from './day';
import { collectErrors, invalid, valid, type Validation } from './errors';
import { BUILTIN_KITS, findKit, DEFAULT_READING_MINUTES, type Kit } from './kits';
import type { Specimen, TestInfo } from './visit';

/** Longest accepted lot number (GS1 AI 10 allows 20; some boxes print longer references). */
export const LOT_MAX_LENGTH = 40;
/** Longest serial number (GS1 AI 21). */
export const SERIAL_MAX_LENGTH = 20;
/** GS1 AI 21 values: characters of GS1 character set 82 (General Specifications §7.11). */
const SERIAL_CHARS = /^[!"%&'()*+,./0-9:;<=>?A-Z_a-z-]+$/;
/** How far in the future a sampling time may be (tablet clocks drift), in milliseconds. */
export const MAX_SAMPLED_AT_SKEW_MS = 5 * 60_000;
/** Oldest accepted sampling time, in days (results are due within 24 h; this catches typos). */
export const MAX_SAMPLE_AGE_DAYS = 7;
/** Accepted range of reading times, in minutes. */
export const READING_MINUTES_MIN = 1;
export const READING_MINUTES_MAX = 60;

const SPECIMENS: readonly Specimen[] = ['258500001', '697989009'];
/** ISO 8601 date-time with a mandatory offset (`Z` or `±hh:mm`). */
const DATE_TIME_WITH_OFFSET =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/** Raw test form values. */
export interface RawTest {
  kitId?: string;
  /** Needed only for a kit from an imported EU list, not in `kits`. */
  kitName?: string;
  lot?: string;
  expiry?: string;
  gtin?: string;
  serial?: string;
  specimen?: string;
  sampledAt?: string;
  readingMinutes?: number | string;
}

/**
 * Validates the test form. `now` is the current instant (its Paris day is "today" for
 * the expiry check). `kits` is the list the staff picks from (default: built-in list);
 * an id outside it is accepted when `kitName` is given and the id is numeric (a kit from
 * the imported EU value set).
 */
export function validateTest(
  raw: RawTest,
  now: Date,
  kits: readonly Kit[] = BUILTIN_KITS,
): Validation<TestInfo> {
  const kit = validateKit(raw, kits);
  const lot = validateLot(raw.lot);
  const expiry = validateExpiry(raw.expiry, now);
  const gtin = validateGtin(raw.gtin);
  const serial = validateSerial(raw.serial);
  const specimen = validateSpecimen(raw.specimen);
  const sampledAt = validateSampledAt(raw.sampledAt, now);
  const fallback = kit.ok ? kit.value.readingMinutes : DEFAULT_READING_MINUTES;
  const reading = validateReadingMinutes(raw.readingMinutes, fallback);
  const results = [kit, lot, expiry, gtin, serial, specimen, sampledAt, reading] as const;
  const errors = collectErrors(results);
  if (
    !kit.ok ||
    !lot.ok ||
    !expiry.ok ||
    !gtin.ok ||
    !serial.ok ||
    !specimen.ok ||
    !sampledAt.ok ||
    !reading.ok
  ) {
    return { ok: false, errors };
  }
  const test: TestInfo = {
    kitId: kit.value.id,
    kitName: kit.value.name,
    lot: lot.value,
    expiry: expiry.value,
    specimen: specimen.value,
    sampledAt: sampledAt.value,
    readingMinutes: reading.value,
  };
  if (gtin.value !== null) test.gtin = gtin.value;
  if (serial.value !== null) test.serial = serial.value;
  return valid(test);
}

function validateKit(raw: RawTest, kits: readonly Kit[]): Validation<Kit> {
  const id = (raw.kitId ?? '').trim();
  if (id === '') return invalid('kitId', 'required');
  const known = findKit(id, kits);
  if (known) return known.active ? valid(known) : invalid('kitId', 'kit.inactive');
  const name = (raw.kitName ?? '').trim();
  if (/^\d{1,6}$/.test(id) && name !== '') {
    return valid({
      id,
      name,
      manufacturer: '',
      readingMinutes: DEFAULT_READING_MINUTES,
      active: true,
    });
  }
  return invalid('kitId', 'kit.unknown');
}

/** Validates a lot number: 1–40 letters, digits, `-`, `.`, `/`; uppercased. */
export function validateLot(raw: string | undefined, field = 'lot'): Validation<string> {
  const text = (raw ?? '').trim().toUpperCase();
  if (text === '') return invalid(field, 'required');
  if (text.length > LOT_MAX_LENGTH) return invalid(field, 'too-long', { max: LOT_MAX_LENGTH });
  return /^[A-Z0-9][A-Z0-9./-]*$/.test(text) ? valid(text) : invalid(field, 'lot.format');
}

/** Validates an optional serial number (GS1 AI 21: up to 20 characters of set 82). */
export function validateSerial(
  raw: string | undefined,
  field = 'serial',
): Validation<string | null> {
  const text = (raw ?? '').trim();
  if (text === '') return valid(null);
  if (text.length > SERIAL_MAX_LENGTH)
    return invalid(field, 'too-long', { max: SERIAL_MAX_LENGTH });
  return SERIAL_CHARS.test(text) ? valid(text) : invalid(field, 'serial.format');
}

/** Whether a kit of expiry day `expiry` (`YYYY-MM-DD`) is past it on `today`: a kit is usable through its expiry day. */
export function isKitExpired(expiry: string, today: DayInput): boolean {
  return expiry < toDay(today);
}

/** Validates a kit expiry date ({@link isKitExpired}). */
export function validateExpiry(
  raw: string | undefined,
  today: DayInput,
  field = 'expiry',
): Validation<string> {
  const result = validateDate(raw, { field });
  if (!result.ok) return result;
  const day = result.value ?? '';
  return isKitExpired(day, today)
    ? invalid(field, 'expiry.expired', { date: formatDateFr(day) })
    : valid(day);
}

/**
 * Validates an optional GTIN (GS1 General Specifications §7.9: GTIN-8/12/13/14 with a
 * mod-10 check digit, weights 3,1,3,… from the right excluding the check digit).
 * @returns the GTIN padded to 14 digits (as in AI 01), or `null` when empty.
 */
export function validateGtin(raw: string | undefined, field = 'gtin'): Validation<string | null> {
  const digits = (raw ?? '').replace(/\s+/g, '');
  if (digits === '') return valid(null);
  if (!/^(\d{8}|\d{12}|\d{13}|\d{14})$/.test(digits)) return invalid(field, 'gtin.format');
  const padded = digits.padStart(14, '0');
  return gs1CheckDigit(padded.slice(0, 13)) === Number(padded.slice(13))
    ? valid(padded)
    : invalid(field, 'gtin.key');
}

/** GS1 mod-10 check digit of a digit string (the digits before the check digit). */
export function gs1CheckDigit(payload: string): number {
  let sum = 0;
  for (let i = 0; i < payload.length; i += 1) {
    const weight = i % 2 === 0 ? 3 : 1; // rightmost payload digit weighs 3
    sum += Number(payload[payload.length - 1 - i]) * weight;
  }
  return (10 - (sum % 10)) % 10;
}

function validateSpecimen(raw: string | undefined): Validation<Specimen> {
  const code = (raw ?? '').trim();
  if (code === '') return invalid('specimen', 'required');
  const found = SPECIMENS.find((s) => s === code);
  return found ? valid(found) : invalid('specimen', 'specimen.invalid');
}

/** Validates a sampling time: ISO 8601 with offset, ≤ 5 min ahead of `now`, ≤ 7 days old. */
export function validateSampledAt(
  raw: string | undefined,
  now: Date,
  field = 'sampledAt',
): Validation<string> {
  const text = (raw ?? '').trim();
  if (text === '') return invalid(field, 'required');
  const ms = Date.parse(text);
  // The regex checks the shape; parseDay rejects 2021-02-30, which Date.parse may roll over.
  const shapeOk = DATE_TIME_WITH_OFFSET.test(text) && parseDay(text.slice(0, 10)) !== null;
  if (!shapeOk || Number.isNaN(ms)) return invalid(field, 'sampledAt.format');
  if (ms - now.getTime() > MAX_SAMPLED_AT_SKEW_MS) return invalid(field, 'sampledAt.future');
  if (now.getTime() - ms > MAX_SAMPLE_AGE_DAYS * 86_400_000) {
    return invalid(field, 'sampledAt.too-old', { maxDays: MAX_SAMPLE_AGE_DAYS });
  }
  return valid(text);
}

function validateReadingMinutes(
  raw: number | string | undefined,
  fallback: number,
): Validation<number> {
  if (raw === undefined || raw === '') return valid(fallback);
  const n = typeof raw === 'number' ? raw : Number(raw.trim());
  if (Number.isInteger(n) && n >= READING_MINUTES_MIN && n <= READING_MINUTES_MAX) return valid(n);
  return invalid('readingMinutes', 'readingMinutes.range', {
    min: READING_MINUTES_MIN,
    max: READING_MINUTES_MAX,
  });
}
