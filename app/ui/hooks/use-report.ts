/**
 * The reports screen's data: the tallies of a month, read through the unlocked session's
 * keyring (live visits decrypted plus the stored tallies of purged visits), and the CSV
 * export. Counts only ever leave this module; no visit is kept.
 */
import { useEffect, useState } from 'preact/hooks';
import { monthReportCsv, reportCsvFileName, type MonthReport, type VisitTally } from '../../domain';
import { readMonthTallies } from '../../store';
import { downloadText } from '../download';
import { describeError } from '../errors';
import type { AppController } from './controller';

/** The tallies of one month as loaded, how many rows could not be opened, and errors. */
export interface MonthTallies {
  /** The month these tallies belong to (they lag behind while a new month loads). */
  readonly month: string;
  readonly tallies: readonly VisitTally[];
  /** Rows left out because they could not be opened (damaged or tampered with). */
  readonly damaged: number;
  readonly loading: boolean;
  readonly error: string | null;
}

/**
 * Loads the tallies of `month`, again when `reload` changes. Not on every write: a month
 * is thousands of decryptions, and the screen has its own « Actualiser » button.
 */
export function useMonthTallies(
  controller: AppController,
  month: string,
  reload: number,
): MonthTallies {
  const [state, setState] = useState<MonthTallies>({
    month,
    tallies: [],
    damaged: 0,
    loading: true,
    error: null,
  });
  useEffect(() => {
    let cancelled = false;
    setState((s) => ({ ...s, loading: true, error: null }));
    // Let the busy state paint before the (synchronous) decryption of the month.
    const timer = setTimeout(() => {
      readMonthTallies(controller.db, controller.keyring, month).then(
        ({ tallies, damaged }) => {
          if (cancelled) return;
          setState({ month, tallies, damaged: damaged.length, loading: false, error: null });
        },
        (error: unknown) => {
          if (!cancelled) setState((s) => ({ ...s, loading: false, error: describeError(error) }));
        },
      );
    }, 16);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [controller, month, reload]);
  return state;
}

/** MIME type of the export (the BOM inside says UTF-8 to Excel; this says it to browsers). */
const CSV_TYPE = 'text/csv;charset=utf-8';

/** Data rows of the month's CSV: every day, the total, each staff member and each kit. */
function csvDataRows(report: MonthReport): number {
  return report.days.length + 1 + report.staff.length + report.kits.length;
}

/**
 * Downloads the month report as `comptoir-rapport-AAAA-MM.csv` and logs the export in the
 * audit log (DESIGN.md: who exported what; counts only, like the file).
 */
export async function exportMonthCsv(
  controller: AppController,
  report: MonthReport,
): Promise<void> {
  downloadText(reportCsvFileName(report.month), monthReportCsv(report), CSV_TYPE);
  await controller.audit.log({
    kind: 'exported',
    details: { report: 'month', period: report.month, rows: csvDataRows(report) },
  });
}
