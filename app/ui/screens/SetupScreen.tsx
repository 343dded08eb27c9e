import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { validateFiness, validatePostalCode, validateRpps, localizeFieldError } from '../../domain';
import { TextField } from '../components/Field';
import { checkPassphrase, PassphraseFields } from '../components/PassphraseFields';
import { useAction } from '../hooks/use-action';
import { useController } from '../hooks/use-controller';

const EMPTY = {
  pharmacyName: '',
  finess: '',
  address: '',
  postalCode: '',
  city: '',
  staffName: '',
  rpps: '',
  label: '',
};

/** First run: the pharmacy, its first staff member (admin) and their passphrase. */
export function SetupScreen(): JSX.Element {
  const controller = useController();
  const [values, setValues] = useState(EMPTY);
  const [passphrase, setPassphrase] = useState({ value: '', confirm: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const action = useAction(async (input: Parameters<typeof controller.setup>[0]) => {
    await controller.setup(input);
  });
  const onInput = (name: string, value: string): void => setValues({ ...values, [name]: value });

  const submit = async (e: Event): Promise<void> => {
    e.preventDefault();
    const found = validate(values);
    Object.assign(
      found,
      checkPassphrase(passphrase.value, passphrase.confirm, [
        values.pharmacyName,
        values.staffName,
        values.label,
        values.city,
      ]),
    );
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    await action.run({
      pharmacy: {
        name: values.pharmacyName.trim(),
        finess: values.finess.replace(/\s/g, ''),
        address: values.address.trim(),
        postalCode: values.postalCode.trim(),
        city: values.city.trim(),
      },
      admin: {
        name: values.staffName.trim(),
        rpps: values.rpps.replace(/\s/g, ''),
        label: values.label.trim() || values.staffName.trim(),
      },
      passphrase: passphrase.value,
    });
  };

  const field = (name: keyof typeof EMPTY, label: string, extra = {}) => (
    <TextField
      name={name}
      idPrefix="setup"
      label={label}
      value={values[name]}
      error={errors[name]}
      onInput={onInput}
      {...extra}
    />
  );
  return (
    <main class="page narrow">
      <h1>Bienvenue dans Comptoir</h1>
      <p>
        Configurez l'officine et le premier membre de l'équipe (titulaire). Les données sont
        chiffrées sur cet appareil : sans phrase de passe ni code de secours, personne ne peut les
        lire, pas même nous.
      </p>
      <p>
        <button class="btn btn--ghost" type="button" onClick={() => controller.showJoin()}>
          L'officine utilise déjà Comptoir sur un autre appareil ? Rejoindre une officine existante
        </button>
      </p>
      <form class="stack" onSubmit={submit} autoComplete="off" noValidate>
        <fieldset class="card">
          <legend>Officine</legend>
          {field('pharmacyName', "Nom de l'officine")}
          {field('finess', 'Numéro FINESS (9 chiffres)', { inputMode: 'numeric' })}
          {field('address', 'Adresse')}
          {field('postalCode', 'Code postal', { inputMode: 'numeric' })}
          {field('city', 'Commune')}
        </fieldset>
        <fieldset class="card">
          <legend>Premier membre de l'équipe</legend>
          {field('staffName', 'Nom et prénom')}
          {field('rpps', 'Numéro RPPS (11 chiffres)', { inputMode: 'numeric' })}
          {field('label', 'Nom affiché au déverrouillage', {
            hint: 'Par exemple « Claire D. ». Visible sans déverrouiller.',
          })}
          <PassphraseFields
            idPrefix="setup"
            value={passphrase.value}
            confirm={passphrase.confirm}
            context={[values.pharmacyName, values.staffName, values.label]}
            errors={errors}
            onChange={(value, confirm) => setPassphrase({ value, confirm })}
          />
        </fieldset>
        {action.error && (
          <p class="banner banner--error" role="alert">
            {action.error}
          </p>
        )}
        <button class="btn btn--primary btn--large" type="submit" disabled={action.busy}>
          {action.busy ? 'Création du coffre chiffré…' : "Créer l'officine"}
        </button>
      </form>
    </main>
  );
}

function validate(values: typeof EMPTY): Record<string, string> {
  const errors: Record<string, string> = {};
  const required: [keyof typeof EMPTY, string][] = [
    ['pharmacyName', "Indiquez le nom de l'officine."],
    ['address', "Indiquez l'adresse de l'officine."],
    ['city', 'Indiquez la commune.'],
    ['staffName', 'Indiquez le nom et le prénom.'],
  ];
  for (const [name, message] of required) if (!values[name].trim()) errors[name] = message;
  const finess = validateFiness(values.finess, 'finess');
  if (!finess.ok) errors.finess = firstMessage(finess.errors);
  const rpps = validateRpps(values.rpps, 'rpps');
  if (!rpps.ok) errors.rpps = firstMessage(rpps.errors);
  const postal = validatePostalCode(values.postalCode, 'FR', 'postalCode');
  if (!postal.ok) errors.postalCode = firstMessage(postal.errors);
  return errors;
}

function firstMessage(errors: readonly { field: string; code: string; message: string }[]): string {
  const first = errors[0];
  return first ? localizeFieldError(first, 'fr') : 'Valeur invalide.';
}
