import { professionLabel, specialtyLabel } from './codes.js';

/** Lower case without accents: « Médecin Générale » → « medecin generale ». */
export function foldForSearch(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

export interface SearchableEntry {
  lastName: string;
  firstName: string;
  professionCode: string | null;
  specialtyCodes: string[];
  places: { structureName: string | null; communeName: string | null; postcode: string | null }[];
}

/**
 * The words a directory search matches (`directory_entries.search_text`): every door that writes
 * an entry (import, form) stores this, so one search finds a person however they were added.
 */
export function directorySearchText(entry: SearchableEntry): string {
  const words = [
    entry.lastName,
    entry.firstName,
    professionLabel(entry.professionCode),
    ...entry.specialtyCodes.map(specialtyLabel),
    ...entry.places.flatMap((p) => [p.structureName, p.communeName, p.postcode]),
  ];
  return foldForSearch(words.filter((w): w is string => Boolean(w)).join(' '));
}
