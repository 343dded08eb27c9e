import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { Identity, VisitContext } from '../../domain';
import {
  parseRegistrationFragment,
  phoneRegistrationCode,
  type RegistrationLink,
} from '../../intake';
import { LangSwitch } from '../components/LangSwitch';
import { PatientForm } from '../components/PatientForm';
import { QrCode } from '../components/QrCode';
import { t, type Lang } from '../i18n';

/** The browser's language picks the first language (a patient's own phone). */
function initialLang(): Lang {
  return navigator.language.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

/**
 * The public registration page on the patient's own phone (`/inscription#k=…&n=…`): the
 * kiosk's form, then the entry sealed to the pharmacy's key and shown as a QR code. No
 * database, no storage, no request: the state lives in this component only, and the key
 * comes from the URL fragment, which no server ever receives.
 */
export function PhoneScreen(): JSX.Element {
  const [lang, setLang] = useState<Lang>(initialLang);
  const [link, setLink] = useState<RegistrationLink | null | 'loading'>('loading');
  const [code, setCode] = useState<string | null>(null);
  const [formKey, setFormKey] = useState(0);

  useEffect(() => {
    void parseRegistrationFragment(location.hash).then(setLink);
  }, []);

  const confirm = async (identity: Identity, context: VisitContext): Promise<void> => {
    if (link === null || link === 'loading') return;
    setCode(await phoneRegistrationCode(link, identity, context));
    setFormKey((k) => k + 1);
  };
  const restart = (): void => {
    setCode(null);
    setFormKey((k) => k + 1);
  };
  const pharmacy = link !== null && link !== 'loading' ? link.pharmacyName : '';

  return (
    <div class="kiosk phone" lang={lang}>
      <header class="kiosk__bar">
        <h1>
          {t('phoneTitle', lang)}
          {pharmacy && <span class="phone__pharmacy">{pharmacy}</span>}
        </h1>
        <div class="kiosk__tools">
          <LangSwitch lang={lang} onChange={setLang} />
        </div>
      </header>
      <main class="kiosk__body">
        {link === null && (
          <p class="banner banner--error" role="alert">
            {t('phoneBadLink', lang)}
          </p>
        )}
        {link !== null && link !== 'loading' && code === null && (
          <>
            <p>{t('phoneIntro', lang)}</p>
            <PatientForm
              key={formKey}
              lang={lang}
              idPrefix="p"
              confirmLabel={t('phoneConfirm', lang)}
              onConfirm={confirm}
            />
          </>
        )}
        {code !== null && (
          <section class="phone__code" aria-labelledby="phone-code-title">
            <h2 id="phone-code-title">{t('phoneQrTitle', lang)}</h2>
            <QrCode value={code} label={t('phoneQrLabel', lang)} size={340} />
            <p>{t('phoneQrText', lang)}</p>
            <button class="btn btn--large" type="button" onClick={restart}>
              {t('phoneRestart', lang)}
            </button>
          </section>
        )}
      </main>
    </div>
  );
}
