import { beforeAll, describe, expect, it } from 'vitest';
import type { KdfParams } from '../../../app/crypto';
import {
  InvalidInputError,
  KDF_FLOOR,
  WeakKdfError,
  assertKdfParams,
  calibrateKdf,
  deriveKek,
  initCrypto,
} from '../../../app/crypto';

beforeAll(initCrypto);

const MIB = 1024 * 1024;
const FLOOR: KdfParams = { alg: 'argon2id13', ...KDF_FLOOR };

/** A clock that reports `elapsedMs` between its first and second reading. */
function fakeClock(elapsedMs: number): () => number {
  const readings = [1000, 1000 + elapsedMs];
  return () => readings.shift() ?? Number.NaN;
}

describe('KDF parameters', () => {
  it('accepts the floor and one above it, refuses one below (N−1, N, N+1)', () => {
    expect(() => assertKdfParams(FLOOR)).not.toThrow();
    expect(() => assertKdfParams({ ...FLOOR, opslimit: 4 })).not.toThrow();
    expect(() => assertKdfParams({ ...FLOOR, memlimit: 64 * MIB + 1 })).not.toThrow();
    expect(() => assertKdfParams({ ...FLOOR, opslimit: 2 })).toThrow(WeakKdfError);
    expect(() => assertKdfParams({ ...FLOOR, memlimit: 64 * MIB - 1 })).toThrow(WeakKdfError);
  });

  it('refuses another algorithm as weak and absurd or non-integer limits as invalid', () => {
    expect(() => assertKdfParams({ ...FLOOR, alg: 'argon2i13' } as unknown as KdfParams)).toThrow(
      WeakKdfError,
    );
    expect(() => assertKdfParams({ ...FLOOR, opslimit: 20 })).not.toThrow();
    expect(() => assertKdfParams({ ...FLOOR, opslimit: 21 })).toThrow(InvalidInputError);
    expect(() => assertKdfParams({ ...FLOOR, memlimit: 1024 * MIB })).not.toThrow();
    expect(() => assertKdfParams({ ...FLOOR, memlimit: 1024 * MIB + 1 })).toThrow(
      InvalidInputError,
    );
    expect(() => assertKdfParams({ ...FLOOR, opslimit: 3.5 })).toThrow(InvalidInputError);
  });

  it('refuses a salt that is not 16 bytes', () => {
    expect(() => deriveKek('p', new Uint8Array(15), FLOOR)).toThrow(InvalidInputError);
  });
});

describe('calibrateKdf', () => {
  it('scales memory so the predicted time is 0.8 × target, in whole MiB', () => {
    // 64 MiB took 400 ms; 800 ms of budget → 128 MiB.
    const { params, measuredMs } = calibrateKdf({ now: fakeClock(400) });
    expect(measuredMs).toBe(400);
    expect(params).toEqual({ alg: 'argon2id13', opslimit: 3, memlimit: 128 * MIB });
    const odd = calibrateKdf({ now: fakeClock(300) }).params.memlimit;
    expect(odd % MIB).toBe(0);
    expect(odd).toBe(170 * MIB); // floor(64 × 800 / 300) MiB
  });

  it('respects the memory cap on a fast device', () => {
    expect(calibrateKdf({ now: fakeClock(50) }).params.memlimit).toBe(256 * MIB);
    expect(calibrateKdf({ now: fakeClock(0), maxMemlimit: 100 * MIB }).params.memlimit).toBe(
      100 * MIB,
    );
  });

  it('never goes below the floor on a slow device', () => {
    expect(calibrateKdf({ now: fakeClock(5000) }).params).toEqual(FLOOR);
  });

  it('refuses a cap below the floor', () => {
    expect(() => calibrateKdf({ maxMemlimit: 32 * MIB })).toThrow(InvalidInputError);
  });

  it('returns valid parameters with the real clock', () => {
    const { params, measuredMs } = calibrateKdf({ targetMs: 500 });
    expect(measuredMs).toBeGreaterThan(0);
    expect(() => assertKdfParams(params)).not.toThrow();
    expect(params.memlimit).toBeLessThanOrEqual(256 * MIB);
  });
});
