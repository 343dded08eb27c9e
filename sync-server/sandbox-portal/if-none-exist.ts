/**
 * The `ifNoneExist` query of a conditional create (https://hl7.org/fhir/R4/http.html#ccreate),
 * limited to one token search on `identifier` (https://hl7.org/fhir/R4/search.html#token):
 * `identifier=<system>|<value>` or `identifier=<value>` (any system).
 */

/** A parsed token search on `identifier`; `system` undefined matches any system. */
export interface IdentifierToken {
  system: string | undefined;
  value: string;
}

/** Parses `query`; `undefined` when it is not a single supported `identifier` token. */
export function parseIfNoneExist(query: string): IdentifierToken | undefined {
  const params = new URLSearchParams(query.startsWith('?') ? query.slice(1) : query);
  const keys = [...params.keys()];
  const raw = params.get('identifier');
  if (keys.length !== 1 || raw === null || raw === '') return undefined;
  // FHIR search escaping: `\|`, `\,`, `\$`, `\\` are literal characters.
  const bar = findUnescapedBar(raw);
  const unescape = (s: string) => s.replace(/\\([\\|,$])/g, '$1');
  if (bar < 0) return { system: undefined, value: unescape(raw) };
  const value = unescape(raw.slice(bar + 1));
  if (value === '') return undefined;
  return { system: unescape(raw.slice(0, bar)), value };
}

function findUnescapedBar(text: string): number {
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '|') return i;
  }
  return -1;
}
