import type { JSX } from 'preact';
import { useAction } from '../hooks/use-action';
import { useController } from '../hooks/use-controller';
import { useSignal } from '../hooks/store-signal';

/** Header status of transmission: pending count, portal login, last failure. */
export function PortalStatus(): JSX.Element | null {
  const controller = useController();
  const view = useSignal(controller.portal.view);
  const login = useAction(() => controller.portal.login());
  if (!view.configured) return null;
  const { queue } = view;
  return (
    <div class="portal-status" role="status" aria-live="polite">
      {queue.pending > 0 && (
        <span class="portal-status__pending">{queue.pending} en attente d'envoi</span>
      )}
      {queue.needsLogin || !view.connected ? (
        <button
          class="btn btn--primary"
          type="button"
          disabled={login.busy}
          onClick={() => void login.run()}
        >
          {queue.needsLogin && view.connected === false && queue.pending > 0
            ? 'Reconnectez-vous au portail'
            : 'Se connecter au portail'}
        </button>
      ) : (
        <span class="portal-status__ok">Portail : connecté</span>
      )}
      {login.error && (
        <span class="portal-status__error" role="alert">
          {login.error}
        </span>
      )}
      {!login.error && queue.lastError && queue.pending > 0 && (
        <span class="portal-status__error">{queue.lastError}</span>
      )}
    </div>
  );
}
