/**
 * Visit reads and writes for the staff screens, through the unlocked session's keyring.
 * Every write bumps the controller's revision so the day list re-reads.
 */
import { useEffect, useState } from 'preact/hooks';
import { randomId } from '../../crypto';
import {
  localDay,
  type AuditEvent,
  type Identity,
  type Visit,
  type VisitContext,
} from '../../domain';
import { getVisit, listDayVisits, putVisit } from '../../store';
import { describeError } from '../errors';
import type { AppController } from './controller';
import { useSignal } from './store-signal';

/** The day's visits (decrypted), the ids that could not be opened, and a load error. */
export interface DayList {
  visits: Visit[];
  damaged: string[];
  loading: boolean;
  error: string | null;
}

/** Loads the visits of `day`, again after every write. */
export function useDayVisits(controller: AppController, day: string): DayList {
  const revision = useSignal(controller.revision);
  const [state, setState] = useState<DayList>({
    visits: [],
    damaged: [],
    loading: true,
    error: null,
  });
  useEffect(() => {
    let cancelled = false;
    listDayVisits(controller.db, controller.keyring, day).then(
      ({ visits, damaged }) => {
        if (!cancelled) setState({ visits, damaged, loading: false, error: null });
      },
      (error: unknown) => {
        if (!cancelled) setState((s) => ({ ...s, loading: false, error: describeError(error) }));
      },
    );
    return () => {
      cancelled = true;
    };
  }, [controller, day, revision]);
  return state;
}

/**
 * Stores `visit` (encrypted) and refreshes lists; with `event`, its audit entry is written
 * in the same transaction. Throws store/crypto errors.
 */
export async function saveVisit(
  controller: AppController,
  visit: Visit,
  event?: AuditEvent,
): Promise<void> {
  const audit = event ? controller.audit.input(event) : undefined;
  await putVisit(controller.db, controller.keyring, visit, audit);
  controller.localChange();
}

/** Re-reads one visit (decrypt + verify). */
export async function readVisit(controller: AppController, id: string): Promise<Visit> {
  return getVisit(controller.db, controller.keyring, id);
}

/** A visit typed in by staff at the counter (no kiosk step). */
export async function createCounterVisit(
  controller: AppController,
  identity: Identity,
  context: VisitContext,
  now = new Date(),
): Promise<Visit> {
  const iso = now.toISOString();
  const visit: Visit = {
    id: randomId(),
    state: 'registered',
    day: localDay(now),
    registeredAt: iso,
    updatedAt: iso,
    source: 'counter',
    identity,
    context,
  };
  await saveVisit(controller, visit, {
    kind: 'visit-created',
    details: { visitId: visit.id, source: 'counter' },
  });
  return visit;
}
