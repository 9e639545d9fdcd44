import type { Twilio } from 'twilio';

/** What came of redirecting a live call. */
export type RedirectOutcome = 'redirected' | 'not_in_progress';

/** Twilio's "Call is not in-progress. Cannot redirect." and "no such call". */
const notLive = new Set([21220, 20404]);

const codeOf = (err: unknown): number | null =>
  typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'number'
    ? err.code
    : null;

/**
 * Takes a live call out of whatever it is doing (a <Dial> bridge included) and runs `twiml`
 * instead: the one way to move a patient from outside their call (twilio.md, "Live calls").
 * A call that has ended meanwhile is 'not_in_progress'; any other failure is thrown.
 */
export async function redirectLiveCall(
  client: Twilio,
  callSid: string,
  twiml: string,
): Promise<RedirectOutcome> {
  try {
    await client.calls(callSid).update({ twiml });
    return 'redirected';
  } catch (err) {
    const code = codeOf(err);
    if (code !== null && notLive.has(code)) return 'not_in_progress';
    throw err;
  }
}
