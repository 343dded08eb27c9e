import type { ComponentChildren, JSX } from 'preact';

/** Props of a labelled form field with its field-level error. */
export interface FieldProps {
  id: string;
  label: string;
  error?: string | undefined;
  hint?: string | undefined;
  children: (aria: {
    id: string;
    'aria-invalid': boolean;
    'aria-describedby': string | undefined;
  }) => ComponentChildren;
}

/**
 * A label, a control and its error under it. The error is announced (`role="alert"`) and
 * linked to the control with `aria-describedby`, as WCAG 3.3.1 asks.
 */
export function Field({ id, label, error, hint, children }: FieldProps): JSX.Element {
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean);
  return (
    <div class={`field${error ? ' field--error' : ''}`}>
      <label for={id}>{label}</label>
      {hint && (
        <p class="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {children({
        id,
        'aria-invalid': Boolean(error),
        'aria-describedby': describedBy.length ? describedBy.join(' ') : undefined,
      })}
      {error && (
        <p class="field__error" id={`${id}-error`} role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

/** Props shared by every text input of a sensitive form: no autocomplete, no spellcheck. */
export const PRIVATE_INPUT = {
  autoComplete: 'off',
  autoCorrect: 'off',
  autoCapitalize: 'off',
  spellcheck: false,
  'data-lpignore': 'true',
} as const;

/** A text field bound to `values[name]`. */
export function TextField(props: {
  name: string;
  label: string;
  value: string;
  error?: string | undefined;
  hint?: string | undefined;
  type?: 'text' | 'email' | 'tel' | 'date' | 'datetime-local' | 'password' | 'number';
  inputMode?: 'text' | 'numeric' | 'tel' | 'email';
  idPrefix?: string;
  required?: boolean;
  onInput: (name: string, value: string) => void;
}): JSX.Element {
  const id = `${props.idPrefix ?? 'f'}-${props.name}`;
  return (
    <Field id={id} label={props.label} error={props.error} hint={props.hint}>
      {(aria) => (
        <input
          {...aria}
          {...PRIVATE_INPUT}
          name={props.name}
          type={(props.type ?? 'text') as 'text'}
          inputMode={props.inputMode}
          required={props.required}
          value={props.value}
          onInput={(e) => props.onInput(props.name, e.currentTarget.value)}
        />
      )}
    </Field>
  );
}
