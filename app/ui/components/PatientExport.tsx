import type { JSX } from 'preact';
import {
  RESULT_LABELS_FR,
  SPECIMEN_LABELS,
  VISIT_STATE_LABELS_FR,
  findKit,
  formatDateFr,
  type Pharmacy,
  type Visit,
} from '../../domain';
import { ReviewList } from './ReviewList';

type Row = readonly [label: string, value: string | undefined];

const SOURCES_FR: Readonly<Record<Visit['source'], string>> = {
  kiosk: 'tablette du comptoir (mode patient)',
  counter: 'saisie par l’équipe au comptoir',
  phone: 'téléphone du patient (QR code)',
};

const dateTime = (iso: string): string =>
  new Date(iso).toLocaleString('fr-FR', { dateStyle: 'long', timeStyle: 'short' });

/** A titled list of label/value rows; empty values are left out. */
function Section(props: { title: string; rows: readonly Row[] }): JSX.Element | null {
  const rows = props.rows.filter((r): r is readonly [string, string] => Boolean(r[1]));
  if (rows.length === 0) return null;
  return (
    <section>
      <h3>{props.title}</h3>
      <dl>
        {rows.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

function contextRows(visit: Visit): Row[] {
  const c = visit.context;
  return [
    ['Enregistrée le', dateTime(visit.registeredAt)],
    ['Inscription', SOURCES_FR[visit.source]],
    ['Symptômes', c.symptomOnset ? `depuis le ${formatDateFr(c.symptomOnset)}` : 'aucun'],
    ['Consentement à la transmission', c.consent ? 'oui' : 'non'],
    ['Représentant légal', c.guardianName],
    ['Dernière modification', dateTime(visit.updatedAt)],
  ];
}

function testRows(visit: Visit): Row[] {
  const test = visit.test;
  if (!test) return [];
  const kit = findKit(test.kitId);
  return [
    ['Test', kit ? `${kit.name} (${kit.manufacturer})` : test.kitName],
    ['Référence UE', test.kitId],
    ['Lot', test.lot],
    ['Péremption', formatDateFr(test.expiry)],
    ['GTIN', test.gtin],
    ['Numéro de série', test.serial],
    ['Prélèvement', SPECIMEN_LABELS[test.specimen].fr],
    ['Prélevé le', dateTime(test.sampledAt)],
    ['Temps de lecture', `${test.readingMinutes} min`],
  ];
}

function resultRows(visit: Visit): Row[] {
  const r = visit.result;
  if (!r) return [];
  return [
    ['Résultat', RESULT_LABELS_FR[r.value]],
    ['Lu le', dateTime(r.readAt)],
    ['Lu par', `${r.readBy.name} (RPPS ${r.readBy.rpps})`],
  ];
}

function transmissionRows(visit: Visit): Row[] {
  const t = visit.transmission;
  return [
    ['État', VISIT_STATE_LABELS_FR[visit.state]],
    ['Tentatives d’envoi', t ? String(t.attempts) : undefined],
    ['Dernier message du portail', t?.lastError],
    ['Accusé de réception du portail', t?.receipt],
    ['Transmis le', t?.transmittedAt ? dateTime(t.transmittedAt) : undefined],
  ];
}

/**
 * Everything the pharmacy holds on one visit, as printed for the person it concerns (RGPD
 * art. 15): identity (NIR included: it is theirs), context, test, result and where the
 * transmission to SI-DEP stands, with the pharmacy and the print date.
 */
export function PatientExport(props: {
  visit: Visit;
  pharmacy: Pharmacy;
  printedAt: Date;
}): JSX.Element {
  const { visit, pharmacy } = props;
  return (
    <article class="patient-export" aria-label="Données détenues sur ce patient">
      <header>
        <h2>Données personnelles détenues par l’officine</h2>
        <p>
          {pharmacy.name} — {pharmacy.address}, {pharmacy.postalCode} {pharmacy.city} — FINESS{' '}
          {pharmacy.finess}
        </p>
        <p>
          Édité le {dateTime(props.printedAt.toISOString())}, à la demande de la personne concernée
          (droit d’accès, RGPD art. 15). Visite n° {visit.id}.
        </p>
      </header>
      <section>
        <h3>Identité</h3>
        <ReviewList identity={visit.identity} lang="fr" />
      </section>
      <Section title="Visite" rows={contextRows(visit)} />
      <Section title="Test" rows={testRows(visit)} />
      <Section title="Résultat" rows={resultRows(visit)} />
      <Section title="Transmission au portail national (SI-DEP)" rows={transmissionRows(visit)} />
      <footer>
        <p>
          Ces données sont chiffrées sur les appareils de l’officine. L’identité est effacée
          automatiquement après la transmission du résultat, selon la durée de conservation de
          l’officine ; seuls des décomptes sans identité sont conservés. Vous pouvez demander son
          effacement dès maintenant.
        </p>
      </footer>
    </article>
  );
}
