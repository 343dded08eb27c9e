/**
 * Passphrase policy for staff slots (DESIGN.md "Keys"): "at least 4 random-looking words /
 * 80 bits estimated; a list of common passwords is refused".
 *
 * The estimate is deliberately conservative: the minimum of two models, each assuming the
 * attacker knows how the passphrase was built.
 * - **Word model**: each distinct word of ≥ 3 letters is one pick from a Diceware-sized
 *   list (log2 7776 ≈ 12.9 bits, or less if the word itself is patterned); a common
 *   password, a stop word or a context word (pharmacy, staff name) is one cheap guess;
 *   a repeated word adds nothing.
 * - **Character model**: log2(pool) bits per character, where the pool is the union of
 *   the character classes used, case ignored (capitalisation variants are cheap to
 *   try); a repeated character costs 0 bits, a step of a sequence (abc, 123, cba) or of
 *   a keyboard row (azerty, qwerty) 1 bit; a common password or
 *   context word inside it costs one dictionary guess; a string made of a repeated unit
 *   costs the unit plus log2(repetitions).
 *
 * Acceptance: ≥ 80 estimated bits, **or** ≥ 4 distinct random-looking words (the first
 * half of the DESIGN rule). Four Diceware words are ≈ 52 bits, below 80: the word rule
 * accepts them because each guess costs a 64 MiB Argon2id derivation (≈ 1 s), and
 * `estimatedBits` reports the honest figure so the UI can show it.
 */
import {
  COMMON,
  STOP_WORDS,
  WORD_BITS,
  charModelBits,
  deLeet,
  fold,
  tokenize,
  wordModelBits,
} from './passphrase-entropy';
import { fieldError } from './errors';
import type { FieldErrorCode, MessageParams } from './messages';

export { WORD_BITS, charModelBits } from './passphrase-entropy';

/** Minimum estimated strength, in bits. */
export const MIN_PASSPHRASE_BITS = 80;
/** Minimum number of distinct random-looking words that is accepted regardless of bits. */
export const MIN_PASSPHRASE_WORDS = 4;

/** The verdict on a passphrase. */
export interface PassphraseAssessment {
  ok: boolean;
  /** Conservative estimate, in bits, rounded down. */
  estimatedBits: number;
  /** Distinct random-looking words found. */
  words: number;
  /** Why it is refused (a code of the message table). */
  code?: FieldErrorCode;
  /** French: what is wrong and how to fix it. */
  message?: string;
}

/**
 * Assesses a staff passphrase. `context` lists names an attacker knows (pharmacy name,
 * staff names, town): a passphrase made only of them is refused, and they count as cheap
 * guesses inside longer ones.
 */
export function assessPassphrase(
  passphrase: string,
  context: readonly string[] = [],
): PassphraseAssessment {
  const folded = fold(passphrase.normalize('NFC')).trim();
  const contextWords = new Set(
    context.flatMap((c) => tokenize(fold(c))).filter((w) => w.length >= 3),
  );
  const tokens = tokenize(folded);
  if (folded === '') return refuse('passphrase.empty', 0, 0);
  const bits = Math.min(
    wordModelBits(folded, tokens, contextWords),
    charModelBits(folded, contextWords),
  );
  const estimatedBits = Math.floor(bits);
  const words = countRandomWords(tokens, contextWords);
  if (isCommon(folded)) return refuse('passphrase.common', estimatedBits, words);
  const informative = tokens.filter((t) => !STOP_WORDS.has(t));
  if (informative.length > 0 && informative.every((t) => contextWords.has(t))) {
    return refuse('passphrase.context', estimatedBits, words);
  }
  if (estimatedBits >= MIN_PASSPHRASE_BITS || words >= MIN_PASSPHRASE_WORDS) {
    return { ok: true, estimatedBits, words };
  }
  return refuse('passphrase.weak', estimatedBits, words, {
    bits: estimatedBits,
    minBits: MIN_PASSPHRASE_BITS,
  });
}

function refuse(
  code: FieldErrorCode,
  estimatedBits: number,
  words: number,
  params?: MessageParams,
): PassphraseAssessment {
  return {
    ok: false,
    estimatedBits,
    words,
    code,
    message: fieldError('passphrase', code, params).message,
  };
}

/** Equal to a common password, ignoring spaces, leetspeak and trailing digits/symbols. */
function isCommon(folded: string): boolean {
  const compact = folded.replace(/[\s._-]+/g, '');
  const candidates = [compact, deLeet(compact)];
  for (const c of [...candidates]) candidates.push(c.replace(/[^\p{L}]+$/u, ''));
  return candidates.some((c) => c !== '' && COMMON.has(c));
}

function isRandomLookingWord(token: string, contextWords: ReadonlySet<string>): boolean {
  return (
    /^\p{L}{3,}$/u.test(token) &&
    !COMMON.has(token) &&
    !STOP_WORDS.has(token) &&
    !contextWords.has(token) &&
    charModelBits(token, contextWords) >= WORD_BITS
  );
}

function countRandomWords(tokens: readonly string[], contextWords: ReadonlySet<string>): number {
  return new Set(tokens.filter((t) => isRandomLookingWord(t, contextWords))).size;
}
