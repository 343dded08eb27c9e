import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compareHlc,
  formatHlc,
  isHlc,
  parseHlc,
  receiveHlc,
  tickHlc,
  ZERO_HLC,
} from '../../../app/domain';

const T = 1_620_000_000_000;

describe('hybrid logical clock', () => {
  it('encodes ms and counter in fixed-width base36, then the device id', () => {
    expect(formatHlc({ ms: T, counter: 2, deviceId: 'devA' })).toBe(
      `${T.toString(36).padStart(9, '0')}:0002:devA`,
    );
    expect(parseHlc(formatHlc({ ms: T, counter: 35, deviceId: 'x_-9' }))).toEqual({
      ms: T,
      counter: 35,
      deviceId: 'x_-9',
    });
    expect(isHlc(ZERO_HLC)).toBe(true);
  });

  it('refuses malformed clocks and device ids', () => {
    for (const bad of [
      '',
      'abc',
      '00000000:0000:a',
      '000000000:000:a',
      '000000000:0000:',
      'A00000000:0000:a',
    ]) {
      expect(isHlc(bad), bad).toBe(false);
      expect(() => parseHlc(bad)).toThrow(RangeError);
    }
    expect(() => tickHlc(null, T, 'has:colon')).toThrow(RangeError);
    expect(() => tickHlc(null, T, '')).toThrow(RangeError);
  });

  it('orders by ms, then counter, then device id', () => {
    const a = formatHlc({ ms: T, counter: 1, deviceId: 'zzz' });
    const b = formatHlc({ ms: T, counter: 2, deviceId: 'aaa' });
    const c = formatHlc({ ms: T + 1, counter: 0, deviceId: 'aaa' });
    const d = formatHlc({ ms: T + 1, counter: 0, deviceId: 'bbb' });
    expect([d, c, b, a].sort(compareHlc)).toEqual([a, b, c, d]);
    expect(compareHlc(ZERO_HLC, a)).toBeLessThan(0);
    expect(compareHlc(a, a)).toBe(0);
  });

  it('ticks from the wall clock, and counts up when the wall stands still or goes back', () => {
    const first = tickHlc(null, T, 'dev');
    expect(parseHlc(first)).toEqual({ ms: T, counter: 0, deviceId: 'dev' });
    expect(parseHlc(tickHlc(first, T, 'dev')).counter).toBe(1);
    expect(parseHlc(tickHlc(first, T - 5000, 'dev'))).toMatchObject({ ms: T, counter: 1 });
    expect(parseHlc(tickHlc(first, T + 1, 'dev'))).toMatchObject({ ms: T + 1, counter: 0 });
  });

  it('carries a full counter (zzzz) into the next millisecond', () => {
    const full = formatHlc({ ms: T, counter: 36 ** 4 - 1, deviceId: 'dev' });
    expect(parseHlc(tickHlc(full, T, 'dev'))).toMatchObject({ ms: T + 1, counter: 0 });
  });

  it('receives: later than local, remote and wall (standard HLC rules)', () => {
    const local = formatHlc({ ms: T, counter: 3, deviceId: 'me' });
    const remoteAhead = formatHlc({ ms: T + 10, counter: 7, deviceId: 'you' });
    expect(parseHlc(receiveHlc(local, remoteAhead, T, 'me'))).toEqual({
      ms: T + 10,
      counter: 8,
      deviceId: 'me',
    });
    const remoteSame = formatHlc({ ms: T, counter: 9, deviceId: 'you' });
    expect(parseHlc(receiveHlc(local, remoteSame, T, 'me'))).toMatchObject({ ms: T, counter: 10 });
    expect(parseHlc(receiveHlc(local, remoteSame, T + 50, 'me'))).toMatchObject({
      ms: T + 50,
      counter: 0,
    });
    expect(parseHlc(receiveHlc(null, remoteSame, T - 1, 'me'))).toMatchObject({ counter: 10 });
  });

  it('never goes backwards, whatever the wall clock does (property)', () => {
    const ms = fc.integer({ min: 0, max: 2 ** 40 });
    const dev = fc.constantFrom('a', 'b', 'c');
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.boolean(), ms, ms, dev), { maxLength: 30 }), (steps) => {
        let last: string | null = null;
        for (const [receive, now, remoteMs, remoteDev] of steps) {
          const remote = formatHlc({ ms: remoteMs, counter: 0, deviceId: remoteDev });
          const next: string = receive
            ? receiveHlc(last, remote, now, 'me')
            : tickHlc(last, now, 'me');
          if (last !== null) expect(compareHlc(next, last)).toBeGreaterThan(0);
          if (receive) expect(compareHlc(next, remote)).toBeGreaterThan(0);
          last = next;
        }
      }),
    );
  });
});
