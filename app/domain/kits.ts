/**
 * Rapid antigen test kits, identified by their EU JRC device id — the code of the EU DCC
 * value set "covid-19-lab-test-manufacturer-and-name"
 * (https://covid-19-diagnostics.jrc.ec.europa.eu/devices).
 *
 * The built-in list is a short, hand-picked set of kits common in French pharmacies,
 * checked against the value set of 2021-07-01. The staff can import the official value set
 * for the rest (DESIGN.md "Kit"); this module does not read it.
 */

/** Reading time when the kit's leaflet does not say otherwise, in minutes. */
export const DEFAULT_READING_MINUTES = 15;

/** One kit model. */
export interface Kit {
  /** EU JRC device id, e.g. `1232`. */
  id: string;
  /** Display name without the manufacturer. */
  name: string;
  manufacturer: string;
  /** Minutes to wait before reading, from the kit's leaflet. */
  readingMinutes: number;
  /** `false` once removed from the EU common list: it can no longer be used. */
  active: boolean;
}

/**
 * Kits available without importing the EU value set. Reading times are the minimum the
 * leaflets give (15 min for all of these); the staff can change it per test.
 */
export const BUILTIN_KITS: readonly Kit[] = Object.freeze([
  kit('1232', 'Panbio COVID-19 Ag Rapid Test', 'Abbott Rapid Diagnostics'),
  kit('1468', 'Flowflex SARS-CoV-2 Antigen rapid test', 'ACON Laboratories, Inc'),
  kit('345', 'STANDARD Q COVID-19 Ag Test', 'SD BIOSENSOR Inc'),
  kit('1604', 'SARS-CoV-2 Rapid Antigen Test', 'Roche (SD BIOSENSOR)'),
  kit('1833', 'COVID-VIRO', 'AAZ-LMB'),
  kit('1223', 'BIOSYNEX COVID-19 Ag BSS', 'BIOSYNEX S.A.'),
  kit('1218', 'CLINITEST Rapid Covid-19 Antigen Test', 'Siemens Healthineers'),
  kit('1162', 'NADAL COVID-19 Ag Test', 'Nal von minden GmbH'),
  kit('1278', 'Rapid SARS-CoV-2 Antigen Test Card', 'Xiamen Boson Biotech Co. Ltd'),
  kit(
    '1870',
    'Novel Coronavirus 2019-nCoV Antigen Test (Colloidal Gold)',
    'Beijing Hotgen Biotech Co., Ltd',
  ),
  kit('1065', 'BD Veritor System for Rapid Detection of SARS-CoV-2', 'Becton Dickinson', 15, false),
]);

/**
 * Finds a kit by EU JRC id in `kits` (default: the built-in list). Leading zeros and
 * surrounding spaces in `id` are ignored.
 */
export function findKit(id: string, kits: readonly Kit[] = BUILTIN_KITS): Kit | undefined {
  const wanted = id.trim().replace(/^0+(?=\d)/, '');
  return kits.find((k) => k.id === wanted);
}

/** `"manufacturer, name"`, the way the EU value set displays a kit. */
export function kitDisplayName(k: Kit): string {
  return `${k.manufacturer}, ${k.name}`;
}

function kit(
  id: string,
  name: string,
  manufacturer: string,
  readingMinutes = DEFAULT_READING_MINUTES,
  active = true,
): Kit {
  return Object.freeze({ id, name, manufacturer, readingMinutes, active });
}
