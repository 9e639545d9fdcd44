import { describe, expect, it } from 'vitest';
import { checkFicheLink, ficheLinkKey, ficheLinkLifetimeMs, signFicheLink } from './link-token.js';

const key = ficheLinkKey({ SESSION_SECRET: 'a-session-secret-for-tests' });
const fiche = {
  id: '11111111-1111-4111-8111-111111111111',
  regulatorId: '22222222-2222-4222-8222-222222222222',
};
const otherDoctor = '33333333-3333-4333-8333-333333333333';
const now = new Date('2026-11-24T22:00:00Z');
const expiresAt = new Date(now.getTime() + ficheLinkLifetimeMs);
const token = signFicheLink(key, {
  ficheId: fiche.id,
  professionalId: fiche.regulatorId,
  expiresAt,
});

describe('the signed link of a fiche', () => {
  it('opens its fiche for its doctor until it expires', () => {
    expect(checkFicheLink(key, token, fiche, now)).toEqual({
      ok: true,
      professionalId: fiche.regulatorId,
    });
    const justBefore = new Date(expiresAt.getTime() - 1000);
    expect(checkFicheLink(key, token, fiche, justBefore).ok).toBe(true);
    expect(checkFicheLink(key, token, fiche, expiresAt)).toEqual({ ok: false, reason: 'expired' });
  });

  it('is refused as tampered when any part changed, or used on another fiche', () => {
    const [pro, exp, sig] = token.split('.') as [string, string, string];
    const flipped = sig.slice(0, -1) + (sig.endsWith('A') ? 'B' : 'A');
    for (const bad of [
      `${pro}.${exp}.${flipped}`,
      `${pro}.${Number(exp) + 3600}.${sig}`,
      `${otherDoctor}.${exp}.${sig}`,
      token.slice(0, -2),
      '',
      'nimportequoi',
    ])
      expect(checkFicheLink(key, bad, fiche, now)).toEqual({ ok: false, reason: 'tampered' });
    const elsewhere = { ...fiche, id: '44444444-4444-4444-8444-444444444444' };
    expect(checkFicheLink(key, token, elsewhere, now)).toEqual({ ok: false, reason: 'tampered' });
  });

  it("is refused to another doctor: a genuine link of this fiche, but not the régulateur's", () => {
    const forOther = signFicheLink(key, {
      ficheId: fiche.id,
      professionalId: otherDoctor,
      expiresAt,
    });
    expect(checkFicheLink(key, forOther, fiche, now)).toEqual({
      ok: false,
      reason: 'wrong_doctor',
    });
  });

  it('is signed with a key of its own: FICHE_LINK_SECRET, else one derived from SESSION_SECRET', () => {
    const own = ficheLinkKey({
      SESSION_SECRET: 'a-session-secret-for-tests',
      FICHE_LINK_SECRET: 'a-fiche-link-secret',
    });
    expect(checkFicheLink(own, token, fiche, now)).toEqual({ ok: false, reason: 'tampered' });
    expect(key.equals(Buffer.from('a-session-secret-for-tests'))).toBe(false);
  });
});
