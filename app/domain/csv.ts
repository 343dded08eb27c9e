/**
 * A CSV writer for French spreadsheets (Excel, LibreOffice), shared by the report and the
 * audit log exports. Pure: the caller turns the string into a file.
 *
 * Conventions (what French Excel opens by double-click without an import dialog):
 * - UTF-8 with a byte order mark (`\uFEFF`), else Excel reads the accents as Windows-1252;
 *   no `sep=;` line (with it, Excel ignores the BOM);
 * - `;` between fields (the list separator of the French locale, since `,` is the
 *   decimal mark); CRLF line ends;
 * - RFC 4180 quoting (https://www.rfc-editor.org/rfc/rfc4180#section-2): a field holding
 *   `;`, `"`, CR or LF is put in double quotes, inner quotes doubled;
 * - formula injection defence (OWASP "CSV Injection",
 *   https://owasp.org/www-community/attacks/CSV_Injection): a field starting with `=`,
 *   `+`, `-`, `@`, tab or CR — a staff or kit name could — is prefixed with `'`, so the
 *   spreadsheet shows it as text instead of evaluating it.
 */

/** UTF-8 byte order mark, first character of an export. */
export const CSV_BOM = '\uFEFF';
/** Field separator (French locale list separator). */
export const CSV_SEPARATOR = ';';
/** Record separator (RFC 4180). */
export const CSV_LINE_END = '\r\n';

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[;"\r\n]/;

/**
 * One field, made safe: `'` before a leading formula character, then RFC 4180 quotes
 * when it holds the separator, a quote or a line break.
 */
export function csvField(text: string): string {
  const safe = FORMULA_START.test(text) ? `'${text}` : text;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** One record: safe fields joined by `;` (no line end). */
export function csvRecord(fields: readonly string[]): string {
  return fields.map(csvField).join(CSV_SEPARATOR);
}

/**
 * A whole CSV document: the BOM, then every record followed by CRLF. Write it as UTF-8
 * (a `Blob` of the string does).
 */
export function csvDocument(records: readonly (readonly string[])[]): string {
  return `${CSV_BOM}${records.map((r) => csvRecord(r) + CSV_LINE_END).join('')}`;
}
