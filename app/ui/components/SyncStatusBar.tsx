import type { JSX } from 'preact';
import { useController } from '../hooks/use-controller';
import { useSignal } from '../hooks/store-signal';

const time = (ms: number): string =>
  new Date(ms).toLocaleTimeString('fr-FR', { hour: '2-digit', minute: '2-digit' });

/**
 * Header status of sync: online/offline, changes waiting for the relay, last sync, a
 * progress bar during a large catch-up, and integrity warnings that must be seen.
 */
export function SyncStatusBar(): JSX.Element | null {
  const controller = useController();
  const view = useSignal(controller.sync.view);
  if (!view.enabled) return null;
  const { status } = view;
  const pulling = status.pulling;
  return (
    <div class="sync-status" role="status" aria-live="polite">
      <span class={status.online ? 'sync-status__online' : 'sync-status__offline'}>
        Synchronisation : {status.online ? 'en ligne' : 'hors ligne'}
      </span>
      {status.pending > 0 && <span>{status.pending} modification(s) en attente</span>}
      {status.lastSyncAt !== undefined && <span>dernière synchro à {time(status.lastSyncAt)}</span>}
      {pulling && (
        <label class="sync-status__progress">
          Rattrapage en cours
          <progress max={pulling.total ?? undefined} value={pulling.done} />
        </label>
      )}
      {status.error && <span class="portal-status__error">{status.error}</span>}
      {status.warnings.length > 0 && (
        <div class="banner banner--error" role="alert">
          <strong>Alerte d'intégrité de la synchronisation.</strong>
          <ul>
            {status.warnings.map((w) => (
              <li key={`${w.kind}-${w.deviceId}-${w.at}`}>{w.detail}</li>
            ))}
          </ul>
          <button class="btn" type="button" onClick={() => controller.sync.dismissWarnings()}>
            J'ai pris connaissance de l'alerte
          </button>
        </div>
      )}
    </div>
  );
}
