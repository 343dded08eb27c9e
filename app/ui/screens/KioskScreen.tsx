import type { JSX } from 'preact';
import { useCallback, useState } from 'preact/hooks';
import { buildIntakeEntry, submitIntakeEntry } from '../../intake';
import type { Identity, VisitContext } from '../../domain';
import { LangSwitch } from '../components/LangSwitch';
import { PatientForm } from '../components/PatientForm';
import { UnlockForm } from '../components/UnlockForm';
import { useController } from '../hooks/use-controller';
import { useIdle } from '../hooks/use-idle';
import { t, type Lang } from '../i18n';

/** The kiosk form clears itself after this long without a touch (DESIGN.md: 60 s). */
export const KIOSK_IDLE_RESET_MS = 60_000;
/** How long "Merci" stays before a fresh form. */
const THANKS_MS = 8_000;

type Step = 'form' | 'thanks' | 'staff';

/**
 * Patient mode: a write-only form. No decryption key is in memory here; the entry is
 * sealed to the intake public key. State lives only in the form, which is remounted (and
 * so forgotten) on reset, after "Merci" and after 60 s idle.
 */
export function KioskScreen(): JSX.Element {
  const controller = useController();
  const [lang, setLang] = useState<Lang>('fr');
  const [step, setStep] = useState<Step>('form');
  const [formKey, setFormKey] = useState(0);
  const [dirty, setDirty] = useState(false);

  const reset = useCallback(() => {
    setFormKey((k) => k + 1);
    setDirty(false);
    setStep('form');
    setLang('fr');
  }, []);
  useIdle(KIOSK_IDLE_RESET_MS, reset, dirty || step !== 'form');

  const confirm = async (identity: Identity, context: VisitContext): Promise<void> => {
    const entry = buildIntakeEntry(identity, context, 'kiosk');
    await submitIntakeEntry(controller.db, controller.meta.intakePublicKey, entry);
    setFormKey((k) => k + 1);
    setDirty(false);
    setStep('thanks');
    setTimeout(reset, THANKS_MS);
  };

  return (
    <div class="kiosk" lang={lang}>
      <header class="kiosk__bar">
        <h1>{t('kioskTitle', lang)}</h1>
        <div class="kiosk__tools">
          <LangSwitch lang={lang} onChange={setLang} />
          <button type="button" class="btn btn--ghost" onClick={() => setStep('staff')}>
            {t('staffAccess', lang)}
          </button>
        </div>
      </header>
      <main class="kiosk__body">
        {/* Hidden, not unmounted, while staff unlocks: what the patient typed stays. */}
        <div hidden={step !== 'form'}>
          <PatientForm
            key={formKey}
            lang={lang}
            idPrefix="k"
            confirmLabel={t('confirm', lang)}
            onConfirm={confirm}
            onDirty={() => setDirty(true)}
          />
        </div>
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
            <button class="btn btn--ghost" type="button" onClick={() => setStep('form')}>
              Revenir au formulaire patient
            </button>
          </section>
        )}
      </main>
    </div>
  );
}
