/**
 * Integrity warnings: DATA the sync core emits about what it refused or what looks wrong in
 * what the relay delivered; the UI renders them (French text included) and decides how loud.
 */

/** What was detected. */
export type IntegrityWarningKind =
  /** An author's bundles were skipped: a gap in its device sequence (dropped by the relay). */
  | 'missing'
  /** An author's older bundle arrived after a newer one (reordered by the relay). */
  | 'reordered'
  /** Two different bundles claim the same place in an author's chain (rollback / fork). */
  | 'forked'
  /** A bundle by a device the verified device log does not name: ignored. */
  | 'unknown-device'
  /** A bundle whose signature or encryption does not verify: ignored. */
  | 'bad-signature'
  /** The relay served a device log that does not extend the one verified here. */
  | 'device-log'
  /** The vault key's epoch records could not be read here: the key in use stays. */
  | 'keys';

/** One warning, for the UI to render. */
export interface IntegrityWarning {
  readonly kind: IntegrityWarningKind;
  /** Author concerned (device id), or '' for the device log. */
  readonly deviceId: string;
  /** French sentence: what happened and what to do. */
  readonly detail: string;
  /** Unix ms when detected. */
  readonly at: number;
}

const ADVICE = ' Prévenez le responsable de la pharmacie ; les données reçues restent vérifiées.';

/**
 * Builds a warning with its French detail.
 * @param name - display name of the device from the verified log, when known
 * @param extra - what exactly (e.g. "lots 4 à 6")
 */
export function integrityWarning(
  kind: IntegrityWarningKind,
  deviceId: string,
  at: number,
  name = '',
  extra = '',
): IntegrityWarning {
  const who = name ? `l'appareil « ${name} »` : 'un appareil';
  const what: Record<IntegrityWarningKind, string> = {
    missing: `Des modifications de ${who} manquent (${extra}) : le serveur de synchronisation ne les a pas transmises.`,
    reordered: `Des modifications de ${who} sont arrivées dans le désordre (${extra}) : elles ont été appliquées.`,
    forked: `Deux versions différentes de l'historique de ${who} ont été reçues (${extra}).`,
    'unknown-device':
      'Des données signées par un appareil inconnu de la pharmacie ont été reçues et ignorées.',
    'bad-signature': `Des données attribuées à ${who} n'ont pas passé les contrôles de signature ou de chiffrement et ont été ignorées.`,
    'device-log':
      "La liste des appareils de la pharmacie servie par le serveur ne prolonge pas celle vérifiée sur cet appareil ; l'ancienne liste reste en vigueur.",
    keys: "Le renouvellement de la clé de chiffrement n'a pas pu être lu sur cet appareil ; la clé actuelle reste en usage.",
  };
  return { kind, deviceId, detail: what[kind] + ADVICE, at };
}
