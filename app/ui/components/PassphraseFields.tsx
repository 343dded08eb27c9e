import type { JSX } from 'preact';
import { assessPassphrase } from '../../domain';
import { Field, PRIVATE_INPUT } from './Field';

/** Passphrase + confirmation with a live strength estimate (domain/passphrase). */
export function PassphraseFields(props: {
  idPrefix: string;
  value: string;
  confirm: string;
  context: string[];
  errors: Record<string, string>;
  onChange: (value: string, confirm: string) => void;
}): JSX.Element {
  const { idPrefix, value, confirm, errors, onChange } = props;
  const assessment = value ? assessPassphrase(value, props.context) : null;
  // Full when accepted (4 unrelated words or ≥ 80 bits); otherwise progress towards 80 bits.
  const meter = !assessment
    ? 0
    : assessment.ok
      ? 100
      : Math.min(90, Math.round((assessment.estimatedBits / 80) * 100));
  return (
    <>
      <Field
        id={`${idPrefix}-passphrase`}
        label="Phrase de passe"
        hint="Au moins 4 mots sans rapport entre eux, par exemple « cheval agrafe batterie correct »."
        error={errors.passphrase}
      >
        {(aria) => (
          <input
            {...aria}
            {...PRIVATE_INPUT}
            type="password"
            name="new-passphrase"
            autoComplete="new-password"
            value={value}
            onInput={(e) => onChange(e.currentTarget.value, confirm)}
          />
        )}
      </Field>
      {assessment && (
        <div class="strength" aria-live="polite">
          <meter
            min={0}
            max={100}
            low={60}
            high={99}
            optimum={100}
            value={meter}
            aria-label="Solidité de la phrase de passe"
          />
          <span>
            {assessment.ok ? 'Phrase de passe solide' : (assessment.message ?? 'Trop faible')}
          </span>
        </div>
      )}
      <Field id={`${idPrefix}-confirm`} label="Confirmez la phrase de passe" error={errors.confirm}>
        {(aria) => (
          <input
            {...aria}
            {...PRIVATE_INPUT}
            type="password"
            name="confirm-passphrase"
            autoComplete="new-password"
            value={confirm}
            onInput={(e) => onChange(value, e.currentTarget.value)}
          />
        )}
      </Field>
    </>
  );
}

/** Field errors for a new passphrase (strength, then confirmation). */
export function checkPassphrase(
  value: string,
  confirm: string,
  context: string[],
): Record<string, string> {
  const assessment = assessPassphrase(value, context);
  if (!assessment.ok) {
    return {
      passphrase:
        assessment.message ??
        'Phrase de passe trop faible : choisissez au moins 4 mots sans rapport entre eux.',
    };
  }
  if (value !== confirm) {
    return { confirm: 'Les deux phrases de passe sont différentes : retapez la confirmation.' };
  }
  return {};
}
