import { and, eq } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import {
  calendarDays,
  pontRefusals,
  services,
  territories,
  territoryNumbers,
} from '../../db/schema/index.js';
import { defaultTerritorySettings } from '../../db/schema/settings.js';
import { validateTemplate } from '../../rota/template-check.js';
import { auditActorOf, canManageTerritory, canReadTerritory, type Actor } from '../access/actor.js';
import { recordAudit } from '../platform/audit.js';
import {
  badRequest,
  conflict,
  forbidden,
  notFound,
  nothingToChange,
} from '../platform/http-errors.js';
import type { CalendarDayKind, NewTerritory, ServicePatch, TerritoryPatch } from './schema.js';
import { serviceById, takenBy, territoryById, type TerritoryRow } from './store.js';
import { newIcalToken } from '../planning/ical/token.js';
import { localDateOf } from '../../rota/calendar/local-date.js';
import { regulationFields, regulationProblems, regulationRefusal } from './regulation-rules.js';

/**
 * The territory, if the actor manages it: 404 when unknown or not readable by the actor (alike,
 * an id tells nothing), 403 when readable but not managed (a professional of the territory).
 */
export async function managedTerritory(
  db: Database,
  actor: Actor,
  territoryId: string,
): Promise<TerritoryRow> {
  const row = canReadTerritory(actor, territoryId) ? await territoryById(db, territoryId) : null;
  if (!row) throw notFound('Territoire');
  if (!canManageTerritory(actor, territoryId)) throw forbidden();
  return row;
}

/** The service, if the actor manages its territory (404 unknown, 403 another's). */
export async function managedService(db: Database, actor: Actor, serviceId: string) {
  const service = await serviceById(db, serviceId);
  if (!service) throw notFound('Service');
  await managedTerritory(db, actor, service.territoryId);
  return service;
}

/** An admin opens a territory with its public numbers and a first doctor service; audited. */
export async function createTerritory(
  db: Database,
  actor: Actor,
  input: NewTerritory,
): Promise<string> {
  if (actor.role !== 'admin') throw forbidden();
  if (new Set(input.numbers).size !== input.numbers.length)
    throw badRequest('Le même numéro deux fois. The same number twice.', { numbers: 'duplicate' });
  return db.transaction(async (tx) => {
    // Said before the insert, in words: a unique violation would otherwise surface as a 500.
    const taken = await takenBy(tx, input.slug, input.numbers);
    if (taken.slug)
      throw conflict(`Le slug « ${input.slug} » est déjà pris. This slug is taken.`, {
        slug: 'taken',
      });
    if (taken.numbers.length)
      throw conflict(
        `Numéro déjà attribué à un territoire : ${taken.numbers.join(', ')}. Number already in use.`,
        { numbers: 'taken' },
      );
    const [row] = await tx
      .insert(territories)
      .values({
        slug: input.slug,
        name: input.name,
        timeZone: input.timeZone,
        fallbackNumber: input.fallbackNumber,
        daytimeNumber: input.daytimeNumber,
        holdLimitSeconds: input.holdLimitSeconds,
        fallbackIsCallCentre: input.fallbackIsCallCentre,
        settings: { ...defaultTerritorySettings, ...input.settings },
      })
      .returning();
    await tx
      .insert(territoryNumbers)
      .values(input.numbers.map((number) => ({ number, territoryId: row!.id })));
    await tx.insert(services).values({
      territoryId: row!.id,
      kind: 'doctor',
      name: 'Médecin de garde',
      icalToken: newIcalToken(),
    });
    await recordAudit(tx, auditActorOf(actor), {
      action: 'territory.create',
      entity: 'territory',
      entityId: row!.id,
      territoryId: row!.id,
      after: row,
    });
    return row!.id;
  });
}

/**
 * Name, numbers, settings (merged: a setting left out stays as it is) and the regulation mode;
 * audited. The regulation rules are checked on the territory as it would be, on the territory's
 * local date of `now`: a plateforme without its convention and ARS approval is refused.
 */
