import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { useController } from '../hooks/use-controller';
import { useAction } from '../hooks/use-action';
import { useSignal } from '../hooks/store-signal';
import { Field, PRIVATE_INPUT } from './Field';

/** Staff member picker + passphrase; used by the unlock screen and to leave patient mode. */
export function UnlockForm(props: { submitLabel?: string }): JSX.Element {
  const controller = useController();
  const slots = useSignal(controller.slots);
  const [slotId, setSlotId] = useState(slots[0]?.slotId ?? '');
  const [passphrase, setPassphrase] = useState('');
  const action = useAction(async () => {
    await controller.unlock(slotId || slots[0]?.slotId || '', passphrase);
  });
  const submit = async (e: Event): Promise<void> => {
    e.preventDefault();
    const ok = await action.run();
    if (!ok) setPassphrase('');
  };
  return (
    <form class="stack" onSubmit={submit} autoComplete="off">
      <Field id="unlock-staff" label="Membre de l'équipe">
        {(aria) => (
          <select {...aria} value={slotId} onChange={(e) => setSlotId(e.currentTarget.value)}>
            {slots.map((slot) => (
              <option key={slot.slotId} value={slot.slotId}>
                {slot.label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field id="unlock-passphrase" label="Phrase de passe" error={action.error ?? undefined}>
        {(aria) => (
          <input
            {...aria}
            {...PRIVATE_INPUT}
            type="password"
            name="passphrase"
            autoComplete="current-password"
            value={passphrase}
            onInput={(e) => setPassphrase(e.currentTarget.value)}
          />
        )}
      </Field>
      <button class="btn btn--primary" type="submit" disabled={action.busy || !passphrase}>
        {action.busy ? 'Déverrouillage…' : (props.submitLabel ?? 'Déverrouiller')}
      </button>
    </form>
  );
}
