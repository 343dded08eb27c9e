/** Helpers to look into a Bundle in tests. */
import type { Bundle, Resource } from '@medplum/fhirtypes';

/** The resources of the entries, in order. */
export function resources(bundle: Bundle): Resource[] {
  return (bundle.entry ?? []).map((e) => {
    if (!e.resource) throw new Error('entry without resource');
    return e.resource;
  });
}

/** The first resource of `type`; throws when absent. */
export function find<T extends Resource['resourceType']>(bundle: Bundle, type: T) {
  const found = resources(bundle).find((r) => r.resourceType === type);
  if (!found) throw new Error(`no ${type}`);
  return found as Extract<Resource, { resourceType: T }>;
}

/** Every `reference` string anywhere in `value`. */
export function referencesIn(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(referencesIn);
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([k, v]) =>
    k === 'reference' && typeof v === 'string' ? [v] : referencesIn(v),
  );
}
