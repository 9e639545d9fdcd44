import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../db/seed/seed-demo.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { parseTwiml, signedPost } from '../support/twilio-post.js';

const publicUrl = 'https://garde.test';
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ publicUrl, now: new Date('2026-11-24T21:00:00Z') });
  await seedDemo(t.db.db, new Date('2026-11-24T21:00:00Z'));
});
afterAll(() => t.close());

const paths = [
  '/twilio/voice',
  '/twilio/voice/menu',
  '/twilio/voice/dial-result',
  '/twilio/voice/screen',
  '/twilio/voice/screen-result',
  '/twilio/voice/busy-choice',
  '/twilio/voice/hold-wait',
  '/twilio/voice/hold-result',
  '/twilio/voice/pharmacy-sms',
  '/twilio/voice/queue-offer',
  '/twilio/voice/queue-take',
  '/twilio/voice/queue-dequeued',
  '/twilio/voice/nope',
  '/twilio/fallback',
  '/twilio/sms',
  '/twilio/status',
  '/twilio/sms/status',
  '/twilio/callback/screen',
  '/twilio/callback/accept',
  '/twilio/callback/patient-screen',
  '/twilio/callback/patient-accept',
  '/twilio/callback/patient-result',
  '/twilio/callback/status',
  // The professionals' line (server/advice).
  '/twilio/advice/menu',
  '/twilio/advice/dial-result',
  '/twilio/advice/screen',
  '/twilio/advice/screen-result',
  '/twilio/advice/nope',
];
const odd = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.constantFrom(
    '',
    '+33261910015',
    '+33261910020',
    '+33639980001',
    '+33612345678',
    'anonymous',
    '1',
    '*',
    '#',
    '99999',
    'completed',
    'no-answer',
    '%00',
    '<Response/>',
  ),
  fc.string({ minLength: 3000, maxLength: 5000 }),
);
const params = fc.dictionary(
  fc.constantFrom(
    'CallSid',
    'From',
    'To',
    'Digits',
    'DialCallStatus',
    'CallStatus',
    'Body',
    'MessageSid',
    'MessageStatus',
    'QueueResult',
    'QueuePosition',
    'DequeingCallSid',
    'ErrorCode',
    'x',
  ),
  odd,
  { maxKeys: 8 },
);
// The current names of the call-state URLs and the one-letter names still read for a release.
const query = fc.dictionary(
  fc.constantFrom(
    ...['lang', 'retries', 'attempt', 'call', 'line', 'queue', 'pro', 'silent'],
    ...['callback', 'round', 'contact'],
    ...['l', 'r', 'i', 'c', 't', 'q', 'p', 'd', 'cb', 'a'],
  ),
  fc.oneof(
    fc.string({ maxLength: 12 }),
    fc.constantFrom('en', '1', '-1', '999', '2', '+33261910015', 'line-x'),
    fc.constantFrom('00000000-0000-4000-8000-000000000001'),
  ),
  { maxKeys: 4 },
);

describe('fuzzing every /twilio route with signed random parameters', () => {
  it('answers 200 with valid TwiML (or 204 for status callbacks), never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...paths), query, params, async (path, q, p) => {
        const qs = new URLSearchParams(q).toString();
        const full = qs ? `${path}?${qs}` : path;
        const res = await signedPost(t.app, publicUrl, t.deps.config.TWILIO_AUTH_TOKEN, full, p);
        expect(res.status, `${full} ${JSON.stringify(p).slice(0, 200)}`).toBeLessThan(500);
        if (res.status === 200) expect(() => parseTwiml(res.text)).not.toThrow();
        else expect([204, 403]).toContain(res.status);
      }),
      { numRuns: 1500 },
    );
  }, 120_000);

  it('refuses unsigned, wrongly signed and signed-for-another-URL requests on every route', async () => {
    const { default: request } = await import('supertest');
    for (const path of paths) {
      const body = { CallSid: 'CA1', From: '+33612345678', To: '+33261910015' };
      expect((await request(t.app).post(path).type('form').send(body)).status).toBe(403);
      expect(
        (
          await request(t.app)
            .post(path)
            .set('X-Twilio-Signature', 'bm9wZQ==')
            .type('form')
            .send(body)
        ).status,
      ).toBe(403);
      const other = (await import('twilio')).default.getExpectedTwilioSignature(
        t.deps.config.TWILIO_AUTH_TOKEN,
        `${publicUrl}/twilio/other`,
        body,
      );
      expect(
        (await request(t.app).post(path).set('X-Twilio-Signature', other).type('form').send(body))
          .status,
      ).toBe(403);
    }
  });
});
