import { countryOf, isE164, isFrenchFixedLine } from './identifiers.js';
import { MessageRecord, type MessageInit } from './message-record.js';
import type { EmulatorState } from './state.js';
import { parseTwimlResponse } from './twiml.js';
import { deliveryErrors, TwilioRestError } from './twilio-errors.js';

/** Twilio's default opt-out keywords (whole message, any case). */
const stopWords = new Set(['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT', 'ARRET']);
const startWords = new Set(['START', 'YES', 'UNSTOP']);
const stopReply =
  'You have successfully been unsubscribed. You will not receive any more messages from this number. Reply START to resubscribe.';
const startReply =
  'You have successfully been re-subscribed to messages from this number. Reply HELP for help. Reply STOP to unsubscribe.';
/** Emulated network delay between two SMS statuses. */
const hopMs = 200;

export interface SendSmsInput {
  to?: string;
  from?: string;
  body?: string;
  statusCallback?: string;
  messagingServiceSid?: string;
}

/** Why Twilio would refuse to send to `to` from `from`, or null. */
export function refusal(state: EmulatorState, from: string, to: string): TwilioRestError | null {
  if (!isE164(to)) return TwilioRestError.of('invalidTo', to);
  if (state.phoneState(to).unsubscribedFrom.has(from)) return TwilioRestError.of('unsubscribed');
  if (isFrenchFixedLine(to) || state.phoneState(to).behaviour.smsCapable === false)
    return TwilioRestError.of('notMobile');
  return null;
}

/** REST Messages.json: validates like Twilio (throws TwilioRestError), then delivers asynchronously. */
export function sendSms(state: EmulatorState, input: SendSmsInput): MessageRecord {
  if (!input.to) throw TwilioRestError.of('missingTo');
  if (!input.body) throw TwilioRestError.of('missingBody');
  const from = input.from ?? (input.messagingServiceSid ? [...state.numbers.keys()][0] : undefined);
  if (!from) throw TwilioRestError.of('missingFrom');
  const refused = refusal(state, from, input.to);
  if (refused) throw refused;
  return deliver(state, {
    direction: 'outbound-api',
    from,
    to: input.to,
    body: input.body,
    status: 'queued',
    statusCallback: input.statusCallback,
    messagingServiceSid: input.messagingServiceSid,
  });
}

function setStatus(
  state: EmulatorState,
  msg: MessageRecord,
  status: MessageRecord['status'],
  errorCode?: number,
): void {
  msg.status = status;
  msg.updatedAt = new Date();
  if (status === 'sent') msg.sentAt = msg.updatedAt;
  if (errorCode) msg.errorCode = errorCode;
  state.emit('message', msg.snapshot());
  if (!msg.init.statusCallback || state.closeSignal.aborted) return;
  const params: Record<string, string> = {
    AccountSid: state.config.accountSid,
    ApiVersion: '2010-04-01',
    MessageSid: msg.sid,
    SmsSid: msg.sid,
    MessageStatus: status,
    SmsStatus: status,
    From: msg.from,
    To: msg.to,
  };
  if (msg.init.messagingServiceSid) params.MessagingServiceSid = msg.init.messagingServiceSid;
  if (errorCode) params.ErrorCode = String(errorCode);
  void state.webhook({ url: msg.init.statusCallback, params }).then((r) => {
    if (!r.ok)
      state.recordError({
        code: r.code,
        message: `SMS status callback: ${r.message}`,
        url: r.url,
        messageSid: msg.sid,
      });
  });
}

/** Records an outgoing SMS and walks it through queued → sent → delivered (or the phone's failure). */
export function deliver(state: EmulatorState, init: MessageInit): MessageRecord {
  const msg = new MessageRecord(init);
  state.messages.push(msg);
  setStatus(state, msg, init.status);
  if (init.status === 'failed') return msg;
  const outcome = state.phoneState(init.to).behaviour.smsDelivery ?? 'delivered';
  void (async () => {
    await state.clock.sleep(hopMs, state.closeSignal);
    setStatus(state, msg, 'sent');
    await state.clock.sleep(hopMs, state.closeSignal);
    setStatus(state, msg, outcome, outcome === 'delivered' ? undefined : deliveryErrors[outcome]);
  })().catch(() => {});
  return msg;
}

