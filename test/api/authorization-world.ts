import { eq } from 'drizzle-orm';
import request from 'supertest';
import {
  accountInvitations,
  apiTokens,
  callRecords,
  directoryImports,
  overrides,
  professionals as professionalRows,
  services as serviceRows,
  swapRequests,
  unavailabilities,
  users as userRows,
  userTerritories,
} from '../../db/schema/index.js';
import { newLinkToken } from '../../server/access/accounts/delivery.js';
import { createTestApp, type TestApp } from '../support/app.js';
import {
  aManager,
  anAdmin,
  aProfessional,
  aService,
  aShift,
  aTerritory,
  aUser,
  type AUser,
} from '../support/factories.js';
import { webLogin, type WebSession } from '../support/web-session.js';
import type { Who } from './authorization-expectations.js';

export const now = new Date('2026-11-24T10:00:00Z');

/**
 * Two territories, A and B, each with a manager and a professional with an account, and the
 * objects of A the routes' parameters name. Fixtures named `fresh…` are made anew for each
 * request: the route consumes them (a delete, a cancel).
 */
export interface AuthorizationWorld {
  t: TestApp;
  users: Record<Who, AUser>;
  sessions: Record<Who, WebSession>;
  /** A second session of each, logged in by the API, for the first route that ends one. */
  spare: Record<Who, WebSession[]>;
  fixture(name: string): Promise<string>;
  /** What of A must never appear in an answer to B's people (ids, numbers). */
  secretsOfA: string[];
  /** What A's professional must not read either: a colleague's mobile, a caller's number. */
  secretsFromPro: string[];
}

/** A session opened by POST /api/session (its own rate limit, apart from the login form's). */
async function apiLogin(t: TestApp, user: AUser): Promise<WebSession> {
  const agent = request.agent(t.app);
  const res = await agent
    .post('/api/session')
    .send({ email: user.user.email, password: user.password });
  if (res.status !== 200) throw new Error(`API login failed: ${res.status}`);
  const csrf = String(res.body.csrf);
  return {
    agent,
    csrf,
    post: (path, fields = {}) =>
      agent
        .post(path)
        .type('form')
        .send({ _csrf: csrf, ...fields }),
  };
}

