/**
 * The audit log in French words, for the « Journal d'audit » screen and its CSV export:
 * event labels, a sentence per entry's details, and what an integrity problem means.
 * Pure; ids are resolved to names by the caller's lookups (staff list, device log).
 */
import type { AuditDeviceReport, AuditProblem } from './audit-chain';
import type { AuditEntry, AuditKind } from './audit';
import { DEFAULT_TIME_ZONE } from './day';

/** French label of each event kind. */
export const AUDIT_KIND_LABELS_FR: Readonly<Record<AuditKind, string>> = {
  setup: 'Mise en service',
  unlock: 'Déverrouillage',
  lock: 'Verrouillage',
  'kiosk-enter': 'Entrée en mode patient',
  'kiosk-exit': 'Sortie du mode patient',
  'visit-created': 'Visite créée',
  'visit-viewed': 'Visite consultée',
  'visit-edited': 'Visite modifiée',
  'result-recorded': 'Résultat saisi',
  'visit-transmitted': 'Résultat transmis au portail',
  'visit-rejected': 'Résultat refusé par le portail',
  'visit-exported': 'Données d’un patient exportées',
  'visit-erased': 'Données d’un patient effacées (demande du patient)',
  exported: 'Export',
  purged: 'Purge des identités',
  'staff-added': 'Membre de l’équipe ajouté',
  'staff-removed': 'Membre de l’équipe retiré',
  'device-paired': 'Appareil ajouté',
  'device-revoked': 'Appareil retiré',
  'settings-changed': 'Paramètres modifiés',
};

/** French names of the settings a `settings-changed` entry may name (others: the slug). */
export const AUDIT_SETTING_LABELS_FR: Readonly<Record<string, string>> = {
  'portal-mode': 'mode d’envoi au portail',
  'portal-issuer': 'émetteur OpenID Connect',
  'portal-fhir': 'adresse FHIR du portail',
  'portal-client': 'identifiant client du portail',
  'kit-list': 'liste des tests',
  sync: 'synchronisation',
  pharmacy: 'officine',
  retention: 'durée de conservation',
};

/** French names of the exports an `exported` entry may name (others: the slug). */
const EXPORT_LABELS_FR: Readonly<Record<string, string>> = {
  audit: 'Journal d’audit',
  month: 'Rapport mensuel',
  day: 'Rapport du jour',
};

const LOCK_REASONS_FR = {
  manual: 'bouton « Verrouiller »',
  idle: 'inactivité',
  pagehide: 'application quittée',
  bfcache: 'page restaurée par le navigateur',
} as const;

const EDITED_PARTS_FR = {
  identity: 'identité corrigée',
  test: 'test enregistré',
  transmission: 'mise en file d’envoi au portail',
} as const;

/** Turns ids into names for display; unknown ids are shown shortened. */
export interface AuditNames {
  readonly staff?: (staffId: string) => string | undefined;
  readonly device?: (deviceId: string) => string | undefined;
}

/** A random id, shortened for display (8 characters are plenty to tell visits apart). */
export function shortAuditId(id: string): string {
  return id.length > 8 ? `${id.slice(0, 8)}…` : id;
}

const plural = (n: number, one: string, many: string): string => `${n} ${n > 1 ? many : one}`;

function failures(n: number): string {
  return n === 0 ? '' : `, réussi après ${plural(n, 'échec', 'échecs')}`;
}

