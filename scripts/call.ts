/**
 * `npm run call`: a phone in the terminal. With `npm start` running on its embedded default,
 * it calls the demo line through the Twilio emulator and prints, line by line, what the caller
 * hears and what happens on the doctor's phone. Keys 0-9 * # are pressed on the call;
 * `a` answers a ringing doctor's phone (then keys go to it), `h` hangs up, `q` quits.
 *
 *   npm run call                         interactive (the doctor answers from this terminal)
 *   npm run call -- --doctor auto        the doctor answers and presses 1 by itself
 *   npm run call -- --doctor never|voicemail
 *   npm run call -- --hidden             hidden caller ID
 *   npm run call -- --sms "STOP"         texts the line instead of calling
 *   npm run call -- --from <GP> --to <professionals' line>   a GP calls the professionals' line
 *                                        (--doctor then says how the specialist's phone behaves)
 */
import { parseArgs } from 'node:util';
import { findRunningService } from './running-service.js';

const { values } = parseArgs({
  options: {
    to: { type: 'string', default: '+33261910015' },
    from: { type: 'string', default: '+33639980099' },
    doctor: { type: 'string', default: 'manual' },
    hidden: { type: 'boolean', default: false },
    sms: { type: 'string' },
    emulator: { type: 'string' },
  },
});
// The emulator of the `npm start` running from this folder, whatever its port; else the env's.
const base = (
  values.emulator ??
  process.env.EMULATOR_URL ??
  findRunningService(process.env.DATA_DIR ?? '.data')?.emulatorUrl ??
  `http://127.0.0.1:${process.env.EMULATOR_PORT ?? 3001}`
).replace(/\/$/, '');
const post = async (path: string, body: unknown = {}) => {
  const res = await fetch(`${base}/_emulator${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as Record<string, unknown>;
  if (!res.ok) throw new Error(String(json.error ?? res.status));
  return json;
};

try {
  await fetch(`${base}/_emulator/state`);
} catch {
  console.error(`gardeline: no Twilio emulator at ${base}. Start the service first: npm start`);
  process.exit(2);
}

if (values.sms !== undefined) {
  const { replies } = (await post('/sms', {
    from: values.from,
    to: values.to,
    body: values.sms,
  })) as { replies: string[] };
  console.log(`✉️  you → ${values.to}: ${values.sms}`);
  for (const reply of replies) console.log(`✉️  ${values.to} → you: ${reply}`);
  process.exit(0);
}

const doctorBehaviour: Record<string, object> = {
  auto: { answer: 'auto', answerAfterMs: 3000, autoPress: '1' },
  never: { answer: 'never' },
  voicemail: { answer: 'voicemail', answerAfterMs: 4000 },
  manual: { answer: 'manual' },
};
const behaviour = doctorBehaviour[values.doctor!] ?? doctorBehaviour.manual!;

const caller = values.hidden ? 'anonymous' : values.from!;
let patientSid = '';
let focusSid = '';
let ringing: string | null = null;

// Before dialling: the first doctor's phone rings within a second, and the emulator reads a
// phone's behaviour when it starts ringing. The caller's own phone stays in the caller's hands.
await post('/phones/behave', behaviour);
await post(`/phones/${encodeURIComponent(values.from!)}/behave`, {});

const events = await fetch(`${base}/_emulator/events`);
const reader = events.body!.getReader();
const { sid } = (await post('/calls', {
  from: values.from,
  to: values.to,
  hidden: values.hidden,
})) as { sid: string };
patientSid = focusSid = sid;
console.log(
  `📞 ${caller} calls ${values.to}  (keys: 0-9 * #, a = answer the doctor's phone, h = hang up, q = quit)\n`,
);

async function onEvent(event: string, data: Record<string, string>): Promise<void> {
  // Another call of the same phone (an earlier run's, still going) is not this one.
  if (data.phone === values.from && data.callSid !== patientSid) return;
  if (event === 'say') {
    const who = data.callSid === patientSid ? '👂 patient hears' : `🩺 ${data.phone} hears`;
    console.log(`${who}: ${data.text}`);
  } else if (event === 'status') {
    if (
      data.callSid === patientSid &&
      ['completed', 'busy', 'failed', 'no-answer', 'canceled'].includes(data.status!)
    ) {
      console.log(`\n📴 call ended (${data.status})`);
      process.exit(0);
    }
    if (data.callSid !== patientSid && data.status === 'ringing') {
      const phone = data.to!;
      ringing = phone;
      console.log(
        `📱 ${phone} is ringing${values.doctor === 'manual' ? ' — press a to answer' : ''}`,
      );
    }
    if (data.callSid !== patientSid && data.status === 'in-progress')
      console.log(`📱 ${data.to} answered`);
    if (
      data.callSid !== patientSid &&
      ['completed', 'no-answer', 'busy', 'failed', 'canceled'].includes(data.status!)
    ) {
      console.log(`📱 ${data.to}: ${data.status}`);
      if (focusSid === data.callSid) focusSid = patientSid;
    }
  } else if (event === 'bridge') {
    const connected = (data as Record<string, unknown>).connected === true;
    if ([data.callSid, data.otherCallSid].includes(patientSid))
      console.log(
        connected ? '🔗 patient connected to the doctor' : '🔗 patient and doctor parted',
      );
  } else if (event === 'message') {
    if (data.status === 'delivered') console.log(`✉️  SMS to ${data.to}: ${data.body}`);
  }
}

/** Leaving the terminal phone hangs up its call, as putting a phone down does. */
async function quit(): Promise<never> {
  await post(`/calls/${patientSid}/hangup`).catch(() => {});
  process.exit(0);
}
process.on('SIGINT', () => void quit());
process.on('SIGTERM', () => void quit());

async function onKey(key: string): Promise<void> {
  if (key === 'q' || key === '\u0003') await quit();
  if (key === 'h') await post(`/calls/${focusSid}/hangup`).catch(() => {});
  else if (key === 'a' && ringing) {
    const answered = (await post(`/phones/${encodeURIComponent(ringing)}/answer`).catch(
      (e: Error) => ({ error: e.message }),
    )) as { sid?: string; error?: string };
    if (answered.sid) {
      focusSid = answered.sid;
      console.log(`📱 ${ringing} answered — keys now go to the doctor's phone`);
    }
    ringing = null;
  } else if (/^[0-9*#]$/.test(key)) {
    console.log(`⌨️  ${focusSid === patientSid ? 'patient' : 'doctor'} presses ${key}`);
    await post(`/calls/${focusSid}/press`, { digits: key }).catch((e: Error) =>
      console.log(`   (${e.message})`),
    );
  }
}

if (process.stdin.isTTY) process.stdin.setRawMode(true);
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk: string) => {
  for (const key of chunk.replace(/\s/g, '')) void onKey(key);
});

const decoder = new TextDecoder();
let buffer = '';
for (;;) {
  const { value, done } = await reader.read();
  if (done) break;
  buffer += decoder.decode(value, { stream: true });
  let end: number;
  while ((end = buffer.indexOf('\n\n')) >= 0) {
    const block = buffer.slice(0, end);
    buffer = buffer.slice(end + 2);
    const event = /^event: (.*)$/m.exec(block)?.[1];
    const data = /^data: (.*)$/m.exec(block)?.[1];
    if (event && data) await onEvent(event, JSON.parse(data) as Record<string, string>);
  }
}
