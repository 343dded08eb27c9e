/**
 * French health identifiers and code systems checked by the sandbox, as SI-DEP does.
 * RPPS: 11 digits with a Luhn key; FINESS: 9 digits, the last a Luhn key.
 */

/** OID of the RPPS (national directory of health professionals). */
export const RPPS_SYSTEM = 'urn:oid:1.2.250.1.71.4.2.1';
/** OID of FINESS (national directory of health and social establishments). */
export const FINESS_SYSTEM = 'urn:oid:1.2.250.1.71.4.2.2';
export const LOINC_SYSTEM = 'http://loinc.org';
export const SNOMED_SYSTEM = 'http://snomed.info/sct';
/** EU JRC database of COVID-19 in vitro diagnostic devices. */
export const JRC_DEVICE_SYSTEM = 'https://covid-19-diagnostics.jrc.ec.europa.eu/devices';
/** LOINC "SARS-CoV-2 (COVID-19) Ag [Presence] in Respiratory specimen by Rapid immunoassay". */
export const ANTIGEN_TEST_LOINC = '94558-4';

/** SNOMED CT results SI-DEP accepts for a rapid antigen test. */
export const RESULT_SNOMED = new Set([
  '260373001', // Detected
  '260415000', // Not detected
  '455371000124106', // Invalid result (non interprétable)
  '419984006', // Inconclusive
]);

/** SNOMED CT specimen types accepted (nasopharyngeal, nasal, oropharyngeal, saliva swabs). */
export const SPECIMEN_SNOMED = new Set(['258500001', '697989009', '461911000124106', '258529004']);

/** Luhn (mod 10) check over all digits, the key being the last one. */
export function hasLuhnKey(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** True for an 11-digit RPPS number with a valid Luhn key. */
export function isRpps(value: string): boolean {
  return /^\d{11}$/.test(value) && hasLuhnKey(value);
}

/** True for a 9-digit FINESS number with a valid Luhn key. */
export function isFiness(value: string): boolean {
  return /^\d{9}$/.test(value) && hasLuhnKey(value);
}
