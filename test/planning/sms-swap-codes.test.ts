import { eq } from 'drizzle-orm';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { swapCodeAttempts, swapRequests } from '../../db/schema/index.js';
import { maxWrongSwapCodes } from '../../server/sms/swap-replies-attempts.js';
import { createTestApp, type TestApp } from '../support/app.js';
import {
  aProfessional,
  aService,
  aShift,
  aTerritory,
  type Professional,
  type Shift,
  type Territory,
} from '../support/factories.js';
import { signedPost } from '../support/twilio-post.js';

// Swap codes answered by SMS: six digits, meaningful only on the territory texted, a few wrong tries.
const publicUrl = 'https://garde.test';
const now = new Date('2026-11-24T10:00:00Z');
let t: TestApp;
let north: Territory;
let south: Territory;
let owner: Professional;
let colleague: Professional;
let guesser: Professional;
let outsider: Professional;
let shift: Shift;

beforeAll(async () => {
  t = await createTestApp({ publicUrl, now });
  const db = t.db.db;
  north = await aTerritory(db);
  south = await aTerritory(db);
  const doctors = await aService(db, north);
  owner = await aProfessional(db, doctors);
  colleague = await aProfessional(db, doctors);
  guesser = await aProfessional(db, doctors);
  outsider = await aProfessional(db, await aService(db, south));
  shift = await aShift(db, doctors, owner, { level: 1 });
});
afterAll(() => t.close());

let n = 0;
async function text(from: string, to: string, body: string): Promise<string> {
  n += 1;
  const res = await signedPost(t.app, publicUrl, t.deps.config.TWILIO_AUTH_TOKEN, '/twilio/sms', {
    MessageSid: `SM${String(n).padStart(32, '0')}`,
    From: from,
    To: to,
    Body: body,
    NumMedia: '0',
  });
  expect(res.status).toBe(200);
  const parsed = new XMLParser().parse(res.text) as { Response: { Message?: string } | '' };
  return typeof parsed.Response === 'object' ? (parsed.Response.Message ?? '') : '';
}

const theSwap = async () =>
  (await t.db.db.select().from(swapRequests).where(eq(swapRequests.shiftId, shift.id)))[0]!;

describe('SMS swap codes', () => {
  it('are six digits and mean nothing on another territory', async () => {
    expect(await text(owner.mobile, north.number, 'ECHANGE 24/11')).toMatch(/proposée/);
    const swap = await theSwap();
    expect(swap.code).toMatch(/^\d{6}$/);
    // A professional of the south texting the south's number with the north's code: unknown.
    expect(await text(outsider.mobile, south.number, `OUI ${swap.code}`)).toMatch(
      /code est inconnu/,
    );
    expect((await theSwap()).status).toBe('offered');
  });

  it(`refuse every code after ${maxWrongSwapCodes} wrong ones from the same sender, counted in PostgreSQL`, async () => {
    const swap = await theSwap();
    const wrong = swap.code === '000000' ? '000001' : '000000';
    for (let i = 0; i < maxWrongSwapCodes; i++)
      expect(await text(guesser.mobile, north.number, `OUI ${wrong}`)).toMatch(/inconnu/);
    // Even the right code is refused now, and the offer is still open for the others.
    expect(await text(guesser.mobile, north.number, `OUI ${swap.code}`)).toMatch(/Trop de codes/);
    expect((await theSwap()).status).toBe('offered');
    // The counter is shared storage, keyed without the number in clear.
    const rows = await t.db.db.select().from(swapCodeAttempts);
    expect(rows.some((r) => r.failures >= maxWrongSwapCodes)).toBe(true);
    expect(JSON.stringify(rows)).not.toContain(guesser.mobile.slice(3));
    // Another sender is not held back by the guesser.
    expect(await text(colleague.mobile, north.number, `OUI ${swap.code}`)).toMatch(/Vous prenez/);
  });
});
