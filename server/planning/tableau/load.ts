import type { Queryable } from '../../../db/client.js';
import { addDays } from '../../../rota/calendar/local-date.js';
import { wallClockToInstant } from '../../../rota/local-time.js';
import {
  realisedSlots,
  tableauSlots,
  type RealisedSlot,
  type TableauContext,
  type TableauSlot,
} from '../../../rota/tableau.js';
import { canManageTerritory, canReadTerritory, type Actor } from '../../access/actor.js';
import { forbidden, notFound } from '../../platform/http-errors.js';
import { serviceWithTerritory } from '../shifts/store.js';
import { professionalNames } from '../swaps/store.js';
import {
  approvedSwapsOfShifts,
  overridesOfShifts,
  periodOf,
  shiftsStartingBetween,
  type TableauPeriodRow,
} from './store.js';

export type ManagedService = NonNullable<Awaited<ReturnType<typeof serviceWithTerritory>>>;

/** A service whose tableau the actor may draw up: 404 when unknown or not theirs, 403 for a professional. */
export async function tableauService(q: Queryable, actor: Actor, serviceId: string) {
  const row = await serviceWithTerritory(q, serviceId);
  if (!row || !canReadTerritory(actor, row.territory.id)) throw notFound('Service');
  if (!canManageTerritory(actor, row.territory.id)) throw forbidden();
  return row;
}

export interface Tableau {
  sector: ManagedService;
  startsOn: string;
  endsOn: string;
  period: TableauPeriodRow | undefined;
  slots: TableauSlot[];
}

/** The place printed on the tableau: the service's (the MMG's address), else the territory's name. */
export const placeOf = (sector: ManagedService) =>
  sector.service.place ?? `MMG, ${sector.territory.name}`;

/** The shifts starting within the period's local days, and the context to present them. */
async function loadShifts(q: Queryable, sector: ManagedService, startsOn: string, endsOn: string) {
  const zone = sector.territory.timeZone;
  const shifts = await shiftsStartingBetween(
    q,
    sector.service.id,
    wallClockToInstant(startsOn, '00:00', zone),
    wallClockToInstant(addDays(endsOn, 1), '00:00', zone),
  );
  const overrides = await overridesOfShifts(
    q,
    shifts.map((s) => s.id),
  );
  const ids = [...shifts.map((s) => s.professionalId), ...overrides.map((o) => o.professionalId)];
  const ctx: TableauContext = {
    names: await professionalNames(q, [...new Set(ids.filter((id): id is string => !!id))]),
    template: sector.service.template,
    modality: sector.service.modality,
    place: placeOf(sector),
    timeZone: zone,
  };
  return { shifts, overrides, ctx };
}

/** The tableau of a service over a period, as the rota stands now, with the period's row if any. */
export async function loadTableau(
  q: Queryable,
  sector: ManagedService,
  startsOn: string,
  endsOn: string,
): Promise<Tableau> {
  const { shifts, ctx } = await loadShifts(q, sector, startsOn, endsOn);
  const period = await periodOf(q, sector.service.id, startsOn, endsOn);
  return { sector, startsOn, endsOn, period, slots: tableauSlots(shifts, ctx) };
}

/** Who actually worked each slot of the period, overrides and approved swaps applied. */
export async function loadRealised(
  q: Queryable,
  sector: ManagedService,
  startsOn: string,
  endsOn: string,
): Promise<{ rows: RealisedSlot[]; period: TableauPeriodRow | undefined }> {
  const { shifts, overrides, ctx } = await loadShifts(q, sector, startsOn, endsOn);
  const swaps = await approvedSwapsOfShifts(
    q,
    shifts.map((s) => s.id),
  );
  const period = await periodOf(q, sector.service.id, startsOn, endsOn);
  // Names of those who gave a shift away by a swap are needed too.
  const missing = swaps.map((w) => w.offeredBy).filter((id) => !ctx.names.has(id));
  const names = new Map([...ctx.names, ...(await professionalNames(q, [...new Set(missing)]))]);
  const full = { ...ctx, names };
  const rows = realisedSlots(shifts, overrides, swaps, full, period?.snapshot ?? null);
  return { rows, period };
}
