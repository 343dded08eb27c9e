import { beforeAll, describe, expect, it } from 'vitest';
import { initCrypto, utf8Encode } from '../../../app/crypto';
import { decodeRecord, encodeRecord } from '../../../app/store';

const isPoint = (x: unknown): x is { x: number; y: number } =>
  typeof x === 'object' && x !== null && 'x' in x && typeof x.x === 'number' && 'y' in x;

beforeAll(async () => {
  await initCrypto();
});

describe('record codec', () => {
  it('round-trips a JSON record through UTF-8 bytes', () => {
    const record = { x: 1, y: 2, name: 'Éloïse Ñúñez' };
    expect(decodeRecord(encodeRecord(record), isPoint)).toEqual(record);
  });

  it('reports bytes that are not JSON, or JSON of the wrong shape, as corrupt', () => {
    expect(() => decodeRecord(utf8Encode('{"x":'), isPoint)).toThrow(
      expect.objectContaining({ name: 'StorageError', code: 'corrupt' }),
    );
    expect(() => decodeRecord(encodeRecord({ x: 'a' }), isPoint)).toThrow(
      expect.objectContaining({ code: 'corrupt' }),
    );
  });

  it('refuses values JSON cannot encode', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => encodeRecord(cyclic)).toThrow(expect.objectContaining({ code: 'corrupt' }));
    expect(() => encodeRecord(undefined)).toThrow(expect.objectContaining({ code: 'corrupt' }));
  });
});
