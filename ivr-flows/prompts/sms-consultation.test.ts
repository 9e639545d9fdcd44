import { describe, expect, it } from 'vitest';
import { smsBody, type SmsKind } from './sms.js';

// Words that would tell whoever holds the phone why the patient called, or who they saw.
const healthWords = [
  'fièvre',
  'douleur',
  'symptôme',
  'toux',
  'malade',
  'maladie',
  'diagnostic',
  'ordonnance',
  'traitement',
  'prescription',
  'motif',
  'Dr ',
  'docteur',
];
const params = {
  territory: 'Pays d’Auray',
  day: 'le mardi 24 novembre',
  dayEn: 'on Tuesday 24 November',
  time: '21 h 15',
  place: '3 rue du Lait, Auray',
};
const kinds: SmsKind[] = ['consultation_booked', 'consultation_cancelled', 'consultation_none'];

describe('consultation SMS', () => {
  it.each(kinds)('%s carries no health word, in French and English', (kind) => {
    const body = smsBody(kind, 'en', params);
    for (const word of healthWords) expect(body.toLowerCase()).not.toContain(word.toLowerCase());
    expect(body).toMatch(/15/);
  });

  it('the booking gives the time, the address and how to cancel', () => {
    const body = smsBody('consultation_booked', 'fr', params);
    expect(body).toBe(
      "Pays d’Auray : rendez-vous le mardi 24 novembre à 21 h 15, 3 rue du Lait, Auray. Pour annuler, répondez ANNULER. En cas d'urgence, appelez le 15.",
    );
    expect(smsBody('consultation_booked', 'en', params)).toMatch(
      /appointment on Tuesday 24 November at 21 h 15, 3 rue du Lait, Auray\. To cancel, reply ANNULER/,
    );
  });
});
