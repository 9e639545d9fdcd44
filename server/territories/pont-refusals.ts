import { and, eq } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { calendarDays, pontRefusals } from '../../db/schema/index.js';
import { defaultTerritorySettings } from '../../db/schema/settings.js';
import { proposedPonts } from '../../rota/calendar/ponts.js';
import { auditActorOf, type Actor } from '../access/actor.js';
import { recordAudit } from '../platform/audit.js';
import { badRequest } from '../platform/http-errors.js';
import { managedTerritory } from './commands.js';

/**
 * A manager declines a pont the engine proposed: the day stays an ordinary day and the calendar
 * shows it as refused. A confirmation of that day is withdrawn in the same transaction;
 * confirming it again later (setCalendarDay) removes the refusal. Only a proposed pont of the
 * territory's region can be refused (400 otherwise, in French). Audited.
 */
export async function refusePont(
  db: Database,
  actor: Actor,
  territoryId: string,
  day: string,
): Promise<void> {
  const territory = await managedTerritory(db, actor, territoryId);
  const { alsaceMoselle, overseas } = { ...defaultTerritorySettings, ...territory.settings };
  const year = Number(day.slice(0, 4));
  const proposed = [year - 1, year, year + 1].some((y) =>
    proposedPonts(y, { alsaceMoselle, overseas }).some((p) => p.date === day),
  );
  if (!proposed)
    throw badRequest(
      `Le ${day} n'est pas un pont proposé : il n'y a rien à refuser. Not a proposed pont.`,
      { day: 'not a proposed pont' },
    );
  await db.transaction(async (tx) => {
    await tx
      .delete(calendarDays)
      .where(
        and(
          eq(calendarDays.territoryId, territory.id),
          eq(calendarDays.day, day),
          eq(calendarDays.kind, 'pont'),
        ),
      );
    await tx.insert(pontRefusals).values({ territoryId: territory.id, day }).onConflictDoNothing();
    await recordAudit(tx, auditActorOf(actor), {
      action: 'calendar.refuse_pont',
      entity: 'calendar_day',
      entityId: day,
      territoryId: territory.id,
    });
  });
}
