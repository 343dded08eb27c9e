import type { JSX } from 'preact';
import { formatDateFr } from '../../domain';
import { useController } from '../hooks/use-controller';
import { useSignal } from '../hooks/store-signal';

/**
 * Counter banners of the retention purge: its progress while it runs (it works in chunks,
 * the counter stays usable), the visits still not transmitted after the policy's delay
 * (they are never purged silently), and a failed run.
 */
export function RetentionStatus(): JSX.Element | null {
  const view = useSignal(useController().retention.view);
  const { progress, warning, error, policy } = view;
  if (progress === null && warning.count === 0 && error === null) return null;
  const plural = warning.count > 1;
  return (
    <div class="stack">
      {progress !== null && (
        <p class="banner" role="status">
          Effacement des données d’identité arrivées à échéance…{' '}
          <progress max={1} value={progress} aria-label="Avancement de l’effacement" />
        </p>
      )}
      {warning.count > 0 && (
        <p class="banner banner--warn" role="alert">
          {warning.count} visite{plural ? 's' : ''} {plural ? 'ne sont' : 'n’est'} toujours pas
          transmise{plural ? 's' : ''} au portail après {policy.warnAfterDays} jour
          {policy.warnAfterDays > 1 ? 's' : ''} (la plus ancienne du{' '}
          {formatDateFr(warning.oldestDay ?? '')}). Ouvrez-les pour les transmettre ou corriger un
          refus : leurs données ne seront pas effacées tant qu’elles ne sont pas transmises.
        </p>
      )}
      {error !== null && (
        <p class="banner banner--error" role="alert">
          L’effacement automatique n’a pas pu se faire : {error} Il sera réessayé au prochain
          déverrouillage.
        </p>
      )}
    </div>
  );
}
