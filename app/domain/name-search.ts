/**
 * Finding a person's visits by name for their rights (access, erasure: RGPD art. 15 and 17),
 * within the unlocked session. Pure: the store decrypts the visits and asks
 * {@link matchesPatientQuery} of each one; nothing here is ever written anywhere.
 *
 * Names compare case-, accent-, hyphen- and apostrophe-insensitively: « Hélène
 * D'Aubigné-Lefèvre » is found by `helene`, `daub`, `d aub`, `aubigne lefe` or
 * `lefevre`. Every query word must start some word of the birth name, used name or first
 * names; a date `JJ/MM/AAAA` in the query must be the birth date.
 */
import { validateDate } from './dates';
import type { Identity } from './visit';

/** Longest query accepted, in characters (a name search, not a document). */
export const MAX_PATIENT_QUERY_CHARS = 200;

/** A parsed search: upper-case name prefixes and the birth dates (`YYYY-MM-DD`) asked for. */
export interface PatientQuery {
  readonly words: readonly string[];
  readonly birthDates: readonly string[];
}

/** Why a query cannot be searched. */
export type PatientQueryProblem = 'empty' | 'too-long' | 'bad-date';

/** {@link parsePatientQuery}'s answer. */
export type PatientQueryParse =
  | { readonly ok: true; readonly query: PatientQuery }
  | { readonly ok: false; readonly problem: PatientQueryProblem };

/** What each problem means, in French, with what to do. */
export const PATIENT_QUERY_PROBLEMS_FR: Readonly<Record<PatientQueryProblem, string>> = {
  empty: 'Saisissez un nom, un prénom ou une date de naissance (JJ/MM/AAAA).',
  'too-long': `La recherche est trop longue (${MAX_PATIENT_QUERY_CHARS} caractères au plus) : saisissez seulement le nom et le prénom.`,
  'bad-date':
    'Cette date de naissance n’existe pas : saisissez-la sous la forme JJ/MM/AAAA, par exemple 29/02/1980.',
};

/** A token that is meant as a date: `JJ/MM/AAAA` (also `.` or `-`, one-digit day/month). */
const DATE_TOKEN = /^\d{1,2}[/.-]\d{1,2}[/.-]\d{4}$/;
/** Anything that is neither a letter nor a digit separates words (space, -, ', ’, ., …). */
const SEPARATORS = /[^\p{L}\p{N}]+/u;

/**
 * The words of `text` for comparison: accents stripped (NFD, combining marks removed),
 * upper case, Œ/Æ spelt out, split on every separator.
 */
export function searchWords(text: string): string[] {
  const folded = text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .replace(/Œ/g, 'OE')
    .replace(/Æ/g, 'AE');
  return folded.split(SEPARATORS).filter((w) => w !== '');
}

/**
 * Parses what staff typed: date-like tokens become birth dates, the rest name words.
 * The text is not kept beyond the returned words (callers must not log or store either).
 */
export function parsePatientQuery(raw: string): PatientQueryParse {
  if (raw.length > MAX_PATIENT_QUERY_CHARS) return { ok: false, problem: 'too-long' };
  const words: string[] = [];
  const birthDates: string[] = [];
  for (const token of raw.trim().split(/\s+/)) {
    if (DATE_TOKEN.test(token)) {
      const date = validateDate(token, { field: 'birthDate' });
      if (!date.ok || date.value === null) return { ok: false, problem: 'bad-date' };
      birthDates.push(date.value);
    } else {
      words.push(...searchWords(token));
    }
  }
  if (words.length === 0 && birthDates.length === 0) return { ok: false, problem: 'empty' };
  return { ok: true, query: { words, birthDates } };
}

/**
 * The words a name can be found by: each word of each name field, and each run of
 * consecutive words glued together (« LE GALL » is also « LEGALL », « D'ARTAGNAN »
 * « DARTAGNAN », « DE LA FONTAINE » « LAFONTAINE »), so typing a name with or without
 * its separators finds it.
 */
export function patientNameKeys(
  identity: Pick<Identity, 'birthName' | 'usedName' | 'firstNames'>,
): string[] {
  const keys: string[] = [];
  for (const field of [identity.birthName, identity.usedName ?? '', identity.firstNames]) {
    const words = searchWords(field);
    for (let i = 0; i < words.length; i++) {
      for (let j = i; j < words.length; j++) keys.push(words.slice(i, j + 1).join(''));
    }
  }
  return keys;
}

/**
 * Whether a visit's identity answers `query`: every query word starts one of its
 * {@link patientNameKeys}, and every birth date asked for is its birth date.
 */
export function matchesPatientQuery(
  identity: Pick<Identity, 'birthName' | 'usedName' | 'firstNames' | 'birthDate'>,
  query: PatientQuery,
): boolean {
  if (!query.birthDates.every((d) => d === identity.birthDate)) return false;
  if (query.words.length === 0) return true;
  const keys = patientNameKeys(identity);
  return query.words.every((word) => keys.some((key) => key.startsWith(word)));
}
