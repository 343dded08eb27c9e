import type { JSX } from 'preact';
import { useCallback, useState } from 'preact/hooks';
import { buildIntakeEntry, submitIntakeEntry } from '../../intake';
import type { Identity } from '../../domain';
import { ContextForm } from '../components/ContextForm';
import { EMPTY_IDENTITY, IdentityForm, type IdentityValues } from '../components/IdentityForm';
import { ReviewList } from '../components/ReviewList';
import { UnlockForm } from '../components/UnlockForm';
import { checkContext, checkIdentity, EMPTY_CONTEXT, type ContextValues } from '../form-validation';
import { useAction } from '../hooks/use-action';
import { useController } from '../hooks/use-controller';
import { useIdle } from '../hooks/use-idle';
import { t, type Lang } from '../i18n';

/** The kiosk form clears itself after this long without a touch (DESIGN.md: 60 s). */
export const KIOSK_IDLE_RESET_MS = 60_000;
/** How long "Merci" stays before a fresh form. */
const THANKS_MS = 8_000;

type Step = 'identity' | 'context' | 'review' | 'thanks' | 'staff';

/**
 * Patient mode: a write-only form. No decryption key is in memory here; the entry is
 * sealed to the intake public key. State lives only in this component and is dropped on
 * reset, after "Merci" and after 60 s idle.
 */
export function KioskScreen(): JSX.Element {
  const controller = useController();
  const [lang, setLang] = useState<Lang>('fr');
  const [step, setStep] = useState<Step>('identity');
  const [identityValues, setIdentityValues] = useState<IdentityValues>(EMPTY_IDENTITY);
  const [contextValues, setContextValues] = useState<ContextValues>(EMPTY_CONTEXT);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [identity, setIdentity] = useState<Identity | null>(null);

  const reset = useCallback(() => {
    setIdentityValues(EMPTY_IDENTITY);
    setContextValues(EMPTY_CONTEXT);
    setErrors({});
    setIdentity(null);
    setStep('identity');
    setLang('fr');
  }, []);
  const dirty = step !== 'identity' || identityValues !== EMPTY_IDENTITY;
  useIdle(KIOSK_IDLE_RESET_MS, reset, dirty);

  const submit = useAction(async () => {
    const checked = checkContext(contextValues, identity?.birthDate ?? '', lang);
    if (!identity || !checked.context) throw new Error('form not valid');
    const entry = buildIntakeEntry(identity, checked.context, 'kiosk');
    await submitIntakeEntry(controller.db, controller.meta.intakePublicKey, entry);
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
  const confirm = async (): Promise<void> => {
    if (await submit.run()) {
      setStep('thanks');
      setIdentityValues(EMPTY_IDENTITY);
      setContextValues(EMPTY_CONTEXT);
      setIdentity(null);
      setTimeout(reset, THANKS_MS);
    }
  };

  return (
    <div class="kiosk" lang={lang}>
      <header class="kiosk__bar">
        <h1>{t('kioskTitle', lang)}</h1>
        <div class="kiosk__tools">
          <button
            type="button"
            class="btn btn--ghost"
            aria-label={t('switchLangLabel', lang)}
            onClick={() => {
              setLang(lang === 'fr' ? 'en' : 'fr');
              setErrors({});
            }}
          >
            {t('switchLang', lang)}
          </button>
          <button type="button" class="btn btn--ghost" onClick={() => setStep('staff')}>
            {t('staffAccess', lang)}
          </button>
        </div>
      </header>
      <main class="kiosk__body">
        {step === 'identity' && (
          <form onSubmit={goContext} autoComplete="off" noValidate>
            <h2>{t('stepIdentity', lang)}</h2>
            <p>{t('kioskIntro', lang)}</p>
            <IdentityForm
              values={identityValues}
              errors={errors}
              lang={lang}
              idPrefix="k"
              onInput={(name, value) => setIdentityValues({ ...identityValues, [name]: value })}
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
              idPrefix="k"
              onChange={setContextValues}
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
          <section aria-labelledby="review-title">
            <h2 id="review-title">{t('stepReview', lang)}</h2>
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
                onClick={confirm}
              >
                {t('confirm', lang)}
              </button>
            </div>
          </section>
        )}
        {step === 'thanks' && (
          <section class="thanks" aria-live="polite">
            <h2>{t('thanks', lang)}</h2>
            <p>{t('thanksText', lang)}</p>
            <button class="btn btn--primary btn--large" type="button" onClick={reset}>
              {t('newEntry', lang)}
            </button>
          </section>
        )}
        {step === 'staff' && (
          <section class="card narrow" aria-labelledby="staff-title">
            <h2 id="staff-title">Quitter le mode patient</h2>
            <p>Un membre de l'équipe doit déverrouiller pour quitter le mode patient.</p>
            <UnlockForm submitLabel="Déverrouiller et quitter" />
            <button class="btn btn--ghost" type="button" onClick={() => setStep('identity')}>
              Revenir au formulaire patient
            </button>
          </section>
        )}
      </main>
    </div>
  );
}

function focusFirstError(): void {
  requestAnimationFrame(() => {
    document.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  });
}
