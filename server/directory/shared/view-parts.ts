import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { html, type Html } from '../../web/html.js';
import { professionLabel, specialtyLabel } from '../national/codes.js';
import type { DirectoryPlace } from './store.js';

/** What the pages need of an entry (`entryShownTo`'s projection). */
export interface EntryShown {
  id: string;
  civility: string | null;
  lastName: string;
  firstName: string;
  professionCode: string | null;
  specialtyCodes: string[];
  goneAt: Date | null;
  mobile: string | null;
  directLine: string | null;
  mssante: string | null;
  places: DirectoryPlace[];
  territoryName: string;
  mine: boolean;
  editable: boolean;
}

// The register's civility codes (d'exercice, then civil), as people write them before a name.
const civilities: Record<string, string> = { DR: 'Dr', PR: 'Pr', M: 'M.', MME: 'Mme', MLLE: 'Mme' };

export const entryName = (e: Pick<EntryShown, 'civility' | 'lastName' | 'firstName'>) =>
  [e.civility ? (civilities[e.civility.toUpperCase()] ?? e.civility) : '', e.firstName, e.lastName]
    .filter(Boolean)
    .join(' ');

/** Profession, then specialties: « Médecin · Rhumatologie ». */
export const entryTrade = (e: Pick<EntryShown, 'professionCode' | 'specialtyCodes'>) =>
  [professionLabel(e.professionCode), ...e.specialtyCodes.map(specialtyLabel)]
    .filter(Boolean)
    .join(' · ');

/** The communes of the entry's places, each once. */
export const entryCommunes = (e: Pick<EntryShown, 'places'>) =>
  [...new Set(e.places.map((p) => p.communeName).filter((c): c is string => Boolean(c)))].join(
    ', ',
  );

/** +33297123456 (or the register's 0297123456) → 02 97 12 34 56, as French people read a number. */
export const nationalNumber = (e164: string) =>
  parsePhoneNumberFromString(e164, 'FR')?.formatNational() ?? e164;

/** A number to tap on a phone. */
export const telLink = (e164: string | null): Html | string =>
  e164 ? html`<a href="tel:${e164}">${nationalNumber(e164)}</a>` : '—';

export const goneMark = html`<span class="directory-gone">n’exerce plus</span>`;

export const nationalNote = html`<p class="muted">Nom, profession, spécialités et lieux d’exercice sont mis à jour par l’import de l’Annuaire Santé (RPPS) : ils ne se modifient pas ici.</p>`;
