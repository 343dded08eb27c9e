/**
 * Visit rows ⇄ visits and their sync docs. Payload v3 (`rows.ts`, written since) carries
 * the visit AND its clocks, each distinct clock once; v2 payloads (the clock repeated per
 * field, half the row) and v1 payloads (a plain Visit, written before sync, every clock at
 * ZERO_HLC) are still read. Internal to the store (not re-exported by `index.ts`).
 */
import {
  CryptoError,
  IntegrityError,
  decryptRecord,
  encryptRecord,
  envelopeEpoch,
  openIntake,
  resealRecord,
  type Keyring,
} from '../crypto';
import {
  isHlc,
  isVisitPath,
  readPath,
  visitFromIntake,
  visitToDoc,
  ZERO_HLC,
  type Clocked,
  type Hlc,
  type Visit,
  type VisitDoc,
  type VisitPath,
  type VisitState,
} from '../domain';
import { decodeRecord, encodeRecord } from './codec';
import { StorageError } from './errors';
import { VISIT_KIND, isSealedRow, type EnvelopeVisitRow, type VisitRow } from './rows';
import { isIntakeEntry, isVisit, isVisitState } from './shapes';

/** The clocks stored next to a visit (payload v2, still read). */
interface VisitClocks {
  readonly fields: Partial<Record<VisitPath, Hlc>>;
  readonly state: VisitState;
  readonly stateHlc: Hlc;
}

/** Payload v2 of a visit envelope (still read). */
interface VisitPayloadV2 {
  readonly v: 2;
  readonly visit: Visit;
  readonly clocks: VisitClocks;
}

/**
 * Payload v3 of a visit envelope: every distinct clock once in `h`; `f` gives, per path
 * that has a clock, the index of its clock; `s` is the merged state, `sh` its clock's index.
 */
interface VisitPayloadV3 {
  readonly v: 3;
  readonly visit: Visit;
  readonly h: readonly Hlc[];
  readonly f: Readonly<Partial<Record<VisitPath, number>>>;
  readonly s: VisitState;
  readonly sh: number;
}

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);

function isClocks(x: unknown): x is VisitClocks {
  if (!isObj(x) || !isObj(x.fields) || !isVisitState(x.state) || !isHlc(x.stateHlc)) return false;
  return Object.entries(x.fields).every(([k, h]) => isVisitPath(k) && isHlc(h));
}

function isClockTable(h: unknown): h is Hlc[] {
  return Array.isArray(h) && h.every(isHlc);
}

function isPayloadV3(x: Obj): x is Obj & VisitPayloadV3 {
  if (!isVisit(x.visit) || !isClockTable(x.h) || !isObj(x.f) || !isVisitState(x.s)) return false;
  const size = x.h.length;
  const isRef = (i: unknown) => Number.isInteger(i) && (i as number) >= 0 && (i as number) < size;
  return isRef(x.sh) && Object.entries(x.f).every(([k, i]) => isVisitPath(k) && isRef(i));
}

function isPayload(x: unknown): x is VisitPayloadV3 | VisitPayloadV2 | Visit {
  if (isObj(x) && x.v === 3) return isPayloadV3(x);
  if (isObj(x) && x.v === 2) return isVisit(x.visit) && isClocks(x.clocks);
  return isVisit(x);
}

/** Crypto failures that mean "this stored row cannot be opened" (not a locked keyring). */
const DAMAGE_CODES: ReadonlySet<string> = new Set([
  'integrity',
  'unknown-epoch',
  'unsupported-version',
  'invalid-input',
]);

/** True when `e` says a stored row is damaged, as opposed to an environment failure. */
export function isDamage(e: unknown): boolean {
  if (e instanceof StorageError) return e.code === 'corrupt';
  return e instanceof CryptoError && DAMAGE_CODES.has(e.code);
}

/** Opens a sealed row into the visit it stands for, checking its clear copies. */
export function openSealedRow(keyring: Keyring, row: VisitRow & { sealed: Uint8Array }): Visit {
  const entry = decodeRecord(openIntake(keyring, row.sealed), isIntakeEntry);
  if (entry.id !== row.id || entry.day !== row.day || row.state !== 'registered') {
    throw new IntegrityError('clear fields of a sealed intake row were altered');
  }
  return visitFromIntake(entry);
}

