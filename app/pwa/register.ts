/**
 * Service-worker registration through workbox-window (the one import point), with the
 * prompt-for-update flow: a new worker waits until staff clicks "Mettre à jour", then it
 * takes control and the page reloads once. (vite-plugin-pwa "prompt" strategy:
 * https://vite-pwa-org.netlify.app/guide/prompt-for-update)
 */
import { Workbox } from 'workbox-window';

/** What the update prompt shows. */
export type UpdateState = 'idle' | 'offline-ready' | 'update-ready';

/** A tiny observable the UI subscribes to (pwa/ does not import ui/). */
export interface UpdateChannel {
  readonly state: {
    readonly value: UpdateState;
    subscribe(fn: (v: UpdateState) => void): () => void;
  };
  applyUpdate(): void;
  dismiss(): void;
}

/**
 * Registers `/sw.js` when the browser supports service workers (and not under the Vite dev
 * server, which serves none). Returns null when there is nothing to register.
 */
export function registerServiceWorker(swUrl = '/sw.js'): UpdateChannel | null {
  if (!('serviceWorker' in navigator) || import.meta.env.DEV) return null;
  const listeners = new Set<(v: UpdateState) => void>();
  let value: UpdateState = 'idle';
  const set = (next: UpdateState): void => {
    value = next;
    for (const fn of listeners) fn(next);
  };
  const wb = new Workbox(swUrl, { scope: '/' });
  wb.addEventListener('waiting', () => set('update-ready'));
  wb.addEventListener('installed', (event) => {
    if (!event.isUpdate) set('offline-ready');
  });
  wb.addEventListener('controlling', (event) => {
    if (event.isUpdate) window.location.reload();
  });
  void wb.register().catch((error: unknown) => {
    console.warn('service worker registration failed', error instanceof Error ? error.name : '');
  });
  return {
    state: {
      get value() {
        return value;
      },
      subscribe(fn) {
        listeners.add(fn);
        return () => listeners.delete(fn);
      },
    },
    applyUpdate: () => wb.messageSkipWaiting(),
    dismiss: () => set('idle'),
  };
}
