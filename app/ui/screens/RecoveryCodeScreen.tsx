import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { useController } from '../hooks/use-controller';
import { useSignal } from '../hooks/store-signal';

/** Shows the recovery code once, printable; it is never stored in clear anywhere. */
export function RecoveryCodeScreen(props: { code: string }): JSX.Element {
  const controller = useController();
  const session = useSignal(controller.session);
  const [saved, setSaved] = useState(false);
  return (
    <main class="page narrow">
      <section class="print-area print-area--screen" aria-labelledby="recovery-title">
        <h1 id="recovery-title">Code de secours de l'officine</h1>
        <p>
          Ce code ouvre toutes les données de l'officine si toutes les phrases de passe sont
          perdues. <strong>Il ne sera plus jamais affiché.</strong> Imprimez-le ou recopiez-le et
          rangez-le dans le coffre de l'officine.
        </p>
        <p class="recovery-code" data-testid="recovery-code">
          {props.code}
        </p>
        {session && (
          <p class="print-only">
            {session.pharmacy.name} — FINESS {session.pharmacy.finess} — créé le{' '}
            {new Date().toLocaleDateString('fr-FR')}
          </p>
        )}
      </section>
      <div class="stack no-print">
        <button class="btn btn--large" type="button" onClick={() => window.print()}>
          Imprimer le code
        </button>
        <label class="choice choice--block">
          <input
            type="checkbox"
            checked={saved}
            onChange={(e) => setSaved(e.currentTarget.checked)}
          />
          <span>J'ai imprimé ou recopié ce code et je le range en lieu sûr.</span>
        </label>
        <button
          class="btn btn--primary btn--large"
          type="button"
          disabled={!saved}
          onClick={() => controller.finishSetup()}
        >
          Continuer
        </button>
      </div>
    </main>
  );
}
