import { adviceMenu } from '../../ivr-flows/professional-line-menu.js';
import type { ProfessionalLineContext } from '../../ivr-flows/professional-line.js';
import type { Queryable } from '../../db/client.js';
import {
  adviceOffersOf,
  entryByPhone,
  patientLineOf,
  professionalLineTerritory,
  type DirectoryEntryRow,
} from './store.js';

export interface AdviceTurn {
  territory: { id: string; name: string; timeZone: string };
  requester: DirectoryEntryRow | null;
  flow: ProfessionalLineContext;
}

/**
 * What a webhook of the professionals' line knows: the territory of the line called, the
 * directory entry calling (by its mobile or direct line), the specialties open now (in the
 * territory's time zone) and every specialty offered. Null: not a professionals' line.
 */
export async function loadAdviceTurn(
  db: Queryable,
  call: { lineNumber: string; callSid: string; from: string },
  now: Date,
): Promise<AdviceTurn | null> {
  const territory = await professionalLineTerritory(db, call.lineNumber);
  if (!territory) return null;
  const [requester, offers, patientLine] = await Promise.all([
    call.from ? entryByPhone(db, territory.id, call.from) : Promise.resolve(null),
    adviceOffersOf(db, territory.id),
    patientLineOf(db, territory.id),
  ]);
  // A specialist never gets their own call: they are left out of the menu they hear.
  const others = offers.filter((o) => o.entryId !== requester?.id);
  return {
    territory,
    requester,
    flow: {
      territoryName: territory.name,
      lineNumber: call.lineNumber,
      patientLineNumber: patientLine,
      callSid: call.callSid,
      caller: requester ? { entryId: requester.id } : null,
      openNow: adviceMenu(others, now, territory.timeZone),
      offered: adviceMenu(others, now, territory.timeZone, false),
    },
  };
}
