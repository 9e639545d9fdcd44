import { Router } from 'express';
import { requestCallback } from '../callbacks/store.js';
import { smsReplies } from '../../ivr-flows/prompts/sms-replies.js';
import { parseSmsCommand } from '../../ivr-flows/sms-commands.js';
import type { AppDeps } from '../platform/deps.js';
import { handOverOrKeep } from '../callbacks/outbox.js';
import { renderSmsReply } from '../twilio/messaging-twiml.js';
import { smsParams } from '../twilio/webhook-params.js';
import { findTerritoryByNumber, platformNumberOf } from '../territories/store.js';
import { lastFollowUpTo, optIn, optOut, recordInboundSms } from './store.js';
import { handleSwapCommand } from './swap-replies.js';
import { cancelConsultationBySms } from '../regulation/consultations/commands.js';
import { numberToDial } from '../callbacks/centre15-callback.js';

/**
 * POST /twilio/sms: STOP/START, answers to the follow-up message, swaps by SMS. Anything else
 * gets a reply saying this line does not read messages and how to reach help.
 */
export function smsRouter(deps: AppDeps): Router {
  const router = Router();
  const db = deps.db.db;
  router.post('/sms', async (req, res) => {
    const sms = smsParams.parse(req.body ?? {});
    let reply: string | null = smsReplies.unknown;
    try {
      const line = (await findTerritoryByNumber(db, sms.To))?.territory;
      const command = parseSmsCommand(sms.Body);
      const followUp = await lastFollowUpTo(db, sms.From);
      const isNew = await recordInboundSms(db, {
        territoryId: line?.id ?? null,
        kind: command.kind,
        toNumber: sms.To,
        fromNumber: sms.From,
        body: sms.Body,
        twilioSid: sms.MessageSid || null,
        callSid: followUp?.callSid ?? null,
      });
      // A retried webhook (Twilio, or a second instance) of a message already handled: its
      // command ran once (ANNULER would cancel the next booking, a swap offer would go out twice).
      if (!isNew) reply = null;
      else
        switch (command.kind) {
          case 'stop':
            await optOut(db, sms.From);
            reply = smsReplies.stopped;
            break;
          case 'start':
            await optIn(db, sms.From);
            reply = smsReplies.started;
            break;
          case 'follow_up_reply':
            if (!followUp || !line) break;
            if (command.better) {
              reply = smsReplies.better;
            } else if (line.regulationMode === 'centre15') {
              // The 15 regulates this territory: the line rings no doctor, not even to call back.
              reply = smsReplies.notBetterDial(numberToDial(line.regionalRegulationNumber));
            } else {
              const { callback, created } = await requestCallback(db, {
                territoryId: line.id,
                serviceId: null,
                callSid: followUp.callSid,
                patientNumber: sms.From,
                lang: 'fr',
                reason: 'follow_up_not_better',
                dueBy: new Date(
                  deps.now().getTime() + line.settings.callbackDeadlineMinutes * 60_000,
                ),
              });
              if (created) await handOverOrKeep(deps, callback);
              reply = smsReplies.notBetter;
            }
            break;
          case 'cancel_consultation':
            // The patient's next consultation at the MMG, booked by a régulateur (its SMS says ANNULER).
            reply = await cancelConsultationBySms(deps, {
              from: sms.From,
              territoryId: line?.id ?? null,
            });
            break;
          case 'swap_offer':
          case 'swap_take':
            // Colleagues get the offer from the territory's platform number, like every other text.
            reply = line
              ? await handleSwapCommand(
                  deps,
                  line.id,
                  (await platformNumberOf(db, line.id)) ?? sms.To,
                  sms.From,
                  command,
                )
              : smsReplies.unknown;
            break;
        }
    } catch (err) {
      req.log.error({ err }, 'inbound SMS not handled');
    }
    res.type('text/xml').send(renderSmsReply(reply));
  });
  return router;
}
