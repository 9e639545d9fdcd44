import { canManageTerritory, type Actor } from '../../access/actor.js';

/**
 * Who reads what of the shared directory, whichever door (page, API, search, one entry). There
 * is no public directory: every reader is signed in, and reads only the territories they belong
 * to. The store turns `directoryScope` into its WHERE; `mayReadEntry` is the same rule on one
 * row (commands, tests), so the two cannot drift apart unnoticed (read-policy.test.ts).
 */

/** The entries an actor reads, as sets of territories. */
export interface DirectoryScope {
  /** Every entry of every territory (admins). */
  everything: boolean;
  /** Territories whose every entry is read, hidden ones included (their managers). */
  managed: string[];
  /** Territories whose listed entries are read (visibility 'professionals'): their professionals. */
  listedIn: string[];
  /** One's own entry is read whatever its visibility. */
  ownProfessionalId: string | null;
}

export function directoryScope(actor: Actor): DirectoryScope {
  if (actor.role === 'admin')
    return { everything: true, managed: [], listedIn: [], ownProfessionalId: null };
  if (actor.role === 'manager')
    return {
      everything: false,
      managed: actor.territoryIds,
      listedIn: [],
      ownProfessionalId: null,
    };
  return {
    everything: false,
    managed: [],
    listedIn: actor.territoryIds,
    ownProfessionalId: actor.professionalId,
  };
}

export interface EntryAccessFacts {
  territoryId: string;
  visibility: 'professionals' | 'hidden';
  professionalId: string | null;
}

export const isOwnEntry = (actor: Actor, entry: EntryAccessFacts) =>
  actor.professionalId !== null && entry.professionalId === actor.professionalId;

/** `directoryScope` on one entry. False: the entry does not exist for this actor (a 404). */
export function mayReadEntry(actor: Actor, entry: EntryAccessFacts): boolean {
  const s = directoryScope(actor);
  if (s.everything || s.managed.includes(entry.territoryId)) return true;
  if (!s.listedIn.includes(entry.territoryId)) return false;
  return entry.visibility === 'professionals' || isOwnEntry(actor, entry);
}

/** Local fields are the person's own to change, and the territory's managers'. */
export const mayEditEntry = (actor: Actor, entry: EntryAccessFacts) =>
  isOwnEntry(actor, entry) || canManageTerritory(actor, entry.territoryId);

/**
 * Roles that read direct lines, mobiles and MSSanté addresses: the territory's professionals and
 * its managers. A role added later (a hospital's secretariat, a public kiosk) reads none until it
 * is named here.
 */
const contactReaders: readonly Actor['role'][] = ['admin', 'manager', 'professional'];

export const seesDirectoryContacts = (actor: Actor, entry: EntryAccessFacts) =>
  contactReaders.includes(actor.role) && mayReadEntry(actor, entry);

/** Opt-ins and visibility are the person's choices: shown to them and to their managers. */
export const seesChoicesOf = mayEditEntry;

export interface DirectoryContacts {
  mobile: string | null;
  directLine: string | null;
  mssante: string | null;
}

/**
 * An entry as this actor may read it, in the API and the pages alike: contacts only to those who
 * read them, choices only to the person and the managers, never the import's bookkeeping.
 */
export function entryShownTo<
  E extends EntryAccessFacts &
    DirectoryContacts & {
      optIns: Record<string, boolean>;
      searchText?: string;
      nationalHash?: string | null;
    },
>(actor: Actor, entry: E) {
  const { searchText: _s, nationalHash: _h, ...rest } = entry;
  const contacts = seesDirectoryContacts(actor, entry);
  const choices = seesChoicesOf(actor, entry);
  return {
    ...rest,
    mobile: contacts ? entry.mobile : null,
    directLine: contacts ? entry.directLine : null,
    mssante: contacts ? entry.mssante : null,
    optIns: choices ? entry.optIns : {},
    mine: isOwnEntry(actor, entry),
    editable: mayEditEntry(actor, entry),
  };
}
