/**
 * Free-text identity fields: person names and address lines.
 *
 * Names follow the INS rules loosely: letters of any script (accents included), spaces,
 * hyphens and apostrophes (typographic ’ is turned into '), starting with a letter.
 * Text is trimmed, inner whitespace collapsed and Unicode NFC-normalised so the same name
 * typed on two devices compares equal.
 */
import { invalid, valid, type Validation } from './errors';

/** Longest accepted name, in characters. */
export const NAME_MAX_LENGTH = 100;
/** Longest accepted address line, commune or place of birth, in characters. */
export const TEXT_MAX_LENGTH = 200;

const NAME_PATTERN = /^\p{L}[\p{L}\p{M} '-]*$/u;
/** Letters, digits, marks and the punctuation addresses use; no symbols, no emoji. */
const TEXT_PATTERN = /^[\p{L}\p{M}\p{N} '’,.\-/()°#]*$/u;

/** Options of the text validators. */
export interface TextOptions {
  optional?: boolean;
  maxLength?: number;
}

/** Trims, collapses whitespace, NFC-normalises and turns ’ into '. */
export function normalizeText(raw: string | undefined): string {
  return (raw ?? '').normalize('NFC').replace(/\s+/g, ' ').replace(/’/g, "'").trim();
}

/**
 * Validates a person name (birth name, used name, first names, guardian).
 * @returns the normalised name, or `null` for an empty optional one.
 */
export function validateName(
  raw: string | undefined,
  field: string,
  opts: TextOptions = {},
): Validation<string | null> {
  const max = opts.maxLength ?? NAME_MAX_LENGTH;
  const text = normalizeText(raw);
  if (text === '') return opts.optional ? valid(null) : invalid(field, 'required');
  if ([...text].length > max) return invalid(field, 'too-long', { max });
  if (!NAME_PATTERN.test(text)) return invalid(field, 'name.chars');
  return valid(text);
}

/**
 * Validates an address-like text (address, commune, place of birth): must contain a letter,
 * no symbols or emoji.
 * @returns the normalised text, or `null` for an empty optional one.
 */
export function validateText(
  raw: string | undefined,
  field: string,
  opts: TextOptions = {},
): Validation<string | null> {
  const max = opts.maxLength ?? TEXT_MAX_LENGTH;
  const text = normalizeText(raw);
  if (text === '') return opts.optional ? valid(null) : invalid(field, 'required');
  if ([...text].length > max) return invalid(field, 'too-long', { max });
  if (!TEXT_PATTERN.test(text) || !/\p{L}/u.test(text)) return invalid(field, 'text.chars');
  return valid(text);
}
