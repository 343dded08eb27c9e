import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import type { PortalSettings } from '../../portal';
import { changedPortalSettings } from '../hooks/audit';
import { useAction } from '../hooks/use-action';
import { useController } from '../hooks/use-controller';
import { useSignal } from '../hooks/store-signal';
import { TextField } from './Field';
import { KitListSettings } from './KitListSettings';
import { RetentionSettings } from './RetentionSettings';

/**
 * Transmission settings: automatic or confirmed sending; the portal's addresses (empty:
 * the server's defaults, i.e. the sandbox portal under `npm start`). Titulaire only.
 */
export function SettingsPanel(props: { onClose: () => void; onPoster: () => void }): JSX.Element {
  const controller = useController();
  const view = useSignal(controller.portal.view);
  const session = useSignal(controller.session);
  const [values, setValues] = useState({
    mode: view.settings.mode,
    issuer: view.settings.issuer ?? '',
    fhirBase: view.settings.fhirBase ?? '',
    clientId: view.settings.clientId ?? '',
  });
  const [done, setDone] = useState(false);
  const save = useAction(async () => {
    const settings: PortalSettings = {
      mode: values.mode,
      ...(values.issuer.trim() ? { issuer: values.issuer.trim() } : {}),
      ...(values.fhirBase.trim() ? { fhirBase: values.fhirBase.trim() } : {}),
      ...(values.clientId.trim() ? { clientId: values.clientId.trim() } : {}),
    };
    const changed = changedPortalSettings(view.settings, settings);
    await controller.portal.saveSettings(settings);
    if (changed.length > 0) {
      await controller.audit.log({ kind: 'settings-changed', details: { settings: changed } });
    }
    setDone(true);
  });
  const isAdmin = session?.staff.role === 'admin';
  const set = (name: string, value: string): void => {
    setDone(false);
    setValues({ ...values, [name]: value });
  };
  return (
    <section class="panel" aria-labelledby="settings-title">
      <header class="panel__header">
        <h2 id="settings-title">Paramètres de transmission</h2>
        <button class="btn btn--ghost" type="button" onClick={props.onClose}>
          Fermer
        </button>
      </header>
      <div class="actions">
        <button class="btn" type="button" onClick={props.onPoster}>
          Affiche d’inscription sur téléphone
        </button>
      </div>
      {!isAdmin && <p>Seul le titulaire peut modifier ces paramètres.</p>}
      <form
        class="stack"
        autoComplete="off"
        onSubmit={(e) => {
          e.preventDefault();
          void save.run();
        }}
      >
        <fieldset class="field field--choice" disabled={!isAdmin}>
          <legend>Envoi des résultats au portail national</legend>
          {(
            [
              ['auto', 'Automatique : dès que le résultat est saisi'],
              ['confirm', 'Après confirmation : un bouton « Transmettre » sur chaque visite'],
            ] as const
          ).map(([mode, label]) => (
            <label class="choice choice--block" key={mode}>
              <input
                type="radio"
                name="mode"
                checked={values.mode === mode}
                onChange={() => set('mode', mode)}
              />
              <span>{label}</span>
            </label>
          ))}
        </fieldset>
        <p class="field__hint">
          Laissez les adresses vides pour utiliser celles du serveur Comptoir. Pour le système
          national réel, saisissez l'émetteur OpenID Connect (Pro Santé Connect), l'adresse FHIR du
          portail et l'identifiant client fournis lors de l'habilitation.
        </p>
        <TextField
          name="issuer"
          idPrefix="settings"
          label="Émetteur OpenID Connect"
          required={false}
          value={values.issuer}
          onInput={set}
        />
        <TextField
          name="fhirBase"
          idPrefix="settings"
          label="Adresse FHIR du portail"
          required={false}
          value={values.fhirBase}
          onInput={set}
        />
        <TextField
          name="clientId"
          idPrefix="settings"
          label="Identifiant client"
          required={false}
          value={values.clientId}
          onInput={set}
        />
        {save.error && (
          <p class="banner banner--error" role="alert">
            {save.error}
          </p>
        )}
        {done && (
          <p class="banner banner--ok" role="status">
            Paramètres enregistrés.
          </p>
        )}
        <button class="btn btn--primary" type="submit" disabled={!isAdmin || save.busy}>
          Enregistrer
        </button>
      </form>
      <RetentionSettings isAdmin={isAdmin} />
      <KitListSettings />
    </section>
  );
}
