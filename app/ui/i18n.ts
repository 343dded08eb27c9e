/**
 * UI strings. French is the default everywhere; patient-facing screens also speak English
 * (the kiosk's language switch). Field labels and validation messages come from
 * `app/domain` so the kiosk and staff forms share them.
 */
export type Lang = 'fr' | 'en';

const STRINGS = {
  kioskTitle: {
    fr: 'Enregistrement pour un test antigénique',
    en: 'Registration for a rapid antigen test',
  },
  kioskIntro: {
    fr: 'Remplissez ce formulaire. Vos données sont chiffrées sur cet appareil et seule la pharmacie peut les lire.',
    en: 'Fill in this form. Your data are encrypted on this device and only the pharmacy can read them.',
  },
  switchLang: { fr: 'English', en: 'Français' },
  switchLangLabel: { fr: 'Switch to English', en: 'Passer en français' },
  stepIdentity: { fr: 'Votre identité', en: 'Your identity' },
  stepContext: { fr: 'Symptômes et consentement', en: 'Symptoms and consent' },
  stepReview: { fr: 'Vérifiez vos informations', en: 'Check your information' },
  next: { fr: 'Continuer', en: 'Continue' },
  back: { fr: 'Retour', en: 'Back' },
  confirm: { fr: 'Terminé, envoyer à la pharmacie', en: 'Done, send to the pharmacy' },
  edit: { fr: 'Modifier', en: 'Edit' },
  optional: { fr: 'facultatif', en: 'optional' },
  sexF: { fr: 'Femme', en: 'Female' },
  sexM: { fr: 'Homme', en: 'Male' },
  sexI: { fr: 'Indéterminé', en: 'Unspecified' },
  noSymptoms: { fr: "Je n'ai pas de symptômes", en: 'I have no symptoms' },
  consentText: {
    fr: "J'accepte que le résultat de mon test et mon identité soient transmis au système national de dépistage (SI-DEP), comme la loi l'exige.",
    en: 'I agree that my test result and identity are sent to the French national screening system (SI-DEP), as required by law.',
  },
  minorNotice: {
    fr: 'Le patient est mineur : indiquez le nom du représentant légal présent.',
    en: 'The patient is a minor: give the name of the legal guardian present.',
  },
  thanks: { fr: 'Merci !', en: 'Thank you!' },
  thanksText: {
    fr: 'Votre inscription est enregistrée. Patientez, la pharmacie va vous appeler.',
    en: 'You are registered. Please wait, the pharmacy will call you.',
  },
  newEntry: { fr: 'Nouvelle inscription', en: 'New registration' },
  staffAccess: { fr: 'Accès personnel', en: 'Staff access' },
  errorsTitle: { fr: 'Corrigez les champs signalés', en: 'Please correct the highlighted fields' },
  yes: { fr: 'Oui', en: 'Yes' },
  no: { fr: 'Non', en: 'No' },
  symptomsLabel: { fr: 'Symptômes', en: 'Symptoms' },
  none: { fr: 'aucun', en: 'none' },
  since: { fr: 'depuis le', en: 'since' },
  phoneTitle: { fr: 'Inscription au test antigénique', en: 'Rapid antigen test registration' },
  phoneIntro: {
    fr: 'Remplissez ce formulaire en attendant votre tour. Rien n’est envoyé sur Internet : à la fin, un QR code s’affiche, à montrer au comptoir.',
    en: 'Fill in this form while you wait. Nothing is sent over the Internet: at the end a QR code appears, to show at the counter.',
  },
  phoneConfirm: { fr: 'Terminé, afficher mon QR code', en: 'Done, show my QR code' },
  phoneQrTitle: { fr: 'Montrez ce QR code au comptoir', en: 'Show this QR code at the counter' },
  phoneQrLabel: {
    fr: 'QR code de votre inscription, chiffré pour la pharmacie',
    en: 'QR code of your registration, encrypted for the pharmacy',
  },
  phoneQrText: {
    fr: 'Augmentez la luminosité de l’écran. Seule la pharmacie peut lire ce code. Rien n’est gardé sur ce téléphone : si vous fermez cette page, il faudra recommencer.',
    en: 'Turn the screen brightness up. Only the pharmacy can read this code. Nothing is kept on this phone: if you close this page, you will have to start again.',
  },
  phoneRestart: { fr: 'Effacer et recommencer', en: 'Clear and start again' },
  phoneBadLink: {
    fr: 'Ce lien d’inscription est incomplet. Scannez à nouveau le QR code de l’affiche de la pharmacie.',
    en: 'This registration link is incomplete. Scan the QR code on the pharmacy’s poster again.',
  },
} satisfies Record<string, Record<Lang, string>>;

export type StringKey = keyof typeof STRINGS;

/** The string `key` in `lang`. */
export function t(key: StringKey, lang: Lang): string {
  return STRINGS[key][lang];
}
