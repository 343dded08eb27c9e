/**
 * The CSV export opens correctly in a French spreadsheet: UTF-8 BOM, `;`, decimal comma,
 * `JJ/MM/AAAA`, CRLF, RFC 4180 quoting, formula-injection defence; and parsed back with
 * a small RFC 4180 reader it gives the hand-computed numbers of the fixture.
 */
import { describe, expect, it } from 'vitest';
import {
  csvField,
  formatRatePercentFr,
  monthReport,
  monthReportCsv,
  reportCsvFileName,
} from '../../../app/domain';
import { FIXTURE, MONTH } from './report-fixture';

/** RFC 4180 reader (https://www.rfc-editor.org/rfc/rfc4180#section-2) with `;` fields. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i];
    const next = text[i + 1];
    if (quoted && ch === '"' && next === '"') {
      field += '"';
      i += 1;
    } else if (quoted) {
      if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') {
      quoted = true;
    } else if (ch === ';') {
      record.push(field);
      field = '';
    } else if (ch === '\r' && next === '\n') {
      records.push([...record, field]);
      record = [];
      field = '';
      i += 1;
    } else if (ch === '\r' || ch === '\n') {
      throw new Error(`bare line break at ${i}`);
    } else {
      field += ch;
    }
  }
  if (quoted || field !== '' || record.length > 0) throw new Error('no final CRLF');
  return records;
}

const csv = monthReportCsv(monthReport(FIXTURE, MONTH));
const records = parseCsv(csv.slice(1));
/** The data rows of the section titled `title` (after its header, up to the empty line). */
function after(title: string): string[][] {
  const rest = records.slice(records.findIndex((r) => r[0] === title) + 2);
  const end = rest.findIndex((r) => r.length === 1 && r[0] === '');
  return end < 0 ? rest : rest.slice(0, end);
}
const rowOf = (rows: string[][], first: string) => rows.find((r) => r[0] === first);
const days = after('Par jour');

describe('month report CSV', () => {
  it('starts with the UTF-8 byte order mark and keeps accents as UTF-8', () => {
    const bytes = new TextEncoder().encode(csv);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder('utf-8').decode(bytes.slice(3))).toContain(
      'Négatifs;Non interprétables',
    );
    expect(csv.startsWith('\uFEFFComptoir — rapport mensuel;mai 2021\r\n')).toBe(true);
  });

  it('ends every line with CRLF and has titled sections separated by empty lines', () => {
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(records.filter((r) => r.length === 1).map((r) => r[0])).toEqual([
      '',
      'Par jour',
      '',
      'Par membre de l’équipe (résultats lus)',
      '',
      'Par test antigénique',
    ]);
    expect(records[1]).toEqual(['Période', '01/05/2021', '31/05/2021']);
  });

  it('has a header row and one row per calendar day dated JJ/MM/AAAA, then the total', () => {
    expect(records[records.findIndex((r) => r[0] === 'Par jour') + 1]).toEqual([
      'Date',
      'Tests',
      'Positifs',
      'Négatifs',
      'Non interprétables',
      'Sans résultat',
      'Taux de positivité (%)',
      'Transmis',
      'En attente d’envoi',
      'Rejetés',
      'À transmettre',
      'Inscriptions sans test',
    ]);
    expect(days.map((r) => r[0])).toEqual([
      ...Array.from({ length: 31 }, (_, i) => `${String(i + 1).padStart(2, '0')}/05/2021`),
      'Total du mois',
    ]);
  });

  // Expected rows as parsed back, fields separated by `|` here (hand-computed).
  it.each([
    '01/05/2021|4|1|3|0|0|25,0|4|0|0|0|0',
    '02/05/2021|0|0|0|0|0||0|0|0|0|0',
    '03/05/2021|7|2|3|1|1|40,0|2|2|1|1|1',
    '10/05/2021|2|0|0|1|1||1|0|0|0|0',
    '17/05/2021|10|3|7|0|0|30,0|10|0|0|0|0',
    '31/05/2021|3|1|2|0|0|33,3|3|0|0|0|1',
    'Total du mois|26|7|15|2|2|31,8|20|2|1|1|2',
  ])('gives the day row %s', (line) => {
    const expected = line.split('|');
    expect(rowOf(days, expected[0] ?? '')).toEqual(expected);
  });

  it.each([
    'Alice Martin|10|2|8|0|0|20,0|8|0|1|1',
    "'=Bruno Petit|5|2|2|1|0|50,0|4|1|0|0",
    'Chloé "Clo" Durand|9|3|5|1|0|37,5|8|1|0|0',
  ])('gives the staff row %s, the name intact after parsing', (line) => {
    const staff = after('Par membre de l’équipe (résultats lus)');
    expect(staff).toHaveLength(3);
    expect(staff).toContainEqual(line.split('|'));
  });

  it.each([
    'Abbott Rapid Diagnostics, Panbio COVID-19 Ag Rapid Test|1232|17|6|11|0|0|35,3|15|1|1|0',
    'Hangzhou Clungene; "Rapid" Test|1363|6|1|3|2|0|25,0|5|1|0|0',
    "'-Test rapide|345|3|0|1|0|2|0,0|0|0|0|1",
  ])('gives the kit row %s with its EU id', (line) => {
    const kits = after('Par test antigénique');
    expect(kits).toHaveLength(3);
    expect(kits).toContainEqual(line.split('|'));
  });

  it('quotes names holding `;` or quotes and neutralises formula starts in the raw text', () => {
    expect(csv).toContain('\r\n"Chloé ""Clo"" Durand";9;');
    expect(csv).toContain('\r\n"Hangzhou Clungene; ""Rapid"" Test";1363;');
    expect(csv).toContain("\r\n'=Bruno Petit;5;");
    expect(csv).toContain("\r\n'-Test rapide;345;");
    expect(csv).not.toMatch(/(^|\r\n|;)[=+\-@]/);
  });

  it('is named after its month', () => {
    expect(reportCsvFileName('2021-05')).toBe('comptoir-rapport-2021-05.csv');
  });
});

describe('CSV fields', () => {
  it.each([
    ['plain', 'plain'],
    ['', ''],
    ['Abbott, Panbio', 'Abbott, Panbio'],
    ['a;b', '"a;b"'],
    ['dit "bonjour"', '"dit ""bonjour"""'],
    ['deux\nlignes', '"deux\nlignes"'],
    ['=1+1', "'=1+1"],
    ['+33612345678', "'+33612345678"],
    ['-2', "'-2"],
    ['@SOMME(A1)', "'@SOMME(A1)"],
    ['\tcaché', "'\tcaché"],
    ['\r=1', '"\'\r=1"'],
    ['=HYPERLINK("http://x";"y")', '"\'=HYPERLINK(""http://x"";""y"")"'],
    ['a=b', 'a=b'],
  ])('writes %j as %j', (text, expected) => {
    expect(csvField(text)).toBe(expected);
  });

  it.each([
    [0.125, '12,5'],
    [7 / 22, '31,8'],
    [1 / 3, '33,3'],
    [2 / 3, '66,7'],
    [0, '0,0'],
    [1, '100,0'],
    [null, ''],
  ])('writes the rate %s as %j', (rate, expected) => {
    expect(formatRatePercentFr(rate)).toBe(expected);
  });
});
