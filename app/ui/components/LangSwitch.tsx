import type { JSX } from 'preact';
import { t, type Lang } from '../i18n';

/** The French/English switch of the patient-facing screens (kiosk, phone). */
export function LangSwitch(props: { lang: Lang; onChange: (lang: Lang) => void }): JSX.Element {
  const { lang } = props;
  return (
    <button
      type="button"
      class="btn btn--ghost"
      aria-label={t('switchLangLabel', lang)}
      onClick={() => props.onChange(lang === 'fr' ? 'en' : 'fr')}
    >
      {t('switchLang', lang)}
    </button>
  );
}
