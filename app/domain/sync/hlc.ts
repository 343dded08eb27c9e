/**
 * Hybrid logical clocks (Kulkarni et al., "Logical Physical Clocks", 2014,
 * https://cse.buffalo.edu/tech-reports/2014-04.pdf) as strings that sort in clock order.
 *
 * ```
 * FROZEN encoding (carried by ops and stored in visit payloads):
 * ┌───────────────────────┬───┬─────────────────────┬───┬───────────────────────────┐
 * │ wall ms, base36, 9 ch │ : │ counter, base36, 4  │ : │ device id (base64url, ≥1) │
 * │ zero-padded           │   │ ch, zero-padded     │   │                           │
 * └───────────────────────┴───┴─────────────────────┴───┴───────────────────────────┘
 * e.g. `kpbsz1ccw:0002:Vx3…`; `000000000:0000:0` = {@link ZERO_HLC}, before every clock.
 * ```
 * The two numbers have a fixed width, so plain string comparison orders by (ms, counter,
 * device id): a total order, ties on (ms, counter) broken by device id.
 */

/** Clocks are strings in the FROZEN encoding above. */
export type Hlc = string;

const MS_CHARS = 9;
const COUNTER_CHARS = 4;
/** Largest counter that fits its 4 base36 characters. */
const MAX_COUNTER = 36 ** COUNTER_CHARS - 1;
/** Largest wall time that fits 9 base36 characters (year ~5138). */
const MAX_MS = 36 ** MS_CHARS - 1;
const HLC_PATTERN = /^([0-9a-z]{9}):([0-9a-z]{4}):([A-Za-z0-9_-]{1,64})$/;
const DEVICE_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** The smallest clock: what data written before clocks existed (v1 payloads) carry. */
export const ZERO_HLC: Hlc = '000000000:0000:0';

/** The three parts of a clock. */
export interface HlcParts {
  readonly ms: number;
  readonly counter: number;
  readonly deviceId: string;
}

/** Whether `x` is a clock in the FROZEN encoding. */
export function isHlc(x: unknown): x is Hlc {
  return typeof x === 'string' && HLC_PATTERN.test(x);
}

/**
 * Splits a clock into its parts.
 * @throws RangeError when `hlc` is not in the FROZEN encoding
 */
export function parseHlc(hlc: string): HlcParts {
  const m = HLC_PATTERN.exec(hlc);
  if (!m?.[1] || !m[2] || !m[3]) throw new RangeError('malformed hybrid logical clock');
  return { ms: parseInt(m[1], 36), counter: parseInt(m[2], 36), deviceId: m[3] };
}

/**
 * Encodes clock parts. A counter past its 4 characters carries into the next millisecond
 * (the clock stays monotonic; it merely runs ahead of the wall by 1 ms).
 * @throws RangeError on a device id outside base64url, or a time out of range
 */
export function formatHlc(parts: HlcParts): Hlc {
  let { ms, counter } = parts;
  if (counter > MAX_COUNTER) {
    ms += 1;
    counter = 0;
  }
  if (!DEVICE_PATTERN.test(parts.deviceId)) throw new RangeError('bad device id for a clock');
  if (!Number.isSafeInteger(ms) || ms < 0 || ms > MAX_MS) throw new RangeError('bad clock time');
  const msText = ms.toString(36).padStart(MS_CHARS, '0');
  return `${msText}:${counter.toString(36).padStart(COUNTER_CHARS, '0')}:${parts.deviceId}`;
}

/** Orders two clocks: negative, 0 or positive (plain code-unit order of the encoding). */
export function compareHlc(a: Hlc, b: Hlc): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/** The later of two clocks. */
export function maxHlc(a: Hlc, b: Hlc): Hlc {
  return compareHlc(a, b) >= 0 ? a : b;
}

/**
 * The clock of a local event (HLC "send"): later than `last` and than the wall clock.
 *
 * @param last this device's previous clock, `null` for the first event
 * @param nowMs wall clock, epoch milliseconds
 * @throws RangeError on a malformed `last` or device id
 */
export function tickHlc(last: Hlc | null, nowMs: number, deviceId: string): Hlc {
  const prev = last === null ? null : parseHlc(last);
  const wall = Math.floor(nowMs);
  if (!prev || wall > prev.ms) return formatHlc({ ms: wall, counter: 0, deviceId });
  return formatHlc({ ms: prev.ms, counter: prev.counter + 1, deviceId });
}

/**
 * The clock after receiving `remote` (HLC "receive"): later than `last`, `remote` and the
 * wall clock, so the next local change wins over everything seen so far.
 *
 * @throws RangeError on a malformed clock or device id
 */
export function receiveHlc(last: Hlc | null, remote: Hlc, nowMs: number, deviceId: string): Hlc {
  const r = parseHlc(remote);
  const l = last === null ? null : parseHlc(last);
  const wall = Math.floor(nowMs);
  const ms = Math.max(wall, r.ms, l?.ms ?? -1);
  let counter = 0;
  if (l && ms === l.ms && ms === r.ms) counter = Math.max(l.counter, r.counter) + 1;
  else if (l && ms === l.ms) counter = l.counter + 1;
  else if (ms === r.ms) counter = r.counter + 1;
  return formatHlc({ ms, counter, deviceId });
}
