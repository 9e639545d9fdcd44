import type { Queryable } from '../../db/client.js';
import type { Actor } from '../access/actor.js';
import { forbidden } from '../platform/http-errors.js';
import { readableStay, type StayView } from './access.js';
import { progressOf } from './checklist.js';
import { auditHospitalRead } from './commands.js';
import { noticesOfStay } from './notices/notice-store.js';
import {
  assignableEntries,
  currentStays,
  entryNames,
  entryOfProfessional,
  itemsAssignedTo,
  itemsOfStays,
  lateItems,
  movementsOf,
  staysOfGp,
  staysWithoutGp,
  type Scope,
  type StayRow,
} from './store.js';

/** Stays with their checklist's progress, for the lists. */
async function withProgress(db: Queryable, stays: StayRow[], now: Date) {
  const items = await itemsOfStays(
    db,
    stays.map((s) => s.id),
  );
  return stays.map((stay) => ({
    stay,
    progress: progressOf(
      items.filter((i) => i.stayId === stay.id),
      now,
    ),
  }));
}

/** "Mes patients à l'hôpital": the GP's patients, and the return-home items given to them. */
export async function myPatients(db: Queryable, actor: Actor, now: Date) {
  const entry = await entryOfProfessional(db, actor.professionalId);
  if (!entry) return { entry: null, stays: [], tasks: [] };
  const stays = await withProgress(db, await staysOfGp(db, entry.id, now), now);
  const tasks = await itemsAssignedTo(db, entry.id);
  await auditHospitalRead(
    db,
    actor,
    { entity: 'hospital_list', entityId: 'my-patients', territoryId: entry.territoryId },
    [...stays.map((s) => s.stay.id), ...tasks.map((t) => t.stay.id)],
  );
  return { entry, stays, tasks };
}

/** The coordination's page: the worklist (no GP in the directory), every stay, the late items. */
export async function coordination(db: Queryable, actor: Actor, now: Date) {
  if (actor.role === 'professional') throw forbidden();
  const scope: Scope = actor.role === 'admin' ? null : actor.territoryIds;
  const [worklist, current, late] = await Promise.all([
    staysWithoutGp(db, scope, now),
    currentStays(db, scope, now),
    lateItems(db, scope, now),
  ]);
  const gps = await entryNames(
    db,
    current.flatMap((s) => (s.gpEntryId ? [s.gpEntryId] : [])),
  );
  const assignees = await entryNames(
    db,
    late.flatMap((l) => (l.item.assigneeEntryId ? [l.item.assigneeEntryId] : [])),
  );
  await auditHospitalRead(db, actor, { entity: 'hospital_list', entityId: 'coordination' }, [
    ...new Set(current.map((s) => s.id)),
  ]);
  return {
    worklist: await withProgress(db, worklist, now),
    current: await withProgress(db, current, now),
    late,
    gps,
    assignees,
  };
}

/** One stay as the actor may read it: an assignee sees no movements, no notices, only their items. */
export async function stayDetail(db: Queryable, actor: Actor, id: string) {
  const view: StayView = await readableStay(db, actor, id);
  const full = view.access !== 'assignee';
  const allItems = await itemsOfStays(db, [id]);
  const items = full ? allItems : allItems.filter((i) => i.assigneeEntryId === view.entry?.id);
  const [movements, notices, choices] = full
    ? await Promise.all([
        movementsOf(db, id),
        noticesOfStay(db, id),
        assignableEntries(db, view.stay.territoryId),
      ])
    : [[], [], []];
  const names = await entryNames(db, [
    ...items.flatMap((i) => (i.assigneeEntryId ? [i.assigneeEntryId] : [])),
    ...notices.map((n) => n.recipientEntryId),
    ...(full && view.stay.gpEntryId ? [view.stay.gpEntryId] : []),
  ]);
  await auditHospitalRead(db, actor, {
    entity: 'hospital_stay',
    entityId: id,
    territoryId: view.stay.territoryId,
  });
  return { view, movements, notices, items, names, choices };
}
export type StayDetail = Awaited<ReturnType<typeof stayDetail>>;
