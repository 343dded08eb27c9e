/**
 * Reading the portal's answer to a result Bundle: a `transaction-response` Bundle whose
 * entries answer the request entries in order (https://hl7.org/fhir/R4/http.html#transaction-response).
 * The body is network data: unverified until parsed here.
 */
import { ENTRY_KINDS } from './entry-uuids';
import { FhirMappingError } from './fhir-mapping-error';
import { isRecord } from './is-record';

/** The receipt of a transmitted visit. */
export interface TransactionReceipt {
  /** The portal's logical id of the Observation. */
  observationId: string;
  /** `response.location` as sent, e.g. `Observation/123/_history/1`. */
  observationLocation: string;
  /** `201 Created`: new; `200 OK`: the conditional create matched an earlier send. */
  created: boolean;
}

const OBSERVATION_INDEX = ENTRY_KINDS.indexOf('Observation');
/** `[base/]Observation/<id>[/_history/<vid>]` (https://hl7.org/fhir/R4/bundle-definitions.html#Bundle.entry.response.location). */
const OBSERVATION_LOCATION =
  /(?:^|\/)Observation\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/[^/]+)?\/?$/;
/** `Bundle.entry.response.status`: the HTTP status code, optionally followed by its text. */
const STATUS = /^\s*(\d{3})(?:\s|$)/;

/**
 * Parses a `transaction-response` Bundle and returns the Observation's receipt. The
 * Observation entry is the one at the request's index; if a server reorders, the first
 * entry whose location names an Observation is used.
 * @throws {FhirMappingError} code `bad-response` when `body` is not such a Bundle, the
 * Observation entry has no usable location, or its status is neither 201 nor 200.
 */
export function parseTransactionResponse(body: unknown): TransactionReceipt {
  if (!isRecord(body) || body.resourceType !== 'Bundle') throw badResponse('pas un Bundle');
  if (body.type !== 'transaction-response') throw badResponse('type de Bundle inattendu');
  if (!Array.isArray(body.entry)) throw badResponse('aucune entrée');
  const responses: unknown[] = body.entry.map((e) => (isRecord(e) ? e.response : undefined));
  const atIndex = observationMatch(responses[OBSERVATION_INDEX]);
  const found = atIndex ?? responses.map(observationMatch).find((m) => m !== undefined);
  if (!found) throw badResponse('Observation introuvable dans la réponse');
  const status = STATUS.exec(found.status)?.[1];
  if (status !== '201' && status !== '200') throw badResponse(`statut ${found.status}`);
  return {
    observationId: found.id,
    observationLocation: found.location,
    created: status === '201',
  };
}

interface ObservationMatch {
  id: string;
  location: string;
  status: string;
}

function observationMatch(response: unknown): ObservationMatch | undefined {
  if (!isRecord(response)) return undefined;
  const { location, status } = response;
  if (typeof location !== 'string' || typeof status !== 'string') return undefined;
  const id = OBSERVATION_LOCATION.exec(location)?.[1];
  return id === undefined ? undefined : { id, location, status };
}

function badResponse(detail: string): FhirMappingError {
  return new FhirMappingError(
    'bad-response',
    `Réponse inattendue du portail (${detail}). Réessayez plus tard ; si le problème persiste, contactez l’assistance.`,
  );
}
