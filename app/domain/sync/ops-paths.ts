/**
 * The last-writer-wins fields of a visit ("paths") and how to read or write one on a
 * {@link Visit}. `state` is not a path: it merges by its order (see `merge.ts`); `id` never
 * changes.
 */
import type { Identity, Visit } from '../visit';

/** Every key of {@link Identity}, each one its own LWW field. */
const IDENTITY_KEYS = [
  'birthName',
  'usedName',
  'firstNames',
  'sex',
  'birthDate',
  'birthPlace',
  'address',
  'postalCode',
  'city',
  'country',
  'phone',
  'email',
  'nir',
] as const satisfies readonly (keyof Identity)[];

/** One LWW field of a visit. */
export type VisitPath =
  | `identity.${(typeof IDENTITY_KEYS)[number]}`
  | 'context.symptomOnset'
  | 'context.consent'
  | 'context.guardianName'
  | 'test'
  | 'result'
  | 'transmission'
  | 'day'
  | 'registeredAt'
  | 'updatedAt'
  | 'source';

/** Every {@link VisitPath}, in a fixed order (the order of the ops of a new visit). */
export const VISIT_PATHS: readonly VisitPath[] = [
  ...IDENTITY_KEYS.map((k) => `identity.${k}` as const),
  'context.symptomOnset',
  'context.consent',
  'context.guardianName',
  'test',
  'result',
  'transmission',
  'day',
  'registeredAt',
  'updatedAt',
  'source',
];

const PATH_SET: ReadonlySet<string> = new Set(VISIT_PATHS);

/** `[head, key?]` of each path, split once (read and written for every field of every visit). */
const PATH_PARTS: ReadonlyMap<VisitPath, readonly [string, string | undefined]> = new Map(
  VISIT_PATHS.map((p) => [p, p.split('.') as [string, string | undefined]]),
);

function splitPath(path: VisitPath): readonly [string, string | undefined] {
  return PATH_PARTS.get(path) ?? (path.split('.') as [string, string | undefined]);
}

/** Whether `x` names a {@link VisitPath}. */
export function isVisitPath(x: unknown): x is VisitPath {
  return typeof x === 'string' && PATH_SET.has(x);
}

/**
 * The value of `path` in `visit`, `null` when absent. `context.symptomOnset` is `null` both
 * when absent and for "no symptoms", which the Visit type says are the same thing.
 */
export function readPath(visit: Visit, path: VisitPath): unknown {
  const [head, key] = splitPath(path);
  const top = (visit as unknown as Record<string, unknown>)[head];
  const value = key === undefined ? top : (top as Record<string, unknown> | undefined)?.[key];
  return value === undefined ? null : value;
}

/**
 * Writes `value` at `path` into a plain object under construction; `null` removes the key
 * (except `context.symptomOnset`, where `null` means "no symptoms" and is kept).
 */
export function writePath(target: Record<string, unknown>, path: VisitPath, value: unknown): void {
  const [head, key] = splitPath(path);
  const keep = value !== null || path === 'context.symptomOnset';
  if (key === undefined) {
    if (keep) target[head] = value;
    return;
  }
  const inner = (target[head] ?? {}) as Record<string, unknown>;
  if (keep) inner[key] = value;
  target[head] = inner;
}

/** Paths a visit cannot exist without (a doc missing one is not yet a visit). */
export const REQUIRED_PATHS: readonly VisitPath[] = [
  'identity.birthName',
  'identity.firstNames',
  'identity.sex',
  'identity.birthDate',
  'identity.address',
  'identity.postalCode',
  'identity.city',
  'identity.country',
  'identity.phone',
  'context.consent',
  'day',
  'registeredAt',
  'updatedAt',
  'source',
];
