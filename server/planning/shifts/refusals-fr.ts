import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { fr } from 'date-fns/locale';
import type { Queryable } from '../../../db/client.js';
import { HttpError } from '../../platform/http-errors.js';
import { professionalForService, shiftWithTerritory } from './store.js';

/** The shift a write collides with, as people read it: whose, when (in the territory's zone). */
export interface OverlapDetail {
  /** 'on-duty': the professional already works then; 'slot': the service's level is taken then. */
  kind: 'on-duty' | 'slot';
  shiftId: string;
  /** Name of the professional of the shift collided with; null for an open shift. */
  holder: string | null;
  level: number;
  startsAt: Date;
  endsAt: Date;
  timeZone: string;
}

/** A refusal for an overlap: the API's stable id ('conflict'), its French message and the detail. */
export class ShiftOverlap extends HttpError {
  constructor(
    readonly overlap: OverlapDetail,
    fields: Record<string, string>,
  ) {
    super(409, 'conflict', overlapMessageFr(overlap), fields);
  }
}

/** "du Dr Anne Le Goff", "de Claire Martin": the French contraction before a title. */
const ofName = (name: string) => (/^Dr\.? /.test(name) ? `du ${name}` : `de ${name}`);

/** "le jeudi 25 février 2027 de 20:00 à 08:00", local wall-clock time of the territory. */
export function whenFr(startsAt: Date, endsAt: Date, timeZone: string): string {
  const start = new TZDate(startsAt, timeZone);
  const end = new TZDate(endsAt, timeZone);
  const day = (d: Date) => format(d, 'EEEE d MMMM yyyy', { locale: fr });
  const time = (d: Date) => format(d, 'HH:mm', { locale: fr });
  // A shift over more than a night names its last day as well.
  const long = endsAt.getTime() - startsAt.getTime() > 24 * 3_600_000;
  return long
    ? `du ${day(start)} ${time(start)} au ${day(end)} ${time(end)}`
    : `le ${day(start)} de ${time(start)} à ${time(end)}`;
}

/**
 * The French catalogue of overlap refusals: « chevauche la garde du Dr X le jeudi 25 février
 * 2027 de 20:00 à 08:00 », never an ISO instant in UTC.
 */
export function overlapMessageFr(o: OverlapDetail): string {
  const whose = o.holder ? `la garde ${ofName(o.holder)}` : `la garde à pourvoir`;
  const when = whenFr(o.startsAt, o.endsAt, o.timeZone);
  return o.kind === 'on-duty'
    ? `Ce professionnel est déjà de garde à ce moment : ce créneau chevauche ${whose} ${when}.`
    : `Le niveau ${o.level} de ce service est déjà pris : ce créneau chevauche ${whose} (niveau ${o.level}) ${when}.`;
}

/**
 * The refusal of an overlap, in French with the territory's local time: the shift collided with,
 * whose it is (its professional's name) and when it runs.
 */
export async function overlapRefusal(
  q: Queryable,
  kind: OverlapDetail['kind'],
  clash: { id: string; professionalId: string | null; serviceId: string; level: number },
): Promise<ShiftOverlap> {
  const row = await shiftWithTerritory(q, clash.id);
  const holder = clash.professionalId
    ? await professionalForService(q, clash.professionalId, clash.serviceId)
    : undefined;
  const field = kind === 'on-duty' ? 'professionalId' : 'level';
  return new ShiftOverlap(
    {
      kind,
      shiftId: clash.id,
      holder: holder?.name ?? null,
      level: clash.level,
      startsAt: row!.shift.startsAt,
      endsAt: row!.shift.endsAt,
      timeZone: row!.territory.timeZone,
    },
    { [field]: `overlaps shift ${clash.id}` },
  );
}
