import { eq } from 'drizzle-orm';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { territories } from '../../db/schema/index.js';
import type { TestApp } from '../support/app.js';
import type { Territory } from '../support/factories.js';
import { planningWorld } from '../api/planning-world.js';

let t: TestApp;
let territory: Territory;
let manager: string;

beforeAll(async () => {
  ({ t, territory, manager } = await planningWorld());
});
afterAll(() => t.close());

describe("the line's settings of a territory", () => {
  it('a manager sets the hold limit and marks the fallback line a staffed call centre', async () => {
    const [before] = await t.db.db
      .select()
      .from(territories)
      .where(eq(territories.id, territory.id));
    expect(before).toMatchObject({ holdLimitSeconds: 180, fallbackIsCallCentre: false });
    const patch = await request(t.app)
      .patch(`/api/territories/${territory.id}`)
      .set('Authorization', manager)
      .send({ holdLimitSeconds: 90, fallbackIsCallCentre: true });
    expect(patch.status).toBe(200);
    const [after] = await t.db.db
      .select()
      .from(territories)
      .where(eq(territories.id, territory.id));
    expect(after).toMatchObject({ holdLimitSeconds: 90, fallbackIsCallCentre: true });
    // A limit of a few seconds would drop callers out of the queue at once.
    const tooShort = await request(t.app)
      .patch(`/api/territories/${territory.id}`)
      .set('Authorization', manager)
      .send({ holdLimitSeconds: 5 });
    expect(tooShort.status).toBe(400);
  });
});
