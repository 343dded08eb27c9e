import type { JSX } from 'preact';
import { findKit, formatDateFr, RESULT_LABELS_FR, type Pharmacy, type Visit } from '../../domain';

const SPECIMEN_FR: Record<string, string> = {
  '258500001': 'nasopharyngé',
  '697989009': 'nasal antérieur',
};

/**
 * The patient's printable result slip. Deliberately without the NIR (not needed to prove
 * a result; a printed NIR travels far).
 */
export function ResultSlip(props: { visit: Visit; pharmacy: Pharmacy }): JSX.Element | null {
  const { visit, pharmacy } = props;
  if (!visit.test || !visit.result) return null;
  const id = visit.identity;
  const kit = findKit(visit.test.kitId);
  const dateTime = (iso: string): string =>
    new Date(iso).toLocaleString('fr-FR', { dateStyle: 'long', timeStyle: 'short' });
  return (
    <article class="slip" aria-label="Justificatif de résultat">
      <header>
        <h2>Résultat de test antigénique SARS-CoV-2</h2>
        <p>
          {pharmacy.name} — {pharmacy.address}, {pharmacy.postalCode} {pharmacy.city} — FINESS{' '}
          {pharmacy.finess}
        </p>
      </header>
      <dl>
        <div>
          <dt>Patient</dt>
          <dd>
            {id.birthName.toUpperCase()}
            {id.usedName ? ` (${id.usedName.toUpperCase()})` : ''} {id.firstNames}
          </dd>
        </div>
        <div>
          <dt>Date de naissance</dt>
          <dd>{formatDateFr(id.birthDate)}</dd>
        </div>
        <div>
          <dt>Prélèvement</dt>
          <dd>
            {SPECIMEN_FR[visit.test.specimen]}, le {dateTime(visit.test.sampledAt)}
          </dd>
        </div>
        <div>
          <dt>Test</dt>
          <dd>
            {kit ? `${kit.name} (${kit.manufacturer})` : visit.test.kitName}, réf. UE{' '}
            {visit.test.kitId}, lot {visit.test.lot}
          </dd>
        </div>
        <div class="slip__result">
          <dt>Résultat</dt>
          <dd>{RESULT_LABELS_FR[visit.result.value].toUpperCase()}</dd>
        </div>
        <div>
          <dt>Lu par</dt>
          <dd>
            {visit.result.readBy.name} (RPPS {visit.result.readBy.rpps}), le{' '}
            {dateTime(visit.result.readAt)}
          </dd>
        </div>
      </dl>
      <footer>
        <p>
          Un test antigénique négatif n'exclut pas une infection. En cas de résultat positif,
          isolez-vous et suivez les consignes de l'Assurance Maladie.
        </p>
      </footer>
    </article>
  );
}