export async function updateTerritory(
  db: Database,
  actor: Actor,
  territoryId: string,
  patch: TerritoryPatch,
  now: Date,
): Promise<void> {
  await managedTerritory(db, actor, territoryId);
  await db.transaction(async (tx) => {
    // The rules are checked on the locked row: two PATCHes at once (one clears the convention,
    // the other enables the plateforme) each see the other's write, never a plateforme without it.
    const [before] = await tx
      .select()
      .from(territories)
      .where(eq(territories.id, territoryId))
      .for('update');
    if (!before) throw notFound('Territoire');
    // Checked when the regulation changes: a territory migrated as a plateforme before its
    // convention was entered may still have its name or hold limit edited.
    if (regulationFields.some((field) => field in patch)) {
      const local = localDateOf(now, before.timeZone);
      const problems = regulationProblems({ ...before, ...patch }, local);
      if (Object.keys(problems).length > 0) throw badRequest(regulationRefusal(problems), problems);
    }
    const { settings: changed, slotWeights, ...fields } = patch;
    const [after] = await tx
      .update(territories)
      .set({
        ...fields,
        settings: { ...before.settings, ...changed },
        slotWeights: { ...before.slotWeights, ...slotWeights },
      })
      .where(eq(territories.id, before.id))
      .returning();
    await recordAudit(tx, auditActorOf(actor), {
      action: 'territory.update',
      entity: 'territory',
      entityId: before.id,
      territoryId: before.id,
      before,
      after,
    });
  });
}

/**
 * A service's name, levels, template or activity. A template is checked by the rota engine's
 * rules (overlapping slots would ring two primaries at once): each problem is reported under
 * `template.<slot>` in French.
 */
export async function updateService(
  db: Database,
  actor: Actor,
  serviceId: string,
  patch: ServicePatch,
): Promise<void> {
  const service = await managedService(db, actor, serviceId);
  if (Object.keys(patch).length === 0) throw nothingToChange();
  const problems = patch.template ? validateTemplate(patch.template) : [];
  if (problems.length > 0) {
    const fields: Record<string, string> = {};
    for (const { slot, message } of problems) {
      const key = slot === null ? 'template' : `template.${slot}`;
      fields[key] = fields[key] ? `${fields[key]} ; ${message}` : message;
    }
    throw badRequest('Modèle de garde invalide. Invalid shift template.', fields);
  }
  await db.transaction(async (tx) => {
    const [after] = await tx
      .update(services)
      .set(patch)
      .where(eq(services.id, service.id))
      .returning();
    await recordAudit(tx, auditActorOf(actor), {
      action: 'service.update',
      entity: 'service',
      entityId: service.id,
      territoryId: service.territoryId,
      before: service,
      after,
    });
  });
}

/** A manager confirms a pont or an extra holiday (the template's holiday slots apply); audited. */
export async function setCalendarDay(
  db: Database,
  actor: Actor,
  territoryId: string,
  day: string,
  value: CalendarDayKind,
): Promise<void> {
  const territory = await managedTerritory(db, actor, territoryId);
  await db.transaction(async (tx) => {
    await tx
      .insert(calendarDays)
      .values({ territoryId: territory.id, day, ...value })
      .onConflictDoUpdate({ target: [calendarDays.territoryId, calendarDays.day], set: value });
    // A confirmation overrides an earlier refusal of the same day (pont-refusals.ts).
    await tx
      .delete(pontRefusals)
      .where(and(eq(pontRefusals.territoryId, territory.id), eq(pontRefusals.day, day)));
    await recordAudit(tx, auditActorOf(actor), {
      action: 'calendar.set',
      entity: 'calendar_day',
      entityId: day,
      territoryId: territory.id,
      after: value,
    });
  });
}

export async function removeCalendarDay(
  db: Database,
  actor: Actor,
  territoryId: string,
  day: string,
): Promise<void> {
  const territory = await managedTerritory(db, actor, territoryId);
  await db.transaction(async (tx) => {
    await tx
      .delete(calendarDays)
      .where(and(eq(calendarDays.territoryId, territory.id), eq(calendarDays.day, day)));
    await recordAudit(tx, auditActorOf(actor), {
      action: 'calendar.remove',
      entity: 'calendar_day',
      entityId: day,
      territoryId: territory.id,
    });
  });
}
