import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import type { StaffMember } from '../../domain';
import { Field, PRIVATE_INPUT } from '../components/Field';
import { checkPassphrase, PassphraseFields } from '../components/PassphraseFields';
import { StaffSelect } from '../components/StaffSelect';
import { useAction } from '../hooks/use-action';
import { useController } from '../hooks/use-controller';

/** Recovery with the printed code: choose whose passphrase to reset, set a new one. */
export function RecoverScreen(): JSX.Element {
  const controller = useController();
  const [code, setCode] = useState('');
  const [staff, setStaff] = useState<StaffMember[] | null>(null);
  const [staffId, setStaffId] = useState('');
  const [pass, setPass] = useState({ value: '', confirm: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const check = useAction(async () => {
    const list = await controller.staff.forRecovery(code);
    setStaff(list);
    setStaffId(list[0]?.id ?? '');
  });
  const reset = useAction(async () => {
    await controller.staff.recover(code, staffId, pass.value);
  });
  const submitReset = async (e: Event): Promise<void> => {
    e.preventDefault();
    const member = staff?.find((s) => s.id === staffId);
    const found = checkPassphrase(pass.value, pass.confirm, member ? [member.name] : []);
    setErrors(found);
    if (Object.keys(found).length === 0) await reset.run();
  };
  return (
    <main class="page narrow">
      <h1>Récupération avec le code de secours</h1>
      {staff === null ? (
        <form
          class="card stack"
          autoComplete="off"
          onSubmit={(e) => {
            e.preventDefault();
            void check.run();
          }}
        >
          <Field id="recovery-code" label="Code de secours" error={check.error ?? undefined}>
            {(aria) => (
              <input
                {...aria}
                {...PRIVATE_INPUT}
                name="recovery-code"
                value={code}
                onInput={(e) => setCode(e.currentTarget.value)}
              />
            )}
          </Field>
          <button class="btn btn--primary" type="submit" disabled={check.busy || !code}>
            Vérifier le code
          </button>
        </form>
      ) : (
        <form class="card stack" autoComplete="off" onSubmit={submitReset} noValidate>
          <StaffSelect id="recover-staff" staff={staff} value={staffId} onChange={setStaffId} />
          <PassphraseFields
            idPrefix="recover"
            value={pass.value}
            confirm={pass.confirm}
            context={[]}
            errors={errors}
            onChange={(value, confirm) => setPass({ value, confirm })}
          />
          {reset.error && (
            <p class="banner banner--error" role="alert">
              {reset.error}
            </p>
          )}
          <button class="btn btn--primary" type="submit" disabled={reset.busy}>
            Enregistrer la nouvelle phrase de passe
          </button>
        </form>
      )}
      <button class="btn btn--ghost" type="button" onClick={() => controller.showUnlock()}>
        Retour au déverrouillage
      </button>
    </main>
  );
}
