import type { JSX } from 'preact';
import { FIELD_LABELS } from '../../domain';
import { t, type Lang } from '../i18n';
import { Field, PRIVATE_INPUT, TextField } from './Field';

/** Raw identity form values, keyed like `Identity`. */
export type IdentityValues = Record<string, string>;

export const EMPTY_IDENTITY: IdentityValues = {
  birthName: '',
  usedName: '',
  firstNames: '',
  sex: '',
  birthDate: '',
  birthPlace: '',
  address: '',
  postalCode: '',
  city: '',
  country: 'FR',
  phone: '',
  email: '',
  nir: '',
};

/** Countries offered in the form (ISO 3166-1 alpha-2); "other" stays possible by code. */
export const COUNTRIES: readonly { code: string; fr: string; en: string }[] = [
  { code: 'FR', fr: 'France', en: 'France' },
  { code: 'BE', fr: 'Belgique', en: 'Belgium' },
  { code: 'CH', fr: 'Suisse', en: 'Switzerland' },
  { code: 'LU', fr: 'Luxembourg', en: 'Luxembourg' },
  { code: 'MC', fr: 'Monaco', en: 'Monaco' },
  { code: 'DE', fr: 'Allemagne', en: 'Germany' },
  { code: 'ES', fr: 'Espagne', en: 'Spain' },
  { code: 'IT', fr: 'Italie', en: 'Italy' },
  { code: 'PT', fr: 'Portugal', en: 'Portugal' },
  { code: 'GB', fr: 'Royaume-Uni', en: 'United Kingdom' },
  { code: 'NL', fr: 'Pays-Bas', en: 'Netherlands' },
  { code: 'US', fr: 'États-Unis', en: 'United States' },
  { code: 'MA', fr: 'Maroc', en: 'Morocco' },
  { code: 'DZ', fr: 'Algérie', en: 'Algeria' },
  { code: 'TN', fr: 'Tunisie', en: 'Tunisia' },
];

/** Label of field `name` in `lang`, with "(facultatif)" for optional ones. */
export function fieldLabel(name: string, lang: Lang, optional = false): string {
  const raw = FIELD_LABELS[name]?.[lang] ?? name;
  const label = raw.charAt(0).toUpperCase() + raw.slice(1);
  return optional ? `${label} (${t('optional', lang)})` : label;
}

/**
 * The identity part of a visit, shared by patient mode and the staff forms. Controlled:
 * the parent keeps `values` (so a failed save loses nothing) and the localized `errors`.
 */
export function IdentityForm(props: {
  values: IdentityValues;
  errors: Record<string, string>;
  lang: Lang;
  idPrefix: string;
  onInput: (name: string, value: string) => void;
}): JSX.Element {
  const { values, errors, lang, idPrefix, onInput } = props;
  const text = (name: string, extra: Partial<Parameters<typeof TextField>[0]> = {}) => (
    <TextField
      name={name}
      idPrefix={idPrefix}
      label={fieldLabel(name, lang, extra.required === false)}
      value={values[name] ?? ''}
      error={errors[name]}
      onInput={onInput}
      {...extra}
      required={extra.required ?? true}
    />
  );
  return (
    <div class="form-grid">
      {text('birthName')}
      {text('usedName', { required: false })}
      {text('firstNames')}
      <fieldset class={`field field--choice${errors.sex ? ' field--error' : ''}`}>
        <legend>{fieldLabel('sex', lang)}</legend>
        <div class="choice-row">
          {(['F', 'M', 'I'] as const).map((sex) => (
            <label class="choice" key={sex}>
              <input
                type="radio"
                name={`${idPrefix}-sex`}
                value={sex}
                checked={values.sex === sex}
                onChange={() => onInput('sex', sex)}
              />
              <span>{t(`sex${sex}`, lang)}</span>
            </label>
          ))}
        </div>
        {errors.sex && (
          <p class="field__error" role="alert">
            {errors.sex}
          </p>
        )}
      </fieldset>
      {text('birthDate', { type: 'date' })}
      {text('birthPlace', { required: false })}
      {text('address')}
      {text('postalCode', { inputMode: 'numeric' })}
      {text('city')}
      <Field id={`${idPrefix}-country`} label={fieldLabel('country', lang)} error={errors.country}>
        {(aria) => (
          <select
            {...aria}
            {...PRIVATE_INPUT}
            name="country"
            value={values.country}
            onChange={(e) => onInput('country', e.currentTarget.value)}
          >
            {COUNTRIES.map((c) => (
              <option key={c.code} value={c.code}>
                {c[lang]}
              </option>
            ))}
          </select>
        )}
      </Field>
      {text('phone', { type: 'tel', inputMode: 'tel' })}
      {text('email', { type: 'email', inputMode: 'email', required: false })}
      {text('nir', { inputMode: 'numeric', required: false })}
    </div>
  );
}
