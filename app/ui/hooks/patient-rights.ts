/**
 * Patients' rights at the counter (issue 6): find a person's visits by name, print what the
 * pharmacy holds on one (RGPD art. 15) or erase it before retention ends (art. 17).
 *
 * The query is a name: it lives only in the panel's memory. It is never put in the URL,
 * storage, a log or the audit log; a search writes NO audit entry (its only honest content
 * would be the query). What is audited is each access to a person's data: opening a result
 * (`visit-viewed`), printing it (`visit-exported`) and erasing it (`visit-erased`), by
 * visit id only.
 */
import { useCallback, useRef, useState } from 'preact/hooks';
import {
  PATIENT_QUERY_PROBLEMS_FR,
  parsePatientQuery,
  type AuditEvent,
  type Visit,
} from '../../domain';
import { appendAudit, eraseVisit, findVisitsByName, getVisit } from '../../store';
import type { PatientSearchResult } from '../../store';
import { describeError } from '../errors';
import type { AppController } from './controller';

/** The panel's search: results in memory only, cleared with {@link PatientSearch.clear}. */
export interface PatientSearch {
  readonly result: PatientSearchResult | null;
  readonly error: string | null;
  readonly busy: boolean;
  /** Parses `raw` and searches; a bad query gives a French error and no search. */
  search(raw: string): Promise<void>;
  /** Drops one visit from the results (after its erasure). */
  forget(visitId: string): void;
  /** Forgets the results and the error. */
  clear(): void;
}

/** Searches the unlocked session's visits by name or birth date (see `findVisitsByName`). */
export function usePatientSearch(controller: AppController): PatientSearch {
  const [result, setResult] = useState<PatientSearchResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Only the latest search may show its results (an older, slower one is dropped).
  const latest = useRef(0);
  const search = useCallback(
    async (raw: string): Promise<void> => {
      const ticket = ++latest.current;
      const parsed = parsePatientQuery(raw);
      setResult(null);
      if (!parsed.ok) return setError(PATIENT_QUERY_PROBLEMS_FR[parsed.problem]);
      setError(null);
      setBusy(true);
      try {
        const found = await findVisitsByName(controller.db, controller.keyring, parsed.query);
        if (ticket === latest.current) setResult(found);
      } catch (e) {
        if (ticket === latest.current) setError(describeError(e));
      } finally {
        if (ticket === latest.current) setBusy(false);
      }
    },
    [controller],
  );
  const forget = useCallback((visitId: string) => {
    setResult((r) => r && { ...r, visits: r.visits.filter((v) => v.id !== visitId) });
  }, []);
  const clear = useCallback(() => {
    latest.current++;
    setResult(null);
    setError(null);
    setBusy(false);
  }, []);
  return { result, error, busy, search, forget, clear };
}

/**
 * Re-reads one visit (it may have changed or been erased since the search) and logs
 * `visit-viewed`. Throws store/crypto errors (`not-found` when it is gone).
 */
export async function openPatientVisit(controller: AppController, visitId: string): Promise<Visit> {
  const visit = await getVisit(controller.db, controller.keyring, visitId);
  await controller.audit.log({ kind: 'visit-viewed', details: { visitId } });
  return visit;
}

/**
 * Logs `visit-exported` BEFORE the data is printed: if the entry cannot be written, this
 * throws and nothing is printed (an export of personal data is never unaudited).
 */
export async function logPatientExport(controller: AppController, visitId: string): Promise<void> {
  const event: AuditEvent = { kind: 'visit-exported', details: { visitId } };
  await appendAudit(controller.db, controller.keyring, controller.audit.input(event));
  controller.localChange();
}

/**
 * Erases the visit's identity on every device (`eraseVisit`) with its `visit-erased` entry
 * in the same transaction, then refreshes the lists and syncs.
 * @returns false when it was already gone (erased or purged meanwhile)
 */
export async function erasePatientVisit(
  controller: AppController,
  visitId: string,
): Promise<boolean> {
  const event: AuditEvent = { kind: 'visit-erased', details: { visitId } };
  const input = controller.audit.input(event);
  const erased = await eraseVisit(controller.db, controller.keyring, visitId, input);
  controller.localChange();
  return erased;
}
