import type { JSX } from 'preact';
import { useEffect } from 'preact/hooks';
import type { UpdateChannel } from '../../pwa';

/** The "works offline" notice goes away by itself. */
const OFFLINE_READY_NOTICE_MS = 8000;
import { useSignal } from '../hooks/store-signal';

/** "Nouvelle version disponible" — the service worker waits until staff accepts. */
export function UpdatePrompt(props: { channel: UpdateChannel }): JSX.Element | null {
  const state = useSignal(props.channel.state);
  useEffect(() => {
    if (state !== 'offline-ready') return undefined;
    const timer = setTimeout(() => props.channel.dismiss(), OFFLINE_READY_NOTICE_MS);
    return () => clearTimeout(timer);
  }, [state, props.channel]);
  if (state === 'idle') return null;
  if (state === 'offline-ready') {
    return (
      <div class="toast" role="status">
        Comptoir fonctionne maintenant hors ligne.
        <button class="btn btn--ghost" type="button" onClick={() => props.channel.dismiss()}>
          OK
        </button>
      </div>
    );
  }
  return (
    <div class="toast" role="alert">
      Une nouvelle version de Comptoir est disponible.
      <button class="btn btn--primary" type="button" onClick={() => props.channel.applyUpdate()}>
        Mettre à jour
      </button>
      <button class="btn btn--ghost" type="button" onClick={() => props.channel.dismiss()}>
        Plus tard
      </button>
    </div>
  );
}
