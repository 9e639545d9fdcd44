import type { Database } from '../../../db/client.js';
import { auditActorOf, type Actor } from '../../access/actor.js';
import { recordAudit } from '../../platform/audit.js';
import { loadTableau, tableauService } from './load.js';
import type { TableauSpan } from './schema.js';
import { insertPeriod, periodOf, setPeriodSent } from './store.js';

/**
 * Adds a period to the service's tableau de garde (audited); the same period again changes
 * nothing. Returns the period's id.
 */
export async function addTableauPeriod(db: Database, actor: Actor, span: TableauSpan) {
  return db.transaction(async (tx) => {
    const sector = await tableauService(tx, actor, span.service);
    const values = {
      territoryId: sector.territory.id,
      serviceId: sector.service.id,
      startsOn: span.du,
      endsOn: span.au,
    };
    const created = await insertPeriod(tx, values);
    if (!created) return (await periodOf(tx, span.service, span.du, span.au))!.id;
    await recordAudit(tx, auditActorOf(actor), {
      action: 'tableau.period.create',
      entity: 'tableau_period',
      entityId: created.id,
      territoryId: sector.territory.id,
      after: created,
    });
    return created.id;
  });
}

/**
 * "Marqué envoyé le …": records the day the tableau went to the conseil départemental de l'Ordre,
 * by whom, and the tableau as it stands (what was sent: the changes since are measured against
 * it). The period is added if it was not yet. One transaction, audited.
 */
export async function markTableauSent(
  db: Database,
  actor: Actor,
  span: TableauSpan,
  sentOn: string,
) {
  return db.transaction(async (tx) => {
    const sector = await tableauService(tx, actor, span.service);
    await insertPeriod(tx, {
      territoryId: sector.territory.id,
      serviceId: sector.service.id,
      startsOn: span.du,
      endsOn: span.au,
    });
    const tableau = await loadTableau(tx, sector, span.du, span.au);
    const before = tableau.period!;
    const after = await setPeriodSent(tx, before.id, {
      sentOn,
      sentBy: actor.userId,
      sentByLabel: actor.name,
      snapshot: tableau.slots,
    });
    await recordAudit(tx, auditActorOf(actor), {
      action: 'tableau.sent',
      entity: 'tableau_period',
      entityId: before.id,
      territoryId: sector.territory.id,
      before: { sentOn: before.sentOn, sentBy: before.sentBy },
      after: { sentOn, sentBy: actor.userId, slots: tableau.slots.length },
    });
    return after;
  });
}
