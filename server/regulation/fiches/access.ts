import { auditActorOf, canManageTerritory, type Actor } from '../../access/actor.js';
import type { Config } from '../../platform/config.js';
import { forbidden } from '../../platform/http-errors.js';
import { ficheRefusals } from './catalogue-fr.js';
import type { FicheWriter } from './commands.js';
import { checkFicheLink, ficheLinkKey } from './link-token.js';
import type { CallWithFiche } from './store.js';

/** Who is looking at a fiche: a signed-in person, or the régulateur through the SMS link. */
export type FicheViewer =
  { by: 'actor'; actor: Actor } | { by: 'link'; professionalId: string; name: string };

/** The régulateur of a call: its fiche's, or (before the fiche opens) who answered it, live included. */
export const regulatorOf = (c: CallWithFiche): string | null =>
  c.fiche?.regulatorId ??
  c.call.connectedProfessionalId ??
  (c.call.endedAt ? null : c.liveRegulatorId);

/**
 * Only the régulateur and the territory's managers (admins included) read a fiche; another
 * professional may not, whichever door they come by.
 */
export function mayReadFiche(actor: Actor, c: CallWithFiche): boolean {
  const regulator = regulatorOf(c);
  return (
    (regulator !== null && actor.professionalId === regulator) ||
    canManageTerritory(actor, c.territory.id)
  );
}

/** Only the régulateur writes on the fiche (the commands check it again, in their transaction). */
export function mayWriteFiche(viewer: FicheViewer, c: CallWithFiche): boolean {
  const regulator = regulatorOf(c);
  const professionalId = viewer.by === 'link' ? viewer.professionalId : viewer.actor.professionalId;
  return regulator !== null && professionalId === regulator;
}

/** The viewer of a request, or a 403 with the reason in French (a link refused, a reader not allowed). */
export function viewerOf(
  config: Pick<Config, 'FICHE_LINK_SECRET' | 'SESSION_SECRET'>,
  c: CallWithFiche,
  token: string | null,
  actor: Actor | undefined,
  now: Date,
): FicheViewer | null {
  if (token !== null) {
    if (!c.fiche) throw forbidden(ficheRefusals.linkTampered);
    const check = checkFicheLink(ficheLinkKey(config), token, c.fiche, now);
    if (!check.ok)
      throw forbidden(
        check.reason === 'expired'
          ? ficheRefusals.linkExpired
          : check.reason === 'wrong_doctor'
            ? ficheRefusals.linkWrongDoctor
            : ficheRefusals.linkTampered,
      );
    return { by: 'link', professionalId: check.professionalId, name: c.regulator?.name ?? '' };
  }
  if (!actor) return null;
  if (!mayReadFiche(actor, c)) throw forbidden(ficheRefusals.notReader);
  return { by: 'actor', actor };
}

/** How the viewer writes, as the commands and the audit log see them. */
export const writerOf = (viewer: FicheViewer): FicheWriter =>
  viewer.by === 'link'
    ? {
        professionalId: viewer.professionalId,
        audit: { userId: null, label: `lien SMS : ${viewer.name}` },
      }
    : { professionalId: viewer.actor.professionalId, audit: auditActorOf(viewer.actor) };
