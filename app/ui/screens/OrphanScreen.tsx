import type { JSX } from 'preact';
import { useAction } from '../hooks/use-action';
import { useController } from '../hooks/use-controller';

/** A pairing was interrupted before a passphrase was set: nothing can open this vault. */
export function OrphanScreen(): JSX.Element {
  const controller = useController();
  const reset = useAction(() => controller.joining.resetDevice());
  return (
    <main class="page narrow">
      <h1>Appairage interrompu</h1>
      <p>
        Cet appareil a commencé à rejoindre une officine sans aller au bout : aucune phrase de passe
        ne protège encore ses données, il ne peut pas s'en servir. Les données de l'officine restent
        intactes sur les autres appareils. Effacez cet appareil puis recommencez l'appairage.
      </p>
      {reset.error && (
        <p class="banner banner--error" role="alert">
          {reset.error}
        </p>
      )}
      <button
        class="btn btn--primary"
        type="button"
        disabled={reset.busy}
        onClick={() => void reset.run()}
      >
        Effacer cet appareil et recommencer
      </button>
    </main>
  );
}
