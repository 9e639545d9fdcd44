import { Router } from 'express';
import { and, desc, eq } from 'drizzle-orm';
import { requestCallback } from '../callbacks/store.js';
import { smsMessages, smsOptOuts, territoryNumbers, territories } from '../../db/schema/index.js';
import { smsReplies } from '../../ivr-flows/prompts/sms-replies.js';
import { parseSmsCommand } from '../../ivr-flows/sms-commands.js';
import type { AppDeps } from '../platform/deps.js';
import { handOverOrKeep } from '../callbacks/outbox.js';
import { renderSmsReply } from '../twilio/messaging-twiml.js';
import { smsParams } from '../twilio/webhook-params.js';
import { handleSwapCommand } from './swap-replies.js';

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
      const [line] = await db
        .select({ territoryId: territoryNumbers.territoryId, deadline: territories.settings })
        .from(territoryNumbers)
        .innerJoin(territories, eq(territories.id, territoryNumbers.territoryId))
        .where(eq(territoryNumbers.number, sms.To));
      const command = parseSmsCommand(sms.Body);
      const followUp = await db
        .select()
        .from(smsMessages)
        .where(and(eq(smsMessages.toNumber, sms.From), eq(smsMessages.kind, 'follow_up')))
        .orderBy(desc(smsMessages.createdAt))
        .limit(1);
      await db
        .insert(smsMessages)
        .values({
          territoryId: line?.territoryId ?? null,
          direction: 'inbound',
          kind: command.kind,
          toNumber: sms.To,
          fromNumber: sms.From,
          body: sms.Body,
          twilioSid: sms.MessageSid || null,
          status: 'received',
          callSid: followUp[0]?.callSid ?? null,
        })
        .onConflictDoNothing();
      switch (command.kind) {
        case 'stop':
          await db.insert(smsOptOuts).values({ number: sms.From }).onConflictDoNothing();
          reply = smsReplies.stopped;
          break;
        case 'start':
          await db.delete(smsOptOuts).where(eq(smsOptOuts.number, sms.From));
          reply = smsReplies.started;
          break;
        case 'follow_up_reply':
          if (!followUp[0] || !line) break;
          if (command.better) {
            reply = smsReplies.better;
          } else {
            const { callback, created } = await requestCallback(db, {
              territoryId: line.territoryId,
              serviceId: null,
              callSid: followUp[0].callSid,
              patientNumber: sms.From,
              lang: 'fr',
              reason: 'follow_up_not_better',
              dueBy: new Date(
                deps.now().getTime() + line.deadline.callbackDeadlineMinutes * 60_000,
              ),
            });
            if (created) await handOverOrKeep(deps, callback);
            reply = smsReplies.notBetter;
          }
          break;
        case 'swap_offer':
        case 'swap_take':
          reply = line
            ? await handleSwapCommand(deps, line.territoryId, sms.To, sms.From, command)
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
