import { describe, expect, it } from 'vitest';
import type { Contact } from '../rota/types.js';
import { parseVoiceUrl, queueDequeuedPath } from './call-url.js';
import { holdTaken, queueTake } from './hold-queue.js';
import { initialState } from './state.js';
import type { FlowContext } from './types.js';

const primary: Contact = {
  professionalId: 'p1',
  name: 'Dr 1',
  phone: '+33639980001',
  level: 1,
  source: 'shift',
  shiftId: 's1',
};
const flow = { contacts: [primary] } as unknown as FlowContext;

describe('a doctor takes a caller from the hold queue', () => {
  it("the doctor's <Dial><Queue> names them in the url Twilio requests for the caller taken", () => {
    const [step] = queueTake('line-1', '1', 'claimed', 'p1').steps;
    expect(step).toMatchObject({ verb: 'dial_queue', queue: 'line-1' });
    const path = step?.verb === 'dial_queue' ? step.dequeuedPath! : '';
    expect(path).toBe(queueDequeuedPath('p1'));
    // The caller's own call: no leg, no offer (its record takes the effects), the doctor named.
    const url = parseVoiceUrl(Object.fromEntries(new URL(path, 'https://x').searchParams));
    expect(url).toMatchObject({ leg: null, offer: null, rung: 'p1' });
  });

  it("the caller's record says the doctor answered, and the caller hears the connection", () => {
    const out = holdTaken(flow, initialState, 'p1');
    expect(out.steps.map((s) => s.verb)).toEqual(['say', 'say']);
    expect(out.steps[0]).toMatchObject({ text: 'Mise en relation avec le médecin.', lang: 'fr' });
    expect(out.effects).toEqual([
      { kind: 'visit', node: 'hold_taken' },
      { kind: 'left_hold' },
      { kind: 'connected', attempt: 0, contact: primary },
    ]);
  });

  it('a doctor off the rota (or no line context) is still the one recorded', () => {
    const out = holdTaken(null, initialState, 'p7');
    expect(out.effects).toContainEqual({
      kind: 'connected',
      attempt: 0,
      contact: expect.objectContaining({ professionalId: 'p7', source: 'shift' }),
    });
  });

  it('nobody known: the caller is bridged, nothing names a doctor', () => {
    const out = holdTaken(flow, initialState, null);
    expect(out.steps.length).toBeGreaterThan(0);
    expect(out.steps.every((s) => s.verb === 'say')).toBe(true);
    expect(out.effects).toEqual([{ kind: 'left_hold' }]);
  });
});
