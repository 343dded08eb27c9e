import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { StaffMember } from '../../domain';
import { CameraScanner } from '../components/CameraScanner';
import { Field, PRIVATE_INPUT, TextField } from '../components/Field';
import { checkPassphrase, PassphraseFields } from '../components/PassphraseFields';
import { StaffSelect } from '../components/StaffSelect';
import type { JoinStep } from '../hooks/join';
import { useAction } from '../hooks/use-action';
import { useController } from '../hooks/use-controller';
import { describeError } from '../errors';

/** A new device joins an existing pharmacy: code, comparison, catch-up, own passphrase. */
export function JoinScreen(): JSX.Element {
  const controller = useController();
  const [deviceName, setDeviceName] = useState('Comptoir 2');
  const [code, setCode] = useState('');
  const [step, setStep] = useState<JoinStep>({ step: 'code' });
  const [error, setError] = useState<string | null>(null);
  const abort = useRef(new AbortController());
  useEffect(() => () => abort.current.abort(), []);

  const join = async (text: string): Promise<void> => {
    setError(null);
    abort.current = new AbortController();
    try {
      await controller.joining.start(text, deviceName, abort.current.signal, setStep);
    } catch (e) {
      setError(describeError(e));
      setStep({ step: 'code' });
    }
  };

  return (
    <main class="page narrow">
      <h1>Rejoindre une officine existante</h1>
      {error && (
        <p class="banner banner--error" role="alert">
          {error}
        </p>
      )}
      {step.step === 'code' && (
        <form
          class="stack"
          autoComplete="off"
          onSubmit={(e) => {
            e.preventDefault();
            void join(code);
          }}
        >
          <p>
            Sur un appareil déjà installé de l'officine, ouvrez « Appareils » puis « Ajouter un
            appareil » : scannez le code affiché, ou copiez-le ici.
          </p>
          <TextField
            name="deviceName"
            idPrefix="join"
            label="Nom de cet appareil"
            value={deviceName}
            onInput={(_, v) => setDeviceName(v)}
          />
          <CameraScanner
            id="join-scanner"
            label="Scanner le code avec la caméra"
            onCode={(text) => {
              setCode(text);
              void join(text);
            }}
          />
          <Field id="join-code" label="Code d'appairage (à coller)">
            {(aria) => (
              <textarea
                {...aria}
                {...PRIVATE_INPUT}
                name="pairing-code"
                rows={3}
                value={code}
                onInput={(e) => setCode(e.currentTarget.value)}
              />
            )}
          </Field>
          <button class="btn btn--primary" type="submit" disabled={!code.trim()}>
            Continuer
          </button>
          <button class="btn btn--ghost" type="button" onClick={() => controller.showSetup()}>
            Retour : créer une nouvelle officine
          </button>
        </form>
      )}
      {step.step === 'compare' && (
        <section class="stack" aria-live="polite">
          <p>
            Vérifiez que l'autre appareil affiche le même code, puis validez sur l'autre appareil :
          </p>
          <p class="sas" data-testid="join-sas">
            {step.sas.slice(0, 3)} {step.sas.slice(3)}
          </p>
          <p role="status">En attente de la validation…</p>
        </section>
      )}
      {step.step === 'catching-up' && (
        <section class="stack" aria-live="polite">
          <p role="status">Récupération des données de l'officine…</p>
          <progress max={step.total ?? undefined} value={step.done} aria-label="Progression" />
        </section>
      )}
      {step.step === 'choose-staff' && <ChooseStaff staff={step.staff} />}
    </main>
  );
}

function ChooseStaff(props: { staff: StaffMember[] }): JSX.Element {
  const controller = useController();
  const [staffId, setStaffId] = useState(props.staff[0]?.id ?? '');
  const [pass, setPass] = useState({ value: '', confirm: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const member = props.staff.find((s) => s.id === staffId);
  const finish = useAction(async () => {
    if (member) await controller.joining.finish(member, member.name, pass.value);
  });
  return (
    <form
      class="stack"
      autoComplete="off"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const found = checkPassphrase(pass.value, pass.confirm, member ? [member.name] : []);
        setErrors(found);
        if (Object.keys(found).length === 0) void finish.run();
      }}
    >
      <p>Données récupérées. Choisissez votre nom et une phrase de passe pour cet appareil.</p>
      <StaffSelect id="join-staff" staff={props.staff} value={staffId} onChange={setStaffId} />
      <PassphraseFields
        idPrefix="join"
        value={pass.value}
        confirm={pass.confirm}
        context={member ? [member.name] : []}
        errors={errors}
        onChange={(value, confirm) => setPass({ value, confirm })}
      />
      {finish.error && (
        <p class="banner banner--error" role="alert">
          {finish.error}
        </p>
      )}
      <button class="btn btn--primary" type="submit" disabled={finish.busy}>
        Terminer
      </button>
    </form>
  );
}
