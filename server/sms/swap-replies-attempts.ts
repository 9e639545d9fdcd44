import { createHmac, randomInt } from 'node:crypto';
import { and, eq, gte, inArray, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import { swapCodeAttempts, swapRequests } from '../../db/schema/index.js';

/** Wrong codes a sender may answer per window before every code is refused for the rest of it. */
export const maxWrongSwapCodes = 5;
const windowMs = 60 * 60_000;

/** The sender as stored: an HMAC of the mobile with the service's secret, not the number. */
export const senderKeyOf = (secret: string, mobile: string) =>
  createHmac('sha256', secret).update(`swap-code:${mobile}`).digest('base64url');

/** Has this sender used up its wrong answers for the current window? */
export async function swapCodesBlocked(q: Queryable, senderKey: string, now: Date) {
  const [row] = await q
    .select({ failures: swapCodeAttempts.failures })
    .from(swapCodeAttempts)
    .where(
      and(
        eq(swapCodeAttempts.senderKey, senderKey),
        gte(swapCodeAttempts.windowStart, new Date(now.getTime() - windowMs)),
      ),
    );
  return (row?.failures ?? 0) >= maxWrongSwapCodes;
}

/** Counts one wrong code (one statement: two instances counting at once both count). */
export async function recordWrongSwapCode(q: Queryable, senderKey: string, now: Date) {
  // Raw SQL parameters go to postgres.js as text: instants as ISO strings, cast.
  const at = now.toISOString();
  const cutoff = new Date(now.getTime() - windowMs).toISOString();
  const stale = sql`${swapCodeAttempts.windowStart} < ${cutoff}::timestamptz`;
  await q
    .insert(swapCodeAttempts)
    .values({ senderKey, windowStart: now, failures: 1 })
    .onConflictDoUpdate({
      target: swapCodeAttempts.senderKey,
      set: {
        failures: sql`case when ${stale} then 1 else ${swapCodeAttempts.failures} + 1 end`,
        windowStart: sql`case when ${stale} then ${at}::timestamptz else ${swapCodeAttempts.windowStart} end`,
      },
    });
}

/**
 * Six random digits no open offer holds (the unique index would refuse the offer otherwise): a
 * million codes, answered only on the territory texted and a few wrong tries per sender.
 */
export async function freeSwapCode(q: Queryable): Promise<string> {
  for (;;) {
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const [taken] = await q
      .select({ id: swapRequests.id })
      .from(swapRequests)
      .where(and(eq(swapRequests.code, code), inArray(swapRequests.status, ['offered', 'taken'])))
      .limit(1);
    if (!taken) return code;
  }
}
