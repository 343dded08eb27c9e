/**
 * What a bundle carries, as parts: each part the UTF-8 JSON of version-2 changes
 * (`app/domain/sync/changes.ts`) — one outbox entry as it is stored, or a cut of a
 * snapshot. A bundle of one part carries it as its payload JSON; a bundle of several
 * carries `{"v":3,"parts":[p1,p2,…]}`, built by joining the bytes: no entry is parsed
 * again to be sent.
 */
import { utf8Decode, utf8Encode } from '../crypto';
import { changesToOps, encodeChanges, opsToChanges, parseChanges, type Op } from '../domain';
import { cutBatches } from './batch-ops';

/** Most parts in one bundle (each holds at least one visit or record, or anchors a chain). */
export const MAX_PARTS_PER_BUNDLE = 100_000;

const OPEN = utf8Encode('{"v":3,"parts":[');
const CLOSE = utf8Encode(']}');
const COMMA = utf8Encode(',');

/** The part of `ops`, merged per visit. */
export function opsPart(ops: readonly Op[]): Uint8Array {
  return utf8Encode(JSON.stringify(encodeChanges(opsToChanges(ops))));
}

/**
 * `ops` as parts of about `MAX_BUNDLE_JSON_BYTES` each (`cutBatches`); no op gives one
 * empty part (a bundle that anchors the chain of a device with nothing to share).
 */
export function opsParts(ops: readonly Op[]): Uint8Array[] {
  const batches = cutBatches(ops);
  return batches.length === 0 ? [opsPart([])] : batches.map(opsPart);
}

/** The ops of a part (to cut it). @throws OpsFormatError / SyntaxError when malformed */
export function partOps(part: Uint8Array): Op[] {
  return changesToOps(parseChanges(JSON.parse(utf8Decode(part))));
}

/** The payload JSON of a bundle of `parts` (at least one). */
export function joinParts(parts: readonly Uint8Array[]): Uint8Array {
  const [only] = parts;
  if (parts.length === 1 && only) return only;
  let length = OPEN.length + CLOSE.length + Math.max(0, parts.length - 1) * COMMA.length;
  for (const part of parts) length += part.length;
  const out = new Uint8Array(length);
  out.set(OPEN);
  let at = OPEN.length;
  parts.forEach((part, i) => {
    if (i > 0) out.set(COMMA, at);
    at += i > 0 ? COMMA.length : 0;
    out.set(part, at);
    at += part.length;
  });
  out.set(CLOSE, at);
  return out;
}

/** `items` in `n` consecutive groups of (nearly) equal length, none empty. */
export function splitEvenly<T>(items: readonly T[], n: number): T[][] {
  const count = Math.min(n, items.length);
  return Array.from({ length: count }, (_, i) =>
    items.slice(
      Math.floor((i * items.length) / count),
      Math.floor(((i + 1) * items.length) / count),
    ),
  );
}

/**
 * `parts` cut into about `n` groups, in order: several parts are shared out; a single part
 * is cut by its ops, one part per group.
 * @returns the groups, or `null` when a single part of one op cannot be cut
 */
export function splitParts(parts: readonly Uint8Array[], n: number): Uint8Array[][] | null {
  if (parts.length >= 2) return splitEvenly(parts, n);
  const [only] = parts;
  const ops = only ? partOps(only) : [];
  if (ops.length < 2) return null;
  return splitEvenly(ops, n).map((group) => [opsPart(group)]);
}
