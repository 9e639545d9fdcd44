import { and, eq, ne } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import {
  accountInvitations,
  callbackRequests,
  callEvents,
  callRecords,
  overrides,
  professionals,
  services,
  shifts,
  territories,
  userTerritories,
  users,
} from '../../db/schema/index.js';
import { newLinkToken } from '../../server/access/accounts/delivery.js';

export type Role = 'admin' | 'manager' | 'professional' | 'public';

export interface EveryPageWorld {
  /** A concrete URL per parameterised page (and `:service`, the doctors' service id). */
  samples: Record<string, (role: Role) => string>;
  /** The public set-password page of a pending invitation. */
  invitationUrl: string;
}

/**
 * What the every-page walk needs in the demo database to show each page with something in it: a
 * call and its events, a callback, a pending invitation and an override; and one sample URL per
 * page that takes an id.
 */
export async function seedEveryPageWorld(db: Database, now: Date): Promise<EveryPageWorld> {
  const [territory] = await db.select().from(territories);
  const [doctor] = await db.select().from(services).where(eq(services.kind, 'doctor'));
  const [shift] = await db
    .select()
    .from(shifts)
    .where(and(eq(shifts.serviceId, doctor!.id), ne(shifts.status, 'cancelled')))
    .limit(1);
  const [me] = await db
    .select()
    .from(professionals)
    .where(eq(professionals.name, 'Dr Anne Le Goff'));
  const [other] = await db
    .select()
    .from(professionals)
    .where(ne(professionals.id, me!.id))
    .limit(1);
  await db.insert(callRecords).values({
    callSid: 'CAeverypage0001',
    territoryId: territory!.id,
    fromNumber: '+33612345678',
    toNumber: '+33261910015',
    startedAt: new Date(now.getTime() - 3600_000),
    outcome: 'connected',
    durationSeconds: 240,
  });
  await db.insert(callEvents).values([
    { callSid: 'CAeverypage0001', at: now, kind: 'visit', node: 'greeting' },
    { callSid: 'CAeverypage0001', at: now, kind: 'accepted', detail: { attempt: 0 } },
  ]);
  await db.insert(callbackRequests).values({
    territoryId: territory!.id,
    serviceId: doctor!.id,
    patientNumber: '+33612345679',
    reason: 'fièvre',
    dueBy: new Date(now.getTime() + 1800_000),
  });
  // A pending invitation, so the public set-password page shows its form.
  const [invited] = await db
    .insert(users)
    .values({ email: 'invitee@every-page.test', name: 'Dr Invitée', role: 'manager' })
    .returning();
  await db.insert(userTerritories).values({ userId: invited!.id, territoryId: territory!.id });
  const link = newLinkToken();
  await db.insert(accountInvitations).values({
    userId: invited!.id,
    tokenHash: link.hash,
    expiresAt: new Date(now.getTime() + 72 * 3600_000),
  });
  // An override, so its cancel confirmation has something to show.
  const [override] = await db
    .insert(overrides)
    .values({
      shiftId: shift!.id,
      professionalId: other!.id,
      startsAt: shift!.startsAt,
      endsAt: shift!.endsAt,
    })
    .returning();
  const samples: EveryPageWorld['samples'] = {
    '/rota/shifts/:id/edit': () => `/rota/shifts/${shift!.id}/edit`,
    '/rota/shifts/:id/cancel': () => `/rota/shifts/${shift!.id}/cancel`,
    '/rota/shifts/:id/history': () => `/rota/shifts/${shift!.id}/history`,
    '/rota/overrides/:id/cancel': () => `/rota/overrides/${override!.id}/cancel`,
    '/calls/:sid': () => '/calls/CAeverypage0001',
    '/calls/:callId/crra': () => '/calls/CAeverypage0001/crra',
    '/territories/:id/regulation': () => `/territories/${territory!.id}/regulation`,
    '/professionals/:id/edit': (role) =>
      `/professionals/${role === 'professional' ? me!.id : other!.id}/edit`,
    ':service': () => doctor!.id,
  };
  return { samples, invitationUrl: `/invitation?token=${link.token}` };
}
