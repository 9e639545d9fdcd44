import type { Actor } from '../../access/actor.js';
import { entryShownTo, seesDirectoryContacts } from './read-policy.js';
import type { DirectoryEntryRow } from './store.js';

/**
 * An entry of the store as the actor reads it (read-policy.ts), for the JSON API and the pages
 * alike: contacts withheld from whoever may not read them, opt-ins from all but the person and
 * the managers, the import's bookkeeping from everyone.
 */
export function presentEntry(actor: Actor, row: DirectoryEntryRow) {
  const shown = entryShownTo(actor, row);
  return {
    id: shown.id,
    territoryId: shown.territoryId,
    territoryName: shown.territoryName,
    nationalId: shown.nationalId,
    rpps: shown.rpps,
    civility: shown.civility,
    lastName: shown.lastName,
    firstName: shown.firstName,
    professionCode: shown.professionCode,
    specialtyCodes: shown.specialtyCodes,
    goneAt: shown.goneAt,
    places: shown.places,
    contactsShown: seesDirectoryContacts(actor, row),
    mobile: shown.mobile,
    directLine: shown.directLine,
    mssante: shown.mssante,
    visibility: shown.editable ? shown.visibility : undefined,
    professionalId: shown.editable ? shown.professionalId : undefined,
    optIns: shown.optIns,
    mine: shown.mine,
    editable: shown.editable,
  };
}
export type PresentedEntry = ReturnType<typeof presentEntry>;
