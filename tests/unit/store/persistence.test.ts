import { describe, expect, it } from 'vitest';
import { estimateStorage, requestPersistentStorage } from '../../../app/store';

describe('persistent storage', () => {
  it('does not ask again when storage is already persisted', async () => {
    let asked = false;
    const nav = {
      storage: {
        persisted: async () => true,
        persist: async () => {
          asked = true;
          return true;
        },
      },
    };
    expect(await requestPersistentStorage(nav)).toBe('persisted');
    expect(asked).toBe(false);
  });

  it('reports the browser answer, a refusal, and a missing API', async () => {
    const storage = (answer: boolean | Error) => ({
      storage: {
        persisted: async () => false,
        persist: async () => {
          if (answer instanceof Error) throw answer;
          return answer;
        },
      },
    });
    expect(await requestPersistentStorage(storage(true))).toBe('persisted');
    expect(await requestPersistentStorage(storage(false))).toBe('denied');
    expect(await requestPersistentStorage(storage(new Error('insecure')))).toBe('denied');
    expect(await requestPersistentStorage({})).toBe('unsupported');
    expect(await requestPersistentStorage(undefined)).toBe('unsupported');
  });

  it('estimates usage and quota in bytes, or null without the API', async () => {
    const nav = { storage: { estimate: async () => ({ usage: 10, quota: 100 }) } };
    expect(await estimateStorage(nav)).toEqual({ usageBytes: 10, quotaBytes: 100 });
    expect(await estimateStorage({ storage: {} })).toBeNull();
  });
});
