/** Runtime parsers of JSON bodies and queries refuse wrong shapes. */
import { describe, expect, it } from 'vitest';
import {
  parseBundleEvent,
  parseCreateVaultRequest,
  parsePullBundlesResponse,
  parsePullQuery,
  parsePushBundleResponse,
  pullPath,
  ProtocolError,
  type VaultId,
} from '../../../sync-server/protocol';

describe('message parsers', () => {
  it('parses push and pull responses and refuses extra or missing keys', () => {
    expect(parsePushBundleResponse({ seq: 3, duplicate: false })).toEqual({
      seq: 3,
      duplicate: false,
    });
    for (const bad of [
      { seq: 0, duplicate: false },
      { seq: 1 },
      { seq: 1, duplicate: 'no' },
      { seq: 1, duplicate: true, x: 1 },
      null,
      [],
    ]) {
      expect(() => parsePushBundleResponse(bad)).toThrow(ProtocolError);
    }
    const pull = { bundles: [{ seq: 1, data: 'AQID' }], next: 1, more: false };
    expect(parsePullBundlesResponse(pull)).toEqual(pull);
    expect(() => parsePullBundlesResponse({ ...pull, next: -1 })).toThrow(ProtocolError);
    expect(() => parsePullBundlesResponse({ ...pull, bundles: [{ seq: 1, data: 'A=' }] })).toThrow(
      ProtocolError,
    );
  });

  it('parses bundle events from their data line', () => {
    expect(parseBundleEvent('{"seq":7}')).toEqual({ seq: 7 });
    for (const bad of ['{', '{"seq":"7"}', '{"seq":7,"x":1}', 7]) {
      expect(() => parseBundleEvent(bad)).toThrow(ProtocolError);
    }
  });

  it('refuses a create-vault body with a malformed vault id or entry', () => {
    expect(() => parseCreateVaultRequest({ vault: 'x', genesis: {} })).toThrow(ProtocolError);
    expect(() => parseCreateVaultRequest({ vault: 'AAAAAAAAAAAAAAAAAAAAAA', genesis: {} })).toThrow(
      /entry/,
    );
  });

  it('parses pull queries: defaults, bounds 1..1000, no repeats or odd numbers', () => {
    expect(parsePullQuery({})).toEqual({ after: 0, limit: 500 });
    expect(parsePullQuery({ after: ['12'], limit: ['1000'] })).toEqual({ after: 12, limit: 1000 });
    expect(parsePullQuery({ limit: ['1'] })).toEqual({ after: 0, limit: 1 });
    const bad: Record<string, string[]>[] = [
      { limit: ['0'] },
      { limit: ['1001'] },
      { after: ['-1'] },
      { after: ['1e3'] },
      { after: ['01'] },
      { after: ['1', '2'] },
      { after: ['99999999999999999'] },
    ];
    for (const q of bad) expect(parsePullQuery(q)).toBeNull();
    expect(pullPath('AbC' as VaultId, 12)).toBe('/v1/vaults/AbC/bundles?after=12&limit=500');
  });
});
