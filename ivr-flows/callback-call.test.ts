import { describe, expect, it } from 'vitest';
import { callbackAccept, callbackPatientAccept, callbackPatientScreen } from './callback-call.js';

const ref = { callback: '00000000-0000-4000-8000-000000000001', round: 1, contact: 0 };
const query = 'callback=00000000-0000-4000-8000-000000000001&round=1&contact=0';

describe('the callback legs', () => {
  it('the doctor who accepts is put through to a screened patient leg, never straight to the number', () => {
    const dial = callbackAccept('1', '+33612345678', '+33261910015', ref).steps.find(
      (s) => s.verb === 'dial',
    );
    expect(dial).toMatchObject({
      number: '+33612345678',
      screenPath: `/twilio/callback/patient-screen?${query}`,
      action: `/twilio/callback/patient-result?${query}`,
    });
  });

  it('the patient is asked twice in their language to press 1, then told a doctor will call again', () => {
    const fr = callbackPatientScreen("Pays d'Auray", 'fr', ref).steps;
    expect(fr.map((s) => s.verb)).toEqual(['gather', 'gather', 'say', 'hangup']);
    expect(fr[0]).toMatchObject({
      numDigits: 1,
      action: `/twilio/callback/patient-accept?${query}`,
    });
    expect(JSON.stringify(fr[0])).toMatch(/Pays d'Auray.*tapez 1/);
    const en = callbackPatientScreen("Pays d'Auray", 'en', ref).steps;
    expect(JSON.stringify(en[0])).toMatch(/press 1/);
    expect(en[2]).toMatchObject({ verb: 'say', lang: 'en' });
  });

  it('only 1 bridges the patient (an empty answer); anything else hangs the leg up', () => {
    expect(callbackPatientAccept('1', 'fr').steps).toEqual([]);
    expect(callbackPatientAccept('2', 'fr').steps.at(-1)).toEqual({ verb: 'hangup' });
    expect(callbackPatientAccept(undefined, 'en').steps.at(-1)).toEqual({ verb: 'hangup' });
  });
});
