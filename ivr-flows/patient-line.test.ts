import { describe, expect, it } from 'vitest';
import type { Contact } from '../rota/types.js';
import {
  busyChoice,
  dialResult,
  holdResult,
  holdWait,
  queueTake,
  menuChoice,
  screenResult,
  spokenSeconds,
  startCall,
  type FlowContext,
  type Step,
} from './index.js';
import { parseVoiceUrl } from './call-url.js';
import { initialState } from './state.js';

const doctor = (n: number, source: Contact['source'] = 'shift'): Contact => ({
  professionalId: source === 'fallback' ? null : `p${n}`,
  name: `Dr ${n}`,
  phone: `+3363998000${n}`,
  level: source === 'fallback' ? 99 : n,
  source,
  shiftId: null,
});
const ctx = (over: Partial<FlowContext> = {}): FlowContext => ({
  territory: {
    name: "Pays d'Auray",
    regulationMode: 'plateforme',
    crraNumber: null,
    regionalNumber: '15',
    recordingNotice: false,
    daytimeNumber: '+33261910050',
    pharmacy: null,
    fallbackIsCallCentre: false,
  },
  inPdsaHours: true,
  contacts: [doctor(1), doctor(2), doctor(9, 'fallback')],
  caller: { hidden: false, isMobile: true },
  callSid: 'CA123',
  lineNumber: '+33261910015',
  doctorBusy: false,
  holdQueue: 'line-1',
  holdLimitSeconds: 180,
  ...over,
});
const verbs = (steps: Step[]) => steps.map((s) => s.verb);
const text = (steps: Step[]): string =>
  steps
    .map((s) =>
      s.verb === 'say'
        ? s.text
        : s.verb === 'gather'
          ? s.prompts.map((p) => (p.verb === 'say' ? p.text : '')).join(' ')
          : '',
    )
    .join(' ');
const fr = initialState;

describe('a new call', () => {
  it('says the vital-emergency warning first, outside the menu so no key skips it', () => {
    const { steps, effects } = startCall(ctx());
    expect(verbs(steps)).toEqual(['say', 'gather', 'redirect']);
    expect(text([steps[0]!])).toMatch(/vie est en danger.*15 ou le 112.*114 par SMS/);
    expect(text([steps[1]!])).toMatch(/tapez 1.*tapez 2.*tapez 3.*étoile.*For English, press 9/);
    expect(effects).toEqual([{ kind: 'open_call', node: 'greeting' }]);
  });

  it('reaches a ringing doctor within 25 s of prompt audio for a caller who presses 1 at once', () => {
    const start = startCall(ctx({ territory: { ...ctx().territory, recordingNotice: true } }));
    const route = menuChoice(ctx(), fr, '1');
    const seconds =
      spokenSeconds([start.steps[0]!]) + spokenSeconds(route.steps.filter((s) => s.verb === 'say'));
    expect(seconds).toBeLessThanOrEqual(25);
  });

  it('speaks the recording notice when the territory records', () => {
    expect(
      text(startCall(ctx({ territory: { ...ctx().territory, recordingNotice: true } })).steps),
    ).toMatch(/enregistré/);
  });
});

