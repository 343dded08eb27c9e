/**
 * In-memory store of what the sandbox SI-DEP received, and transaction processing
 * (https://hl7.org/fhir/R4/http.html#trules): conditional creates resolved first, then
 * `urn:uuid:` references rewritten to the assigned `<Type>/<id>`, then all entries stored
 * at once (all or nothing), answered in request order.
 */
import { randomUUID } from 'node:crypto';
import type { Bundle, BundleEntry, Identifier, Resource } from '@medplum/fhirtypes';
import { parseIfNoneExist, type IdentifierToken } from './if-none-exist';
import type { ReceivedSummary } from './types';

/** One stored resource (version 1: the sandbox never updates). */
export interface StoredResource {
  type: string;
  id: string;
  resource: Resource;
  lastModified: string;
  /** RPPS of the practitioner whose transaction created it. */
  rpps: string;
}

/** Resources by type, plus the counters `GET _control/received` reports. */
export class FhirStore {
  private byType = new Map<string, StoredResource[]>();
  private transactions = 0;
  private creates = 0;
  private duplicatesPrevented = 0;

  /** The stored resource of `type` carrying the identifier `token`, if any. */
  find(type: string, token: IdentifierToken): StoredResource | undefined {
    return this.byType.get(type)?.find((s) => hasIdentifier(s.resource, token));
  }

  /**
   * Processes a validated transaction for `rpps` at `nowMs`; returns the
   * `transaction-response` Bundle (one entry per request entry, same order).
   */
  commit(bundle: Bundle, rpps: string, nowMs: number): Bundle {
    const lastModified = new Date(nowMs).toISOString();
    const entries = bundle.entry ?? [];
    const staged: StoredResource[] = [];
    const targets = new Map<string, string>();
    const outcome = entries.map((entry) => {
      const resource = entry.resource as Resource;
      const type = resource.resourceType;
      const token = parseIfNoneExist(entry.request?.ifNoneExist ?? '');
      const existing = token
        ? (this.find(type, token) ??
          staged.find((s) => s.type === type && hasIdentifier(s.resource, token)))
        : undefined;
      const target = existing ?? {
        type,
        id: randomUUID(),
        resource,
        lastModified,
        rpps,
      };
      if (!existing) staged.push(target);
      if (entry.fullUrl) targets.set(entry.fullUrl, `${type}/${target.id}`);
      return { target, created: !existing };
    });
    for (const s of staged) {
      const copy = rewriteReferences(structuredClone(s.resource), targets) as Resource;
      s.resource = { ...copy, id: s.id, meta: { versionId: '1', lastUpdated: lastModified } };
      const list = this.byType.get(s.type) ?? [];
      list.push(s);
      this.byType.set(s.type, list);
    }
    this.transactions++;
    this.creates += staged.length;
    this.duplicatesPrevented += outcome.filter((o) => !o.created).length;
    return {
      resourceType: 'Bundle',
      type: 'transaction-response',
      entry: outcome.map(({ target, created }) => responseEntry(target, created)),
    };
  }

  /** What was received, for tests and benchmarks. */
  summary(): ReceivedSummary {
    const observations = (this.byType.get('Observation') ?? []).map((s) => {
      const id = (s.resource as { identifier?: Identifier[] }).identifier?.[0];
      return {
        id: s.id,
        identifier: `${id?.system ?? ''}|${id?.value ?? ''}`,
        rpps: s.rpps,
        createdAt: s.lastModified,
      };
    });
    return {
      transactions: this.transactions,
      observations,
      creates: this.creates,
      duplicatesPrevented: this.duplicatesPrevented,
    };
  }

  clear(): void {
    this.byType.clear();
    this.transactions = this.creates = this.duplicatesPrevented = 0;
  }
}

function responseEntry(target: StoredResource, created: boolean): BundleEntry {
  return {
    response: {
      status: created ? '201 Created' : '200 OK',
      location: `${target.type}/${target.id}/_history/1`,
      etag: 'W/"1"',
      lastModified: target.lastModified,
    },
  };
}

function hasIdentifier(resource: Resource, token: IdentifierToken): boolean {
  const ids = (resource as { identifier?: Identifier[] }).identifier ?? [];
  return ids.some(
    (id) => id.value === token.value && (token.system === undefined || id.system === token.system),
  );
}

/** Replaces every `reference` equal to a transaction `fullUrl` by its `<Type>/<id>`. */
function rewriteReferences(node: unknown, targets: Map<string, string>): unknown {
  if (Array.isArray(node)) return node.map((n) => rewriteReferences(n, targets));
  if (typeof node !== 'object' || node === null) return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    out[key] =
      key === 'reference' && typeof value === 'string'
        ? (targets.get(value) ?? value)
        : rewriteReferences(value, targets);
  }
  return out;
}
