import type { AppDeps } from '../../platform/deps.js';
import { recordAudit } from '../../platform/audit.js';
import type { JobPayload } from '../../platform/job-payloads.js';
import { returnHomeDue } from '../checklist.js';
import { ensureStandardItems } from '../checklist-store.js';
import { entryById, movementById, stayById } from '../store.js';
import { deliverStayNotice } from './deliver.js';
import { noticeDedupeKey, noticeKindOf, withdrawnMovementId } from './notice-kind.js';
import { markMovementNoticed, writeNotice, type NoticeRow } from './notice-store.js';

type Deps = Pick<AppDeps, 'db' | 'jobs' | 'logger' | 'now' | 'config' | 'publicUrl'>;
const system = { userId: null, label: 'system:hospital-notice' };

/**
 * A movement of a stay was stored: update the return-home checklist, tell the GP (notice rows in
 * one transaction with the checklist and the audit, then delivery), or leave the stay on the
 * coordination's worklist when its GP is not in the directory. Idempotent: a retried job finds
 * the same notice row and sends only what is still pending.
 *
 * GPs are told by default: knowing their patient is in hospital is in the patient's interest (the
 * médecin traitant coordinates the care); a directory entry whose `opt_ins.hospitalNotices` is
 * false gets no message (the page still lists the stay).
 */
export async function hospitalStayNotice(
  deps: Deps,
  { stayId, movementId }: JobPayload<'hospital-stay-notice'>,
): Promise<string> {
  const db = deps.db.db;
  const [stay, movement] = await Promise.all([stayById(db, stayId), movementById(db, movementId)]);
  // Purged or rolled back meanwhile: nothing left to tell.
  if (!stay || !movement || movement.stayId !== stay.id) return 'gone';
  const recipient = stay.gpEntryId ? await entryById(db, stay.gpEntryId) : null;
  const kind = noticeKindOf(movement, stay);
  const { outcome, notice } = await db.transaction(async (tx) => {
    const due = returnHomeDue(stay);
    const created = due ? await ensureStandardItems(tx, stay.id, due) : [];
    let notice: NoticeRow | null = null;
    const outcome = !recipient
      ? 'worklist'
      : recipient.optIns.hospitalNotices === false
        ? 'opted_out'
        : kind
          ? 'notified'
          : 'nothing';
    if (recipient && kind && outcome === 'notified')
      notice = await writeNotice(tx, {
        stayId: stay.id,
        movementId: movement.id,
        territoryId: stay.territoryId,
        recipientEntryId: recipient.id,
        kind,
        dedupeKey: noticeDedupeKey(
          kind,
          {
            stayId: stay.id,
            movementId: movement.id,
            entryId: recipient.id,
            withdrawnId: withdrawnMovementId(movement),
          },
          stay.expectedDischargeAt,
        ),
        createdAt: deps.now(),
      });
    await markMovementNoticed(tx, movement.id, outcome);
    // Ids and kinds only: the audit log is read by managers, the health data stays in the stay.
    await recordAudit(tx, system, {
      action: 'hospital.notice',
      entity: 'hospital_stay',
      entityId: stay.id,
      territoryId: stay.territoryId,
      after: {
        movementId: movement.id,
        event: movement.event,
        outcome,
        kind,
        noticeId: notice?.id ?? null,
        checklistItemsCreated: created.length,
      },
    });
    return { outcome, notice };
  });
  if (notice) await deliverStayNotice(deps, notice.id);
  return outcome;
}
