import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { localizeFieldError, validateRpps, type StaffMember } from '../../domain';
import { useAction } from '../hooks/use-action';
import { useController } from '../hooks/use-controller';
import { useSignal } from '../hooks/store-signal';
import { TextField } from './Field';
import { checkPassphrase, PassphraseFields } from './PassphraseFields';

const EMPTY = { name: '', rpps: '', label: '', role: 'staff' as 'admin' | 'staff' };

/** The team: each member has their own passphrase slot. Adding needs an admin session. */
export function StaffPanel(props: { onClose: () => void }): JSX.Element {
  const controller = useController();
  const session = useSignal(controller.session);
  const revision = useSignal(controller.revision);
  const [staff, setStaff] = useState<StaffMember[]>([]);
  const [values, setValues] = useState(EMPTY);
  const [pass, setPass] = useState({ value: '', confirm: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [done, setDone] = useState<string | null>(null);
  const load = useAction(async () => setStaff(await controller.staff.list()));
  useEffect(() => void load.run(), [revision]);
  const add = useAction(async () => {
    await controller.staff.add({
      ...values,
      label: values.label || values.name,
      passphrase: pass.value,
    });
    setDone(`${values.name} peut maintenant déverrouiller Comptoir avec sa phrase de passe.`);
    setValues(EMPTY);
    setPass({ value: '', confirm: '' });
    controller.localChange();
  });
  const submit = async (e: Event): Promise<void> => {
    e.preventDefault();
    setDone(null);
    const found: Record<string, string> = {};
    if (!values.name.trim()) found.name = 'Indiquez le nom et le prénom.';
    const rpps = validateRpps(values.rpps, 'rpps');
    if (!rpps.ok && rpps.errors[0]) found.rpps = localizeFieldError(rpps.errors[0], 'fr');
    Object.assign(found, checkPassphrase(pass.value, pass.confirm, [values.name, values.label]));
    setErrors(found);
    if (Object.keys(found).length === 0) await add.run();
  };
  const isAdmin = session?.staff.role === 'admin';
  return (
    <section class="panel" aria-labelledby="staff-title">
      <header class="panel__header">
        <h2 id="staff-title">Équipe</h2>
        <button class="btn btn--ghost" type="button" onClick={props.onClose}>
          Fermer
        </button>
      </header>
      <ul class="staff-list">
        {staff.map((member) => (
          <li key={member.id}>
            {member.name} — RPPS {member.rpps} — {member.role === 'admin' ? 'titulaire' : 'équipe'}
          </li>
        ))}
      </ul>
      {isAdmin ? (
        <form class="stack" onSubmit={submit} autoComplete="off" noValidate>
          <h3>Ajouter un membre</h3>
          <TextField
            name="name"
            idPrefix="staff"
            label="Nom et prénom"
            value={values.name}
            error={errors.name}
            onInput={(n, v) => setValues({ ...values, [n]: v })}
          />
          <TextField
            name="rpps"
            idPrefix="staff"
            label="Numéro RPPS (11 chiffres)"
            inputMode="numeric"
            value={values.rpps}
            error={errors.rpps}
            onInput={(n, v) => setValues({ ...values, [n]: v })}
          />
          <TextField
            name="label"
            idPrefix="staff"
            label="Nom affiché au déverrouillage"
            required={false}
            value={values.label}
            onInput={(n, v) => setValues({ ...values, [n]: v })}
          />
          <PassphraseFields
            idPrefix="staff"
            value={pass.value}
            confirm={pass.confirm}
            context={[values.name, values.label]}
            errors={errors}
            onChange={(value, confirm) => setPass({ value, confirm })}
          />
          {add.error && (
            <p class="banner banner--error" role="alert">
              {add.error}
            </p>
          )}
          {done && (
            <p class="banner banner--ok" role="status">
              {done}
            </p>
          )}
          <button class="btn btn--primary" type="submit" disabled={add.busy}>
            {add.busy ? 'Création de l’accès…' : 'Ajouter'}
          </button>
        </form>
      ) : (
        <p>Seul le titulaire peut ajouter un membre de l'équipe.</p>
      )}
    </section>
  );
}
