import { describe, expect, it } from 'vitest';
import type { Contact } from '../rota/types.js';
import {
  callbackRequested,
  lineOpen,
  menuChoice,
  startCall,
  type FlowContext,
  type Step,
} from './index.js';
import { initialState } from './state.js';

// Issue 15, point 2: "closed" only when nobody is on the rota; hours left to the régulation say so.
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
const ctx = (over: Partial<FlowContext>): FlowContext => ({
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
const dialled = (steps: Step[]) => steps.flatMap((s) => (s.verb === 'dial' ? [s.number] : []));
const fr = initialState;

describe('outside PDSA hours', () => {
  it('with a doctor on the rota, the menu offers the doctor and 1 rings them', () => {
    const c = ctx({ contacts: onRota });
    expect(lineOpen(c)).toBe(true);
    expect(text(startCall(c).steps)).toMatch(/médecin de garde, tapez 1/);
    expect(text(startCall(c).steps)).not.toMatch(/en dehors des heures/);
    expect(dialled(menuChoice(c, fr, '1').steps)).toEqual(['+33639980001']);
  });

  it('with nobody on the rota (the fallback line is nobody), it says closed and 1 rings no one', () => {
    const c = ctx({ contacts: nobody });
    expect(lineOpen(c)).toBe(false);
    expect(text(startCall(c).steps)).toMatch(/en dehors des heures de garde/);
    expect(dialled(menuChoice(c, fr, '1').steps)).toEqual([]);
  });
});

describe('an hour the doctors leave to the régulation (00:00–08:00)', () => {
  const regulation = (over: Partial<FlowContext> = {}) =>
    ctx({ regulationOnly: true, contacts: nobody, ...over });

  it('the menu says the régulation takes the calls, not "closed", and offers the pharmacy', () => {
    const said = text(startCall(regulation()).steps);
    expect(said).toMatch(/régulation médicale.*15.*116 117/);
    expect(said).not.toMatch(/en dehors des heures/);
    expect(said).toMatch(/pharmacie de garde, tapez 2/);
    expect(menuChoice(regulation(), fr, '2').effects).toContainEqual({
      kind: 'outcome',
      outcome: 'pharmacy_info',
    });
  });

  it('1 and the safe default send the caller to the 15 without ringing anyone', () => {
    const one = menuChoice(regulation(), fr, '1');
    expect(dialled(one.steps)).toEqual([]);
    expect(text(one.steps)).toMatch(/Appelez le 15/);
    expect(one.effects).toContainEqual({ kind: 'outcome', outcome: 'call_15_first' });
    const silent = menuChoice(regulation(), { ...fr, retries: 2 }, undefined);
    expect(silent.effects).toContainEqual({ kind: 'outcome', outcome: 'call_15_first' });
    expect(text(silent.steps)).toMatch(/régulation médicale/);
  });

  it('a hidden caller asking a callback hears the régulation, not "closed"', () => {
    const out = callbackRequested(regulation({ caller: { hidden: true, isMobile: false } }), fr);
    expect(text(out.steps)).toMatch(/régulation médicale/);
    expect(out.effects).toContainEqual({ kind: 'outcome', outcome: 'call_15_first' });
  });

  it('a doctor still on the rota then is rung: the rota decides', () => {
    expect(dialled(menuChoice(regulation({ contacts: onRota }), fr, '1').steps)).toEqual([
      '+33639980001',
    ]);
  });

  it('in English too', () => {
    expect(text(menuChoice(regulation(), { ...fr, lang: 'en' }, '1').steps)).toMatch(
      /medical regulation.*Dial 15/,
    );
  });
});
