/**
 * The visit: one test of one person at one pharmacy (DESIGN.md "The visit"). There is no
 * patient master file: a returning person is a new visit.
 *
 * These types are the plaintext inside the encrypted envelope; only `id`, `state` and
 * `day` are ever stored in clear (DESIGN.md "IndexedDB").
 */
import type { VisitState } from './visit-state';

/** Administrative sex: F, M, or I (indéterminé), as in the INS referential. */
export type Sex = 'F' | 'M' | 'I';

/** Who the patient says they are. The NIR is declared, never a qualified INS. */
export interface Identity {
  birthName: string;
  usedName?: string;
  firstNames: string;
  sex: Sex;
  /** `YYYY-MM-DD`. */
  birthDate: string;
  /** Commune or country of birth. */
  birthPlace?: string;
  address: string;
  postalCode: string;
  city: string;
  /** ISO 3166-1 alpha-2, default `FR`. */
  country: string;
  /** E.164, e.g. `+33612345678`. */
  phone: string;
  email?: string;
  /** 15 characters, declared only. */
  nir?: string;
}

/** Circumstances of the test, as SI-DEP asks for them. */
export interface VisitContext {
  /** `YYYY-MM-DD`; `null` = no symptoms. */
  symptomOnset: string | null;
  /** Consent to transmission is required to register. */
  consent: true;
  /** Required when the patient is a minor. */
  guardianName?: string;
}

/** SNOMED CT specimen codes: nasopharyngeal swab / anterior nasal swab. */
export type Specimen = '258500001' | '697989009';

/** The two specimen codes with their French and English names. */
export const SPECIMEN_LABELS: Readonly<Record<Specimen, { fr: string; en: string }>> = {
  '258500001': { fr: 'nasopharyngé', en: 'nasopharyngeal' },
  '697989009': { fr: 'nasal antérieur', en: 'anterior nasal' },
};

/** The kit used and how the sample was taken. */
export interface TestInfo {
  /** EU JRC device id (EU DCC value set "covid-19-lab-test-manufacturer-and-name"). */
  kitId: string;
  kitName: string;
  lot: string;
  /** `YYYY-MM-DD`. */
  expiry: string;
  gtin?: string;
  /** Serial number of the kit box (GS1 AI 21), when its code gives one. */
  serial?: string;
  specimen: Specimen;
  /** ISO 8601 date-time with offset. */
  sampledAt: string;
  readingMinutes: number;
}

/** The reading of the test. */
export type ResultValue = 'positive' | 'negative' | 'invalid';

/** SNOMED CT codes of each result (EU DCC value set "covid-19-lab-result" + invalid). */
export const RESULT_SNOMED: Readonly<Record<ResultValue, string>> = {
  positive: '260373001',
  negative: '260415000',
  invalid: '455371000124106',
};

/** French labels of each result, as printed and shown. */
export const RESULT_LABELS_FR: Readonly<Record<ResultValue, string>> = {
  positive: 'positif',
  negative: 'négatif',
  invalid: 'non interprétable',
};

/** English labels of each result (patient mode's English switch). */
export const RESULT_LABELS_EN: Readonly<Record<ResultValue, string>> = {
  positive: 'positive',
  negative: 'negative',
  invalid: 'invalid (could not be read)',
};

/** The result, who read it and when. */
export interface ResultInfo {
  value: ResultValue;
  /** ISO 8601 date-time with offset. */
  readAt: string;
  readBy: { staffId: string; name: string; rpps: string };
}

/** Transmission bookkeeping for the national portal (SI-DEP). */
export interface Transmission {
  attempts: number;
  /** The portal's OperationOutcome text, in French. */
  lastError?: string;
  /** The portal's resource id. */
  receipt?: string;
  transmittedAt?: string;
}

/** Where the registration came from. */
export type VisitSource = 'kiosk' | 'counter' | 'phone';

/** One test of one person at one pharmacy. */
export interface Visit {
  id: string;
  state: VisitState;
  /** `YYYY-MM-DD`, local day of registration (used for listing and purge). */
  day: string;
  registeredAt: string;
  updatedAt: string;
  source: VisitSource;
  identity: Identity;
  context: VisitContext;
  test?: TestInfo;
  result?: ResultInfo;
  transmission?: Transmission;
}

/** What patient mode or the patient's phone seals: a registration, version 1. */
export interface IntakeEntry {
  v: 1;
  id: string;
  registeredAt: string;
  day: string;
  source: 'kiosk' | 'phone';
  identity: Identity;
  context: VisitContext;
}

/** The pharmacy, as sent to the portal (Organization). */
export interface Pharmacy {
  name: string;
  finess: string;
  address: string;
  postalCode: string;
  city: string;
}

/** A member of staff, as sent to the portal (Practitioner). */
export interface StaffMember {
  id: string;
  name: string;
  rpps: string;
  role: 'admin' | 'staff';
}

/**
 * Turns an opened intake entry into a `registered` visit. Throws `RangeError` on an entry
 * version other than 1 (the caller received something this build cannot read).
 */
export function visitFromIntake(entry: IntakeEntry): Visit {
  if (entry.v !== 1) throw new RangeError(`Unsupported intake entry version: ${String(entry.v)}`);
  return {
    id: entry.id,
    state: 'registered',
    day: entry.day,
    registeredAt: entry.registeredAt,
    updatedAt: entry.registeredAt,
    source: entry.source,
    identity: { ...entry.identity },
    context: { ...entry.context },
  };
}
