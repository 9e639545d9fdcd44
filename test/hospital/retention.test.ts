import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  hl7Messages,
  hospitalStays,
  returnHomeItems,
  stayMovements,
  stayNotices,
} from '../../db/schema/index.js';
import { retentionPurge } from '../../server/platform/retention-purge-job.js';
import { processJob } from '../../server/workers.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { aTerritory } from '../support/factories.js';
import { aDirectoryEntry, aMovement, aStay } from '../support/hospital.js';

// Issue 19, part 4: hospital data goes `hospitalDays` (365 by default) after discharge or cancel,
// with its movements, ADT messages, notices and checklist; a stay still open stays whole.
const now = new Date('2026-11-24T03:30:00Z');
const daysAgo = (days: number) => new Date(now.getTime() - days * 24 * 3600_000);
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ now });
});
afterAll(() => t.close());

describe('the hospital retention', () => {
  it('deletes stays discharged or cancelled past hospitalDays, and all that hangs on them', async () => {
    const db = t.db.db;
    const territory = await aTerritory(db);
    const gp = await aDirectoryEntry(db, territory, { mobile: null, mssante: null });
    const old = await aStay(db, territory, gp, {
      status: 'discharged',
      admittedAt: daysAgo(400),
      dischargedAt: daysAgo(390),
    });
    const cancelled = await aStay(db, territory, gp, {
      status: 'cancelled',
      updatedAt: daysAgo(370),
    });
    const recent = await aStay(db, territory, gp, {
      status: 'discharged',
      dischargedAt: daysAgo(100),
    });
    // Admitted long ago and still in hospital: kept, with its old message.
    const open = await aStay(db, territory, gp, { admittedAt: daysAgo(500) });
    const stays = [old, cancelled, recent, open];
    const movements = [];
    for (const stay of stays) {
      const m = await aMovement(db, stay, 'A01', { receivedAt: daysAgo(500) });
      await processJob(t.deps, {
        name: 'hospital-stay-notice',
        data: { stayId: stay.id, movementId: m.id },
      });
      movements.push(m);
    }
    expect((await db.select().from(stayNotices).where(eq(stayNotices.stayId, old.id))).length).toBe(
      1,
    );

    await retentionPurge({ db: t.deps.db, now: () => now });

    const left = await db
      .select({ id: hospitalStays.id })
      .from(hospitalStays)
      .where(
        inArray(
          hospitalStays.id,
          stays.map((s) => s.id),
        ),
      );
    expect(left.map((s) => s.id).sort()).toEqual([recent.id, open.id].sort());
    const movementsLeft = await db
      .select({ stayId: stayMovements.stayId, messageId: stayMovements.messageId })
      .from(stayMovements)
      .where(
        inArray(
          stayMovements.id,
          movements.map((m) => m.id),
        ),
      );
    expect(movementsLeft.map((m) => m.stayId).sort()).toEqual([recent.id, open.id].sort());
    const messages = await db
      .select({ id: hl7Messages.id })
      .from(hl7Messages)
      .where(
        inArray(
          hl7Messages.id,
          movements.map((m) => m.messageId),
        ),
      );
    expect(messages.map((m) => m.id).sort()).toEqual(movementsLeft.map((m) => m.messageId).sort());
    for (const gone of [old, cancelled]) {
      expect(await db.select().from(stayNotices).where(eq(stayNotices.stayId, gone.id))).toEqual(
        [],
      );
      expect(
        await db.select().from(returnHomeItems).where(eq(returnHomeItems.stayId, gone.id)),
      ).toEqual([]);
    }
  });

  it('deletes old ADT messages that carry no kept movement (refused ones included)', async () => {
    const db = t.db.db;
    const [refused] = await db
      .insert(hl7Messages)
      .values({
        territoryId: null,
        sendingFacility: 'INCONNU',
        controlId: 'REFUSED-1',
        raw: 'MSH|^~\\&|X|INCONNU',
        ackCode: 'AR',
        ack: 'MSA|AR|REFUSED-1',
        receivedAt: daysAgo(400),
      })
      .returning();
    await retentionPurge({ db: t.deps.db, now: () => now });
    expect(await db.select().from(hl7Messages).where(eq(hl7Messages.id, refused!.id))).toEqual([]);
  });
});
