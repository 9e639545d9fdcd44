import { describe, expect, it } from 'vitest';
import { healthWordsIn } from './health-words.js';
import { smsBody, smsKinds } from './sms.js';

/**
 * No SMS may carry a health detail (issue 17: "every SMS text (no health word: a test checks each
 * template against a list)"). Every kind of the catalogue is rendered, in French and English, with
 * sample parameters: a kind added later is covered without touching this test. The list and why
 * it holds what it holds: health-words.ts.
 */
// Any parameter a template reads gets a neutral sample ("Exemple"), whatever its name.
const sampleParams = new Proxy({} as Record<string, string>, {
  get: (_, key) => (typeof key === 'string' ? 'Exemple' : undefined),
});

describe('every SMS text', () => {
  it('the catalogue is read whole (a new kind is checked without editing this test)', () => {
    expect(smsKinds.length).toBeGreaterThanOrEqual(12);
    expect(smsKinds).toContain('fiche_link');
  });

  it.each(smsKinds)('%s holds no health word, in French or English', (kind) => {
    const text = smsBody(kind, 'en', sampleParams);
    expect(text).not.toMatch(/undefined/);
    expect(healthWordsIn(text)).toEqual([]);
  });

  it('the list catches a health detail, and lets the safety instruction through', () => {
    expect(healthWordsIn('Votre ordonnance de Doliprane est prête')).toEqual(['ordonnance']);
    expect(healthWordsIn('Douleurs thoraciques, vu aux Urgences')).toEqual([
      'douleur',
      'thoracique',
      'urgences',
    ]);
    expect(healthWordsIn("En cas d'urgence, appelez le 15.")).toEqual([]);
    expect(healthWordsIn('Le Dr Martin vous rappelle vers 21 h')).toEqual([]);
  });
});
