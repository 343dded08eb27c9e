import { describe, expect, it } from 'vitest';
import {
  MAX_PATIENT_QUERY_CHARS,
  matchesPatientQuery,
  parsePatientQuery,
  patientNameKeys,
  searchWords,
  type Identity,
  type PatientQuery,
} from '../../../app/domain';

type Names = Pick<Identity, 'birthName' | 'usedName' | 'firstNames' | 'birthDate'>;

const DUPONT: Names = {
  birthName: 'Dupont',
  usedName: 'Durand',
  firstNames: 'Jean-Pierre',
  birthDate: '1980-02-29',
};
const HELENE: Names = {
  birthName: 'D’Aubigné-Lefèvre',
  firstNames: 'Hélène Œnone',
  birthDate: '1975-12-01',
};

function query(raw: string): PatientQuery {
  const parsed = parsePatientQuery(raw);
  if (!parsed.ok) throw new Error(`unparseable: ${parsed.problem}`);
  return parsed.query;
}

const finds = (raw: string, who: Names): boolean => matchesPatientQuery(who, query(raw));

describe('searchWords', () => {
  it('strips accents, upper-cases, spells out ligatures and splits on every separator', () => {
    expect(searchWords('  D’Aubigné-Lefèvre  Hélène Œnone ')).toEqual([
      'D',
      'AUBIGNE',
      'LEFEVRE',
      'HELENE',
      'OENONE',
    ]);
    expect(searchWords("l'Haÿ-les-Roses")).toEqual(['L', 'HAY', 'LES', 'ROSES']);
  });
});

describe('patientNameKeys', () => {
  it('keeps each word and each run of consecutive words glued together, per field', () => {
    const keys = patientNameKeys({ birthName: 'de la Fontaine', firstNames: 'Jean' });
    expect(keys).toEqual(
      expect.arrayContaining(['DE', 'LA', 'FONTAINE', 'DELA', 'LAFONTAINE', 'DELAFONTAINE']),
    );
    // Words of different fields are never glued: « FONTAINEJEAN » is no one's name.
    expect(keys).not.toContain('FONTAINEJEAN');
  });
});

describe('matchesPatientQuery', () => {
  it.each([
    ['the birth name', 'dupont'],
    ['the used name', 'durand'],
    ['a first name', 'pierre'],
    ['prefixes of several words', 'dup jea'],
    ['words in any order', 'jean dupont'],
    ['upper case', 'DUPONT JEAN'],
    ['a hyphenated first name typed with a space', 'jean pierre'],
    ['a hyphenated first name typed without separator', 'jeanpierre'],
    ['a hyphenated first name typed with its hyphen', 'Jean-Pierre'],
  ])('finds « DUPONT Jean-Pierre » by %s (%s)', (_, raw) => {
    expect(finds(raw, DUPONT)).toBe(true);
  });

  it.each([
    ['no accent', 'helene'],
    ['other accents', 'hèlêne'],
    ['the apostrophe left out', 'daubigne'],
    ['the apostrophe as a space', 'd aub'],
    ['a straight apostrophe', "d'aubigné"],
    ['the second part of the name', 'lefevre'],
    ['a ligature spelt out', 'oenone'],
    ['a ligature typed', 'œno'],
  ])('finds « D’Aubigné-Lefèvre Hélène Œnone » with %s (%s)', (_, raw) => {
    expect(finds(raw, HELENE)).toBe(true);
  });

  it.each([
    ['a wrong name', 'martin'],
    ['one word that matches and one that does not', 'dupont paul'],
    ['a word that is inside a name but does not start it', 'pont'],
    ['a longer word than the name', 'duponte'],
  ])('does not find « DUPONT Jean-Pierre » by %s (%s)', (_, raw) => {
    expect(finds(raw, DUPONT)).toBe(false);
  });

  it('finds by birth date typed as JJ/MM/AAAA, alone or with a name', () => {
    expect(finds('29/02/1980', DUPONT)).toBe(true);
    expect(finds('29.2.1980', DUPONT)).toBe(true);
    expect(finds('dupont 29/02/1980', DUPONT)).toBe(true);
    expect(finds('01/03/1980', DUPONT)).toBe(false);
    expect(finds('dupont 01/03/1980', DUPONT)).toBe(false);
    expect(finds('martin 29/02/1980', DUPONT)).toBe(false);
  });
});

describe('parsePatientQuery', () => {
  it('splits name words and birth dates', () => {
    expect(parsePatientQuery(' Dupont  29/02/1980 jean-p ')).toEqual({
      ok: true,
      query: { words: ['DUPONT', 'JEAN', 'P'], birthDates: ['1980-02-29'] },
    });
  });

  it('refuses an empty query, one made of separators only, and a date that does not exist', () => {
    expect(parsePatientQuery('')).toEqual({ ok: false, problem: 'empty' });
    expect(parsePatientQuery(" - ' ")).toEqual({ ok: false, problem: 'empty' });
    expect(parsePatientQuery('dupont 29/02/1981')).toEqual({ ok: false, problem: 'bad-date' });
  });

  it(`accepts ${MAX_PATIENT_QUERY_CHARS} characters and refuses one more`, () => {
    expect(parsePatientQuery('a'.repeat(MAX_PATIENT_QUERY_CHARS - 1)).ok).toBe(true);
    expect(parsePatientQuery('a'.repeat(MAX_PATIENT_QUERY_CHARS)).ok).toBe(true);
    expect(parsePatientQuery('a'.repeat(MAX_PATIENT_QUERY_CHARS + 1))).toEqual({
      ok: false,
      problem: 'too-long',
    });
  });
});
