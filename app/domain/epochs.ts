/**
 * Epochs of the vault key (DESIGN.md "Keys"; issues 4 and 6): when a new epoch starts, when
 * every device switches to it, and when an old one is dropped for good (crypto-shredding).
 * Pure: the store opens and seals the keys, this file only decides.
 *
 * Two synced records carry the protocol (both plain JSON inside the usual envelopes):
 * - `epoch` (record id = the epoch number): {@link EpochRecord}, written by the device that
 *   starts the epoch — every 30 days, or at once after a device is removed — with the new
 *   vault key sealed to each ACTIVE device of the verified device log (never to a removed
 *   one). Any device holding the key adds a copy for an active device that lacks one
 *   (a device paired meanwhile). When the epoch is dropped, the record is rewritten
 *   without keys (`retired`), so no copy of the key stays in a record.
 * - `epoch-ack` (record id = device id): {@link EpochAck}, what a device holds and uses.
 *
 * The rules, which every device applies to the records it has (so they converge):
 * 1. Adopt: open my copy of every epoch newer than my current one, not retired.
 * 2. Switch: use the newest held epoch that EVERY active device says it holds. A device
 *    never receives a bundle sealed under an epoch it cannot open: bundles use the current
 *    epoch, and no device makes an epoch current before all active devices hold it.
 * 3. Drop: an epoch older than my current one, once every active device says it uses a
 *    newer one. Its bundles all came before that device's acknowledgement in its chain, so
 *    none is still to be read; rows still sealed under it are sealed again under the
 *    current epoch first (the store does it in chunks), then its key is forgotten.
 * 4. Rotate: when the current epoch is 30 days old and no newer one is on its way.
 * Epoch 1 (the vault's first) has no record and is the oldest; a held epoch whose record has
 * not arrived yet cannot be placed in time, so nothing is decided until it arrives.
 */
import { isRecord } from './fhir/is-record';

/** Why an epoch was started. */
export type EpochReason = 'rotation' | 'removal';

/** The `epoch` record. */
export interface EpochRecord {
  readonly epoch: number;
  /** ISO 8601 UTC instant (`toISOString`), the order of epochs (ties by number). */
  readonly createdAt: string;
  readonly createdBy: string;
  readonly reason: EpochReason;
  /** deviceId → this epoch's key sealed to that device (base64url); `{}` once retired. */
  readonly keys: Readonly<Record<string, string>>;
  readonly retired: boolean;
}

/** The `epoch-ack` record of one device. */
export interface EpochAck {
  readonly deviceId: string;
  /** Epochs whose key this device holds, ascending. */
  readonly held: readonly number[];
  /** The epoch it seals new data and bundles under. */
  readonly current: number;
}

/** Days between two rotations. */
export const EPOCH_ROTATION_DAYS = 30;
const DAY_MS = 86_400_000;
const U32_MAX = 0xffff_ffff;
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const ID = /^[A-Za-z0-9_-]{1,64}$/;
const SEALED = /^[A-Za-z0-9_-]{1,2048}$/;

function isEpochNumber(x: unknown): x is number {
  return typeof x === 'number' && Number.isInteger(x) && x >= 1 && x <= U32_MAX;
}

/** Shape check of a received `epoch` record. */
export function isEpochRecord(x: unknown): x is EpochRecord {
  if (!isRecord(x)) return false;
  const keys = x['keys'];
  return (
    isEpochNumber(x['epoch']) &&
    x['epoch'] >= 2 &&
    typeof x['createdAt'] === 'string' &&
    ISO_UTC.test(x['createdAt']) &&
    typeof x['createdBy'] === 'string' &&
    ID.test(x['createdBy']) &&
    (x['reason'] === 'rotation' || x['reason'] === 'removal') &&
    typeof x['retired'] === 'boolean' &&
    isRecord(keys) &&
    Object.entries(keys).every(([id, v]) => ID.test(id) && typeof v === 'string' && SEALED.test(v))
  );
}

/** Shape check of a received `epoch-ack` record. */
export function isEpochAck(x: unknown): x is EpochAck {
  if (!isRecord(x)) return false;
  const held = x['held'];
  return (
    typeof x['deviceId'] === 'string' &&
    ID.test(x['deviceId']) &&
    isEpochNumber(x['current']) &&
    Array.isArray(held) &&
    held.length <= 64 &&
    held.every(isEpochNumber) &&
    held.includes(x['current'])
  );
}

