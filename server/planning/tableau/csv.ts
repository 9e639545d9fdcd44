import { stringify } from 'csv-stringify/sync';
import {
  modalityLabel,
  reasonLabel,
  type RealisedSlot,
  type TableauSlot,
} from '../../../rota/tableau.js';
import { frenchDate, openSlot } from './present.js';

/**
 * The tableau and the réalisé as CSV, written as French Excel reads them (like the rota export:
 * `;` and a UTF-8 BOM). Cells a spreadsheet would run as a formula get an apostrophe.
 */
const safe = (cell: string) => (/^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell);

const write = (rows: string[][]) =>
  stringify(
    rows.map((r) => r.map(safe)),
    { delimiter: ';', bom: true },
  );

export interface Sector {
  territory: string;
  service: string;
}

export function tableauCsv(sector: Sector, slots: readonly TableauSlot[]): string {
  return write([
    [
      'territoire',
      'service',
      'date',
      'debut',
      'fin',
      'date_fin',
      'niveau',
      'medecin',
      'modalite',
      'lieu',
    ],
    ...slots.map((s) => [
      sector.territory,
      sector.service,
      frenchDate(s.date),
      s.start,
      s.end,
      frenchDate(s.endDate),
      String(s.level),
      s.name ?? openSlot,
      modalityLabel[s.modality],
      s.place,
    ]),
  ]);
}

export function realisedCsv(sector: Sector, rows: readonly RealisedSlot[]): string {
  return write([
    [
      'territoire',
      'service',
      'date',
      'debut',
      'fin',
      'date_fin',
      'niveau',
      'medecin_prevu',
      'medecin_ayant_assure',
      'motif',
      'modalite',
      'lieu',
    ],
    ...rows.map((r) => [
      sector.territory,
      sector.service,
      frenchDate(r.date),
      r.start,
      r.end,
      frenchDate(r.endDate),
      String(r.level),
      r.planned ?? openSlot,
      r.worked ?? 'non assurée',
      reasonLabel[r.reason],
      modalityLabel[r.modality],
      r.place,
    ]),
  ]);
}
