import type { Database } from '../../../db/client.js';
import {
  auditActorOf,
  canManageTerritory,
  canReadTerritory,
  type Actor,
} from '../../access/actor.js';
import { recordAudit } from '../../platform/audit.js';
import { forbidden, notFound } from '../../platform/http-errors.js';
import {
  replaceProfessionalIcalToken,
  replaceServiceIcalToken,
  territoryOfProfessional,
  territoryOfService,
} from './store.js';
import { newIcalToken } from './token.js';

/** 144 random bits, URL-safe: the whole credential of a feed. */

/**
 * A new iCal token for a professional's feed (the old URL answers 404 from now on): the
 * professional themself, or a manager of their territory. Audited without the token.
 */
export async function rotateProfessionalIcalToken(
  db: Database,
  actor: Actor,
  professionalId: string,
): Promise<string> {
  return db.transaction(async (tx) => {
    const territoryId = await territoryOfProfessional(tx, professionalId);
    if (!territoryId || !canReadTerritory(actor, territoryId)) throw notFound('Professionnel');
    if (actor.professionalId !== professionalId && !canManageTerritory(actor, territoryId))
      throw forbidden();
    const token = newIcalToken();
    await replaceProfessionalIcalToken(tx, professionalId, token);
    await recordAudit(tx, auditActorOf(actor), {
      action: 'ical.rotate',
      entity: 'professional',
      entityId: professionalId,
      territoryId,
    });
    return token;
  });
}

/** A new iCal token for a service's feed, by a manager of its territory. Audited without the token. */
export async function rotateServiceIcalToken(
  db: Database,
  actor: Actor,
  serviceId: string,
): Promise<string> {
  return db.transaction(async (tx) => {
    const territoryId = await territoryOfService(tx, serviceId);
    if (!territoryId || !canReadTerritory(actor, territoryId)) throw notFound('Service');
    if (!canManageTerritory(actor, territoryId)) throw forbidden();
    const token = newIcalToken();
    await replaceServiceIcalToken(tx, serviceId, token);
    await recordAudit(tx, auditActorOf(actor), {
      action: 'ical.rotate',
      entity: 'service',
      entityId: serviceId,
      territoryId,
    });
    return token;
  });
}
