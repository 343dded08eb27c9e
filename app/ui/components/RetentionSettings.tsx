import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { EPOCH_ROTATION_DAYS, PURGE_AFTER_DAYS_MAX, validateRetention } from '../../domain';
import { errorMap } from '../form-validation';
import { useAction } from '../hooks/use-action';
import { useController } from '../hooks/use-controller';
import { useSignal } from '../hooks/store-signal';
import { TextField } from './Field';

const TIME = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'short', timeStyle: 'short' });
const DATE = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'short' });

/**
 * « Conservation des données »: how many days after transmission the identity of a visit
 * is erased (0–90, default 7) and after how many days an untransmitted visit is flagged
 * (default 3). Titulaire only; applies on every device (synced) and at once.
 */
export function RetentionSettings(props: { isAdmin: boolean }): JSX.Element {
  const controller = useController();
  const view = useSignal(controller.retention.view);
  const [values, setValues] = useState({
    purgeAfterDays: String(view.policy.purgeAfterDays),
    warnAfterDays: String(view.policy.warnAfterDays),
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [done, setDone] = useState(false);
  const save = useAction(async () => {
    const result = validateRetention(values);
    if (!result.ok) return setErrors(errorMap(result.errors, 'fr'));
    setErrors({});
    await controller.retention.savePolicy(result.value);
    setDone(true);
  });
  const set = (name: string, value: string): void => {
    setDone(false);
    setValues({ ...values, [name]: value });
  };
  const last = view.lastRun;
  return (
    <form
      class="stack"
      autoComplete="off"
      noValidate
      aria-labelledby="retention-title"
      onSubmit={(e) => {
        e.preventDefault();
        void save.run();
      }}
    >
      <h3 id="retention-title">Conservation des données</h3>
      <p class="field__hint">
        L’identité d’un patient (nom, date de naissance, NIR, coordonnées) est effacée sur tous les
        appareils de l’officine ce nombre de jours après la transmission de son résultat (0 à{' '}
        {PURGE_AFTER_DAYS_MAX}). Les comptages (jour, test, résultat) restent pour les rapports. Une
        visite refusée ou non transmise n’est jamais effacée automatiquement.
      </p>
      <fieldset class="stack" disabled={!props.isAdmin}>
        <TextField
          name="purgeAfterDays"
          idPrefix="retention"
          inputMode="numeric"
          label="Effacer l’identité, jours après la transmission"
          value={values.purgeAfterDays}
          error={errors.purgeAfterDays}
          onInput={set}
          required
        />
        <TextField
          name="warnAfterDays"
          idPrefix="retention"
          inputMode="numeric"
          label="Signaler une visite non transmise après (jours)"
          value={values.warnAfterDays}
          error={errors.warnAfterDays}
          onInput={set}
          required
        />
      </fieldset>
      <p class="field__hint" role="status">
        {last
          ? `Dernier passage : ${TIME.format(last.at)}, ${last.purged} visite(s) effacée(s).`
          : 'L’effacement passe à chaque déverrouillage, puis une fois par jour.'}
      </p>
      {view.keys && (
        <p class="field__hint">
          {`Clé de chiffrement des données en usage depuis le ${DATE.format(new Date(view.keys.since))}, renouvelée tous les ${EPOCH_ROTATION_DAYS} jours et au retrait d’un appareil ; anciennes clés détruites : ${view.keys.dropped}.`}
          {view.keys.pending &&
            ' Un renouvellement attend que chaque appareil de l’officine se synchronise : un appareil hors service ou jamais synchronisé le bloque (retirez-le dans « Appareils »).'}
        </p>
      )}
      {save.error && (
        <p class="banner banner--error" role="alert">
          {save.error}
        </p>
      )}
      {done && (
        <p class="banner banner--ok" role="status">
          Durées de conservation enregistrées.
        </p>
      )}
      <button class="btn btn--primary" type="submit" disabled={!props.isAdmin || save.busy}>
        Enregistrer les durées
      </button>
    </form>
  );
}
