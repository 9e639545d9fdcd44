import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readAdt } from './adt-message.js';
import { charsetOf, decodeMessage } from './charset.js';
import { eventRefusal, isStayEvent, readEnvelope } from './envelope.js';

const read = (name: string) => {
  const bytes = readFileSync(
    join(import.meta.dirname, '../../../test/fixtures/hl7', `${name}.hl7`),
  );
  const envelope = readEnvelope(decodeMessage(bytes, charsetOf(bytes)!));
  if (!envelope.ok) throw new Error('fixture envelope unreadable');
  return envelope.envelope;
};

describe('reading PAM-FR ADT messages', () => {
  it('reads the envelope, the patient, the stay, the GP and the movement of an A01', () => {
    const envelope = read('a01-admission');
    expect(envelope).toMatchObject({
      sendingFacility: 'CHBA',
      facilityIds: ['CHBA', '260000048'],
      controlId: 'CHBA00000001',
      messageType: 'ADT',
      event: 'A01',
    });
    expect(eventRefusal(envelope)).toBeNull();
    const reading = readAdt(envelope.message, 'A01', 'Europe/Paris');
    expect(reading.ok && reading.adt).toMatchObject({
      patient: {
        id: '00123456',
        familyName: 'LEFÈVRE',
        givenName: 'Hélène',
        birthDate: '1947-02-15',
        sex: 'F',
      },
      visitNumber: 'V2611290001',
      patientClass: 'I',
      unit: 'Cardiologie',
      gpRpps: '10001234567',
      movementId: 'MVT0001',
      movementAction: 'INSERT',
      occurredAt: new Date('2026-11-29T07:25:00Z'),
      expectedDischargeAt: new Date('2026-12-05T11:00:00Z'),
    });
  });

  it('refuses a stay event without PID-3, naming the field', () => {
    const envelope = read('malformed-no-pid3');
    const reading = readAdt(envelope.message, 'A01', 'Europe/Paris');
    expect(reading.ok ? null : reading.refusal).toMatchObject({
      ackCode: 'AE',
      code: '101',
      location: 'PID^1^3',
    });
  });

  it('rejects an event it does not apply', () => {
    const envelope = read('unknown-event-a08');
    expect(isStayEvent(envelope.event)).toBe(false);
    expect(eventRefusal(envelope)).toMatchObject({ ackCode: 'AR', code: '201' });
  });

  it('refuses a message without MSH-10 before anything else', () => {
    const reading = readEnvelope('MSH|^~\\&|SIH|CHBA|GL|CPTS|20261129||ADT^A01|||2.5');
    expect(reading.ok ? null : reading.refusal).toMatchObject({
      code: '101',
      location: 'MSH^1^10',
    });
  });
});
