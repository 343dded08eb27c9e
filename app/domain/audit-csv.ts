/**
 * CSV export of the audit log, e.g. for a CNIL inquiry (French conventions of `csv.ts`:
 * BOM, `;`, RFC 4180 quoting, formula-injection defence; dates `JJ/MM/AAAA HH:MM` in the
 * pharmacy's time zone). One row per entry, in the order given (the screen's: newest
 * first, filtered):
 * ```
 * Date et heure;Événement;Membre de l’équipe;Appareil;N° d’entrée;Détails;Référence
 * 03/05/2021 09:12;Visite consultée;Alice Martin;Comptoir 1;42;Visite q3Xc9aZf…;q3Xc9aZf1b…
 * ```
 * `Référence` is the full random id the details name (visit, staff member or device), to
 * match an entry with other records. No patient data: entries hold none.
 */
import type { AuditEntry } from './audit';
import { AUDIT_KIND_LABELS_FR, describeAuditDetails, formatDateTimeFr } from './audit-text';
import type { AuditNames } from './audit-text';
import { csvDocument } from './csv';
import { DEFAULT_TIME_ZONE } from './day';

/** Header row of the audit export. */
export const AUDIT_CSV_HEADERS: readonly string[] = [
  'Date et heure',
  'Événement',
  'Membre de l’équipe',
  'Appareil',
  'N° d’entrée',
  'Détails',
  'Référence',
];

/** The full id an entry's details refer to, or ''. */
function reference(entry: AuditEntry): string {
  const details: Readonly<Record<string, unknown>> = entry.details;
  for (const key of ['visitId', 'staffId', 'deviceId']) {
    const value = details[key];
    if (typeof value === 'string') return value;
  }
  return '';
}

/**
 * The entries as a CSV text starting with the UTF-8 BOM.
 * @param names - staff and device names for the details (unknown ids are shown shortened)
 *   and `deviceName`, the name of the device that wrote each entry
 * @param timeZone - zone of the dates (the pharmacy's)
 */
export function auditCsv(
  entries: readonly AuditEntry[],
  names: AuditNames & { readonly deviceName: (deviceId: string) => string },
  timeZone: string = DEFAULT_TIME_ZONE,
): string {
  const rows = entries.map((e) => [
    formatDateTimeFr(e.at, timeZone),
    AUDIT_KIND_LABELS_FR[e.kind],
    e.staffName ?? '',
    names.deviceName(e.deviceId),
    String(e.seq),
    describeAuditDetails(e, names),
    reference(e),
  ]);
  return csvDocument([AUDIT_CSV_HEADERS, ...rows]);
}

/** File name of an export made on `day` (`YYYY-MM-DD`): `comptoir-journal-AAAA-MM-JJ.csv`. */
export function auditCsvFileName(day: string): string {
  return `comptoir-journal-${day}.csv`;
}