export async function authorizationWorld(): Promise<AuthorizationWorld> {
  const t = await createTestApp({ now });
  const db = t.db.db;
  const territoryA = await aTerritory(db);
  const serviceA = await aService(db, territoryA);
  const me = await aProfessional(db, serviceA);
  const colleague = await aProfessional(db, serviceA);
  const shiftA = await aShift(db, serviceA, colleague);
  const proShiftA = await aShift(db, serviceA, me, {
    startsAt: new Date('2026-11-26T19:00:00Z'),
    endsAt: new Date('2026-11-27T07:00:00Z'),
  });
  const swapShift = await aShift(db, serviceA, colleague, {
    startsAt: new Date('2026-11-28T19:00:00Z'),
    endsAt: new Date('2026-11-29T07:00:00Z'),
  });
  const [swap] = await db
    .insert(swapRequests)
    .values({ shiftId: swapShift.id, offeredBy: colleague.id, code: '7311' })
    .returning();
  const callA = 'CAauthorizationmatrix0000000000001';
  await db.insert(callRecords).values({
    callSid: callA,
    territoryId: territoryA.id,
    fromNumber: '+33612349876',
    toNumber: territoryA.number,
    startedAt: new Date('2026-11-23T22:00:00Z'),
    outcome: 'connected',
  });
  // A finished national register import of A (its report is the managers').
  const [directoryImportA] = await db
    .insert(directoryImports)
    .values({ territoryId: territoryA.id, personSource: { path: 'demo.txt' }, status: 'done' })
    .returning();
  const territoryB = await aTerritory(db);
  const serviceB = await aService(db, territoryB);
  const proB = await aProfessional(db, serviceB);

  let n = 0;
  const unavailabilityOf = async (professionalId: string) => {
    n += 1;
    const startsAt = new Date(Date.UTC(2027, 0, 1 + n));
    const [row] = await db
      .insert(unavailabilities)
      .values({ professionalId, startsAt, endsAt: new Date(startsAt.getTime() + 3600_000) })
      .returning();
    return row!.id;
  };
  const fixtures: Record<string, () => Promise<string> | string> = {
    territoryA: () => territoryA.id,
    serviceA: () => serviceA.id,
    shiftA: () => shiftA.id,
    proShiftA: () => proShiftA.id,
    colleagueA: () => colleague.id,
    callA: () => callA,
    swapA: () => swap!.id,
    directoryImportA: () => directoryImportA!.id,
    // Read at each request: the rotation rows give A's professional a new feed address.
    proIcalToken: async () =>
      (
        await db
          .select({ token: professionalRows.icalToken })
          .from(professionalRows)
          .where(eq(professionalRows.id, me.id))
      )[0]!.token,
    serviceIcalToken: async () =>
      (
        await db
          .select({ token: serviceRows.icalToken })
          .from(serviceRows)
          .where(eq(serviceRows.id, serviceA.id))
      )[0]!.token,
    freshShiftA: async () => {
      n += 1;
      const startsAt = new Date(Date.UTC(2027, 1, 1 + n, 19));
      const endsAt = new Date(startsAt.getTime() + 12 * 3600_000);
      return (await aShift(db, serviceA, null, { startsAt, endsAt })).id;
    },
    freshUnavailabilityA: () => unavailabilityOf(colleague.id),
    // An hour of A's shift taken by A's professional: the planning pages cancel it.
    freshOverrideA: async () =>
      (
        await db
          .insert(overrides)
          .values({
            shiftId: shiftA.id,
            professionalId: me.id,
            startsAt: new Date('2026-11-24T20:00:00Z'),
            endsAt: new Date('2026-11-24T21:00:00Z'),
          })
          .returning()
      )[0]!.id,
    freshProUnavailabilityA: () => unavailabilityOf(me.id),
    // Accounts: an address nobody has; a professional of A without an account (to invite); the
    // account of another professional of A (to reset or deactivate: never a caller's own).
    freshEmail: () => `invite-${(n += 1)}@matrix.test`,
    freshProfessionalA: async () =>
      (await aProfessional(db, serviceA, { email: `pro-${(n += 1)}@matrix.test` })).id,
    freshProAccountA: async () => {
      const p = await aProfessional(db, serviceA);
      return (await aUser(db, 'professional', { territories: [territoryA], professional: p })).user
        .id;
    },
    // A pending invitation link of A (the link's token is the credential): used once.
    freshInvitationToken: async () => {
      const [user] = await db
        .insert(userRows)
        .values({ email: `invited-${(n += 1)}@matrix.test`, name: 'Dr Invité', role: 'manager' })
        .returning();
      await db.insert(userTerritories).values({ userId: user!.id, territoryId: territoryA.id });
      const { token, hash } = newLinkToken();
      const expiresAt = new Date(now.getTime() + 72 * 3600_000);
      await db.insert(accountInvitations).values({ userId: user!.id, tokenHash: hash, expiresAt });
      return token;
    },
    // An API token of A's manager (to revoke: someone else's is a 404 to anyone else).
    freshManagerTokenA: async () => {
      const [row] = await db
        .insert(apiTokens)
        .values({
          userId: users.manager.user.id,
          name: 'export',
          territoryId: territoryA.id,
          tokenHash: newLinkToken().hash,
        })
        .returning();
      return row!.id;
    },
  };

  const users: Record<Who, AUser> = {
    admin: await anAdmin(db),
    manager: await aManager(db, territoryA),
    managerB: await aManager(db, territoryB),
    pro: await aUser(db, 'professional', { territories: [territoryA], professional: me }),
    proB: await aUser(db, 'professional', { territories: [territoryB], professional: proB }),
  };
  const sessions = {} as Record<Who, WebSession>;
  for (const who of Object.keys(users) as Who[])
    sessions[who] = await webLogin(t.app, users[who].user.email, users[who].password);

  const spare = {} as Record<Who, WebSession[]>;
  for (const who of Object.keys(users) as Who[]) spare[who] = [await apiLogin(t, users[who])];

  return {
    t,
    users,
    sessions,
    spare,
    async fixture(name) {
      const make = fixtures[name];
      if (!make) throw new Error(`authorization-world: no fixture named ${name}`);
      return make();
    },
    secretsFromPro: [colleague.mobile, '+33612349876'],
    secretsOfA: [
      territoryA.id,
      serviceA.id,
      colleague.mobile,
      me.mobile,
      callA,
      '+33612349876',
      // A's accounts (the Comptes list of B's manager shows B's only).
      users.manager.user.id,
      users.manager.user.email,
      users.pro.user.id,
      users.pro.user.email,
    ],
  };
}
