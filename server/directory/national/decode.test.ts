import { Readable } from 'node:stream';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { ExtractionDecoder } from './decode.js';
import { columnsOf, ExtractionError, headerKey, personFields } from './layout.js';

/** Decodes `bytes` fed `size` bytes at a time (every split a stream may make). */
async function decode(bytes: Buffer, size: number) {
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
  const decoder = new ExtractionDecoder();
  let text = '';
  for await (const part of Readable.from(chunks).pipe(decoder)) text += String(part);
  return { text, encoding: decoder.encoding };
}

const sample = "Nom d'exercice|Prénom d'exercice|\nLE GOFF|Éloïse|\nMORVAN|Noël|\nGAËLLE|Crac'h|\n";

describe('ExtractionDecoder', () => {
  it('reads UTF-8, with or without a BOM, however the chunks split the characters', async () => {
    for (const size of [1, 2, 3, 7, 1024]) {
      expect(await decode(Buffer.from(sample, 'utf8'), size)).toEqual({
        text: sample,
        encoding: 'utf-8',
      });
      const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(sample)]);
      expect((await decode(bom, size)).text).toBe(sample);
    }
  });

  it('detects Windows-1252, even when the first accented byte ends a chunk', async () => {
    const bytes = iconv.encode(sample, 'win1252');
    for (const size of [1, 2, 3, 32, 1024])
      expect(await decode(bytes, size)).toEqual({ text: sample, encoding: 'windows-1252' });
    // "é" is 0xE9, a UTF-8 lead byte: cut right after it, it must not be lost.
    const cut = bytes.indexOf(0xe9) + 1;
    const decoder = new ExtractionDecoder();
    let text = '';
    for await (const part of Readable.from([bytes.subarray(0, cut), bytes.subarray(cut)]).pipe(
      decoder,
    ))
      text += String(part);
    expect(text).toBe(sample);
  });

  it('reads pure ASCII as UTF-8', async () => {
    expect(await decode(Buffer.from('A|B|\n'), 2)).toEqual({ text: 'A|B|\n', encoding: 'utf-8' });
  });
});

describe('columnsOf', () => {
  it('finds columns by name whatever their case, accents or order', () => {
    expect(headerKey('Indice répétition voie (coord. Structure)')).toBe(
      headerKey('Indice repetition voie (coord. structure)'),
    );
    const c = columnsOf(
      [
        'Code commune (COORD. STRUCTURE)',
        "Nom d'exercice",
        'Code profession',
        'Identification nationale PP',
        'Libellé civilité exercice',
        '',
      ],
      personFields,
      ['nationalId', 'commune'],
    );
    expect(c).toMatchObject({ commune: 0, lastName: 1, nationalId: 3, civility: 4, phone: -1 });
  });

  it('names the required columns a file lacks', () => {
    expect(() => columnsOf(['nom', 'prénom'], personFields, ['nationalId'])).toThrow(
      ExtractionError,
    );
    expect(() => columnsOf(['nom'], personFields, ['nationalId'])).toThrow(
      /Identification nationale PP/,
    );
  });
});
