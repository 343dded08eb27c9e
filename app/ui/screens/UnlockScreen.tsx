import type { JSX } from 'preact';
import { LockedTimers } from '../components/LockedTimers';
import { UnlockForm } from '../components/UnlockForm';
import type { LockReason } from '../hooks/screen';
import { useController } from '../hooks/use-controller';

const REASONS: Record<LockReason, string> = {
  manual: 'Session verrouillée.',
  idle: "Session verrouillée après 5 minutes d'inactivité.",
  pagehide: "Session verrouillée parce que l'application a été quittée.",
  bfcache: "Session verrouillée au retour sur l'application.",
  'kiosk-exit': 'Mode patient quitté.',
  startup: 'Déverrouillez pour accéder aux visites.',
  'keys-renewed':
    'Session verrouillée : la clé de chiffrement a été renouvelée dans un autre onglet de Comptoir.',
};

/** Staff unlock: pick yourself, type your passphrase. */
export function UnlockScreen(props: { reason: LockReason }): JSX.Element {
  const controller = useController();
  return (
    <main class="page narrow">
      <h1>Comptoir</h1>
      <p role="status">{REASONS[props.reason]}</p>
      <LockedTimers />
      <section class="card">
        <UnlockForm />
      </section>
      <div class="stack">
        <button class="btn btn--ghost" type="button" onClick={() => controller.enterKiosk()}>
          Mode patient
        </button>
        <button class="btn btn--ghost" type="button" onClick={() => controller.showRecover()}>
          Phrase de passe oubliée ? Utiliser le code de secours
        </button>
      </div>
    </main>
  );
}
