import type { JSX } from 'preact';
import { isMinor } from '../../domain';
import type { ContextValues } from '../form-validation';
import { t, type Lang } from '../i18n';
import { PRIVATE_INPUT, TextField } from './Field';
import { fieldLabel } from './IdentityForm';

/** Symptom onset, consent to transmission and, for a minor, the guardian's name. */
export function ContextForm(props: {
  values: ContextValues;
  errors: Record<string, string>;
  birthDate: string;
  lang: Lang;
  idPrefix: string;
  onChange: (values: ContextValues) => void;
}): JSX.Element {
  const { values, errors, lang, idPrefix, onChange } = props;
  const minor = isValidDate(props.birthDate) && isMinor(props.birthDate, new Date());
  return (
    <div class="form-grid">
      <label class="choice choice--block">
        <input
          type="checkbox"
          name="noSymptoms"
          checked={values.noSymptoms}
          onChange={(e) => onChange({ ...values, noSymptoms: e.currentTarget.checked })}
        />
        <span>{t('noSymptoms', lang)}</span>
      </label>
      {!values.noSymptoms && (
        <TextField
          name="symptomOnset"
          idPrefix={idPrefix}
          type="date"
          label={fieldLabel('symptomOnset', lang)}
          value={values.symptomOnset}
          error={errors.symptomOnset}
          onInput={(_, v) => onChange({ ...values, symptomOnset: v })}
        />
      )}
      {minor && (
        <div class="notice" role="note">
          <p>{t('minorNotice', lang)}</p>
          <TextField
            name="guardianName"
            idPrefix={idPrefix}
            label={fieldLabel('guardianName', lang)}
            value={values.guardianName}
            error={errors.guardianName}
            required
            onInput={(_, v) => onChange({ ...values, guardianName: v })}
          />
        </div>
      )}
      <fieldset class={`field field--choice${errors.consent ? ' field--error' : ''}`}>
        <legend>{fieldLabel('consent', lang)}</legend>
        <label class="choice choice--block">
          <input
            {...PRIVATE_INPUT}
            type="checkbox"
            name="consent"
            aria-invalid={Boolean(errors.consent)}
            aria-describedby={errors.consent ? `${idPrefix}-consent-error` : undefined}
            checked={values.consent}
            onChange={(e) => onChange({ ...values, consent: e.currentTarget.checked })}
          />
          <span>{t('consentText', lang)}</span>
        </label>
        {errors.consent && (
          <p class="field__error" id={`${idPrefix}-consent-error`} role="alert">
            {errors.consent}
          </p>
        )}
      </fieldset>
    </div>
  );
}

function isValidDate(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value);
}
