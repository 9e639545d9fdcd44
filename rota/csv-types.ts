/** The shapes of a CSV import's result, shared by the parser and its conflict check. */

export interface CsvShift {
  /** Line of the file the row ends on (the header is line 1). */
  line: number;
  serviceId: string;
  professionalId: string | null;
  level: number;
  startsAt: Date;
  endsAt: Date;
}

export interface CsvError {
  line: number;
  /** The column as named in the file's header, or '(fichier)' / '(en-tête)' / '(taille)' (too many rows). */
  field: string;
  /** French, starting with "ligne N : ". */
  message: string;
}
