import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { validateTest, type TestInfo } from '../../domain';
import { errorMap } from '../form-validation';
import { useController } from '../hooks/use-controller';
import { useTestKit, type KitFill } from '../hooks/use-test-kit';
import { Field, PRIVATE_INPUT, TextField } from './Field';
import { fieldLabel } from './IdentityForm';
import { KitScanner } from './KitScanner';

/** Local "YYYY-MM-DDTHH:mm" for a datetime-local input. */
export function toLocalInput(date: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(
    date.getHours(),
  )}:${pad(date.getMinutes())}`;
}

/**
 * Kit (picked, or read from the box code), lot, expiry, GTIN, specimen and sampling time;
 * "Démarrer le test" starts the timer and remembers the box's GTIN against the kit.
 */
export function TestForm(props: {
  initial?: TestInfo | undefined;
  busy: boolean;
  onSubmit: (test: TestInfo) => void;
}): JSX.Element {
  const kits = useTestKit(useController(), props.initial);
  const [values, setValues] = useState<Record<string, string>>(() => {
    const first = kits.choices.find((c) => !c.disabled)?.kit;
    return {
      kitId: props.initial?.kitId ?? first?.id ?? '',
      lot: props.initial?.lot ?? '',
      expiry: props.initial?.expiry ?? '',
      gtin: props.initial?.gtin ?? '',
      serial: props.initial?.serial ?? '',
      specimen: props.initial?.specimen ?? '697989009',
      sampledAt: toLocalInput(props.initial ? new Date(props.initial.sampledAt) : new Date()),
      readingMinutes: String(props.initial?.readingMinutes ?? first?.readingMinutes ?? 15),
    };
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const set = (name: string, value: string): void => {
    const next = { ...values, [name]: value };
    if (name === 'kitId') {
      next.readingMinutes = kits.readingMinutesOf(value);
      kits.clearHint();
    }
    setValues(next);
  };
  const fill = (filled: KitFill): void => {
    setValues((current) => ({ ...current, ...filled }));
    // The filled fields' old errors no longer apply; the others stay until the next submit.
    setErrors((current) =>
      Object.fromEntries(Object.entries(current).filter(([name]) => !(name in filled))),
    );
  };
  const submit = (e: Event): void => {
    e.preventDefault();
    const sampledAt = values.sampledAt ? new Date(values.sampledAt).toISOString() : '';
    const result = validateTest({ ...values, sampledAt }, new Date(), kits.validationKits);
    if (!result.ok) return setErrors(errorMap(result.errors, 'fr'));
    setErrors({});
    props.onSubmit(result.value);
    kits.remember(result.value);
  };
  return (
    <form class="form-grid" onSubmit={submit} autoComplete="off" noValidate>
      <KitScanner
        onCode={async (text) => {
          const { feedback, fill: filled } = await kits.scan(text);
          if (filled) fill(filled);
          return feedback;
        }}
      />
      <Field
        id="t-kitId"
        label={fieldLabel('kitId', 'fr')}
        hint={kits.hint ?? kits.catalog.label}
        error={errors.kitId}
      >
        {(aria) => (
          <select
            {...aria}
            value={values.kitId}
            onChange={(e) => set('kitId', e.currentTarget.value)}
          >
            <option value="" disabled>
              Choisissez le test…
            </option>
            {kits.choices.map(({ kit, text, disabled }) => (
              <option key={kit.id} value={kit.id} disabled={disabled}>
                {text}
              </option>
            ))}
          </select>
        )}
      </Field>
      <TextField
        name="lot"
        idPrefix="t"
        label={fieldLabel('lot', 'fr')}
        value={values.lot ?? ''}
        error={errors.lot}
        onInput={set}
        required
      />
      <TextField
        name="expiry"
        idPrefix="t"
        type="date"
        label={fieldLabel('expiry', 'fr')}
        value={values.expiry ?? ''}
        error={errors.expiry}
        onInput={set}
        required
      />
      <TextField
        name="gtin"
        idPrefix="t"
        inputMode="numeric"
        label={`${fieldLabel('gtin', 'fr')}, facultatif`}
        hint="Rempli par la lecture du code de la boîte."
        value={values.gtin ?? ''}
        error={errors.gtin}
        onInput={set}
      />
      <TextField
        name="serial"
        idPrefix="t"
        label={`${fieldLabel('serial', 'fr')}, facultatif`}
        hint="Rempli par la lecture du code de la boîte quand il le donne."
        value={values.serial ?? ''}
        error={errors.serial}
        onInput={set}
      />
      <fieldset class={`field field--choice${errors.specimen ? ' field--error' : ''}`}>
        <legend>{fieldLabel('specimen', 'fr')}</legend>
        <div class="choice-row">
          {[
            ['697989009', 'Nasal antérieur'],
            ['258500001', 'Nasopharyngé'],
          ].map(([code, label]) => (
            <label class="choice" key={code}>
              <input
                type="radio"
                name="specimen"
                value={code}
                checked={values.specimen === code}
                onChange={() => set('specimen', code ?? '')}
              />
              <span>{label}</span>
            </label>
          ))}
        </div>
        {errors.specimen && (
          <p class="field__error" role="alert">
            {errors.specimen}
          </p>
        )}
      </fieldset>
      <TextField
        name="sampledAt"
        idPrefix="t"
        type="datetime-local"
        label={fieldLabel('sampledAt', 'fr')}
        value={values.sampledAt ?? ''}
        error={errors.sampledAt}
        onInput={set}
        required
      />
      <Field id="t-readingMinutes" label="Temps de lecture (minutes)" error={errors.readingMinutes}>
        {(aria) => (
          <input
            {...aria}
            {...PRIVATE_INPUT}
            type="number"
            min={1}
            max={60}
            name="readingMinutes"
            value={values.readingMinutes}
            onInput={(e) => set('readingMinutes', e.currentTarget.value)}
          />
        )}
      </Field>
      <div class="actions">
        <button class="btn btn--primary btn--large" type="submit" disabled={props.busy}>
          {props.initial ? 'Enregistrer le test' : 'Démarrer le test'}
        </button>
      </div>
    </form>
  );
}
