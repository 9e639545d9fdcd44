import { and, eq, inArray } from 'drizzle-orm';
import type { Override, Professional, Shift, Unavailability } from '../../rota/types.js';
import type { Queryable } from '../../db/client.js';
import { overrides, professionals } from '../../db/schema/index.js';
import { activeShiftsOf } from './shifts/store.js';
import { leaveOf } from './unavailability/store.js';

export interface RotaWindow {
  shifts: Shift[];
  overrides: Override[];
  professionals: Map<string, Professional>;
  /** Leave of these people in the window: someone on leave is not rung (optional for old snapshots). */
  leave?: Unavailability[];
}

/** Active shifts of one service overlapping [from, to), their overrides and the people in them. */
export async function loadRotaWindow(
  db: Queryable,
  serviceId: string,
  from: Date,
  to: Date,
): Promise<RotaWindow> {
  const shiftRows = await activeShiftsOf(db, serviceId, from, to);
  const shiftIds = shiftRows.map((s) => s.id);
  const overrideRows = shiftIds.length
    ? await db.select().from(overrides).where(inArray(overrides.shiftId, shiftIds))
    : [];
  const peopleIds = [
    ...new Set(
      [
        ...shiftRows.map((s) => s.professionalId),
        ...overrideRows.map((o) => o.professionalId),
      ].filter((id): id is string => id !== null),
    ),
  ];
  const leave = await leaveOf(db, peopleIds, from, to);
  const people = peopleIds.length
    ? await db
        .select()
        .from(professionals)
        .where(and(inArray(professionals.id, peopleIds), eq(professionals.active, true)))
    : [];
  return {
    shifts: shiftRows.map((s) => ({
      id: s.id,
      serviceId: s.serviceId,
      professionalId: s.professionalId,
      startsAt: s.startsAt,
      endsAt: s.endsAt,
      level: s.level,
      ...(s.kind ? { kind: s.kind } : {}),
    })),
    overrides: overrideRows.map((o) => ({
      id: o.id,
      shiftId: o.shiftId,
      professionalId: o.professionalId,
      startsAt: o.startsAt,
      endsAt: o.endsAt,
    })),
    leave,
    professionals: new Map(
      people.map((p) => [
        p.id,
        { id: p.id, name: p.name, mobile: p.mobile, languages: p.languages },
      ]),
    ),
  };
}
