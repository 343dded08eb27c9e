import type { JSX } from 'preact';
import { useMemo, useRef, useState } from 'preact/hooks';
import {
  addMonths,
  dayReport,
  isMonth,
  localDay,
  monthOfDay,
  monthReport,
  parseDay,
  type DayReport,
  type MonthReport,
} from '../../domain';
import { useController } from '../hooks/use-controller';
import { exportMonthCsv, useMonthTallies } from '../hooks/use-report';
import { useSignal } from '../hooks/store-signal';
import { formatLongDay, formatMonthTitle } from '../report-format';
import { ReportChart } from './ReportChart';
import { BreakdownTable, DaysTable, SummaryTable } from './ReportTables';

/** The staff and kit tables of a period. */
function Breakdowns(props: { report: DayReport | MonthReport }): JSX.Element {
  const { report } = props;
  return (
    <>
      <BreakdownTable
        caption="Par membre de l’équipe (résultats lus)"
        nameHeader="Membre de l’équipe"
        rows={report.staff.map((s) => ({ id: s.staffId, name: s.name, counts: s.counts }))}
      />
      <BreakdownTable
        caption="Par test antigénique"
        nameHeader="Test"
        rows={report.kits.map((k) => ({ id: k.kitId, name: k.name, counts: k.counts }))}
      />
    </>
  );
}

/** The day view: its counts, staff and kits. */
function DaySection(props: { report: DayReport; onClose: () => void }): JSX.Element {
  const title = formatLongDay(props.report.day);
  return (
    <section class="report-day-view" aria-labelledby="report-day-title">
      <header class="report-day-view__header">
        <h3 id="report-day-title" tabIndex={-1}>
          Jour : {title}
        </h3>
        <button class="btn btn--ghost no-print" type="button" onClick={props.onClose}>
          Revenir au mois
        </button>
      </header>
      <SummaryTable caption={`Totaux du ${title}`} counts={props.report.totals} />
      <Breakdowns report={props.report} />
    </section>
  );
}

/** Month and day pickers, export, print and refresh. */
function Controls(props: {
  month: string;
  day: string | null;
  busy: boolean;
  onMonth: (month: string) => void;
  onDay: (day: string) => void;
  onExport: () => void;
  onReload: () => void;
}): JSX.Element {
  return (
    <div class="report-controls no-print">
      <div class="report-controls__month">
        <button class="btn" type="button" onClick={() => props.onMonth(addMonths(props.month, -1))}>
          <span aria-hidden="true">‹</span> Mois précédent
        </button>
        <div class="field">
          <label for="report-month">Mois</label>
          <input
            id="report-month"
            type="month"
            placeholder="AAAA-MM"
            value={props.month}
            onChange={(e) => isMonth(e.currentTarget.value) && props.onMonth(e.currentTarget.value)}
          />
        </div>
        <button class="btn" type="button" onClick={() => props.onMonth(addMonths(props.month, 1))}>
          Mois suivant <span aria-hidden="true">›</span>
        </button>
      </div>
      <div class="field">
        <label for="report-day">Voir un jour</label>
        <input
          id="report-day"
          type="date"
          value={props.day ?? ''}
          onChange={(e) => parseDay(e.currentTarget.value) && props.onDay(e.currentTarget.value)}
        />
      </div>
      <div class="actions">
        <button
          class="btn btn--primary"
          type="button"
          disabled={props.busy}
          onClick={props.onExport}
        >
          Exporter en CSV
        </button>
        <button class="btn" type="button" disabled={props.busy} onClick={() => window.print()}>
          Imprimer
        </button>
        <button class="btn" type="button" disabled={props.busy} onClick={props.onReload}>
          Actualiser
        </button>
      </div>
    </div>
  );
}

/**
 * « Rapports »: day and month counts computed from visit tallies (so they survive the
 * purge) — results, positivity, transmission, per staff member and per kit —, a chart of
 * the month, CSV export and printing. Counts and staff names only: never patient data.
 */
export function ReportsPanel(props: { onClose: () => void }): JSX.Element {
  const controller = useController();
  const session = useSignal(controller.session);
  const [month, setMonth] = useState(() => monthOfDay(localDay(new Date())));
  const [day, setDay] = useState<string | null>(null);
  const [reload, setReload] = useState(0);
  const dayTitle = useRef<HTMLDivElement>(null);
  const loaded = useMonthTallies(controller, month, reload);
  const ready = loaded.month === month && !loaded.loading && loaded.error === null;
  const report = useMemo(() => monthReport(loaded.tallies, loaded.month), [loaded]);
  const dayView = useMemo(() => (day ? dayReport(loaded.tallies, day) : null), [loaded, day]);
  const chooseMonth = (m: string): void => {
    setMonth(m);
    setDay(null);
  };
  const chooseDay = (d: string): void => {
    setMonth(monthOfDay(d));
    setDay(d);
    // Move focus to the day view, which appears above the month's tables.
    setTimeout(() => dayTitle.current?.querySelector('h3')?.focus(), 0);
  };

  return (
    <section class="panel reports" aria-labelledby="reports-title">
      <header class="panel__header no-print">
        <h2 id="reports-title">Rapports</h2>
        <button class="btn btn--ghost" type="button" onClick={props.onClose}>
          Fermer
        </button>
      </header>
      <Controls
        month={month}
        day={day}
        busy={!ready}
        onMonth={chooseMonth}
        onDay={chooseDay}
        onExport={() => void exportMonthCsv(controller, report)}
        onReload={() => setReload((n) => n + 1)}
      />
      <div role="status" aria-live="polite" class="no-print">
        {loaded.loading && <p>Calcul du rapport…</p>}
      </div>
      {loaded.error && (
        <p class="banner banner--error" role="alert">
          {loaded.error}
        </p>
      )}
      {loaded.damaged > 0 && (
        <p class="banner banner--warn" role="alert">
          {loaded.damaged} fiche(s) de ce mois ne peuvent pas être ouvertes (donnée endommagée ou
          modifiée) : elles ne sont pas comptées.
        </p>
      )}
      {ready && (
        <div class="report print-area print-area--screen">
          <h3>
            {session?.pharmacy.name ?? 'Comptoir'} — rapport de {formatMonthTitle(month)}
          </h3>
          <p class="field__hint">
            Des comptes seulement : aucune donnée de patient. Les visites purgées restent comptées.
            Taux de positivité = positifs / (positifs + négatifs).
          </p>
          <div ref={dayTitle}>
            {dayView && <DaySection report={dayView} onClose={() => setDay(null)} />}
          </div>
          <SummaryTable caption={`Totaux de ${formatMonthTitle(month)}`} counts={report.totals} />
          <ReportChart report={report} />
          <DaysTable days={report.days} selected={day} onSelect={chooseDay} />
          <Breakdowns report={report} />
        </div>
      )}
    </section>
  );
}
