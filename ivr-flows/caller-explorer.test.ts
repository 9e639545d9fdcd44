import { describe, expect, it } from 'vitest';
import type { Contact } from '../rota/types.js';
import { parseVoiceUrl } from './call-url.js';
import { afterFallbackDial, safeFallback } from './fallback.js';
import { busyChoice, holdResult, holdWait } from './hold-queue.js';
import { menuChoice, pharmacySms, startCall } from './patient-line.js';
import { dialResult } from './routing.js';
import type { FlowContext, FlowResult, Step } from './types.js';

/*
 * The caller explorer (issue 17): every path of the pure patient line, in both regulation modes,
 * walked breadth-first the way Twilio runs the answers: every key at every Gather (and its
 * timeout), every Dial result (accepted or not), every way out of the hold queue, every redirect.
 * Each path must end with a person (a bridge), a stored callback (the request before the
 * sentence that says so), or a clear spoken sentence before the hang-up: never silence, never a
 * Gather nobody can leave. In centre15 mode no path rings a doctor, the fallback line or a callback.
 */

const keys = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '#'];
const dialOutcomes = [
  { DialCallStatus: 'completed', accepted: true },
  { DialCallStatus: 'completed', accepted: false },
  { DialCallStatus: 'busy', accepted: false },
  { DialCallStatus: 'no-answer', accepted: false },
  { DialCallStatus: 'failed', accepted: false },
  { DialCallStatus: 'canceled', accepted: false },
];
const queueResults = ['bridged', 'hangup', 'leave', 'error', 'queue-full', 'system-shutdown'];
const maxTurns = 40;
const crra = '+33261910115';
const recordedSentence = /demande de rappel est enregistrée|callback request is recorded/;

const contact = (n: number, source: Contact['source'] = 'shift'): Contact => ({
  professionalId: source === 'fallback' ? null : `p${n}`,
  name: `Dr ${n}`,
  phone: `+3363998000${n}`,
  level: source === 'fallback' ? 99 : n,
  source,
  shiftId: null,
});
const fallbackLine = contact(9, 'fallback');
const rota = [contact(1), contact(2), fallbackLine];

/** When the caller rings: the hours and who is on the rota. */
const hours: Record<string, Pick<FlowContext, 'inPdsaHours' | 'regulationOnly' | 'contacts'>> = {
  'PDSA, rota': { inPdsaHours: true, contacts: rota },
  'PDSA, nobody on the rota': { inPdsaHours: true, contacts: [fallbackLine] },
  'PDSA, no number at all': { inPdsaHours: true, contacts: [] },
  'outside PDSA, rota': { inPdsaHours: false, contacts: rota },
  closed: { inPdsaHours: false, contacts: [fallbackLine] },
  'hour left to the régulation': { inPdsaHours: false, regulationOnly: true, contacts: [] },
};
const callers = {
  mobile: { hidden: false, isMobile: true },
  landline: { hidden: false, isMobile: false },
  hidden: { hidden: true, isMobile: false },
};

interface Case {
  name: string;
  ctx: FlowContext;
}

function cases(mode: 'centre15' | 'plateforme'): Case[] {
  const out: Case[] = [];
  for (const crraNumber of [crra, null])
    for (const [h, when] of Object.entries(hours))
      for (const [c, caller] of Object.entries(callers))
        for (const doctorBusy of [false, true])
          for (const pharmacy of [null, { name: 'Pharmacie du Port', phone: '+33297240000' }])
            for (const fallbackIsCallCentre of [false, true])
              out.push({
                name: `${mode}, CRRA ${crraNumber ? 'yes' : 'no'}, ${h}, ${c} caller, busy ${doctorBusy}, pharmacy ${Boolean(pharmacy)}, call centre ${fallbackIsCallCentre}`,
                ctx: {
                  territory: {
                    name: "Pays d'Auray",
                    regulationMode: mode,
                    crraNumber,
                    regionalNumber: crraNumber ? '15' : '116117',
                    recordingNotice: true,
                    daytimeNumber: '+33261910050',
                    pharmacy,
                    fallbackIsCallCentre,
                  },
                  ...when,
                  caller,
                  callSid: 'CAexplorer',
                  lineNumber: '+33261910015',
                  doctorBusy,
                  holdQueue: 'line-1',
                  holdLimitSeconds: 180,
                },
              });
  return out;
}

/** A webhook Twilio would post: its path (with the call state) and what it posts. */
interface Request {
  path: string;
  Digits?: string;
  DialCallStatus?: string;
  accepted?: boolean;
  QueueResult?: string;
}

