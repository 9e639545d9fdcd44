import express, { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { addDays } from '../../../rota/calendar/local-date.js';
import { localToInstant } from '../../../rota/local-time.js';
import { auditActorOf } from '../../access/actor.js';
import { csrfToken, requireCsrf } from '../../access/middleware.js';
import { rotateProfessionalIcalToken } from '../ical/commands.js';
import { offerSwap, takeSwap } from '../swaps/commands.js';
import { createUnavailability, deleteUnavailability } from '../unavailability/commands.js';
import { leaveConflictConfirm } from '../unavailability/leave-confirm-view.js';
import { shiftsHeldDuring } from '../unavailability/store.js';
import type { AppDeps } from '../../platform/deps.js';
import { badRequest, forbidden } from '../../platform/http-errors.js';
import { refusalOf } from '../../web/form-refusal.js';
import { page } from '../../web/layout.js';
import { loadMyShifts } from './load.js';
import { myShiftsView, type LeaveForm } from './view.js';

const id = z.string().uuid('identifiant invalide');
const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date attendue (jj/mm/aaaa)');
const leaveForm = z
  .object({
    from: localDate,
    to: localDate,
    reason: z.string().trim().max(200, 'motif trop long (200 caractères au plus)').default(''),
  })
  .refine((f) => f.to >= f.from, {
    message: 'La date de fin doit être le jour de début ou après.',
    path: ['to'],
  });

/** Notices after a redirect, by key: the page never echoes free text from the query string. */
const notices: Record<string, string> = {
  offered: 'Garde proposée à vos collègues du service. Un collègue peut la prendre ici ou par SMS.',
  taken: 'Garde prise : elle attend la validation de la coordination.',
  approved: 'Garde prise : elle figure désormais dans vos gardes.',
  leave: 'Indisponibilité enregistrée.',
  'leave-conflict':
    'Indisponibilité enregistrée, mais vous êtes de garde pendant cette période : proposez ces gardes à un collègue ou prévenez la coordination.',
  deleted: 'Indisponibilité supprimée.',
  ical: 'Nouvelle adresse iCal : l’ancienne ne fonctionne plus. Réabonnez vos agendas.',
};

/** "Mes gardes" (GET /me) and its forms: offer a shift, take a colleague's, add or delete leave. */
export function myShiftsPage(deps: AppDeps): Router {
  const router = Router();
  const db = deps.db.db;
  const form = express.urlencoded({ extended: false });
  const render = async (
    req: Request,
    res: Response,
    status: number,
    extra: { notice?: string; error?: string; invalid?: string[]; leave?: LeaveForm } = {},
  ) => {
    const data = await loadMyShifts(db, req.actor!, deps.now());
    const icalUrl = `${deps.publicUrl}/ical/professional/${data.me.icalToken}.ics`;
    res
      .status(status)
      .type('html')
      .send(
        page(
          'Mes gardes',
          req.actor,
          myShiftsView(data, { csrf: csrfToken(req), icalUrl, ...extra }),
          csrfToken(req),
        ),
      );
  };
  /** Runs a command; a refusal re-renders the page with its reason, anything else goes to the error page. */
  const act =
    (run: (req: Request) => Promise<string>, leaveOf?: (req: Request) => LeaveForm) =>
    async (req: Request, res: Response) => {
      try {
        res.redirect(303, `/me?done=${await run(req)}`);
      } catch (err) {
        const refusal = refusalOf(err);
        if (!refusal) throw err;
        // A refused leave is about its dates, whether or not the refusal names them.
        const invalid = refusal.fields.length || !leaveOf ? refusal.fields : ['from', 'to'];
        await render(req, res, refusal.status, {
          error: refusal.message,
          invalid,
          leave: leaveOf?.(req),
        });
      }
    };

  router.get('/me', async (req, res) => {
    await render(req, res, 200, { notice: notices[String(req.query.done ?? '')] });
  });
  router.post(
    '/me/shifts/:id/offer',
    form,
    requireCsrf,
    act(async (req) => {
      await offerSwap(deps, req.actor!, id.parse(req.params.id));
      return 'offered';
    }),
  );
  router.post(
    '/me/swaps/:id/take',
    form,
    requireCsrf,
    act(async (req) => {
      const actor = req.actor!;
      const { status } = await takeSwap(
        deps,
        { professionalId: actor.professionalId, audit: auditActorOf(actor) },
        id.parse(req.params.id),
      );
      return status;
    }),
  );
  const leaveOf = (req: Request): LeaveForm => {
    const b = req.body as Record<string, unknown>;
    return { from: String(b.from ?? ''), to: String(b.to ?? ''), reason: String(b.reason ?? '') };
  };
  // Whole local days: from 00:00 on the first day to 00:00 after the last (midnight always exists in France).
  const leaveSpan = async (req: Request) => {
    const f = leaveForm.parse(req.body);
    const { zone } = await loadMyShifts(db, req.actor!, deps.now());
    const at = (date: string) => {
      const r = localToInstant(date, '00:00', zone, 'earlier');
      if (!r.ok) throw badRequest(`Date impossible : ${r.message}.`);
      return r.instant;
    };
    return { f, zone, startsAt: at(f.from), endsAt: at(addDays(f.to, 1)) };
  };
  router.post(
    '/me/unavailability',
    form,
    requireCsrf,
    // Over one's own shifts: a warning listing them first; saved once confirmed.
    async (req, res, next) => {
      const actor = req.actor!;
      if ((req.body as Record<string, unknown>).confirm === '1' || !actor.professionalId)
        return next();
      const span = await leaveSpan(req).catch(() => undefined);
      if (!span) return next();
      const held = await shiftsHeldDuring(db, actor.professionalId, span.startsAt, span.endsAt);
      if (held.length === 0) return next();
      const csrf = csrfToken(req);
      const body = leaveConflictConfirm({ ...span.f, csrf, timeZone: span.zone, shifts: held });
      res.type('html').send(page('Confirmer l’indisponibilité', actor, body, csrf));
    },
    act(async (req) => {
      const actor = req.actor!;
      const { f, startsAt, endsAt } = await leaveSpan(req);
      // Saved either way (leave is a fact); shifts held then are flagged for the doctor to hand over.
      const { conflicts } = await createUnavailability(deps, actor, {
        professionalId: actor.professionalId!,
        startsAt,
        endsAt,
        reason: f.reason || null,
      });
      return conflicts.length > 0 ? 'leave-conflict' : 'leave';
    }, leaveOf),
  );
  router.post(
    '/me/ical-token',
    form,
    requireCsrf,
    act(async (req) => {
      const actor = req.actor!;
      if (!actor.professionalId) throw forbidden();
      await rotateProfessionalIcalToken(db, actor, actor.professionalId);
      return 'ical';
    }),
  );
  router.post(
    '/me/unavailability/:id/delete',
    form,
    requireCsrf,
    act(async (req) => {
      await deleteUnavailability(db, req.actor!, id.parse(req.params.id));
      return 'deleted';
    }),
  );
  return router;
}
