import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import type { Visit } from '../../domain';
import { importPhoneCode } from '../../intake';
import { useAction } from '../hooks/use-action';
import { useController } from '../hooks/use-controller';
import { CameraScanner } from './CameraScanner';
import { Field } from './Field';

/**
 * « Scanner une inscription » : the QR a patient's phone shows becomes a `registered`
 * visit. Camera first; without one, the code can be pasted (a scanner gun types it) or
 * read from a photo. A second scan of the same code, a damaged code or another
 * pharmacy's code gives a French message and adds nothing.
 */
export function PhoneScanPanel(props: {
  onCreated: (id: string) => void;
  onClose: () => void;
}): JSX.Element {
  const controller = useController();
  const [pasted, setPasted] = useState('');
  const [added, setAdded] = useState<Visit | null>(null);
  const receive = useAction(async (text: string) => {
    setAdded(null);
    const visit = await importPhoneCode(controller.db, controller.keyring, text);
    await controller.audit.log({
      kind: 'visit-created',
      details: { visitId: visit.id, source: 'phone' },
    });
    controller.bump();
    setPasted('');
    setAdded(visit);
  });
  const fromFile = useAction(async (file: File) => {
    const { decodeQrFromFile } = await import('../../scan');
    const text = await decodeQrFromFile(file);
    if (!(await receive.run(text))) throw new Error('not imported');
  });
  const error = receive.error ?? fromFile.error;

  return (
    <section class="panel" aria-labelledby="phone-scan-title">
      <header class="panel__header">
        <h2 id="phone-scan-title">Scanner une inscription</h2>
        <button class="btn btn--ghost" type="button" onClick={props.onClose}>
          Fermer
        </button>
      </header>
      <p>
        Le patient montre le QR code affiché par la page d’inscription de son téléphone. La visite
        est ajoutée à la liste du jour, à l’état « enregistré ».
      </p>
      <CameraScanner
        id="phone-scanner"
        label="Scanner avec la caméra"
        onCode={(text) => void receive.run(text)}
      />
      <form
        class="stack"
        autoComplete="off"
        onSubmit={(e) => {
          e.preventDefault();
          void receive.run(pasted);
        }}
      >
        <Field id="phone-code" label="Ou collez le code (lecteur de codes, copie)">
          {(a11y) => (
            <textarea
              {...a11y}
              rows={3}
              spellcheck={false}
              value={pasted}
              onInput={(e) => setPasted(e.currentTarget.value)}
            />
          )}
        </Field>
        <div class="actions">
          <button class="btn" type="submit" disabled={receive.busy || pasted.trim() === ''}>
            Ajouter la visite
          </button>
          <label class="btn">
            Lire une photo du code
            <input
              type="file"
              accept="image/*"
              class="visually-hidden"
              onChange={(e) => {
                const file = e.currentTarget.files?.[0];
                e.currentTarget.value = '';
                if (file) void fromFile.run(file);
              }}
            />
          </label>
        </div>
      </form>
      <div aria-live="polite">
        {error && (
          <p class="banner banner--error" role="alert">
            {error}
          </p>
        )}
        {added && (
          <p class="banner banner--ok">
            Visite ajoutée : {added.identity.birthName.toUpperCase()} {added.identity.firstNames}.{' '}
            <button class="btn btn--ghost" type="button" onClick={() => props.onCreated(added.id)}>
              Ouvrir la visite
            </button>
          </p>
        )}
      </div>
    </section>
  );
}
