import type { Queryable } from '../../db/client.js';
import { auditLog } from '../../db/schema/index.js';

export interface Actor {
  userId: string | null;
  /** Shown in the audit log: a user's email, "sms:+33 6 ** ** ** 78", "system". */
  label: string;
}

/** Records one change; call it inside the transaction that makes the change. */
export async function recordAudit(
  tx: Queryable,
  actor: Actor,
  entry: {
    action: string;
    entity: string;
    entityId?: string | null;
    territoryId?: string | null;
    before?: unknown;
    after?: unknown;
  },
): Promise<void> {
  await tx.insert(auditLog).values({
    actorUserId: actor.userId,
    actorLabel: actor.label,
    action: entry.action,
    entity: entry.entity,
    entityId: entry.entityId ?? null,
    territoryId: entry.territoryId ?? null,
    before: entry.before ?? null,
    after: entry.after ?? null,
  });
}
