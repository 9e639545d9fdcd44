import { Router } from 'express';
import type { AppDeps } from '../../platform/deps.js';
import { uuidParam } from '../../platform/params.js';
import { bookConsultation, markConsultation } from './commands.js';
import { consultationOffer } from './offer.js';
import { slotView, smsNotes } from './present.js';
import { bookingBody, outcomeBody } from './schema.js';
import { frenchTime } from './when.js';

/**
 * The MMG consultations API: tonight's free slots for a call and the booking (its régulateur or
 * the territory's managers), and the doctor's honoured / no-show mark. The pages call the same
 * commands.
 */
export function consultationsRouter(deps: AppDeps): Router {
  const router = Router();
  const db = deps.db.db;

  router.get('/calls/:callId/consultation-slots', async (req, res) => {
    const callId = uuidParam.parse(req.params.callId);
    const offer = await consultationOffer(db, req.actor!, callId, deps.now());
    const zone = offer.call.timeZone;
    res.json({
      callId,
      day: offer.day,
      timeZone: zone,
      sms: offer.sms,
      booking: offer.booking && {
        id: offer.booking.id,
        serviceId: offer.booking.serviceId,
        slotStartsAt: offer.booking.slotStartsAt.toISOString(),
        localTime: frenchTime(offer.booking.slotStartsAt, zone),
      },
      slots: offer.slots.map((s) => slotView(s, offer.services, zone, offer.call.territoryName)),
    });
  });

  router.post('/calls/:callId/consultations', async (req, res) => {
    const callId = uuidParam.parse(req.params.callId);
    const body = bookingBody.parse(req.body ?? {});
    const { booking, sms, place, zone } = await bookConsultation(deps, req.actor!, {
      callId,
      ...body,
    });
    res.status(201).json({
      id: booking.id,
      serviceId: booking.serviceId,
      slotStartsAt: booking.slotStartsAt.toISOString(),
      localTime: frenchTime(booking.slotStartsAt, zone),
      place,
      sms,
      message: smsNotes[sms],
    });
  });

  router.post('/consultations/:id/outcome', async (req, res) => {
    const id = uuidParam.parse(req.params.id);
    const { outcome } = outcomeBody.parse(req.body ?? {});
    const after = await markConsultation(deps, req.actor!, id, outcome);
    res.json({ id: after.id, status: after.status });
  });
  return router;
}