describe('the menu', () => {
  it('1 rings the primary with keypress screening', () => {
    const { steps, effects } = menuChoice(ctx(), fr, '1');
    const dial = steps.find((s) => s.verb === 'dial');
    expect(dial).toMatchObject({
      verb: 'dial',
      number: '+33639980001',
      timeout: 20,
      screenPath: '/twilio/voice/screen?call=CA123&line=%2B33261910015&attempt=0&pro=p1',
    });
    expect(effects).toContainEqual({ kind: 'ring', attempt: 0, contact: doctor(1) });
  });

  it('1 in a centre15 territory without a CRRA number says to dial the 15 and does not route', () => {
    const { steps, effects } = menuChoice(
      ctx({ territory: { ...ctx().territory, regulationMode: 'centre15' } }),
      fr,
      '1',
    );
    expect(verbs(steps)).toEqual(['say', 'say', 'hangup']);
    expect(text(steps)).toMatch(/raccrochez et composez le 15.*hang up and dial 15/);
    expect(effects).toContainEqual({ kind: 'outcome', outcome: 'call_15_first' });
  });

  it('2 gives the 3237 guidance without a pharmacy rota, and the pharmacy (with an SMS offer) with one', () => {
    expect(text(menuChoice(ctx(), fr, '2').steps)).toMatch(/32 37/);
    const withRota = menuChoice(
      ctx({
        territory: {
          ...ctx().territory,
          pharmacy: { name: 'Pharmacie du Loch', phone: '+33297000000' },
        },
      }),
      fr,
      '2',
    );
    expect(text(withRota.steps)).toMatch(/Pharmacie du Loch, au 02 97 00 00 00.*SMS/);
  });

  it('3 records a callback and promises an SMS to a mobile', () => {
    const { steps, effects } = menuChoice(ctx(), fr, '3');
    expect(effects).toContainEqual({ kind: 'request_callback', reason: 'caller_asked' });
    expect(text(steps)).toMatch(/SMS de confirmation/);
    expect(
      text(menuChoice(ctx({ caller: { hidden: false, isMobile: false } }), fr, '3').steps),
    ).not.toMatch(/SMS/);
  });

  it('3 from a hidden number: no callback promised, the doctor is offered instead', () => {
    const { steps, effects } = menuChoice(
      ctx({ caller: { hidden: true, isMobile: false } }),
      fr,
      '3',
    );
    expect(effects.some((e) => e.kind === 'request_callback')).toBe(false);
    expect(text(steps)).toMatch(/numéro est masqué/);
    expect(verbs(steps)).toContain('dial');
  });

  it('9 switches the whole menu to English', () => {
    const { steps, effects } = menuChoice(ctx(), fr, '9');
    expect(effects).toContainEqual({ kind: 'set_lang', lang: 'en' });
    expect(text(steps)).toMatch(/press 1/);
    const gather = steps.find((s) => s.verb === 'gather');
    expect(
      gather &&
        gather.verb === 'gather' &&
        parseVoiceUrl(Object.fromEntries(new URLSearchParams(gather.action.split('?')[1]))).state,
    ).toMatchObject({ lang: 'en' });
  });

  it('an invalid key re-prompts twice, then routes to the doctor (PDSA hours)', () => {
    const first = menuChoice(ctx(), fr, '7');
    expect(text(first.steps)).toMatch(/pas compris/);
    const third = menuChoice(ctx(), { ...fr, retries: 2 }, '7');
    expect(verbs(third.steps)).toContain('dial');
    expect(third.effects).toContainEqual({ kind: 'visit', node: 'safe_default' });
  });

  // Closed: outside PDSA hours with nobody on the rota (only the fallback line).
  const closed = () => ctx({ inPdsaHours: false, contacts: [doctor(9, 'fallback')] });

  it('a silent caller hears a message, then gets the closing message outside PDSA hours, never a bare hang-up', () => {
    const out = menuChoice(closed(), { ...fr, retries: 2 }, undefined);
    expect(verbs(out.steps)).toEqual(['say', 'hangup']);
    expect(text(out.steps)).toMatch(/médecin traitant.*02 61 91 00 50/);
    expect(out.effects).toContainEqual({ kind: 'outcome', outcome: 'closed_hours' });
  });

  it('outside PDSA hours 1 is not a choice, and 3 records no callback nobody would make', () => {
    expect(verbs(menuChoice(closed(), fr, '1').steps)).not.toContain('dial');
    const three = menuChoice(closed(), fr, '3');
    expect(three.effects.map((e) => e.kind)).not.toContain('request_callback');
    expect(three.effects).toContainEqual({ kind: 'outcome', outcome: 'closed_hours' });
  });
});

