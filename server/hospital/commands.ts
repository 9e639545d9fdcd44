import { TZDate } from '@date-fns/tz';
import type { Queryable } from '../../db/client.js';
import { auditActorOf, type Actor } from '../access/actor.js';
import { recordAudit } from '../platform/audit.js';
import { smtpFailure } from './notices/mssante.js';
import type { AppDeps } from '../platform/deps.js';
import { badRequest, forbidden, notFound } from '../platform/http-errors.js';
import { organises, readableStay, type StayView } from './access.js';
import { returnHomeDue } from './checklist.js';
import { insertItem, itemById, updateItem, type ItemRow } from './checklist-store.js';
import { deliverStayNotice } from './notices/deliver.js';
import { writeNotice, type NoticeRow } from './notices/notice-store.js';
import type { NewItem } from './schema.js';
import { entryById } from './store.js';

type Deps = Pick<AppDeps, 'db' | 'jobs' | 'logger' | 'now' | 'config' | 'publicUrl'>;

/** Every read of hospital data is audited: who read which stay (or list), never what it said. */
export async function auditHospitalRead(
  db: Queryable,
  actor: Actor,
  what: { entity: 'hospital_stay' | 'hospital_list'; entityId: string; territoryId?: string },
  stayIds: string[] = [],
): Promise<void> {
  await recordAudit(db, auditActorOf(actor), {
    action: 'hospital.read',
    entity: what.entity,
    entityId: what.entityId,
    territoryId: what.territoryId ?? null,
    after: stayIds.length ? { stayIds } : null,
  });
}

// A day's item is due by the end of that day, Paris time.
const endOfDay = (day: string) => {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(new TZDate(y, m - 1, d + 1, 0, 0, 0, 'Europe/Paris').getTime());
};

async function assigneeOf(db: Queryable, view: StayView, entryId: string | undefined) {
  if (!entryId) return null;
  const entry = await entryById(db, entryId);
  if (!entry || entry.territoryId !== view.stay.territoryId || entry.goneAt)
    throw badRequest('Personne ou structure inconnue de l’annuaire du territoire.', {
      assignee: 'absent de l’annuaire du territoire. Not in the territory’s directory.',
    });
  return entry;
}

/** The assignee hears of their item (SMS that says only "a task", MSSanté with the details). */
async function noticeOfAssignment(tx: Queryable, view: StayView, item: ItemRow, now: Date) {
  if (!item.assigneeEntryId) return null;
  return writeNotice(tx, {
    stayId: view.stay.id,
    movementId: null,
    territoryId: view.stay.territoryId,
    recipientEntryId: item.assigneeEntryId,
    kind: 'assignment',
    dedupeKey: `assignment:${item.id}:${item.assigneeEntryId}`,
    createdAt: now,
  });
}

/** After the commit: a failed delivery waits for the sweep, the write stands. */
async function deliverAfterCommit(deps: Deps, notice: NoticeRow | null) {
  if (!notice) return;
  await deliverStayNotice(deps, notice.id).catch((err: unknown) =>
    deps.logger.warn(
      { noticeId: notice.id, err: smtpFailure(err) },
      'assignment notice left to the sweep',
    ),
  );
}

/** Adds an item to a stay's checklist (coordination or the GP), assigned or not. */
export async function addReturnHomeItem(
  deps: Deps,
  actor: Actor,
  stayId: string,
  input: NewItem,
): Promise<ItemRow> {
  const db = deps.db.db;
  const view = await readableStay(db, actor, stayId);
  if (!organises(view)) throw forbidden();
  const assignee = await assigneeOf(db, view, input.assignee);
  const { item, notice } = await db.transaction(async (tx) => {
    const item = await insertItem(tx, {
      stayId,
      kind: input.kind,
      label: input.label,
      dueAt: input.due ? endOfDay(input.due) : returnHomeDue(view.stay),
      dueFollowsStay: !input.due,
      assigneeEntryId: assignee?.id ?? null,
    });
    await recordAudit(tx, auditActorOf(actor), {
      action: 'hospital.item.create',
      entity: 'return_home_item',
      entityId: item.id,
      territoryId: view.stay.territoryId,
      after: item,
    });
    return { item, notice: await noticeOfAssignment(tx, view, item, deps.now()) };
  });
  await deliverAfterCommit(deps, notice);
  return item;
}

async function itemWithView(db: Queryable, actor: Actor, itemId: string) {
  const item = await itemById(db, itemId);
  if (!item) throw notFound('Tâche');
  const view = await readableStay(db, actor, item.stayId).catch(() => {
    throw notFound('Tâche');
  });
  return { item, view };
}

/** Gives an item to a directory entry (coordination or the GP); the assignee is told. */
export async function assignReturnHomeItem(
  deps: Deps,
  actor: Actor,
  itemId: string,
  assigneeEntryId: string,
): Promise<ItemRow> {
  const db = deps.db.db;
  const { item, view } = await itemWithView(db, actor, itemId);
  if (!organises(view)) throw forbidden();
  const assignee = await assigneeOf(db, view, assigneeEntryId);
  const { after, notice } = await db.transaction(async (tx) => {
    const after = await updateItem(tx, item.id, { assigneeEntryId: assignee!.id });
    await recordAudit(tx, auditActorOf(actor), {
      action: 'hospital.item.assign',
      entity: 'return_home_item',
      entityId: item.id,
      territoryId: view.stay.territoryId,
      before: { assigneeEntryId: item.assigneeEntryId },
      after: { assigneeEntryId: after.assigneeEntryId },
    });
    return { after, notice: await noticeOfAssignment(tx, view, after, deps.now()) };
  });
  await deliverAfterCommit(deps, notice);
  return after;
}

/** Ticks an item done (or not): coordination, the GP, or the item's own assignee. */
export async function tickReturnHomeItem(
  deps: Deps,
  actor: Actor,
  itemId: string,
  done: boolean,
): Promise<ItemRow> {
  const db = deps.db.db;
  const { item, view } = await itemWithView(db, actor, itemId);
  if (!organises(view) && item.assigneeEntryId !== view.entry?.id) throw forbidden();
  return db.transaction(async (tx) => {
    const after = await updateItem(tx, item.id, {
      doneAt: done ? (item.doneAt ?? deps.now()) : null,
      doneBy: done ? (item.doneBy ?? actor.userId) : null,
    });
    await recordAudit(tx, auditActorOf(actor), {
      action: done ? 'hospital.item.done' : 'hospital.item.undone',
      entity: 'return_home_item',
      entityId: item.id,
      territoryId: view.stay.territoryId,
      before: { doneAt: item.doneAt },
      after: { doneAt: after.doneAt },
    });
    return after;
  });
}