/**
 * A phone texts a Twilio number: STOP/START keywords (un)subscribe the phone from that
 * number (Twilio answers them itself and still tells the app, with OptOutType), the app's
 * SMS URL is requested, signed, and the <Message>s it answers are sent back.
 */
export async function receiveSms(
  state: EmulatorState,
  from: string,
  to: string,
  body: string,
): Promise<{ sid: string; replies: MessageRecord[] }> {
  const config = state.numbers.get(to);
  if (!config)
    throw new Error(
      `${to} is not a Twilio number of the emulator: call incomingNumber(${to}, …) first`,
    );
  const inbound = new MessageRecord({ direction: 'inbound', from, to, body, status: 'received' });
  state.messages.push(inbound);
  state.emit('message', inbound.snapshot());
  const keyword = body.trim().toUpperCase();
  const phone = state.phoneState(from);
  const replies: MessageRecord[] = [];
  const params: Record<string, string> = {
    AccountSid: state.config.accountSid,
    ApiVersion: '2010-04-01',
    MessageSid: inbound.sid,
    SmsSid: inbound.sid,
    SmsMessageSid: inbound.sid,
    From: from,
    To: to,
    Body: body,
    NumMedia: '0',
    NumSegments: '1',
    SmsStatus: 'received',
    FromCountry: countryOf(from),
    ToCountry: countryOf(to),
  };
  if (stopWords.has(keyword) || startWords.has(keyword)) {
    const stop = stopWords.has(keyword);
    if (stop) phone.unsubscribedFrom.add(to);
    else phone.unsubscribedFrom.delete(to);
    params.OptOutType = stop ? 'STOP' : 'START';
    replies.push(
      deliver(state, {
        direction: 'outbound-reply',
        from: to,
        to: from,
        body: stop ? stopReply : startReply,
        status: 'queued',
      }),
    );
  }
  if (!config.smsUrl) return { sid: inbound.sid, replies };
  let twiml = await fetchMessagingTwiml(state, inbound.sid, {
    url: config.smsUrl,
    method: config.smsMethod,
    params,
  });
  if (!twiml && config.smsFallbackUrl)
    twiml = await fetchMessagingTwiml(state, inbound.sid, { url: config.smsFallbackUrl, params });
  for (const verb of twiml ?? []) {
    if (verb.name !== 'Message') continue;
    const target = verb.attrs.to ?? from;
    const sender = verb.attrs.from ?? to;
    const text = verb.children.find((c) => c.name === 'Body')?.text ?? verb.text;
    const refused = refusal(state, sender, target);
    const init: MessageInit = {
      direction: 'outbound-reply',
      from: sender,
      to: target,
      body: text,
      status: refused ? 'failed' : 'queued',
      statusCallback: verb.attrs.action ?? verb.attrs.statusCallback,
    };
    const reply = deliver(state, init);
    if (refused) {
      reply.errorCode = refused.code;
      reply.errorMessage = refused.message;
    }
    replies.push(reply);
  }
  return { sid: inbound.sid, replies };
}

async function fetchMessagingTwiml(
  state: EmulatorState,
  messageSid: string,
  request: { url: string; method?: 'GET' | 'POST'; params: Record<string, string> },
) {
  const result = await state.webhook(request);
  const parsed = result.ok
    ? parseTwimlResponse(result.body, result.contentType, 'messaging')
    : result;
  if (parsed.ok) return parsed.verbs;
  state.recordError({ code: parsed.code, message: parsed.message, url: request.url, messageSid });
  return null;
}
