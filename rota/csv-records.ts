import { parse, type Options } from 'csv-parse/sync';

/** One CSV record and the line of the file it ends on (1-based, blank lines counted). */
export interface CsvRecord {
  record: string[];
  info: { lines: number };
}

const options: Options = {
  skip_empty_lines: true,
  trim: true,
  relax_column_count: true,
  info: true,
};

/** Number of `char` in text[from, to). */
function countOf(text: string, char: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf(char, from); i !== -1 && i < to; i = text.indexOf(char, i + 1)) n += 1;
  return n;
}

/**
 * The records of a CSV text, `linesPerSlice` lines at a time: parsing 5,000 rows at once holds a
 * thread for a quarter of a second, a slice a few milliseconds, and the caller may pause between
 * slices. A slice is cut only after a newline where the quotes seen so far are balanced, so never
 * inside a quoted field; line numbers are those of the whole file. Throws on unreadable CSV.
 */
export function* csvRecordSlices(
  text: string,
  linesPerSlice = 500,
  // One separator per file (read from its header): "Lefèvre, Hélène" stays one cell in a `;` file.
  delimiter: ',' | ';' = ',',
): Generator<CsvRecord[]> {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let linesBefore = 0;
  let start = 0;
  while (start < body.length) {
    let end = start;
    let lines = 0;
    let quotes = 0;
    for (;;) {
      const newline = body.indexOf('\n', end);
      const stop = newline === -1 ? body.length : newline + 1;
      quotes += countOf(body, '"', end, stop);
      if (newline !== -1) lines += 1;
      end = stop;
      if (end >= body.length || (lines >= linesPerSlice && quotes % 2 === 0)) break;
    }
    const records = parse(body.slice(start, end), {
      ...options,
      delimiter,
    }) as unknown as CsvRecord[];
    for (const r of records) r.info.lines += linesBefore;
    yield records;
    linesBefore += lines;
    start = end;
  }
}