/** The server's node table (server/line/voice-nodes.ts), over the pure flows. */
function answer(ctx: FlowContext, r: Request): FlowResult {
  if (r.path === '/twilio/voice') return startCall(ctx);
  if (r.path === '/twilio/fallback/after-dial') return afterFallbackDial('fr');
  const [base = '', query = ''] = r.path.split('?');
  const url = parseVoiceUrl(Object.fromEntries(new URLSearchParams(query)));
  switch (base) {
    case '/twilio/voice/menu':
      return menuChoice(ctx, url.state, r.Digits);
    case '/twilio/voice/pharmacy-sms':
      return pharmacySms(url.state, r.Digits);
    case '/twilio/voice/dial-result':
      return dialResult(ctx, url.state, r.DialCallStatus, r.accepted ?? false);
    case '/twilio/voice/busy-choice':
      return busyChoice(ctx, url.state, url.silent ? '1' : r.Digits);
    case '/twilio/voice/hold-result':
      return holdResult(ctx, url.state, r.QueueResult);
    default:
      throw new Error(`no node answers ${r.path}`);
  }
}

type Ending = 'person' | 'callback' | 'instruction';
interface Walked {
  next: Request[];
  /** The first way on when the caller does nothing (Gather timeout, ring unanswered, hold limit). */
  idle: Request | null;
  ending: Ending | null;
  problems: string[];
  dials: Extract<Step, { verb: 'dial' }>[];
}

const spokenText = (s: Step): string =>
  s.verb === 'say' ? s.text : s.verb === 'gather' ? s.prompts.map(spokenText).join(' ') : '';

/** Runs one answer's steps as Twilio does: where the caller may go next, or how the call ends. */
function run(result: FlowResult, arrivedBy: Request): Walked {
  const w: Walked = { next: [], idle: null, ending: null, problems: [], dials: [] };
  const stored = result.effects.some((e) => e.kind === 'request_callback');
  // Bridged to a doctor, the permanence or the CRRA; the sentence after is the bridge's goodbye.
  const reachedSomeone =
    arrivedBy.QueueResult === 'bridged' ||
    result.effects.some(
      (e) => e.kind === 'connected' || (e.kind === 'visit' && e.node === 'crra_answered'),
    );
  let lastSaid = '';
  const end = () => {
    if (recordedSentence.test(lastSaid) && !stored) w.problems.push('"recorded" with no request');
    if (arrivedBy.QueueResult === 'hangup') return; // The caller left the queue: nobody to tell.
    if (reachedSomeone) w.ending = 'person';
    else if (stored && recordedSentence.test(lastSaid)) w.ending = 'callback';
    else if (lastSaid.trim().length > 20) w.ending = 'instruction';
    else w.problems.push(`ends in silence after ${arrivedBy.path}`);
  };
  for (const step of result.steps) {
    switch (step.verb) {
      case 'say':
        if (!step.text.trim()) w.problems.push('empty sentence');
        lastSaid = step.text;
        break;
      case 'pause':
        break;
      case 'gather':
        if (!spokenText(step).trim()) w.problems.push('a Gather that says nothing');
        lastSaid = spokenText(step);
        for (const Digits of keys) w.next.push({ path: step.action, Digits });
        break; // No key: Twilio goes on with the next step.
      case 'dial':
        w.dials.push(step);
        if (!step.action) break; // No action: the document goes on after the Dial.
        for (const o of dialOutcomes) w.next.push({ path: step.action, ...o });
        w.idle = { path: step.action, DialCallStatus: 'no-answer', accepted: false };
        return w;
      case 'enqueue': {
        const left = holdWait(parseVoiceUrl({}).state, 1, 180, 180).steps.at(-1);
        if (left?.verb !== 'leave') w.problems.push('the hold never ends');
        for (const QueueResult of queueResults) w.next.push({ path: step.action, QueueResult });
        w.idle = { path: step.action, QueueResult: 'leave' };
        return w;
      }
      case 'redirect':
        w.next.push({ path: step.path });
        w.idle ??= { path: step.path };
        return w;
      case 'hangup':
        end();
        return w;
      default:
        w.problems.push(`a ${step.verb} on the patient's call`);
        return w;
    }
  }
  end(); // Twilio hangs up at the end of a document.
  return w;
}

interface Explored {
  endings: Record<Ending, number>;
  turns: number;
  problems: string[];
}

