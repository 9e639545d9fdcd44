import { localHourMinute } from '../../rota/calendar/local-date.js';
import { nextMorning } from './follow-up-job.js';

/** No text wakes anyone from 21:00 to 08:00 local time (the follow-up message's rule). */
const quietFrom = 21 * 60;
const quietUntil = 8 * 60;

/**
 * When a non-urgent text may go: `now`, or the next morning at 09:00 when `now` falls in the
 * quiet hours. A message in the quiet hours is delayed, never dropped.
 */
export function outsideQuietHours(now: Date, timeZone: string): Date {
  const minutes = localHourMinute(now, timeZone);
  return minutes >= quietFrom || minutes < quietUntil ? nextMorning(now, timeZone) : now;
}