/** The French sentence of an entry's details (no patient data exists to show). */
export function describeAuditDetails(entry: AuditEntry, names: AuditNames = {}): string {
  const device = (id: string): string => names.device?.(id) ?? `appareil ${shortAuditId(id)}`;
  const staff = (id: string): string => names.staff?.(id) ?? `membre ${shortAuditId(id)}`;
  switch (entry.kind) {
    case 'setup':
      return entry.details.method === 'create'
        ? 'Création de l’officine sur cet appareil'
        : 'Appareil rattaché à l’officine (appairage)';
    case 'unlock': {
      const how = entry.details.method === 'passphrase' ? 'Phrase de passe' : 'Code de secours';
      return how + failures(entry.details.failedAttempts);
    }
    case 'lock':
      return `Motif : ${LOCK_REASONS_FR[entry.details.reason]}`;
    case 'kiosk-enter':
    case 'kiosk-exit':
      return '';
    case 'visit-created':
      return `Visite ${shortAuditId(entry.details.visitId)} (${entry.details.source === 'phone' ? 'QR code du téléphone' : 'saisie au comptoir'})`;
    case 'visit-edited':
      return `Visite ${shortAuditId(entry.details.visitId)} : ${EDITED_PARTS_FR[entry.details.part]}`;
    case 'visit-viewed':
    case 'result-recorded':
    case 'visit-transmitted':
    case 'visit-rejected':
    case 'visit-exported':
    case 'visit-erased':
      return `Visite ${shortAuditId(entry.details.visitId)}`;
    case 'exported': {
      const period = entry.details.period ? ` ${entry.details.period}` : '';
      const what = EXPORT_LABELS_FR[entry.details.report] ?? entry.details.report;
      return `${what}${period} : ${plural(entry.details.rows, 'ligne', 'lignes')}`;
    }
    case 'purged':
      return plural(entry.details.visits, 'visite purgée', 'visites purgées');
    case 'staff-added':
      return `${staff(entry.details.staffId)} (${entry.details.role === 'admin' ? 'titulaire' : 'équipe'})`;
    case 'staff-removed':
      return staff(entry.details.staffId);
    case 'device-paired':
    case 'device-revoked':
      return device(entry.details.deviceId);
    case 'settings-changed':
      return entry.details.settings.map((s) => AUDIT_SETTING_LABELS_FR[s] ?? s).join(', ');
  }
}

/** What one problem means, in French (a clause, without the device). */
export function describeAuditProblem(problem: AuditProblem): string {
  switch (problem.kind) {
    case 'missing':
      return problem.from === problem.to
        ? `l’entrée n° ${problem.from} a été supprimée`
        : `les entrées n° ${problem.from} à ${problem.to} ont été supprimées`;
    case 'truncated':
      return `les dernières entrées (n° ${problem.last + 1} à ${problem.head}) ont été supprimées`;
    case 'edited':
      return `l’entrée n° ${problem.seq} a été modifiée`;
    case 'reordered':
      return `l’ordre des entrées a été modifié (autour du n° ${problem.seq})`;
    case 'forked':
      return `deux versions différentes de l’entrée n° ${problem.seq} existent`;
    case 'unreadable':
      if (problem.seq === 0) return 'le repère de fin du journal ne peut pas être déchiffré';
      return `l’entrée n° ${problem.seq} ne peut pas être déchiffrée (donnée endommagée ou modifiée)`;
    case 'conflict':
      return `un autre appareil a envoyé une version différente de l’entrée n° ${problem.seq}, qui a été refusée`;
  }
}

/**
 * The integrity banner: « Journal intègre », or one French warning per damaged device
 * naming it and what was detected, with what to do.
 */
export function describeAuditIntegrity(
  devices: readonly AuditDeviceReport[],
  deviceName: (deviceId: string) => string,
): { readonly ok: boolean; readonly lines: readonly string[] } {
  const damaged = devices.filter((d) => d.problems.length > 0);
  if (damaged.length === 0) return { ok: true, lines: ['Journal intègre'] };
  return {
    ok: false,
    lines: damaged.map(
      (d) =>
        `Journal de l’appareil « ${deviceName(d.deviceId)} » : ${d.problems.map(describeAuditProblem).join(' ; ')}. ` +
        'Ces entrées ont pu être effacées ou falsifiées : prévenez le titulaire et conservez cet appareil en l’état.',
    ),
  };
}

/**
 * An instant as `JJ/MM/AAAA HH:MM` in the pharmacy's time zone (French CSV and screen).
 * @param iso - ISO 8601 instant
 */
export function formatDateTimeFr(iso: string, timeZone: string = DEFAULT_TIME_ZONE): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(iso));
  const get = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('day')}/${get('month')}/${get('year')} ${get('hour')}:${get('minute')}`;
}
