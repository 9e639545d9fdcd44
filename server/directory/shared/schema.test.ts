import { describe, expect, it } from 'vitest';
import { directorySearch, entryLocalPatch } from './schema.js';
import { directorySearchText } from '../national/search-text.js';
import { searchWords } from './store.js';

describe('the local fields of a directory entry', () => {
  it('normalises French numbers to E.164 and clears with an empty field', () => {
    expect(
      entryLocalPatch.parse({ directLine: '02 97 11 22 33', mobile: '06 39 98 55 66' }),
    ).toEqual({ directLine: '+33297112233', mobile: '+33639985566' });
    expect(entryLocalPatch.parse({ directLine: '', mobile: null })).toEqual({
      directLine: null,
      mobile: null,
    });
  });

  it('refuses a short number, a foreign one, and a landline as mobile', () => {
    const r = entryLocalPatch.safeParse({
      directLine: '06 12',
      mobile: '02 97 11 22 33',
      mssante: 'pas une adresse',
    });
    expect(r.success).toBe(false);
    const paths = r.error!.issues.map((i) => i.path[0]);
    expect(paths).toEqual(expect.arrayContaining(['directLine', 'mobile', 'mssante']));
    expect(entryLocalPatch.safeParse({ directLine: '+44 20 7946 0958' }).success).toBe(false);
  });

  it('accepts an MSSanté address as a lower-case e-mail', () => {
    expect(entryLocalPatch.parse({ mssante: ' A.B@Medecin.MSSante.fr ' })).toEqual({
      mssante: 'a.b@medecin.mssante.fr',
    });
  });

  it('refuses national fields and unknown ones', () => {
    expect(entryLocalPatch.safeParse({ lastName: 'X' }).success).toBe(false);
    expect(entryLocalPatch.safeParse({ specialtyCodes: ['SM48'] }).success).toBe(false);
    expect(entryLocalPatch.safeParse({ somethingElse: 1 }).success).toBe(false);
    expect(entryLocalPatch.safeParse({ optIns: { unknown: true } }).success).toBe(false);
  });
});

describe('a directory search', () => {
  it('reads an empty form as no filter, page 1', () => {
    expect(
      directorySearch.parse({ q: '', profession: '', specialty: '', commune: '', gone: '' }),
    ).toEqual({
      q: '',
      profession: undefined,
      specialty: undefined,
      commune: undefined,
      gone: false,
      page: 1,
    });
  });

  it('folds the words like search_text and escapes LIKE wildcards', () => {
    expect(searchWords('  Hélène  LEFÈVRE ')).toEqual(['%helene%', '%lefevre%']);
    expect(searchWords('100%_\\')).toEqual(['%100\\%\\_\\\\%']);
  });

  it('refuses a NUL byte, a page past the cap and a bad commune code', () => {
    expect(directorySearch.safeParse({ q: 'a\u0000' }).success).toBe(false);
    expect(directorySearch.safeParse({ page: '41' }).success).toBe(false);
    expect(directorySearch.safeParse({ commune: '2A004' }).success).toBe(true);
    expect(directorySearch.safeParse({ commune: 'Dijon' }).success).toBe(false);
  });
});

describe('the order of results', () => {
  it('relies on search_text starting with the folded last name, then the first name', () => {
    const text = directorySearchText({
      lastName: 'LE GOFF',
      firstName: 'Anne-Maëlle',
      professionCode: '10',
      specialtyCodes: ['SM54'],
      places: [{ structureName: 'Cabinet', communeName: 'Auray', postcode: '56400' }],
    });
    expect(text.startsWith('le goff anne-maelle ')).toBe(true);
  });
});
