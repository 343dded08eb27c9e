/**
 * Canonical JSON of protocol v1: object keys sorted recursively by UTF-16 code units, no
 * whitespace, strings and numbers as `JSON.stringify` writes them. For the values the
 * protocol uses (strings, safe integers, objects, arrays) this is the JSON Canonicalization
 * Scheme of RFC 8785. The caller UTF-8-encodes the result before hashing or signing.
 */

/** JSON values the protocol signs. */
export type JsonValue =
  string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/**
 * The canonical text of `value`.
 * @throws {TypeError} on a non-finite number or a value JSON cannot carry.
 */
export function canonicalJson(value: JsonValue): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') {
    return JSON.stringify(value);
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError('canonical JSON: non-finite number');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) {
    return `[${(value as readonly JsonValue[]).map(canonicalJson).join(',')}]`;
  }
  if (typeof value === 'object') {
    const record = value as { readonly [key: string]: JsonValue };
    // Default sort compares UTF-16 code units, as RFC 8785 §3.2.3 requires.
    const keys = Object.keys(record).sort();
    const parts = keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k] as JsonValue)}`);
    return `{${parts.join(',')}}`;
  }
  throw new TypeError('canonical JSON: unsupported value');
}
