/**
 * Form field names and their labels, in French (default UI) and English (patient-mode
 * switch). The French labels are the ones listed in DESIGN.md "The visit".
 */

/** Every field a validator can report an error on. */
export type FieldName =
  | 'birthName'
  | 'usedName'
  | 'firstNames'
  | 'sex'
  | 'birthDate'
  | 'birthPlace'
  | 'address'
  | 'postalCode'
  | 'city'
  | 'country'
  | 'phone'
  | 'email'
  | 'nir'
  | 'symptomOnset'
  | 'consent'
  | 'guardianName'
  | 'kitId'
  | 'lot'
  | 'expiry'
  | 'gtin'
  | 'serial'
  | 'specimen'
  | 'sampledAt'
  | 'readingMinutes'
  | 'result'
  | 'rpps'
  | 'finess'
  | 'passphrase'
  | 'purgeAfterDays'
  | 'warnAfterDays';

/** A label in both UI languages. */
export interface FieldLabel {
  fr: string;
  en: string;
}

/**
 * Labels of every {@link FieldName}, as shown next to the form inputs. Indexing with an
 * arbitrary string is allowed and yields `undefined` for an unknown name.
 */
export const FIELD_LABELS: Readonly<Record<FieldName, FieldLabel>> &
  Readonly<Partial<Record<string, FieldLabel>>> = {
  birthName: { fr: 'nom de naissance', en: 'birth name' },
  usedName: { fr: "nom d'usage", en: 'used name' },
  firstNames: { fr: 'prénom(s)', en: 'first name(s)' },
  sex: { fr: 'sexe', en: 'sex' },
  birthDate: { fr: 'date de naissance', en: 'date of birth' },
  birthPlace: { fr: 'lieu de naissance', en: 'place of birth' },
  address: { fr: 'adresse', en: 'address' },
  postalCode: { fr: 'code postal', en: 'postcode' },
  city: { fr: 'commune', en: 'town or city' },
  country: { fr: 'pays', en: 'country' },
  phone: { fr: 'téléphone mobile', en: 'mobile phone' },
  email: { fr: 'email', en: 'email' },
  nir: { fr: 'NIR (n° de sécurité sociale)', en: 'French social security number (NIR)' },
  symptomOnset: { fr: 'date des premiers symptômes', en: 'date symptoms started' },
  consent: { fr: 'consentement', en: 'consent' },
  guardianName: { fr: 'nom du représentant légal', en: "legal guardian's name" },
  kitId: { fr: 'kit', en: 'test kit' },
  lot: { fr: 'lot', en: 'batch number' },
  expiry: { fr: 'date de péremption', en: 'expiry date' },
  gtin: { fr: 'GTIN (code article)', en: 'GTIN (product code)' },
  serial: { fr: 'numéro de série', en: 'serial number' },
  specimen: { fr: 'prélèvement', en: 'specimen' },
  sampledAt: { fr: 'date/heure du prélèvement', en: 'sampling date/time' },
  readingMinutes: { fr: 'temps de lecture', en: 'reading time' },
  result: { fr: 'résultat', en: 'result' },
  rpps: { fr: 'n° RPPS', en: 'RPPS number' },
  finess: { fr: 'n° FINESS', en: 'FINESS number' },
  passphrase: { fr: 'phrase de passe', en: 'passphrase' },
  purgeAfterDays: {
    fr: "effacement de l'identité, jours après transmission",
    en: 'identity erased, days after transmission',
  },
  warnAfterDays: {
    fr: 'alerte si non transmis après (jours)',
    en: 'warning when not transmitted after (days)',
  },
};

/** Whether `field` is a known {@link FieldName}. */
export function isFieldName(field: string): field is FieldName {
  return Object.hasOwn(FIELD_LABELS, field);
}

/** The label of `field` in `lang`; an unknown field name is returned as is. */
export function fieldLabel(field: string, lang: 'fr' | 'en'): string {
  return isFieldName(field) ? FIELD_LABELS[field][lang] : field;
}
