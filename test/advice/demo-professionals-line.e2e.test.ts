import { afterAll, beforeAll, expect, it } from 'vitest';
import { demoAdvice } from '../../db/seed/demo-advice.js';
import { seedDemo } from '../../db/seed/seed-demo.js';
import { startLiveService, type LiveService } from '../support/live.js';

// A Wednesday at 03:00 in Paris: the demo rheumatologist's windows cover every hour.
const now = new Date('2026-11-25T02:00:00Z');
let s: LiveService;

beforeAll(async () => {
  s = await startLiveService({ now, numbers: ['+33261910015', demoAdvice.professionalsLine] });
  const seeded = await seedDemo(s.db.db, now);
  // Seeding twice changes nothing (the embedded default seeds on every start).
  await seedDemo(s.db.db, now);
  expect(seeded).toMatchObject({
    professionalsLine: demoAdvice.professionalsLine,
    demoGpMobile: demoAdvice.gpMobile,
  });
});
afterAll(() => s.close());

it("the banner's command works on the demo: the GP reaches the rheumatologist", async () => {
  const call = await s.emulator.phone(demoAdvice.gpMobile).dial(demoAdvice.professionalsLine);
  await call.hears(/rhumatologie, tapez 1/);
  await call.press('1');
  const ring = await s.emulator.phone(demoAdvice.rheumatologist.mobile).rings();
  await ring.answer();
  await ring.press('1');
  await call.isConnectedTo(demoAdvice.rheumatologist.mobile);
  await call.hangup();
});
