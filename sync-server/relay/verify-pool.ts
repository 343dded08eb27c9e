/**
 * Ed25519 verification for the relay's hot path (two per push: the request and the bundle),
 * optionally on worker threads. Profiled under the push benchmark, verification was a third
 * of the relay's CPU on its single event loop; a worker takes it to another core.
 *
 * Requests queued during one turn of the event loop go to a worker as ONE message (round
 * robin over the workers), so the messaging cost is shared by the batch. A worker that
 * fails is replaced and its batch verified inline: a signature is never lost or guessed;
 * one that fails 3 times in a row without answering (e.g. its file cannot load) is given
 * up, and its share is verified inline.
 */
import { Worker } from 'node:worker_threads';
import { verifyEd25519 } from './node-crypto';

/** Verifies Ed25519 signatures of raw 32-byte public keys; false for anything malformed. */
export interface SignatureVerifier {
  verify(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): Promise<boolean>;
  close(): Promise<void>;
}

/** On the calling thread (tests, one-core machines). */
export const INLINE_VERIFIER: SignatureVerifier = {
  verify: (publicKey, message, signature) =>
    Promise.resolve(verifyEd25519(publicKey, message, signature)),
  close: () => Promise.resolve(),
};

interface Item {
  readonly key: Uint8Array;
  readonly message: Uint8Array;
  readonly signature: Uint8Array;
  readonly resolve: (ok: boolean) => void;
}

interface Slot {
  worker: Worker;
  readonly inFlight: Map<number, Item[]>;
  /** Exits since the last reply; a worker that keeps failing is not restarted. */
  failures: number;
}

/** Consecutive failures after which a slot stops restarting its worker (inline instead). */
const MAX_FAILURES = 3;

const WORKER_URL = new URL('./verify-worker.mjs', import.meta.url);

/** Largest batch sent in one message. */
const MAX_BATCH = 256;

/** Verification on `threads` worker threads. */
export class ThreadVerifier implements SignatureVerifier {
  readonly #slots: Slot[] = [];
  #queue: Item[] = [];
  #scheduled = false;
  #next = 0;
  #batchId = 0;
  #closed = false;
  readonly #workerUrl: URL;

  /** @param workerUrl - the worker script (tests point it at a broken one) */
  constructor(threads: number, workerUrl: URL = WORKER_URL) {
    this.#workerUrl = workerUrl;
    if (!Number.isInteger(threads) || threads < 1) throw new RangeError('threads must be ≥ 1');
    for (let i = 0; i < threads; i++) {
      const slot: Slot = { worker: new Worker(this.#workerUrl), inFlight: new Map(), failures: 0 };
      this.#watch(slot);
      this.#slots.push(slot);
    }
  }

  /** Wires the slot's current worker: replies resolve its batches; an exit recovers. */
  #watch(slot: Slot): void {
    const worker = slot.worker;
    worker.unref(); // never keeps the process alive on its own
    worker.on('message', (reply: { id: number; results: boolean[] }) => {
      slot.failures = 0;
      const items = slot.inFlight.get(reply.id) ?? [];
      slot.inFlight.delete(reply.id);
      items.forEach((item, i) => item.resolve(reply.results[i] === true));
    });
    // 'error' is always followed by 'exit': recover once, and only for the current worker.
    worker.on('error', () => undefined);
    worker.on('exit', () => {
      if (slot.worker === worker) this.#recover(slot);
    });
  }

  /** Verifies a dead worker's batches inline and starts a new worker. */
  #recover(slot: Slot): void {
    for (const items of slot.inFlight.values()) {
      for (const item of items) item.resolve(verifyEd25519(item.key, item.message, item.signature));
    }
    slot.inFlight.clear();
    slot.failures++;
    if (this.#closed || slot.failures >= MAX_FAILURES) return;
    slot.worker = new Worker(this.#workerUrl);
    this.#watch(slot);
  }

  /** A slot whose worker can take work (not given up after repeated failures). */
  #usable(slot: Slot): boolean {
    return slot.failures < MAX_FAILURES;
  }

  verify(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): Promise<boolean> {
    if (this.#closed) return INLINE_VERIFIER.verify(publicKey, message, signature);
    return new Promise((resolve) => {
      this.#queue.push({ key: publicKey, message, signature, resolve });
      if (this.#scheduled) return;
      this.#scheduled = true;
      setImmediate(() => this.#flush());
    });
  }

  #flush(): void {
    this.#scheduled = false;
    const queue = this.#queue;
    this.#queue = [];
    const slots = this.#slots.filter((slot) => this.#usable(slot));
    if (slots.length === 0) {
      for (const i of queue) i.resolve(verifyEd25519(i.key, i.message, i.signature));
      return;
    }
    for (let at = 0; at < queue.length; at += MAX_BATCH) {
      const items = queue.slice(at, at + MAX_BATCH);
      const slot = slots[this.#next++ % slots.length] as Slot;
      const id = ++this.#batchId;
      slot.inFlight.set(id, items);
      const wire = items.map(({ key, message, signature }) => ({ key, message, signature }));
      slot.worker.postMessage({ id, items: wire });
    }
  }

  async close(): Promise<void> {
    this.#closed = true;
    await Promise.all(this.#slots.map((slot) => slot.worker.terminate()));
  }
}
