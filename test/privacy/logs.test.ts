import { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smsMessages } from '../../db/schema/index.js';
import { createApp } from '../../server/app.js';
import { createLogger } from '../../server/platform/logger.js';
import { createTestApp, type TestApp } from '../support/app.js';
import {
  aProfessional,
  aService,
  aTerritory,
  aUser,
  type Territory,
} from '../support/factories.js';
import { signedPost } from '../support/twilio-post.js';
import type { Express } from 'express';

/**
 * Issue 14, "Done when": logs contain no phone number, SMS body or token in clear. A
 * representative run (form login, an inbound SMS, the same SMS failing in the database, iCal
 * feeds, API calls) with the logger at debug level writing to a buffer, then grepped.
 */
// http: the login cookies of an https service are Secure, and supertest speaks plain http.
const publicUrl = 'http://garde.test';
const lines: string[] = [];
let t: TestApp;
let app: Express;
let territory: Territory;
const caller = '+33612345678';
const smsBody = 'Mon fils a 40 de fièvre, rappelez au 06 98 76 54 32 svp, 12 rue des Lilas';
const secrets: string[] = [];

beforeAll(async () => {
  t = await createTestApp({ publicUrl });
  const sink = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  const logger = createLogger('debug', false, sink);
  app = createApp({ ...t.deps, logger });
  territory = await aTerritory(t.db.db);
  const pro = await aProfessional(t.db.db, await aService(t.db.db, territory));
  const user = await aUser(t.db.db, 'manager', { territories: [territory] });
  secrets.push(pro.icalToken, user.password, user.token);

  const agent = request.agent(app);
  const page = await agent.get('/login');
  const login = await agent
    .post('/login')
    .type('form')
    .send({
      email: user.user.email,
      password: user.password,
      _csrf: /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1] ?? '',
    });
  expect(login.status).toBe(303);
  await agent.get('/');
  await request(app).get('/api/professionals').set('authorization', `Bearer ${user.token}`);
  await request(app).get(`/ical/professional/${pro.icalToken}.ics`);
  await request(app).get(`/ical/professional/${pro.icalToken}.ics?from=${caller}`);
  const sms = (sid: string) =>
    signedPost(app, publicUrl, t.deps.config.TWILIO_AUTH_TOKEN, '/twilio/sms', {
      MessageSid: sid,
      From: caller,
      To: territory.number,
      Body: smsBody,
      NumMedia: '0',
    });
  await sms(`SM${'1'.padStart(32, '0')}`);
  // The same SMS while the database refuses it: drizzle's error names the query and its values.
  await t.db.sql`alter table sms_messages add constraint refuse_all check (false) not valid`;
  await sms(`SM${'2'.padStart(32, '0')}`);
  await t.db.sql`alter table sms_messages drop constraint refuse_all`;
  // A failed query logged directly, as a job would.
  await t.db.db
    .insert(smsMessages)
    .values({
      direction: 'inbound',
      from: caller,
      to: 'x',
      body: smsBody,
      territoryId: sql`'nope'`,
    } as never)
    .catch((err: unknown) => logger.error({ err }, 'insert failed'));
  await new Promise((r) => setTimeout(r, 100));
});
afterAll(() => t.close());

describe('logs of a representative run', () => {
  it('logged the run (requests, the failed query)', () => {
    const text = lines.join('');
    expect(text).toContain('/twilio/sms');
    expect(text).toMatch(/Failed query|insert failed/);
  });

  it('hold no phone number, SMS body, password or token in clear', () => {
    const text = lines.join('');
    expect(text).not.toMatch(/\+33\d{9}/);
    expect(text).not.toMatch(/\b0[1-9](?:[ .-]?\d{2}){4}\b/);
    for (const word of ['fièvre', 'Lilas', 'rappelez']) expect(text).not.toContain(word);
    for (const secret of secrets) expect(text).not.toContain(secret);
  });

  it('write each request with its status code', () => {
    const completed = lines
      .map((line) => JSON.parse(line) as { msg?: string; res?: { statusCode: number | null } })
      .filter((entry) => entry.res);
    expect(completed.length).toBeGreaterThan(5);
    for (const entry of completed) expect(entry.res!.statusCode).toEqual(expect.any(Number));
  });
});