/** What a device knows when it plans. */
export interface EpochView {
  readonly me: string;
  /** Epochs whose key this device holds. */
  readonly held: readonly number[];
  readonly current: number;
  readonly records: ReadonlyMap<number, EpochRecord>;
  readonly acks: ReadonlyMap<string, EpochAck>;
  /** Active (not removed) devices of the verified log, this one included; `[me]` alone
   * when sync is off. */
  readonly active: readonly string[];
  /** Unix ms. */
  readonly now: number;
  /** Since when epoch 1 is in use (the vault's creation here), Unix ms. */
  readonly firstEpochSince: number;
}

/** What to do next (in this order: switch, repair, rotate, drop). */
export interface EpochPlan {
  readonly switchTo: number | null;
  /** Epochs whose record lacks a key for some active devices, with those devices. */
  readonly repair: readonly { readonly epoch: number; readonly devices: readonly string[] }[];
  readonly rotate: boolean;
  readonly drop: readonly number[];
}

const NO_PLAN: EpochPlan = { switchTo: null, repair: [], rotate: false, drop: [] };

/**
 * The time key of an epoch, `null` when it cannot be placed yet (no record, not epoch 1).
 */
function timeKey(records: ReadonlyMap<number, EpochRecord>, epoch: number): string | null {
  if (epoch === 1) return '';
  return records.get(epoch)?.createdAt ?? null;
}

/**
 * Orders two placed epochs: negative when `a` is older. @returns null when either cannot
 * be placed.
 */
export function compareEpochs(
  records: ReadonlyMap<number, EpochRecord>,
  a: number,
  b: number,
): number | null {
  const ta = timeKey(records, a);
  const tb = timeKey(records, b);
  if (ta === null || tb === null) return null;
  return ta < tb ? -1 : ta > tb ? 1 : a - b;
}

function newer(view: Pick<EpochView, 'records'>, a: number, b: number): boolean {
  return (compareEpochs(view.records, a, b) ?? 0) > 0;
}

/** Rule 1: epochs whose key to open from their record (mine, newer, not retired). */
export function epochsToAdopt(view: EpochView): number[] {
  if (!view.active.includes(view.me)) return [];
  const held = new Set(view.held);
  return [...view.records.values()]
    .filter((r) => !r.retired && !held.has(r.epoch) && r.keys[view.me] !== undefined)
    .filter(
      (r) => timeKey(view.records, view.current) === null || newer(view, r.epoch, view.current),
    )
    .map((r) => r.epoch)
    .sort((a, b) => a - b);
}

function holdsAll(view: EpochView, epoch: number): boolean {
  return view.active.every(
    (id) => id === view.me || (view.acks.get(id)?.held.includes(epoch) ?? false),
  );
}

function usesNewer(view: EpochView, epoch: number): boolean {
  return view.active.every((id) => {
    if (id === view.me) return true;
    const ack = view.acks.get(id);
    return ack !== undefined && compareEpochs(view.records, ack.current, epoch) !== null
      ? newer(view, ack.current, epoch)
      : false;
  });
}

/**
 * Rules 2–4 (after adoption). Nothing is planned for a device that is not active, or while
 * a held epoch cannot be placed in time.
 */
export function planEpochs(view: EpochView): EpochPlan {
  if (!view.active.includes(view.me)) return NO_PLAN;
  if (view.held.some((e) => timeKey(view.records, e) === null)) return NO_PLAN;
  const byAge = [...view.held].sort((a, b) => compareEpochs(view.records, a, b) ?? 0);
  const candidates = byAge.filter((e) => newer(view, e, view.current)).reverse();
  const switchTo = candidates.find((e) => holdsAll(view, e)) ?? null;
  const current = switchTo ?? view.current;

  const repair = byAge
    .filter((e) => !newer(view, current, e))
    .flatMap((epoch) => {
      const record = view.records.get(epoch);
      if (record === undefined || record.retired) return [];
      const devices = view.active.filter(
        (id) =>
          record.keys[id] === undefined && !(view.acks.get(id)?.held.includes(epoch) ?? false),
      );
      return devices.length > 0 ? [{ epoch, devices }] : [];
    });

  const pending =
    byAge.some((e) => newer(view, e, current)) ||
    [...view.records.values()].some((r) => !r.retired && newer(view, r.epoch, current));
  const since =
    current === 1 ? view.firstEpochSince : Date.parse(view.records.get(current)?.createdAt ?? '');
  const rotate = !pending && view.now - since >= EPOCH_ROTATION_DAYS * DAY_MS;

  const drop = byAge.filter((e) => e !== current && newer(view, current, e) && usesNewer(view, e));
  return { switchTo, repair, rotate, drop };
}
