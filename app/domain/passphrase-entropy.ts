/**
 * The two strength models behind `assessPassphrase` (see passphrase.ts for the policy).
 * Both work on folded text (lowercase, accents removed) and return bits.
 */
import { COMMON_PASSWORDS } from './common-passwords';

/** Bits of one word picked at random from a Diceware list of 7776 words. */
export const WORD_BITS = Math.log2(7776);

/** The common-password list as a set. */
export const COMMON = new Set(COMMON_PASSWORDS);
/** One guess among the common-password list. */
export const DICTIONARY_GUESS_BITS = Math.log2(COMMON.size);
/** ASCII printable symbols and space. */
const SYMBOL_POOL = 33;
/** One guess among the few context words the attacker knows. */
const CONTEXT_GUESS_BITS = 2;
/** Words that carry no entropy in a French or English phrase. */
export const STOP_WORDS = new Set(
  (
    'le la les un une des du de et ou au aux en est suis sont pour par sur dans avec mon ma ' +
    'mes ton ta tes son sa ses que qui pas ne the and for you are our his her its with'
  ).split(' '),
);
const KEYBOARD_ROWS = [
  'azertyuiop',
  'qsdfghjklm',
  'wxcvbn',
  'qwertyuiop',
  'asdfghjkl',
  'zxcvbnm',
  '1234567890',
];
const LEET: Readonly<Record<string, string>> = {
  '@': 'a',
  '4': 'a',
  '0': 'o',
  '1': 'i',
  '3': 'e',
  '5': 's',
  $: 's',
  '7': 't',
};

/** Lowercase, accents removed (NFD + strip combining marks). */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Splits folded text into words (runs of letters or digits). */
export function tokenize(folded: string): string[] {
  return folded.split(/[^\p{L}\p{N}]+/u).filter((t) => t !== '');
}

/** Undoes common leetspeak (p@ssw0rd → password), one character for one. */
export function deLeet(text: string): string {
  return text.replace(/[@401357$]/g, (c) => LEET[c] ?? c); // same length: indices still match
}

/** Word model (see passphrase.ts). `folded` is the whole text, `tokens` its words. */
export function wordModelBits(
  folded: string,
  tokens: readonly string[],
  contextWords: ReadonlySet<string>,
): number {
  let bits = separatorBits(folded);
  for (const token of new Set(tokens)) {
    if (COMMON.has(token) || STOP_WORDS.has(token)) bits += DICTIONARY_GUESS_BITS;
    else if (contextWords.has(token)) bits += CONTEXT_GUESS_BITS;
    else if (/^\p{L}{3,}$/u.test(token))
      bits += Math.min(WORD_BITS, charModelBits(token, contextWords));
    else bits += charModelBits(token, contextWords);
  }
  return bits;
}

/**
 * One separator used throughout ("a b c", "a-b-c") is free: attackers try the usual few.
 * Varied separators ("x#y$z") each cost a pick among the printable symbols.
 */
function separatorBits(folded: string): number {
  const separators = folded.split(/[\p{L}\p{N}]+/u).filter((s) => s !== '');
  return new Set(separators).size <= 1 ? 0 : separators.length * Math.log2(SYMBOL_POOL);
}

/** Character model (see the module comment). `text` is folded (lowercase, no accents). */
export function charModelBits(text: string, contextWords: ReadonlySet<string> = new Set()): number {
  // UTF-16 units throughout, so indices agree with indexOf (an emoji counts as two).
  const chars = text.split('');
  const unit = repeatedUnit(text);
  if (unit !== text)
    return charModelBits(unit, contextWords) + Math.log2(text.length / unit.length);
  const perChar = Math.log2(poolSize(text));
  const covered = dictionaryCover(deLeet(text), contextWords);
  let bits = covered.bits;
  for (let i = 0; i < chars.length; i += 1) {
    if (covered.indices.has(i)) continue;
    const prev = i > 0 && !covered.indices.has(i - 1) ? chars[i - 1] : undefined;
    bits += prev === undefined ? perChar : stepBits(prev, chars[i] ?? '', perChar);
  }
  return bits;
}

function stepBits(prev: string, cur: string, perChar: number): number {
  if (prev === cur) return 0;
  const delta = (cur.codePointAt(0) ?? 0) - (prev.codePointAt(0) ?? 0);
  if (Math.abs(delta) === 1) return 1;
  const adjacent = KEYBOARD_ROWS.some((row) => {
    const at = row.indexOf(prev);
    return at >= 0 && (row[at + 1] === cur || row[at - 1] === cur);
  });
  return adjacent ? 1 : perChar;
}

/** The shortest unit whose repetition makes `text` ("abab" → "ab"), or `text` itself. */
function repeatedUnit(text: string): string {
  const at = (text + text).indexOf(text, 1);
  return at > 0 && at < text.length ? text.slice(0, at) : text;
}

function poolSize(text: string): number {
  let pool = 0;
  if (/[a-z]/.test(text)) pool += 26;
  if (/[A-Z]/.test(text)) pool += 26;
  if (/\d/.test(text)) pool += 10;
  if (/[\s!-/:-@[-`{-~]/.test(text)) pool += SYMBOL_POOL;
  if (/[^ -~]/.test(text)) pool += 40; // anything outside printable ASCII
  return Math.max(pool, 2);
}

/** Marks occurrences of common passwords (≥ 4 chars) and context words, longest first. */
function dictionaryCover(
  text: string,
  contextWords: ReadonlySet<string>,
): { bits: number; indices: Set<number> } {
  const entries = [
    ...[...COMMON].filter((w) => w.length >= 4).map((w) => ({ w, bits: DICTIONARY_GUESS_BITS })),
    ...[...contextWords].map((w) => ({ w, bits: CONTEXT_GUESS_BITS })),
  ].sort((a, b) => b.w.length - a.w.length);
  const indices = new Set<number>();
  let bits = 0;
  for (const { w, bits: cost } of entries) {
    for (let at = text.indexOf(w); at >= 0; at = text.indexOf(w, at + 1)) {
      const span = Array.from({ length: w.length }, (_, k) => at + k);
      if (span.some((i) => indices.has(i))) continue;
      span.forEach((i) => indices.add(i));
      bits += cost;
    }
  }
  return { bits, indices };
}
