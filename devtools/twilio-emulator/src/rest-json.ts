import type { CallLeg } from './call-leg.js';
import { rfc2822 } from './identifiers.js';

/** The REST representation of a call, as `client.calls(sid).fetch()` expects it. */
export function callJson(leg: CallLeg, accountSid: string): Record<string, unknown> {
  const uri = `/2010-04-01/Accounts/${accountSid}/Calls/${leg.sid}.json`;
  const snapshot = leg.snapshot();
  return {
    sid: leg.sid,
    account_sid: accountSid,
    api_version: '2010-04-01',
    parent_call_sid: snapshot.parentCallSid,
    date_created: rfc2822(leg.createdAt),
    date_updated: rfc2822(leg.endedAt ?? leg.answeredAt ?? leg.createdAt),
    to: leg.to,
    to_formatted: leg.to,
    from: leg.from,
    from_formatted: leg.from,
    phone_number_sid: null,
    status: leg.status,
    start_time: leg.answeredAt ? rfc2822(leg.answeredAt) : null,
    end_time: leg.endedAt ? rfc2822(leg.endedAt) : null,
    duration: snapshot.durationSeconds === null ? null : String(snapshot.durationSeconds),
    price: null,
    price_unit: 'EUR',
    direction: leg.direction,
    answered_by: null,
    forwarded_from: null,
    group_sid: null,
    caller_name: null,
    queue_time: '0',
    trunk_sid: null,
    uri,
    subresource_uris: {
      notifications: uri.replace('.json', '/Notifications.json'),
      recordings: uri.replace('.json', '/Recordings.json'),
      events: uri.replace('.json', '/Events.json'),
    },
  };
}

/** A one-page list response, in Twilio's paging envelope. */
export function listJson(
  key: 'calls' | 'messages',
  path: string,
  items: Record<string, unknown>[],
): Record<string, unknown> {
  return {
    [key]: items,
    page: 0,
    page_size: Math.max(50, items.length),
    start: 0,
    end: Math.max(0, items.length - 1),
    uri: path,
    first_page_uri: `${path}?PageSize=50&Page=0`,
    next_page_uri: null,
    previous_page_uri: null,
  };
}
