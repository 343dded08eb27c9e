/**
 * SharedEventHub, the relay-side logic of the hub shared by several relays, over a fake bus:
 * local delivery at once, monotone seqs per vault (echoes and late copies dropped), resync
 * after an outage. The real bus (PostgreSQL LISTEN/NOTIFY): relay-postgres/event-hub.test.ts.
 */
import { describe, expect, it, vi } from 'vitest';
import { SharedEventHub, type EventBus } from '../../../sync-server/relay/shared-event-hub';

function fakeBus() {
  const announced: [string, number][] = [];
  const bus: EventBus & { closed: boolean } = {
    closed: false,
    announce: (vaultId, seq) => void announced.push([vaultId, seq]),
    close: async () => {
      bus.closed = true;
    },
  };
  return { bus, announced };
}

function hubWith(lastSeq: (vaultId: string) => Promise<number> = async () => 0) {
  const { bus, announced } = fakeBus();
  const logs: string[] = [];
  const hub = new SharedEventHub(bus, { lastSeq }, (line) => logs.push(line));
  return { hub, bus, announced, logs };
}

function listen(hub: SharedEventHub, vaultId: string) {
  const heard: number[] = [];
  const unsubscribe = hub.subscribe(vaultId, (seq) => heard.push(seq));
  return { heard, unsubscribe };
}

describe('SharedEventHub', () => {
  it('delivers a publish to local listeners at once and announces it on the bus', () => {
    const { hub, announced } = hubWith();
    const a = listen(hub, 'v1');
    const b = listen(hub, 'v1');
    hub.publish('v1', 1);
    expect(a.heard).toEqual([1]);
    expect(b.heard).toEqual([1]);
    expect(announced).toEqual([['v1', 1]]);
  });

  it('announces a publish even when no one listens here', () => {
    const { hub, announced } = hubWith();
    hub.publish('v1', 3);
    expect(announced).toEqual([['v1', 3]]);
  });

  it('drops the echo of its own publish and any seq not above the last delivered', () => {
    const { hub } = hubWith();
    const a = listen(hub, 'v1');
    hub.publish('v1', 5);
    hub.receive('v1', 5); // the bus's echo
    hub.receive('v1', 4); // a late copy
    hub.receive('v1', 6);
    hub.publish('v1', 6);
    expect(a.heard).toEqual([5, 6]);
  });

  it('delivers announcements of other relays to the listeners of that vault only', () => {
    const { hub } = hubWith();
    const a = listen(hub, 'v1');
    const b = listen(hub, 'v2');
    hub.receive('v1', 1);
    hub.receive('v3', 9);
    expect(a.heard).toEqual([1]);
    expect(b.heard).toEqual([]);
  });

  it('stops delivering after unsubscribe and forgets a vault without listeners', () => {
    const { hub } = hubWith();
    const a = listen(hub, 'v1');
    const b = listen(hub, 'v1');
    a.unsubscribe();
    hub.receive('v1', 1);
    expect(a.heard).toEqual([]);
    expect(b.heard).toEqual([1]);
    b.unsubscribe();
    expect(hub.listenerCount('v1')).toBe(0);
    // A new listener starts afresh: the vault's last delivered seq went with its listeners.
    const c = listen(hub, 'v1');
    hub.receive('v1', 1);
    expect(c.heard).toEqual([1]);
  });

  it('keeps delivering to the other listeners when one throws', () => {
    const { hub, logs } = hubWith();
    hub.subscribe('v1', () => {
      throw new TypeError('stream gone');
    });
    const b = listen(hub, 'v1');
    hub.receive('v1', 1);
    expect(b.heard).toEqual([1]);
    expect(logs).toEqual(['relay events: a listener failed (TypeError)']);
  });

  it('resyncs each listened vault to its last stored seq when that is newer', async () => {
    const stored: Record<string, number> = { v1: 7, v2: 2, v3: 4 };
    const lastSeq = vi.fn(async (vaultId: string) => stored[vaultId] ?? 0);
    const { hub } = hubWith(lastSeq);
    const a = listen(hub, 'v1');
    const b = listen(hub, 'v2');
    hub.receive('v2', 2);
    await hub.resync();
    expect(a.heard).toEqual([7]);
    expect(b.heard).toEqual([2]); // nothing missed: no second event
    expect(lastSeq.mock.calls.map(([v]) => v).sort()).toEqual(['v1', 'v2']);
  });

  it('retries a failed resync read and logs only the error class when it keeps failing', async () => {
    vi.useFakeTimers();
    try {
      let calls = 0;
      const { hub, logs } = hubWith(async (vaultId) => {
        calls += 1;
        if (vaultId === 'v1' && calls === 1) throw new Error('connection reset');
        if (vaultId === 'v2') throw new RangeError('still down');
        return 3;
      });
      const a = listen(hub, 'v1');
      listen(hub, 'v2');
      const done = hub.resync();
      await vi.runAllTimersAsync();
      await done;
      expect(a.heard).toEqual([3]);
      expect(logs).toEqual(['relay events: resync of a vault failed (RangeError)']);
    } finally {
      vi.useRealTimers();
    }
  });

  it('closes its bus once and still delivers its own publishes locally afterwards', async () => {
    const { hub, bus, announced } = hubWith();
    const a = listen(hub, 'v1');
    await hub.close();
    await hub.close();
    expect(bus.closed).toBe(true);
    hub.publish('v1', 1);
    expect(a.heard).toEqual([1]);
    expect(announced).toEqual([]);
  });
});
