import { describe, expect, it } from 'vitest';
import {
  EPOCH_ROTATION_DAYS,
  epochsToAdopt,
  isEpochAck,
  isEpochRecord,
  planEpochs,
  type EpochAck,
  type EpochRecord,
  type EpochView,
} from '../../../app/domain';

const DAY = 86_400_000;
const T0 = Date.parse('2026-01-01T00:00:00.000Z');
const iso = (days: number) => new Date(T0 + days * DAY).toISOString();

function record(epoch: number, days: number, keys: string[], retired = false): EpochRecord {
  return {
    epoch,
    createdAt: iso(days),
    createdBy: 'A',
    reason: 'rotation',
    keys: Object.fromEntries(keys.map((k) => [k, `sealed${k}`])),
    retired,
  };
}

function ack(deviceId: string, held: number[], current: number): EpochAck {
  return { deviceId, held, current };
}

function view(patch: Partial<EpochView>): EpochView {
  return {
    me: 'A',
    held: [1],
    current: 1,
    records: new Map(),
    acks: new Map(),
    active: ['A', 'B'],
    now: T0 + DAY,
    firstEpochSince: T0,
    ...patch,
  };
}

const records = (...list: EpochRecord[]) => new Map(list.map((r) => [r.epoch, r]));
const acks = (...list: EpochAck[]) => new Map(list.map((a) => [a.deviceId, a]));

describe('epoch rules', () => {
  it('rotates once the current epoch is 30 days old, and not while a newer one is on its way', () => {
    const due = T0 + EPOCH_ROTATION_DAYS * DAY;
    expect(planEpochs(view({ now: due - 1 })).rotate).toBe(false);
    expect(planEpochs(view({ now: due })).rotate).toBe(true);
    // A rotation by another device, not yet adopted here: no second one.
    const pending = view({ now: due, records: records(record(77, 30, ['A', 'B'])) });
    expect(planEpochs(pending).rotate).toBe(false);
    // The age of a later epoch counts from its record.
    const later = view({ held: [1, 77], current: 77, records: records(record(77, 30, ['A'])) });
    expect(planEpochs({ ...later, now: due + 29 * DAY }).rotate).toBe(false);
    expect(planEpochs({ ...later, now: due + 30 * DAY }).rotate).toBe(true);
  });

  it('adopts only its own copies of newer epochs that are not retired', () => {
    const v = view({
      held: [1, 5],
      current: 5,
      records: records(
        record(5, 10, ['A']),
        record(3, 5, ['A']), // older than the current one: it was dropped here
        record(9, 20, ['B']), // no copy for A
        record(11, 21, ['A'], true), // retired
        record(12, 22, ['A']),
      ),
    });
    expect(epochsToAdopt(v)).toEqual([12]);
    expect(epochsToAdopt({ ...v, active: ['B'] })).toEqual([]);
  });

  it('switches to the newest epoch every active device holds, never before', () => {
    const r = records(record(7, 30, ['A', 'B']), record(8, 31, ['A', 'B']));
    const base = view({ held: [1, 7, 8], records: r });
    expect(planEpochs(base).switchTo).toBeNull();
    const bHolds7 = { ...base, acks: acks(ack('B', [1, 7], 1)) };
    expect(planEpochs(bHolds7).switchTo).toBe(7);
    const bHoldsBoth = { ...base, acks: acks(ack('B', [1, 7, 8], 1)) };
    expect(planEpochs(bHoldsBoth).switchTo).toBe(8);
    // A removed device does not count; a device alone switches at once.
    expect(planEpochs({ ...base, active: ['A'] }).switchTo).toBe(8);
  });

  it('drops an older epoch only when every active device uses a newer one', () => {
    const r = records(record(7, 30, ['A', 'B']));
    const base = view({ held: [1, 7], current: 7, records: r });
    expect(planEpochs({ ...base, acks: acks(ack('B', [1, 7], 1)) }).drop).toEqual([]);
    expect(planEpochs({ ...base, acks: acks(ack('B', [1, 7], 7)) }).drop).toEqual([1]);
    expect(planEpochs({ ...base, active: ['A'] }).drop).toEqual([1]);
    // Not while another active device (C) still uses it.
    const three = { ...base, active: ['A', 'B', 'C'] };
    const cBehind = acks(ack('B', [1, 7], 7), ack('C', [1, 7], 1));
    expect(planEpochs({ ...three, acks: cBehind }).drop).toEqual([]);
    const cUnknown = acks(ack('B', [1, 7], 7));
    expect(planEpochs({ ...three, acks: cUnknown }).drop).toEqual([]);
  });

  it('repairs the record of an epoch in use for an active device without a copy', () => {
    const r = records(record(7, 30, ['A']));
    const v = view({ held: [1, 7], current: 1, records: r, active: ['A', 'B', 'C'] });
    const withC = { ...v, acks: acks(ack('C', [1, 7], 1)) };
    expect(planEpochs(withC).repair).toEqual([{ epoch: 7, devices: ['B'] }]);
    const retired = records(record(7, 30, [], true));
    expect(planEpochs({ ...v, records: retired }).repair).toEqual([]);
  });

  it('decides nothing while a held epoch cannot be placed in time (its record is missing)', () => {
    const v = view({ held: [1, 7], current: 7, now: T0 + 400 * DAY, active: ['A'] });
    expect(planEpochs(v)).toEqual({ switchTo: null, repair: [], rotate: false, drop: [] });
  });

  it('checks the shape of received records', () => {
    expect(isEpochRecord(record(7, 1, ['A']))).toBe(true);
    expect(isEpochRecord({ ...record(7, 1, ['A']), epoch: 1 })).toBe(false);
    expect(isEpochRecord({ ...record(7, 1, ['A']), createdAt: '2026-01-01' })).toBe(false);
    expect(isEpochRecord({ ...record(7, 1, ['A']), keys: { A: 'not base64!' } })).toBe(false);
    expect(isEpochAck(ack('A', [1, 7], 7))).toBe(true);
    expect(isEpochAck(ack('A', [1], 7))).toBe(false);
    expect(isEpochAck({ ...ack('A', [1], 1), held: [0] })).toBe(false);
  });
});
