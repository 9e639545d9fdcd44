import express from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { twilioBudgets, withinBudget } from './within-budget.js';

/** An app whose handlers answer after `delayMs`, behind the budgets (shortened 10×). */
function slowApp(delayMs: number) {
  const budgets = twilioBudgets('https://garde.test', '+33299000015');
  const app = express();
  app.use(
    withinBudget((path) => {
      const budget = budgets(path);
      return budget && { ...budget, ms: budget.ms / 10 };
    }),
  );
  app.post('/{*path}', async (_req, res) => {
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    res.status(200).type('text/xml').send('<Response><Say>late</Say></Response>');
  });
  return app;
}

describe('every webhook answers within its budget', () => {
  it('a status callback over budget gets 204, and the late answer is dropped without error', async () => {
    const started = Date.now();
    const res = await request(slowApp(1000)).post('/status');
    expect(res.status).toBe(204);
    expect(Date.now() - started).toBeLessThan(900);
  });

  it('a callback leg over budget gets valid TwiML (an apology, then hang up)', async () => {
    const res = await request(slowApp(1000)).post('/callback/screen');
    expect(res.status).toBe(200);
    expect(res.type).toBe('text/xml');
    expect(res.text).toMatch(/<Say[^>]*>Excusez-nous.*<\/Say><Hangup\/><\/Response>$/);
  });

  it('the patient line over budget is put through to the staffed line', async () => {
    const res = await request(slowApp(1500)).post('/voice/menu');
    expect(res.text).toMatch(/<Dial[^>]*>.*\+33299000015.*<\/Dial>/);
  });

  it("a professional's own leg over budget hears an apology and is hung up, never dialled onwards", async () => {
    for (const node of ['screen', 'screen-result', 'queue-offer', 'queue-take']) {
      const res = await request(slowApp(1000)).post(`/voice/${node}`);
      expect(res.text).toMatch(/<Say[^>]*>Excusez-nous.*<\/Say><Hangup\/><\/Response>$/);
      expect(res.text).not.toMatch(/<Dial/);
    }
  });

  it('the hold wait document over budget leaves the queue (the only valid verb there)', async () => {
    const res = await request(slowApp(1000)).post('/voice/hold-wait');
    expect(res.text).toMatch(/<Response><Leave\/><\/Response>$/);
  });

  it('the <Queue url> of a caller being taken over budget is empty: the bridge goes ahead', async () => {
    const res = await request(slowApp(1000)).post('/voice/queue-dequeued');
    expect(res.text).toMatch(/<Response\/>$/);
  });

  it('a webhook within its budget answers as it wants', async () => {
    const res = await request(slowApp(10)).post('/callback/screen');
    expect(res.text).toMatch(/late/);
  });
});
