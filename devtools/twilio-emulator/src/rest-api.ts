import type { IncomingMessage, ServerResponse } from 'node:http';
import { placeOutboundCall, updateCall, type CreateCallInput } from './call-lifecycle.js';
import { sendSms } from './messaging.js';
import { queueResource, queueRoute } from './queue-rest.js';
import { callJson, listJson } from './rest-json.js';
import type { EmulatorState } from './state.js';
import { moreInfo, restErrors, TwilioRestError } from './twilio-errors.js';

type Form = Record<string, string | string[]>;

/** Injected REST failures: the next `times` POSTs to that resource answer `status`. */
export interface Fault {
  path: 'Messages' | 'Calls';
  status: 500 | 429 | number;
  code?: number;
  message?: string;
  times?: number;
}

const route = /^\/2010-04-01\/Accounts\/([^/]+)\/(Calls|Messages)(?:\/([^/]+))?\.json$/;

async function readForm(req: IncomingMessage): Promise<Form> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const form: Form = {};
  for (const [key, value] of new URLSearchParams(Buffer.concat(chunks).toString('utf8'))) {
    const previous = form[key];
    form[key] = previous === undefined ? value : [previous, value].flat();
  }
  return form;
}

/** Single values; a repeated key keeps its last value, except StatusCallbackEvent. */
function flat(form: Form): Record<string, string> {
  return Object.fromEntries(
    Object.entries(form).map(([k, v]) => [k, Array.isArray(v) ? v[v.length - 1]! : v]),
  );
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}

function authorised(state: EmulatorState, req: IncomingMessage, pathAccount: string): boolean {
  const header = req.headers.authorization ?? '';
  if (!header.startsWith('Basic ')) return false;
  const [user, ...rest] = Buffer.from(header.slice(6), 'base64').toString('utf8').split(':');
  return (
    user === state.config.accountSid &&
    rest.join(':') === state.config.authToken &&
    pathAccount === state.config.accountSid
  );
}

/**
 * The 2010-04-01 REST API subset apps use: Calls.json and Messages.json (create, fetch,
 * list), call update, and Queues (list, members: read only), with Basic auth and Twilio's error
 * bodies.
 */
export class RestApi {
  private faults: Fault[] = [];

  constructor(private readonly state: EmulatorState) {}

  failNext(fault: Fault): void {
    this.faults.push({ times: 1, ...fault });
  }

  handle = (req: IncomingMessage, res: ServerResponse): void => {
    this.dispatch(req, res).catch((err: unknown) => {
      if (err instanceof TwilioRestError) send(res, err.status, err.toJSON());
      else
        send(res, 500, {
          code: 20500,
          message: err instanceof Error ? err.message : String(err),
          more_info: moreInfo(20500),
          status: 500,
        });
    });
  };

  private async dispatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://emulator');
    const queueMatch = queueRoute.exec(url.pathname);
    if (queueMatch) {
      const [, account, queueSid, memberSid] = queueMatch;
      if (!authorised(this.state, req, account!)) throw TwilioRestError.of('authenticate');
      const membersListed = url.pathname.includes('/Members');
      const body = queueResource(
        this.state,
        req.method ?? 'GET',
        url.pathname,
        queueSid,
        memberSid,
        membersListed,
      );
      return send(res, 200, body);
    }
    const match = route.exec(url.pathname);
    if (!match)
      throw new TwilioRestError(20404, 404, `The requested resource ${url.pathname} was not found`);
    const [, account, resource, sid] = match as unknown as [
      string,
      string,
      'Calls' | 'Messages',
      string | undefined,
    ];
    if (!authorised(this.state, req, account)) throw TwilioRestError.of('authenticate');
    if (req.method === 'POST') this.injectedFault(resource);
    const accountSid = this.state.config.accountSid;
    const form = req.method === 'POST' ? await readForm(req) : {};
    const params = flat(form);
    if (resource === 'Calls') {
      if (!sid && req.method === 'POST') {
        const leg = placeOutboundCall(this.state, {
          ...params,
          StatusCallbackEvent: form.StatusCallbackEvent,
        } as CreateCallInput);
        return send(res, 201, callJson(leg, accountSid));
      }
      if (!sid) {
        const calls = [...this.state.calls.values()].filter((c) => matches(url, c.to, c.from));
        return send(
          res,
          200,
          listJson(
            'calls',
            url.pathname,
            calls.reverse().map((c) => callJson(c, accountSid)),
          ),
        );
      }
      const leg = this.state.calls.get(sid);
      if (!leg)
        throw new TwilioRestError(
          20404,
          404,
          `The requested resource ${url.pathname} was not found`,
        );
      if (req.method === 'POST') updateCall(leg, params);
      return send(res, 200, callJson(leg, accountSid));
    }
    if (!sid && req.method === 'POST') {
      const msg = sendSms(this.state, {
        to: params.To,
        from: params.From,
        body: params.Body,
        statusCallback: params.StatusCallback,
        messagingServiceSid: params.MessagingServiceSid,
      });
      return send(res, 201, msg.toJSON(accountSid));
    }
    if (!sid) {
      const messages = this.state.messages.filter((m) => matches(url, m.to, m.from));
      return send(
        res,
        200,
        listJson(
          'messages',
          url.pathname,
          [...messages].reverse().map((m) => m.toJSON(accountSid)),
        ),
      );
    }
    const msg = this.state.messages.find((m) => m.sid === sid);
    if (!msg)
      throw new TwilioRestError(20404, 404, `The requested resource ${url.pathname} was not found`);
    return send(res, 200, msg.toJSON(accountSid));
  }

  private injectedFault(resource: 'Calls' | 'Messages'): void {
    const fault = this.faults.find((f) => f.path === resource);
    if (!fault) return;
    fault.times = (fault.times ?? 1) - 1;
    if (fault.times <= 0) this.faults = this.faults.filter((f) => f !== fault);
    const known = fault.status === 429 ? restErrors.tooManyRequests : restErrors.internal;
    throw new TwilioRestError(
      fault.code ?? known.code,
      fault.status,
      fault.message ?? known.message,
    );
  }
}

function matches(url: URL, to: string, from: string): boolean {
  const wantTo = url.searchParams.get('To');
  const wantFrom = url.searchParams.get('From');
  return (!wantTo || wantTo === to) && (!wantFrom || wantFrom === from);
}