/** Breadth-first over every webhook a caller can cause, from the call's start (and the safe answer). */
function explore(c: Case): Explored {
  const problems: string[] = [];
  const endings: Record<Ending, number> = { person: 0, callback: 0, instruction: 0 };
  const seen = new Set<string>();
  const idleOf = new Map<string, string | null>();
  const territory = c.ctx.territory;
  const safe =
    territory.regulationMode === 'centre15'
      ? safeFallback(territory.crraNumber)
      : safeFallback(fallbackLine.phone);
  const starts: [Request, FlowResult | null][] = [
    [{ path: '/twilio/voice' }, null],
    [{ path: 'safe-answer' }, safe],
  ];
  let frontier = starts.map(([r, result]) => ({ r, result, depth: 0 }));
  while (frontier.length > 0) {
    const next: typeof frontier = [];
    for (const { r, result, depth } of frontier) {
      const key = JSON.stringify(r);
      if (seen.has(key)) continue;
      seen.add(key);
      if (depth > maxTurns) {
        problems.push(`no end within ${maxTurns} turns at ${r.path}`);
        continue;
      }
      const answered = result ?? answer(c.ctx, r);
      const walked = run(answered, r);
      problems.push(...walked.problems.map((p) => `${p} (${r.path})`));
      if (walked.ending) endings[walked.ending] += 1;
      idleOf.set(key, walked.idle ? JSON.stringify(walked.idle) : null);
      if (territory.regulationMode === 'centre15') problems.push(...centre15Breaches(c, answered));
      for (const n of walked.next) next.push({ r: n, result: null, depth: depth + 1 });
    }
    frontier = next;
  }
  // A caller who does nothing at all reaches an end: no Gather loops forever on silence.
  for (const start of idleOf.keys()) {
    let at: string | null = start;
    let hops = 0;
    while (at !== null && hops <= maxTurns) {
      at = idleOf.get(at) ?? null;
      hops += 1;
    }
    if (hops > maxTurns) problems.push(`silence loops forever from ${start}`);
  }
  return { endings, turns: seen.size, problems };
}

/** centre15 mode: nobody of the rota, no fallback line, no callback; only the CRRA, unscreened. */
function centre15Breaches(c: Case, r: FlowResult): string[] {
  const out: string[] = [];
  const doctors = new Set([...rota, fallbackLine].map((x) => x.phone));
  for (const e of r.effects)
    if (e.kind === 'ring' || e.kind === 'request_callback') out.push(`centre15: ${e.kind}`);
  for (const s of r.steps) {
    if (s.verb === 'enqueue') out.push('centre15: holds for a doctor');
    if (s.verb !== 'dial') continue;
    if (doctors.has(s.number)) out.push(`centre15: dials ${s.number}`);
    if (s.number !== c.ctx.territory.crraNumber || s.screenPath !== null)
      out.push(`centre15: a Dial other than the CRRA's (${s.number})`);
  }
  return out;
}

describe('the caller explorer: every path of the patient line ends with someone or something clear', () => {
  for (const mode of ['plateforme', 'centre15'] as const) {
    it(`${mode} mode: every key, ring result and hold outcome, in every situation`, () => {
      const all = cases(mode);
      const totals: Record<Ending, number> = { person: 0, callback: 0, instruction: 0 };
      for (const c of all) {
        const { endings, problems, turns } = explore(c);
        expect(problems, c.name).toEqual([]);
        expect(turns, c.name).toBeGreaterThan(12);
        for (const k of Object.keys(totals) as Ending[]) totals[k] += endings[k];
      }
      // The walk reaches each kind of ending it should: in centre15 no callback is ever stored.
      expect(totals.instruction).toBeGreaterThan(0);
      expect(totals.person).toBeGreaterThan(0);
      if (mode === 'centre15') expect(totals.callback).toBe(0);
      else expect(totals.callback).toBeGreaterThan(0);
    });
  }

  it('centre15 with a CRRA number dials it unscreened after the warning; without, says the number to dial', () => {
    const [withCrra, without] = [crra, null].map(
      (crraNumber) =>
        cases('centre15').find(
          (c) =>
            c.ctx.territory.crraNumber === crraNumber &&
            c.ctx.inPdsaHours &&
            c.ctx.contacts.length === 3,
        )!.ctx,
    );
    const silent = menuChoice(withCrra!, parseVoiceUrl({}).state, undefined);
    expect(silent.steps.find((s) => s.verb === 'dial')).toMatchObject({
      number: crra,
      screenPath: null,
    });
    const told = menuChoice(without!, parseVoiceUrl({}).state, '1');
    expect(told.steps.map((s) => s.verb)).toEqual(['say', 'say', 'hangup']);
    expect(told.steps.map(spokenText).join(' ')).toMatch(
      /raccrochez et composez le 116 117.*hang up and dial 116 117/,
    );
  });

  it('a call in flight when the territory turned centre15: its hold and ring results go to the régulation', () => {
    const c = cases('centre15').find((x) => x.ctx.contacts.length === 3 && x.ctx.doctorBusy)!;
    const state = parseVoiceUrl({}).state;
    for (const r of [
      holdResult(c.ctx, state, 'leave'),
      busyChoice(c.ctx, state, '2'),
      dialResult(c.ctx, { ...state, attempt: 1 }, 'no-answer', false),
    ]) {
      expect(centre15Breaches(c, r)).toEqual([]);
      expect(r.effects.map((e) => e.kind)).not.toContain('ring');
    }
    expect(holdResult(c.ctx, state, 'leave').steps.find((s) => s.verb === 'dial')).toMatchObject({
      number: crra,
    });
  });
});
