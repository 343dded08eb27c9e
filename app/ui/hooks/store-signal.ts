/**
 * A minimal observable value for the UI: the controller owns state, components subscribe
 * through {@link useSignal}. (No framework store needed for one controller.)
 */
import { useEffect, useState } from 'preact/hooks';

/** An observable value with synchronous reads. */
export class Observable<T> {
  #value: T;
  readonly #listeners = new Set<(value: T) => void>();

  constructor(initial: T) {
    this.#value = initial;
  }

  get value(): T {
    return this.#value;
  }

  set(value: T): void {
    this.#value = value;
    for (const listener of this.#listeners) listener(value);
  }

  subscribe(listener: (value: T) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}

/** Anything with a current value and change notifications (e.g. the PWA update channel). */
export interface Readable<T> {
  readonly value: T;
  subscribe(listener: (value: T) => void): () => void;
}

/** Re-renders the component whenever `observable` changes. */
export function useSignal<T>(observable: Readable<T>): T {
  const [value, setValue] = useState(observable.value);
  useEffect(() => {
    setValue(observable.value);
    return observable.subscribe(setValue);
  }, [observable]);
  return value;
}
