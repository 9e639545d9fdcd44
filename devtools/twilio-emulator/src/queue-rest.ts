import { rfc2822 } from './identifiers.js';
import type { CallQueue, QueueMember } from './queue-types.js';
import type { EmulatorState } from './state.js';
import { TwilioRestError } from './twilio-errors.js';

/** /Queues.json, /Queues/{QU}.json, /Queues/{QU}/Members.json, /Queues/{QU}/Members/{CA|Front}.json */
export const queueRoute =
  /^\/2010-04-01\/Accounts\/([^/]+)\/Queues(?:\/(QU[^/.]+)(?:\/Members(?:\/([^/.]+))?)?)?\.json$/;

const notFound = (path: string) =>
  new TwilioRestError(20404, 404, `The requested resource ${path} was not found`);

function queueJson(state: EmulatorState, queue: CallQueue, accountSid: string) {
  const waits = queue.members.map((m) => state.clock.emulatedSecondsSince(m.enqueuedAt));
  return {
    sid: queue.sid,
    account_sid: accountSid,
    friendly_name: queue.name,
    current_size: queue.members.length,
    average_wait_time: waits.length ? Math.round(waits.reduce((a, b) => a + b) / waits.length) : 0,
    max_size: 100,
    date_created: rfc2822(new Date()),
    date_updated: rfc2822(new Date()),
    uri: `/2010-04-01/Accounts/${accountSid}/Queues/${queue.sid}.json`,
  };
}

function memberJson(
  state: EmulatorState,
  queue: CallQueue,
  member: QueueMember,
  accountSid: string,
) {
  return {
    call_sid: member.leg.sid,
    queue_sid: queue.sid,
    position: queue.members.indexOf(member) + 1,
    wait_time: state.clock.emulatedSecondsSince(member.enqueuedAt),
    date_enqueued: rfc2822(new Date(member.enqueuedAt)),
    uri: `/2010-04-01/Accounts/${accountSid}/Queues/${queue.sid}/Members/${member.leg.sid}.json`,
  };
}

const page = (key: string, path: string, items: unknown[]) => ({
  [key]: items,
  page: 0,
  page_size: Math.max(50, items.length),
  start: 0,
  end: Math.max(0, items.length - 1),
  uri: path,
  first_page_uri: `${path}?PageSize=50&Page=0`,
  next_page_uri: null,
  previous_page_uri: null,
});

/**
 * Read-only Queues API: which queues exist (an <Enqueue> by name creates one, as on Twilio), and
 * who waits in each, with position and wait time. Members waiting are those still holding (not
 * yet taken by a <Dial><Queue>). Dequeuing by REST (POST Members/…) is not emulated.
 */
export function queueResource(
  state: EmulatorState,
  method: string,
  path: string,
  queueSid: string | undefined,
  memberSid: string | undefined,
  membersListed: boolean,
): unknown {
  const accountSid = state.config.accountSid;
  if (method !== 'GET') throw notFound(path);
  if (!queueSid)
    return page(
      'queues',
      path,
      [...state.queues.values()].map((q) => queueJson(state, q, accountSid)),
    );
  const queue = [...state.queues.values()].find((q) => q.sid === queueSid);
  if (!queue) throw notFound(path);
  const waiting = queue.members.filter((m) => !m.taken.signal.aborted && m.leg.active);
  if (!membersListed) return queueJson(state, queue, accountSid);
  if (!memberSid)
    return page(
      'queue_members',
      path,
      waiting.map((m) => memberJson(state, queue, m, accountSid)),
    );
  const member = memberSid === 'Front' ? waiting[0] : waiting.find((m) => m.leg.sid === memberSid);
  if (!member) throw notFound(path);
  return memberJson(state, queue, member, accountSid);
}
