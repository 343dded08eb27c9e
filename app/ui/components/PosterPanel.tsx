import type { JSX } from 'preact';
import { registrationUrl } from '../../intake';
import { useController } from '../hooks/use-controller';
import { useSignal } from '../hooks/store-signal';
import { QrCode } from './QrCode';

/**
 * The A4 poster (French) for the waiting line: its QR opens the public registration page
 * with the pharmacy's intake PUBLIC key in the URL fragment (never sent to a server; see
 * `app/intake/phone-link.ts`). Printed with the print styles (`.print-area`): only the
 * poster goes to paper.
 */
export function PosterPanel(props: { onClose: () => void }): JSX.Element {
  const controller = useController();
  const session = useSignal(controller.session);
  const pharmacyName = session?.pharmacy.name ?? '';
  const url = registrationUrl(location.origin, {
    intakePublicKey: controller.meta.intakePublicKey,
    pharmacyName,
  });
  return (
    <section class="panel" aria-labelledby="poster-title">
      <header class="panel__header no-print">
        <h2 id="poster-title">Affiche d’inscription sur téléphone</h2>
        <button class="btn btn--ghost" type="button" onClick={props.onClose}>
          Fermer
        </button>
      </header>
      <p class="no-print">
        Affichez-la dans la file d’attente : les patients s’inscrivent sur leur téléphone, puis
        montrent un QR code au comptoir. Leurs données ne passent par aucun serveur.
      </p>
      <div class="actions no-print">
        <button class="btn btn--primary" type="button" onClick={() => window.print()}>
          Imprimer l’affiche (A4)
        </button>
      </div>
      <div class="field no-print">
        <label for="poster-link">
          Lien de la page d’inscription (site web de la pharmacie, SMS)
        </label>
        <input id="poster-link" type="text" readOnly value={url} spellcheck={false} />
      </div>
      <article class="poster print-area" aria-label="Aperçu de l’affiche">
        <p class="poster__pharmacy">{pharmacyName}</p>
        <h1 class="poster__title">Test antigénique : inscrivez-vous depuis votre téléphone</h1>
        <QrCode value={url} label="QR code de la page d’inscription" size={300} />
        <ol class="poster__steps">
          <li>Scannez ce QR code avec l’appareil photo de votre téléphone.</li>
          <li>Remplissez le formulaire en attendant votre tour.</li>
          <li>Au comptoir, montrez le QR code qui s’affiche à la fin.</li>
        </ol>
        <p class="poster__privacy">
          Vos informations restent sur votre téléphone jusqu’au comptoir : elles sont chiffrées pour
          cette pharmacie et ne sont envoyées sur aucun site. Registration is also available in
          English.
        </p>
      </article>
    </section>
  );
}
