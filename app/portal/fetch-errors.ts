/**
 * Recognising a request that got no HTTP answer at all. WHATWG fetch rejects with a
 * `TypeError` on network failure (https://fetch.spec.whatwg.org/#concept-network-error),
 * with an `AbortError` DOMException when its signal is aborted, and with a `TimeoutError`
 * when the signal came from `AbortSignal.timeout()`
 * (https://dom.spec.whatwg.org/#dom-abortsignal-timeout).
 */

/** Error names meaning "no answer": abort, timeout, network failure. */
const NO_ANSWER_NAMES = new Set(['AbortError', 'TimeoutError', 'NetworkError']);

/**
 * Whether `e` means the request got no HTTP answer (offline, reset, aborted, timed out).
 * oauth4webapi's own argument errors are `TypeError`s too but carry an `ERR_…` code.
 *
 * @param e anything caught
 */
export function isAbortOrNetwork(e: unknown): boolean {
  if (typeof e !== 'object' || e === null) return false;
  const { name, code } = e as { name?: unknown; code?: unknown };
  if (typeof name === 'string' && NO_ANSWER_NAMES.has(name)) return true;
  return e instanceof TypeError && !(typeof code === 'string' && code.startsWith('ERR_'));
}
