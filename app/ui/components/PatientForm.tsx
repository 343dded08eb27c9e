import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { Identity, VisitContext } from '../../domain';
import { checkContext, checkIdentity, EMPTY_CONTEXT, type ContextValues } from '../form-validation';
import { useAction } from '../hooks/use-action';
import { t, type Lang } from '../i18n';
import { ContextForm } from './ContextForm';
import { EMPTY_IDENTITY, IdentityForm, type IdentityValues } from './IdentityForm';
import { ReviewList } from './ReviewList';

type Step = 'identity' | 'context' | 'review';

/**
 * The patient's registration form, shared by patient mode (kiosk) and the phone page:
 * identity → symptoms and consent → review → `onConfirm`. Same fields, same validation
 * and messages as the staff forms (`form-validation.ts`). State lives only here: the
 * parent remounts it (`key`) to forget everything.
 */
export function PatientForm(props: {
  lang: Lang;
  /** Field id prefix (two forms never share a page, but ids must stay unique). */
  idPrefix: string;
  confirmLabel: string;
  /** Called with the validated entry; a thrown error is shown and the form kept. */
  onConfirm: (identity: Identity, context: VisitContext) => Promise<void>;
  /** Called on any input (the kiosk's idle timer only runs on a dirty form). */
  onDirty?: () => void;
}): JSX.Element {
  const { lang, idPrefix } = props;
  const [step, setStep] = useState<Step>('identity');
  const [identityValues, setIdentityValues] = useState<IdentityValues>(EMPTY_IDENTITY);
  const [contextValues, setContextValues] = useState<ContextValues>(EMPTY_CONTEXT);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [identity, setIdentity] = useState<Identity | null>(null);

  // Messages are in the old language after a switch: drop them (they come back on submit).
  useEffect(() => setErrors({}), [lang]);

  const submit = useAction(async () => {
    const checked = checkContext(contextValues, identity?.birthDate ?? '', lang);
    if (!identity || !checked.context) throw new Error('form not valid');
    await props.onConfirm(identity, checked.context);
  });

  const goContext = (e: Event): void => {
    e.preventDefault();
    const checked = checkIdentity(identityValues, lang);
    setErrors(checked.errors);
    if (checked.identity) {
      setIdentity(checked.identity);
      setStep('context');
    } else focusFirstError();
  };
  const goReview = (e: Event): void => {
    e.preventDefault();
    const checked = checkContext(contextValues, identity?.birthDate ?? '', lang);
    setErrors(checked.errors);
    if (checked.context) setStep('review');
    else focusFirstError();
  };

  return (
    <>
      {step === 'identity' && (
        <form onSubmit={goContext} autoComplete="off" noValidate>
          <h2>{t('stepIdentity', lang)}</h2>
          <p>{t('kioskIntro', lang)}</p>
          <IdentityForm
            values={identityValues}
            errors={errors}
            lang={lang}
            idPrefix={idPrefix}
            onInput={(name, value) => {
              setIdentityValues({ ...identityValues, [name]: value });
              props.onDirty?.();
            }}
          />
          <div class="actions">
            <button class="btn btn--primary btn--large" type="submit">
              {t('next', lang)}
            </button>
          </div>
        </form>
      )}
      {step === 'context' && (
        <form onSubmit={goReview} autoComplete="off" noValidate>
          <h2>{t('stepContext', lang)}</h2>
          <ContextForm
            values={contextValues}
            errors={errors}
            birthDate={identity?.birthDate ?? ''}
            lang={lang}
            idPrefix={idPrefix}
            onChange={(values) => {
              setContextValues(values);
              props.onDirty?.();
            }}
          />
          <div class="actions">
            <button class="btn btn--large" type="button" onClick={() => setStep('identity')}>
              {t('back', lang)}
            </button>
            <button class="btn btn--primary btn--large" type="submit">
              {t('next', lang)}
            </button>
          </div>
        </form>
      )}
      {step === 'review' && identity && (
        <section aria-labelledby={`${idPrefix}-review-title`}>
          <h2 id={`${idPrefix}-review-title`}>{t('stepReview', lang)}</h2>
          <ReviewList identity={identity} context={contextValues} lang={lang} />
          {submit.error && (
            <p class="banner banner--error" role="alert">
              {submit.error}
            </p>
          )}
          <div class="actions">
            <button class="btn btn--large" type="button" onClick={() => setStep('identity')}>
              {t('edit', lang)}
            </button>
            <button
              class="btn btn--primary btn--large"
              type="button"
              disabled={submit.busy}
              onClick={() => void submit.run()}
            >
              {props.confirmLabel}
            </button>
          </div>
        </section>
      )}
    </>
  );
}

function focusFirstError(): void {
  requestAnimationFrame(() => {
    document.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  });
}
