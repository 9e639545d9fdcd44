import type { Queryable } from '../../db/client.js';
import { loadRotaWindow } from '../planning/rota-window.js';
import {
  findTerritoryById,
  platformNumberOf,
  type TerritoryWithServices,
} from '../territories/store.js';
import type { Contact } from '../../rota/types.js';
import { contactsFrom, fallbackContact } from './contacts.js';

export interface ServiceOnDuty {
  territory: TerritoryWithServices;
  /** The number the platform calls and texts from (the territory's first public number). */
  platformNumber: string | null;
  contacts: Contact[];
}

/** Who to ring now for one service of a territory (the doctor service when serviceId is null). */
export async function serviceOnDuty(
  db: Queryable,
  territoryId: string,
  serviceId: string | null,
  now: Date,
): Promise<ServiceOnDuty | null> {
  const territory = await findTerritoryById(db, territoryId);
  if (!territory) return null;
  const platformNumber = await platformNumberOf(db, territoryId);
  const service = territory.services.find((s) =>
    serviceId ? s.id === serviceId : s.kind === 'doctor',
  );
  const fallback = territory.territory.fallbackNumber;
  const contacts = service
    ? contactsFrom(
        await loadRotaWindow(db, service.id, now, new Date(now.getTime() + 1)),
        service.id,
        now,
        fallback,
      )
    : fallback
      ? [fallbackContact(fallback)]
      : [];
  return { territory, platformNumber, contacts };
}
