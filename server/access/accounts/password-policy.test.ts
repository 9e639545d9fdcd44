import { describe, expect, it } from 'vitest';
import { passwordProblem } from './password-policy.js';

describe('passwordProblem', () => {
  it('refuses short passwords', () => {
    expect(passwordProblem('court-11car')).toMatch(/12 caractères/);
  });
  it('refuses common passwords and common words padded with digits', () => {
    expect(passwordProblem('123456789012')).toMatch(/courant/);
    expect(passwordProblem('azertyuiop123!')).toMatch(/courant/);
    expect(passwordProblem('aaaaaaaaaaaaaa')).toMatch(/courant/);
  });
  it('refuses the e-mail address inside the password', () => {
    expect(passwordProblem('jeanne.martin-2026', 'jeanne.martin@cpts.fr')).toMatch(/courant/);
  });
  it('accepts a long uncommon passphrase', () => {
    expect(passwordProblem('marée basse à Locmariaquer')).toBeNull();
  });
});