describe('routing', () => {
  it('screening: only 1 accepts', () => {
    expect(screenResult(0, '1').effects).toEqual([{ kind: 'accepted', attempt: 0 }]);
    expect(verbs(screenResult(0, undefined).steps)).toEqual(['say', 'hangup']);
    expect(screenResult(0, '5').effects).toEqual([]);
  });

  it('a "completed" dial without a keypress (voicemail) moves on to the backup, with a reassuring sentence', () => {
    const { steps, effects } = dialResult(ctx(), { ...fr, attempt: 0 }, 'completed', false);
    expect(effects[0]).toMatchObject({ kind: 'ring_result', result: 'not_accepted' });
    expect(text(steps)).toMatch(/autre médecin/);
    expect(steps.find((s) => s.verb === 'dial')).toMatchObject({ number: '+33639980002' });
  });

  it('an accepted dial is connected', () => {
    expect(dialResult(ctx(), fr, 'completed', true).effects).toContainEqual({
      kind: 'outcome',
      outcome: 'connected',
    });
  });

  it('after the backup, the fallback line screened like a doctor; after it, a callback', () => {
    const toFallback = dialResult(ctx(), { ...fr, attempt: 1 }, 'no-answer', false);
    expect(toFallback.steps.find((s) => s.verb === 'dial')).toMatchObject({
      number: '+33639980009',
      screenPath: '/twilio/voice/screen?call=CA123&line=%2B33261910015&attempt=2&pro=',
    });
    // Its voicemail answered ("completed") but nobody pressed 1: not connected.
    const voicemail = dialResult(ctx(), { ...fr, attempt: 2 }, 'completed', false);
    expect(voicemail.effects).toContainEqual({
      kind: 'request_callback',
      reason: 'nobody_answered',
    });
    // Someone at the permanence pressed 1: the permanence took the call, not a professional.
    expect(dialResult(ctx(), { ...fr, attempt: 2 }, 'completed', true).effects).toContainEqual({
      kind: 'outcome',
      outcome: 'fallback',
    });
    const last = dialResult(ctx(), { ...fr, attempt: 2 }, 'busy', false);
    expect(last.effects).toContainEqual({ kind: 'request_callback', reason: 'nobody_answered' });
    expect(verbs(last.steps)).toEqual(['say', 'hangup']);
  });

  it('a territory whose fallback is a staffed call centre: dialled unscreened, its answer connects', () => {
    const centre = ctx({ territory: { ...ctx().territory, fallbackIsCallCentre: true } });
    const toFallback = dialResult(centre, { ...fr, attempt: 1 }, 'no-answer', false);
    expect(toFallback.steps.find((s) => s.verb === 'dial')).toMatchObject({ screenPath: null });
    expect(dialResult(centre, { ...fr, attempt: 2 }, 'completed', false).effects).toContainEqual({
      kind: 'outcome',
      outcome: 'fallback',
    });
  });

  it('the screening keypress accepts only a professional not bridged elsewhere', () => {
    expect(screenResult(1, '1').effects).toEqual([{ kind: 'accepted', attempt: 1 }]);
    const refused = screenResult(1, '1', false);
    expect(refused.effects).toEqual([]);
    expect(text(refused.steps)).toMatch(/déjà en ligne/);
    expect(verbs(refused.steps)).toEqual(['say', 'hangup']);
  });

  it('a caller holding past the limit leaves the queue; before it, hears their position', () => {
    const waiting = holdWait(fr, 2, 100, 180);
    expect(text(waiting.steps)).toMatch(/position 2/);
    expect(verbs(waiting.steps)).not.toContain('leave');
    const over = holdWait(fr, 1, 180, 180);
    expect(verbs(over.steps)).toEqual(['say', 'leave']);
    // The queue's action then escalates: the backup level first.
    const next = holdResult(ctx({ doctorBusy: true }), fr, 'leave');
    expect(next.steps.find((s) => s.verb === 'dial')).toMatchObject({ number: '+33639980002' });
  });

  it('a freed doctor takes the oldest caller only if one still holds and they are not bridged elsewhere', () => {
    expect(verbs(queueTake('line-1', '1', 'claimed').steps)).toEqual(['dial_queue']);
    expect(text(queueTake('line-1', '1', 'empty').steps)).toMatch(/n'est plus en ligne/);
    expect(text(queueTake('line-1', '1', 'refused').steps)).toMatch(/déjà en ligne/);
    expect(queueTake('line-1', '2', 'claimed').effects).toEqual([]);
  });

  it('nobody reachable and a hidden number: a clear instruction, no callback', () => {
    const out = dialResult(
      ctx({ caller: { hidden: true, isMobile: false } }),
      { ...fr, attempt: 2 },
      'busy',
      false,
    );
    expect(out.effects.some((e) => e.kind === 'request_callback')).toBe(false);
    expect(text(out.steps)).toMatch(/Rappelez dans quelques minutes.*15/);
  });

  it('doctor busy: offers to hold or be called back; hold enqueues', () => {
    const offer = menuChoice(ctx({ doctorBusy: true }), fr, '1');
    expect(text(offer.steps)).toMatch(/patienter, tapez 1.*rappelé, tapez 2/);
    expect(busyChoice(ctx(), fr, '1').steps[0]).toMatchObject({ verb: 'enqueue', queue: 'line-1' });
    expect(busyChoice(ctx(), fr, '2').effects).toContainEqual({
      kind: 'request_callback',
      reason: 'doctor_busy',
    });
  });
});
