import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CallHandle } from './call-handle.js';
import type { TwilioEmulator } from './emulator.js';
import type { PhoneBehaviour } from './types.js';

/**
 * A small HTTP API to drive the simulated phones from another process: the terminal phone
 * (`npm run call`) and the demo page use it while the emulator runs inside the service.
 *   GET  /_emulator/events                  server-sent events: say, status, message, call, bridge
 *   POST /_emulator/calls {from,to}         a phone dials a number → {sid}
 *   POST /_emulator/calls/:sid/press {digits}
 *   POST /_emulator/calls/:sid/hangup
 *   POST /_emulator/phones/behave           PhoneBehaviour of every phone, seen or not yet
 *   POST /_emulator/phones/:number/behave   PhoneBehaviour
 *   POST /_emulator/phones/:number/answer   picks up the call ringing there → {sid}
 *   POST /_emulator/sms {from,to,body}      a phone texts a number → {replies}
 */
export function createControlApi(
  emulator: TwilioEmulator,
): (req: IncomingMessage, res: ServerResponse) => boolean {
  const handles = new Map<string, CallHandle>();
  const json = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const readJson = async (req: IncomingMessage): Promise<Record<string, unknown>> => {
    let raw = '';
    for await (const chunk of req) raw += chunk;
    try {
      const value: unknown = raw ? JSON.parse(raw) : {};
      return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
    } catch {
      return {};
    }
  };
  const str = (value: unknown) => (typeof value === 'string' ? value : '');

  return (req, res) => {
    const url = new URL(req.url ?? '/', 'http://emulator');
    if (!url.pathname.startsWith('/_emulator/') || url.pathname === '/_emulator/state')
      return false;
    const parts = url.pathname.split('/').filter(Boolean).slice(1).map(decodeURIComponent);
    if (req.method === 'GET' && parts[0] === 'events') {
      res.writeHead(200, {
        'Content-Type': 'text/event-stream',
        'Cache-Control': 'no-cache',
        Connection: 'keep-alive',
      });
      res.write(': connected\n\n');
      const offs = (['say', 'status', 'message', 'call', 'bridge'] as const).map((event) =>
        emulator.on(event, (payload: unknown) =>
          res.write(`event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`),
        ),
      );
      req.on('close', () => offs.forEach((off) => off()));
      return true;
    }
    void (async () => {
      try {
        const body = await readJson(req);
        if (parts[0] === 'calls' && parts.length === 1) {
          const call = await emulator
            .phone(str(body.from))
            .dial(str(body.to), body.hidden ? { callerId: 'anonymous' } : {});
          handles.set(call.sid, call);
          return json(res, 201, { sid: call.sid });
        }
        if (parts[0] === 'calls' && parts[1]) {
          const call = handles.get(parts[1]);
          if (!call) return json(res, 404, { error: 'unknown call' });
          if (parts[2] === 'press') await call.press(str(body.digits));
          else if (parts[2] === 'hangup') await call.hangup();
          return json(res, 200, { status: call.status });
        }
        if (parts[0] === 'phones' && parts[1] === 'behave' && parts.length === 2) {
          emulator.everyPhoneBehaves(body as PhoneBehaviour);
          return json(res, 200, { ok: true });
        }
        if (parts[0] === 'phones' && parts[1] && parts[2] === 'behave') {
          emulator.phone(parts[1]).behave(body as PhoneBehaviour);
          return json(res, 200, { ok: true });
        }
        if (parts[0] === 'phones' && parts[1] && parts[2] === 'answer') {
          const ring = await emulator.phone(parts[1]).rings({ timeoutMs: 2000 });
          await ring.answer();
          handles.set(ring.sid, ring);
          return json(res, 200, { sid: ring.sid });
        }
        if (parts[0] === 'sms') {
          const { replies } = await emulator
            .phone(str(body.from))
            .sendSms(str(body.to), str(body.body));
          return json(res, 200, { replies: replies.map((r) => r.body) });
        }
        json(res, 404, { error: 'unknown emulator control route' });
      } catch (err) {
        json(res, 400, { error: err instanceof Error ? err.message : String(err) });
      }
    })();
    return true;
  };
}