/** The visit and doc of a payload: exactly the paths that have a clock. */
function payloadDoc(p: VisitPayloadV3 | VisitPayloadV2 | Visit): { visit: Visit; doc: VisitDoc } {
  if (!('v' in p)) return { visit: p, doc: visitToDoc(p, ZERO_HLC) };
  const fields: Partial<Record<VisitPath, Clocked>> = {};
  if (p.v === 2) {
    for (const [path, h] of Object.entries(p.clocks.fields) as [VisitPath, Hlc][]) {
      fields[path] = { v: readPath(p.visit, path), h };
    }
    return { visit: p.visit, doc: { fields, state: p.clocks.state, stateHlc: p.clocks.stateHlc } };
  }
  for (const [path, i] of Object.entries(p.f) as [VisitPath, number][]) {
    fields[path] = { v: readPath(p.visit, path), h: p.h[i] as Hlc };
  }
  return { visit: p.visit, doc: { fields, state: p.s, stateHlc: p.h[p.sh] as Hlc } };
}

/**
 * Decrypts a visit row (either form) with its doc, and checks that the clear `id`, `day`,
 * `state` and `epoch` equal the authenticated ones: the clear copies are for indexes.
 * A sealed row or a v1 payload gets a doc with every clock at ZERO_HLC.
 *
 * @throws IntegrityError when tampered with; StorageError `corrupt` for a wrong shape
 */
export function openVisitDoc(keyring: Keyring, row: VisitRow): { visit: Visit; doc: VisitDoc } {
  if (isSealedRow(row)) {
    const visit = openSealedRow(keyring, row);
    return { visit, doc: visitToDoc(visit, ZERO_HLC) };
  }
  if (envelopeEpoch(row.env) !== row.epoch) throw new IntegrityError('visit epoch was altered');
  const address = { vaultId: keyring.vaultId, kind: VISIT_KIND, recordId: row.id };
  const opened = payloadDoc(decodeRecord(decryptRecord(keyring, address, row.env), isPayload));
  const { visit } = opened;
  if (visit.id !== row.id || visit.day !== row.day || visit.state !== row.state) {
    throw new IntegrityError('clear fields of a visit row were altered');
  }
  return opened;
}

/**
 * Decrypts a visit row (see {@link openVisitDoc}) and returns the visit only.
 * @throws IntegrityError when tampered with; StorageError `corrupt` for a wrong shape
 */
export function openVisitRow(keyring: Keyring, row: VisitRow): Visit {
  return openVisitDoc(keyring, row).visit;
}

/**
 * An envelope row sealed again under the keyring's current epoch, same content (before an
 * older epoch is dropped).
 * @throws IntegrityError when its clear epoch was altered or the envelope tampered with
 */
export function resealVisitRow(keyring: Keyring, row: EnvelopeVisitRow): EnvelopeVisitRow {
  if (envelopeEpoch(row.env) !== row.epoch) throw new IntegrityError('visit epoch was altered');
  const address = { vaultId: keyring.vaultId, kind: VISIT_KIND, recordId: row.id };
  const env = resealRecord(keyring, address, row.env);
  return { ...row, env, epoch: envelopeEpoch(env) };
}

/**
 * Encrypts a visit and its doc into its `visits` row (envelope v1, kind `'visit'`,
 * payload v3). `visit` must be what `docToVisit(doc)` reads.
 *
 * @throws KeyringWipedError from app/crypto; StorageError `corrupt` when not serialisable
 */
export function sealVisitRow(keyring: Keyring, visit: Visit, doc: VisitDoc): EnvelopeVisitRow {
  const h: Hlc[] = [];
  const index = new Map<Hlc, number>();
  const ref = (hlc: Hlc): number => {
    let i = index.get(hlc);
    if (i === undefined) {
      i = h.push(hlc) - 1;
      index.set(hlc, i);
    }
    return i;
  };
  const f: Partial<Record<VisitPath, number>> = {};
  for (const [path, field] of Object.entries(doc.fields) as [VisitPath, Clocked][]) {
    f[path] = ref(field.h);
  }
  const payload: VisitPayloadV3 = { v: 3, visit, h, f, s: doc.state, sh: ref(doc.stateHlc) };
  const address = { vaultId: keyring.vaultId, kind: VISIT_KIND, recordId: visit.id };
  const env = encryptRecord(keyring, address, encodeRecord(payload));
  return { id: visit.id, day: visit.day, state: visit.state, epoch: envelopeEpoch(env), env };
}
