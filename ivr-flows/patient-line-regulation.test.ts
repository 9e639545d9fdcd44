import { describe, expect, it } from 'vitest';
import type { Contact } from '../rota/types.js';
import { menuChoice, startCall, type FlowContext, type Step } from './index.js';
import { parseVoiceUrl } from './call-url.js';
import { initialState } from './state.js';

// Review points 6-8: nothing the caller hears may be false, and no callback is promised that
// the callback job (server/callbacks/callback-job.ts: rings whoever is on duty now, three rounds
// five minutes apart, then gives up) would not make.
const contact = (source: Contact['source'], n: number): Contact => ({
  professionalId: source === 'fallback' ? null : `p${n}`,
  name: `Dr ${n}`,
  phone: `+3363998000${n}`,
  level: source === 'fallback' ? 99 : n,
  source,
  shiftId: null,
});
const onRota = [contact('shift', 1), contact('fallback', 9)];
const nobody = [contact('fallback', 9)];
const ctx = (over: Partial<FlowContext> = {}): FlowContext => ({
  territory: {
    name: "Pays d'Auray",
    regulationMode: 'plateforme',
    crraNumber: null,
    regionalNumber: '15',
    recordingNotice: false,
    daytimeNumber: '+33261910050',
    pharmacy: { name: 'Pharmacie du Port', phone: '+33297240000' },
    fallbackIsCallCentre: false,
  },
  inPdsaHours: false,
  contacts: nobody,
  caller: { hidden: false, isMobile: true },
  callSid: 'CA1',
  lineNumber: '+33261910015',
  doctorBusy: false,
  holdQueue: 'line-1',
  holdLimitSeconds: 180,
  ...over,
});
const said = (steps: Step[]): string =>
  steps
    .map((s) =>
      s.verb === 'say'
        ? s.text
        : s.verb === 'gather'
          ? s.prompts.map((p) => (p.verb === 'say' ? p.text : '')).join(' ')
          : '',
    )
    .join(' ');
const verbs = (steps: Step[]) => steps.map((s) => s.verb);
const kinds = (r: { effects: { kind: string }[] }) => r.effects.map((e) => e.kind);
const fr = initialState;
const en = { ...initialState, lang: 'en' as const };
const hidden = { hidden: true, isMobile: false };
const regulation = (over: Partial<FlowContext> = {}) =>
  ctx({ regulationOnly: true, contacts: nobody, ...over });
const closed = (over: Partial<FlowContext> = {}) => ctx({ contacts: nobody, ...over });

describe('6. key 3 when nobody is on the rota promises no callback', () => {
  it('in a régulation hour, 3 stores no callback and says the régulation, not "un médecin vous rappellera"', () => {
    for (const state of [fr, en]) {
      const out = menuChoice(regulation(), state, '3');
      expect(kinds(out)).not.toContain('request_callback');
      expect(out.effects).toContainEqual({ kind: 'outcome', outcome: 'call_15_first' });
      expect(said(out.steps)).toMatch(/régulation médicale|medical regulation/);
      expect(said(out.steps)).not.toMatch(/rappellera|call you back/);
    }
  });

  it('a hidden caller in a régulation hour hears the régulation too', () => {
    const out = menuChoice(regulation({ caller: hidden }), fr, '3');
    expect(kinds(out)).not.toContain('request_callback');
    expect(said(out.steps)).toMatch(/régulation médicale/);
  });

  it('closed hours: the menu offers no callback, and 3 stores none nor promises a doctor', () => {
    for (const state of [fr, en]) {
      const menu = said(startCall(closed()).steps);
      expect(menu).not.toMatch(/tapez 3|press 3/);
      const out = menuChoice(closed(), state, '3');
      expect(kinds(out)).not.toContain('request_callback');
      expect(said(out.steps)).not.toMatch(/rappellera|will call you back/);
      expect(said(out.steps)).toMatch(/médecin traitant|your own doctor/);
      expect(said(out.steps)).toMatch(/15/);
      expect(out.effects).toContainEqual({ kind: 'outcome', outcome: 'closed_hours' });
      expect(verbs(out.steps).at(-1)).toBe('hangup');
    }
  });

  it('while the line is open, 3 still records the callback the rota will make', () => {
    const out = menuChoice(ctx({ contacts: onRota }), fr, '3');
    expect(out.effects).toContainEqual({ kind: 'request_callback', reason: 'caller_asked' });
    expect(said(out.steps)).toMatch(/médecin de garde vous rappellera/);
  });
});

describe('7. a hidden caller pressing 3 while the line is open', () => {
  it('in centre15 mode, 3 is not offered: re-prompted with the régulation, never "closed", no callback', () => {
    for (const over of [{ inPdsaHours: true }, { contacts: onRota }]) {
      const c = ctx({
        ...over,
        caller: hidden,
        territory: { ...ctx().territory, regulationMode: 'centre15' },
      });
      expect(said(startCall(c).steps)).not.toMatch(/tapez 3/);
      const out = menuChoice(c, fr, '3');
      expect(said(out.steps)).toMatch(/pas compris.*raccrochez et composez le 15/);
      expect(said(out.steps)).not.toMatch(/en dehors des heures/);
      expect(kinds(out)).not.toContain('request_callback');
    }
  });

  it('with a territory that regulates, is put through to the doctor', () => {
    const out = menuChoice(ctx({ contacts: onRota, caller: hidden }), fr, '3');
    expect(verbs(out.steps)).toContain('dial');
  });
});

describe('8. "tapez 1 pour réentendre" in a régulation hour', () => {
  it('1 plays the message again inside the menu, so 2 (pharmacy) can still be pressed', () => {
    for (const state of [fr, en]) {
      const out = menuChoice(regulation(), state, '1');
      expect(verbs(out.steps)).not.toContain('hangup');
      const gather = out.steps[0]!;
      expect(gather.verb).toBe('gather');
      expect(said([gather])).toMatch(
        /régulation médicale.*tapez 1.*tapez 2|medical regulation.*press 1.*press 2/,
      );
      if (gather.verb !== 'gather') return;
      const action = new URLSearchParams(gather.action.split('?')[1]);
      expect(gather.action).toMatch(/menu/);
      expect(parseVoiceUrl(Object.fromEntries(action)).state).toMatchObject({ lang: state.lang });
      expect(out.effects).toContainEqual({ kind: 'outcome', outcome: 'call_15_first' });
    }
  });
});
