import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parse } from 'csv-parse';
import { ExtractionDecoder, type DetectedEncoding } from './decode.js';
import { columnsOf, ExtractionError, personFields, savoirFaireFields } from './layout.js';
import { addSpecialty, mergeRow, type NationalPerson, type NationalPlace } from './person.js';

export interface ReadStats {
  /** Data rows read (the header excluded). */
  rows: number;
  /** Rows whose place is in one of the territory's communes. */
  kept: number;
  encoding: DetectedEncoding;
}

const text = (row: string[], column: number): string | null => {
  const value = column >= 0 ? row[column]?.trim() : undefined;
  return value ? value : null;
};

/**
 * Rows of a pipe-separated extraction, one array each, header first. Quotes are not special in
 * the public layout (a name may hold one); rows carry a trailing pipe, so their column count
 * varies by one: both are read as they are.
 */
async function* rowsOf(input: Readable): AsyncGenerator<string[], DetectedEncoding> {
  const decoder = new ExtractionDecoder();
  const parser = parse({
    delimiter: '|',
    quote: false,
    relax_column_count: true,
    skip_empty_lines: true,
  });
  // A failing source or decoder destroys the parser with its error: the loop below throws it.
  pipeline(input, decoder, parser).catch(() => undefined);
  try {
    for await (const row of parser as AsyncIterable<string[]>) yield row;
  } finally {
    // Left early (a foreign header): the file or the download is closed, not left open.
    input.destroy();
    decoder.destroy();
  }
  return decoder.encoding;
}

async function read(
  input: Readable,
  onHeader: (header: string[]) => (row: string[]) => boolean,
): Promise<ReadStats> {
  const rows = rowsOf(input);
  try {
    const head = await rows.next();
    if (head.done) throw new ExtractionError('fichier vide');
    const onRow = onHeader(head.value);
    let count = 0;
    let kept = 0;
    for (;;) {
      const next = await rows.next();
      if (next.done) return { rows: count, kept, encoding: next.value };
      count += 1;
      if (onRow(next.value)) kept += 1;
    }
  } finally {
    await rows.return('utf-8');
  }
}

function addressOf(row: string[], c: ReturnType<typeof personColumns>): string | null {
  const parts = [c.streetNumber, c.repetition, c.streetType, c.street].map((i) => text(row, i));
  const street = parts.filter(Boolean).join(' ');
  return [street, text(row, c.locality)].filter(Boolean).join(', ') || null;
}

const personColumns = (header: string[]) =>
  columnsOf(header, personFields, ['nationalId', 'lastName', 'profession', 'commune']);

/**
 * Reads PS_LibreAcces_Personne_activite as a stream and keeps, in `persons`, those practising in
 * one of `communes` (INSEE codes), their places merged. Only kept persons are held in memory:
 * a territory's few hundred, however large the national file.
 */
export function readPersonActivity(
  input: Readable,
  communes: ReadonlySet<string>,
  persons: Map<string, NationalPerson>,
): Promise<ReadStats> {
  return read(input, (header) => {
    const c = personColumns(header);
    return (row) => {
      const commune = text(row, c.commune);
      const nationalId = text(row, c.nationalId);
      if (!commune || !nationalId || !communes.has(commune)) return false;
      let person = persons.get(nationalId);
      if (!person) {
        person = {
          nationalId,
          rpps: text(row, c.idType) === '8' ? text(row, c.rpps) : null,
          civility: text(row, c.civility),
          lastName: text(row, c.lastName) ?? '',
          firstName: text(row, c.firstName) ?? '',
          professionCode: text(row, c.profession),
          specialtyCodes: [],
          places: [],
        };
        persons.set(nationalId, person);
      }
      const place: NationalPlace = {
        structureName: text(row, c.structureName) ?? text(row, c.brand),
        structureId: text(row, c.structureId) ?? text(row, c.siret) ?? text(row, c.finess),
        address: addressOf(row, c),
        postcode: text(row, c.postcode),
        inseeCommune: commune,
        communeName: text(row, c.communeName),
        phone: text(row, c.phone),
        email: text(row, c.email),
      };
      mergeRow(person, place, text(row, c.savoirFaire));
      return true;
    };
  });
}

/** Reads PS_LibreAcces_SavoirFaire and adds each kept person's savoir-faire codes. */
export function readSavoirFaire(
  input: Readable,
  persons: Map<string, NationalPerson>,
): Promise<ReadStats> {
  return read(input, (header) => {
    const c = columnsOf(header, savoirFaireFields, ['nationalId', 'savoirFaire']);
    return (row) => {
      const person = persons.get(text(row, c.nationalId) ?? '');
      if (!person) return false;
      addSpecialty(person, text(row, c.savoirFaire));
      return true;
    };
  });
}
