import express, { Router, type Request, type Response } from 'express';
import { csrfToken, requireCsrf } from '../../access/middleware.js';
import type { AppDeps } from '../../platform/deps.js';
import { uuidParam } from '../../platform/params.js';
import { refusalOf, type Refusal } from '../../web/form-refusal.js';
import { html } from '../../web/html.js';
import { page } from '../../web/layout.js';
import { bookConsultation } from './commands.js';
import { consultationOffer } from './offer.js';
import { slotView, smsNotes, type SlotView } from './present.js';
import { slotChoice } from './schema.js';
import { dayInWords, frenchTime } from './when.js';

const form = express.urlencoded({ extended: false });

/** The free slots of one MMG as buttons: one tap books (a phone in one hand, the patient on the line). */
const slotButtons = (slots: SlotView[], csrf: string, action: string) => {
  // The October night has each 02:xx twice: those buttons say which one (UTC+2, then UTC+1).
  const twice = new Set(slots.map((s) => s.localTime).filter((t, i, all) => all.indexOf(t) !== i));
  return html`<form method="post" action="${action}" class="consultation-slots"><input type="hidden" name="_csrf" value="${csrf}">
<ul class="consultation-slot-list">${slots.map(
    (s) =>
      html`<li><button type="submit" name="slot" value="${s.serviceId}@${s.startsAt}" aria-label="Réserver ${s.localTime} (${s.offset}), ${s.free} place(s)">${s.localTime}${twice.has(s.localTime) ? ` (${s.offset})` : ''}<span class="slot-places"> · ${s.free} place(s)</span></button></li>`,
  )}</ul></form>`;
};

/**
 * GET /calls/:callId/consultation: tonight's free consultation slots at the MMG for the caller of
 * a call, in local time, and a tap books one (bookConsultation, the command of POST
 * /api/calls/:callId/consultations). For the call's régulateur and the territory's managers.
 */
export function consultationBookingPage(deps: AppDeps): Router {
  const router = Router();
  const db = deps.db.db;

  async function render(req: Request, res: Response, callId: string, refusal?: Refusal) {
    const offer = await consultationOffer(db, req.actor!, callId, deps.now());
    const zone = offer.call.timeZone;
    const csrf = csrfToken(req);
    const action = `/calls/${callId}/consultation`;
    const views = offer.slots.map((s) =>
      slotView(s, offer.services, zone, offer.call.territoryName),
    );
    const booked = offer.booking;
    const bookedPlace = booked
      ? (offer.services.find((s) => s.id === booked.serviceId)?.place ?? offer.call.territoryName)
      : '';
    const done = req.query.fait === '1' && booked && !refusal;
    // The queue was down at the booking: the SMS is written, not sent yet.
    const kept = done && req.query.sms === 'kept';
    const body = html`${refusal ? html`<p class="error" role="alert" data-testid="form-error">${refusal.message}</p>` : ''}
${done ? html`<p role="status" class="notice" data-testid="notice">Rendez-vous réservé : ${frenchTime(booked.slotStartsAt, zone)}, ${bookedPlace}.</p>` : ''}
<p data-testid="sms-note" class="${offer.sms === 'possible' && !kept ? 'muted' : 'warning'}">${smsNotes[kept ? 'kept' : offer.sms]}</p>
${
  booked
    ? html`<section class="card" data-testid="booked"><h2>Rendez-vous de ce patient</h2><p><strong>${frenchTime(booked.slotStartsAt, zone)}</strong> (${dayInWords(booked.slotStartsAt, zone)}), ${bookedPlace}.</p><p class="muted">Le patient peut l'annuler en répondant ANNULER au SMS.</p></section>`
    : offer.services.length === 0
      ? html`<p data-testid="no-mmg">Aucune maison médicale de garde (service en consultation) sur ce territoire.</p>`
      : offer.services.map((service) => {
          const mine = views.filter((v) => v.serviceId === service.id);
          return html`<section class="card" data-service="${service.id}"><h2>${service.name}</h2><p class="muted">${service.place ?? offer.call.territoryName}</p>
${mine.length ? slotButtons(mine, csrf, action) : html`<p data-testid="no-slot">Aucun créneau libre ce soir.</p>`}</section>`;
        })
}
<p><a href="/">Retour à l'accueil</a></p>`;
    res
      .status(refusal?.status ?? 200)
      .type('html')
      .send(page('Consultation à la maison médicale de garde', req.actor, body, csrf));
  }

  router.get('/calls/:callId/consultation', async (req, res) => {
    await render(req, res, uuidParam.parse(req.params.callId));
  });

  router.post('/calls/:callId/consultation', form, requireCsrf, async (req, res) => {
    const callId = uuidParam.parse(req.params.callId);
    try {
      const slot = slotChoice.parse((req.body ?? {}).slot);
      const { sms } = await bookConsultation(deps, req.actor!, { callId, ...slot });
      res.redirect(303, `/calls/${callId}/consultation?fait=1${sms === 'kept' ? '&sms=kept' : ''}`);
    } catch (err) {
      const refusal = refusalOf(err);
      if (!refusal) throw err;
      await render(req, res, callId, refusal);
    }
  });
  return router;
}
