import { describe, expect, it } from 'vitest';
import {
  callbackPath,
  parseCallbackUrl,
  parseVoiceUrl,
  queueOfferPath,
  queueTakePath,
  screenPath,
  dialResultPath,
  screenResultPath,
  voicePath,
} from './call-url.js';

/** The query string of a path, as express hands it to a route. */
const queryOf = (path: string) => Object.fromEntries(new URLSearchParams(path.split('?')[1]));

describe('the webhook URLs of a call', () => {
  it('are written with readable names, and read back as they were written', () => {
    const state = { lang: 'en' as const, retries: 2, attempt: 1 };
    const menu = voicePath('menu', state, true);
    expect(menu).toBe('/twilio/voice/menu?lang=en&retries=2&attempt=1&silent=1');
    expect(parseVoiceUrl(queryOf(menu))).toEqual({
      state,
      silent: true,
      leg: null,
      offer: null,
      rung: null,
    });
    const dialed = dialResultPath(state, 'p1');
    expect(dialed).toBe('/twilio/voice/dial-result?lang=en&retries=2&attempt=1&pro=p1');
    expect(parseVoiceUrl(queryOf(dialed))).toMatchObject({ rung: 'p1', leg: null, offer: null });

    const leg = { call: 'CA1', line: '+33261910015', attempt: 1, pro: 'p1' };
    expect(screenPath(leg)).toBe(
      '/twilio/voice/screen?call=CA1&line=%2B33261910015&attempt=1&pro=p1',
    );
    expect(parseVoiceUrl(queryOf(screenResultPath(leg))).leg).toEqual(leg);
    // A number with no professional (the fallback line): no `pro` in the URL.
    const fallbackLeg = { ...leg, pro: '' };
    expect(screenPath(fallbackLeg)).not.toMatch(/pro=/);
    expect(parseVoiceUrl(queryOf(screenPath(fallbackLeg))).leg).toEqual(fallbackLeg);

    const offer = { queue: 'line-7', line: '+33261910015', pro: 'p1' };
    expect(parseVoiceUrl(queryOf(queueOfferPath(offer))).offer).toEqual(offer);
    expect(queueTakePath(offer)).toMatch(/^\/twilio\/voice\/queue-take\?queue=line-7&/);

    const ref = { callback: '00000000-0000-4000-8000-000000000001', round: 2, contact: 1 };
    expect(callbackPath('screen', ref)).toBe(
      '/twilio/callback/screen?callback=00000000-0000-4000-8000-000000000001&round=2&contact=1',
    );
    expect(parseCallbackUrl(queryOf(callbackPath('status', ref)))).toEqual(ref);
  });

  it('still read the one-letter names of the release before (calls in flight during a deploy)', () => {
    expect(parseVoiceUrl({ l: 'en', r: '1', i: '2', d: '1' })).toMatchObject({
      state: { lang: 'en', retries: 1, attempt: 2 },
      silent: true,
    });
    expect(parseVoiceUrl({ i: '1', c: 'CA9', t: '+33261910015' }).leg).toEqual({
      call: 'CA9',
      line: '+33261910015',
      attempt: 1,
      pro: '',
    });
    expect(parseVoiceUrl({ q: 'line-7', t: '+33261910015', p: 'p1' }).offer).toEqual({
      queue: 'line-7',
      line: '+33261910015',
      pro: 'p1',
    });
    expect(
      parseCallbackUrl({ cb: '00000000-0000-4000-8000-000000000001', a: '1', c: '0' }),
    ).toEqual({ callback: '00000000-0000-4000-8000-000000000001', round: 1, contact: 0 });
    // A current name wins over an old one.
    expect(parseVoiceUrl({ lang: 'fr', l: 'en' }).state.lang).toBe('fr');
  });

  it('never throw on a patient-line URL: anything odd is a safe default', () => {
    for (const odd of [{}, null, 'x', { l: 'xx', r: 'abc', i: '-1' }, { lang: ['fr', 'en'] }])
      expect(parseVoiceUrl(odd)).toEqual({
        state: { lang: 'fr', retries: 0, attempt: 0 },
        silent: false,
        leg: null,
        offer: null,
        rung: null,
      });
    expect(parseVoiceUrl({ retries: '999', attempt: '999' }).state).toMatchObject({
      retries: 10,
      attempt: 50,
    });
  });

  it('refuse a callback URL that names no callback attempt', () => {
    expect(() => parseCallbackUrl({ callback: 'nope', round: '1', contact: '0' })).toThrow();
    expect(() => parseCallbackUrl({})).toThrow();
  });
});
