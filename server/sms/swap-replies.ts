import { and, eq, gte, lt } from 'drizzle-orm';
import {
  professionals,
  services,
  shifts,
  swapRequests,
  territories,
} from '../../db/schema/index.js';
import { addDays, formatDate, localDateOf } from '../../rota/calendar/local-date.js';
import { wallClockToInstant } from '../../rota/local-time.js';
import { smsReplies } from '../../ivr-flows/prompts/sms-replies.js';
import type { SmsCommand } from '../../ivr-flows/sms-commands.js';
import { offerShift, takeSwap } from '../planning/swaps/commands.js';
import type { AppDeps } from '../platform/deps.js';
import { isCalendarDay } from '../platform/params.js';
import { HttpError } from '../platform/http-errors.js';
import { maskPhone } from '../platform/logger.js';
import { recordWrongSwapCode, senderKeyOf, swapCodesBlocked } from './swap-replies-attempts.js';

type SwapCommand = Extract<SmsCommand, { kind: 'swap_offer' | 'swap_take' }>;

/** "ECHANGE 14/03" offers that day's shift to colleagues; "OUI 4821" takes it, first come. */
export async function handleSwapCommand(
  deps: AppDeps,
  territoryId: string,
  lineNumber: string,
  from: string,
  command: SwapCommand,
): Promise<string> {
  const db = deps.db.db;
  const [territory] = await db.select().from(territories).where(eq(territories.id, territoryId));
  const [me] = await db
    .select()
    .from(professionals)
    .where(and(eq(professionals.territoryId, territoryId), eq(professionals.mobile, from)));
  if (!territory || !me) return smsReplies.unknown;
  const actor = { userId: null, label: `sms:${maskPhone(from)}` };
  const zone = territory.timeZone;
  const when = (d: Date) =>
    new Intl.DateTimeFormat('fr-FR', {
      timeZone: zone,
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      hour: '2-digit',
      minute: '2-digit',
    }).format(d);

  if (command.kind === 'swap_offer') {
    const today = localDateOf(deps.now(), zone);
    let day = formatDate(Number(today.slice(0, 4)), command.month, command.day);
    if (day < today) day = formatDate(Number(today.slice(0, 4)) + 1, command.month, command.day);
    // "ECHANGE 31/02": no such day, so no shift on it (29/02 of a leap year is a day).
    if (!isCalendarDay(day)) return smsReplies.swapNoShift;
    const [shift] = await db
      .select()
      .from(shifts)
      .where(
        and(
          eq(shifts.professionalId, me.id),
          eq(shifts.status, 'active'),
          gte(shifts.startsAt, wallClockToInstant(day, '00:00', zone)),
          lt(shifts.startsAt, wallClockToInstant(addDays(day, 1), '00:00', zone)),
        ),
      )
      .limit(1);
    if (!shift) return smsReplies.swapNoShift;
    const offer = await offerShift(deps, { professionalId: me.id, audit: actor }, shift.id).catch(
      (err: unknown) => {
        // A shift already begun cannot be offered: as if there were none that day.
        if (err instanceof HttpError && err.status < 500) return null;
        throw err;
      },
    );
    return offer ? smsReplies.swapOffered(offer.colleagues) : smsReplies.swapNoShift;
  }

  const sender = senderKeyOf(deps.config.SESSION_SECRET, from);
  if (await swapCodesBlocked(db, sender, deps.now())) return smsReplies.swapTooManyCodes;
  // Only the offers of the territory whose number was texted: a code means nothing elsewhere.
  const [open] = await db
    .select({ id: swapRequests.id })
    .from(swapRequests)
    .innerJoin(shifts, eq(shifts.id, swapRequests.shiftId))
    .innerJoin(services, eq(services.id, shifts.serviceId))
    .where(
      and(
        eq(swapRequests.code, command.code),
        eq(swapRequests.status, 'offered'),
        eq(services.territoryId, territoryId),
      ),
    );
  if (!open) {
    await recordWrongSwapCode(db, sender, deps.now());
    return smsReplies.swapGone;
  }
  const result = await takeSwap(deps, { professionalId: me.id, audit: actor }, open.id).catch(
    (err: unknown) => {
      if (err instanceof HttpError && err.status < 500) return null;
      throw err;
    },
  );
  if (!result) return smsReplies.swapGone;
  // The offerer (and the managers, when it awaits them) hear of it through the swap's notices.
  const [shift] = await db.select().from(shifts).where(eq(shifts.id, result.shiftId));
  const approved = result.status === 'approved';
  return smsReplies.swapTaken(when(shift!.startsAt), approved);
}
