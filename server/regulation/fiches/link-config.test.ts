import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../platform/config.js';

const production = {
  NODE_ENV: 'production',
  DATABASE_URL: 'postgres://gardeline@db.internal/gardeline',
  REDIS_URL: 'redis://queue.internal:6379',
  PUBLIC_URL: 'https://garde.example.org',
  TWILIO_API_URL: 'https://api.twilio.com',
  TWILIO_AUTH_TOKEN: 'a-real-auth-token-from-twilio',
  SESSION_SECRET: 'Jx3vQ9pLr2Wm8Zt5Kc7Hy4Nb6Fd1Gs0Ae',
  TRUST_PROXY: '1',
};

describe('FICHE_LINK_SECRET', () => {
  it('is optional (derived from SESSION_SECRET), and strong when set in production', () => {
    expect(loadConfig(production).FICHE_LINK_SECRET).toBeUndefined();
    expect(() => loadConfig({ ...production, FICHE_LINK_SECRET: 'fiche-links-secret' })).toThrow(
      /FICHE_LINK_SECRET: too weak for production.*\(got "\*\*\*"\)/,
    );
    const strong = 'Qm7Rt2Zx9Lp4Vc8Nb1Hy6Kd3Ws5Fg0Ja';
    expect(loadConfig({ ...production, FICHE_LINK_SECRET: strong }).FICHE_LINK_SECRET).toBe(strong);
    expect(() => loadConfig({ FICHE_LINK_SECRET: 'short' })).toThrow(/FICHE_LINK_SECRET/);
  });
});
