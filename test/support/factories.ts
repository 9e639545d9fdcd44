import { randomBytes } from 'node:crypto';
import type { Database } from '../../db/client.js';
import {
  professionals,
  serviceMembers,
  services,
  shifts,
  territories,
  territoryNumbers,
  userTerritories,
  users,
} from '../../db/schema/index.js';
import { defaultTerritorySettings } from '../../db/schema/settings.js';
import { createApiToken, hashPassword } from '../../server/access/credentials.js';

/**
 * Test data builders: each one inserts one thing into a test's own database and returns its row.
 * The defaults make a valid, unremarkable thing; a test passes only what it is about, so it says
 * what it needs instead of looking the demo up by name.
 *
 *   const territory = await aTerritory(db);                 // with a public number
 *   const service = await aService(db, territory);          // doctors, 2 levels
 *   const doctor = await aProfessional(db, service);        // a member of the service
 *   await aShift(db, service, doctor, { startsAt, endsAt, level: 1 });
 *   const manager = await aManager(db, territory);          // { user, password, token }
 *   request(app).get('/api/shifts').set('Authorization', `Bearer ${manager.token}`);
 *   await webLogin(app, manager.user.email, manager.password); // a browser session
 *
 * Names, slugs, numbers and e-mails are unique per builder call, so builders can be called any
 * number of times in one database. Phone numbers are in ARCEP's ranges reserved for fiction
 * (02 61 91 xx xx, 06 39 98 xx xx), above the demo's.
 *
 * They insert rows with drizzle rather than go through the app's commands: a builder arranges
 * the state a test starts from (including states a command refuses, e.g. an overlap written
 * before the rule existed) and writes no audit entry the test did not ask for. The app's own
 * code is used where it is the only way to make a working credential (password hash, API token).
 */

let sequence = 5000;
const next = () => (sequence += 1);
const secret = () => randomBytes(18).toString('base64url');

export type Territory = typeof territories.$inferSelect & { number: string };
export type Service = typeof services.$inferSelect;
export type Professional = typeof professionals.$inferSelect;
export type Shift = typeof shifts.$inferSelect;
export type User = typeof users.$inferSelect;

/**
 * A territory (Europe/Paris, default settings) with one public number patients dial. Its doctors
 * answer as régulateur (a 'plateforme' under a convention), as every territory did before the
 * regulation mode existed; a test of centre15 mode says so.
 */
export async function aTerritory(
  db: Database,
  fields: Partial<typeof territories.$inferInsert> & { number?: string } = {},
): Promise<Territory> {
  const n = next();
  const { number = `+3326191${n}`, ...values } = fields;
  const [row] = await db
    .insert(territories)
    .values({
      slug: `territoire-${n}`,
      name: `Territoire ${n}`,
      settings: defaultTerritorySettings,
      regulationMode: 'plateforme',
      conventionRef: `CONV-${n}`,
      conventionSignedOn: '2025-01-15',
      arsApprovedOn: '2025-02-01',
      ...values,
    })
    .returning();
  await db
    .insert(territoryNumbers)
    .values({ number, territoryId: row!.id, label: 'Numéro unique' });
  return { ...row!, number };
}

/** A service of the territory: doctors on two escalation levels unless told otherwise. */
export async function aService(
  db: Database,
  territory: { id: string },
  fields: Partial<typeof services.$inferInsert> = {},
): Promise<Service> {
  const [row] = await db
    .insert(services)
    .values({
      territoryId: territory.id,
      kind: 'doctor',
      name: `Médecin de garde ${next()}`,
      requiredLevels: 2,
      icalToken: secret(),
      ...fields,
    })
    .returning();
  return row!;
}

/** An active professional of the service's territory, member of the service, with a mobile. */
export async function aProfessional(
  db: Database,
  service: { id: string; territoryId: string },
  fields: Partial<typeof professionals.$inferInsert> = {},
): Promise<Professional> {
  const n = next();
  const [row] = await db
    .insert(professionals)
    .values({
      territoryId: service.territoryId,
      name: `Dr Test ${n}`,
      profession: 'médecin généraliste',
      mobile: `+3363998${n}`,
      icalToken: secret(),
      ...fields,
    })
    .returning();
  await db.insert(serviceMembers).values({ serviceId: service.id, professionalId: row!.id });
  return row!;
}

/**
 * An active shift of the service, held by the professional (null: an open slot). Defaults to the
 * night of Tuesday 24 November 2026, 20:00 to 08:00 Paris time, level 1.
 */
export async function aShift(
  db: Database,
  service: { id: string },
  professional: { id: string } | null,
  fields: Partial<typeof shifts.$inferInsert> = {},
): Promise<Shift> {
  const [row] = await db
    .insert(shifts)
    .values({
      serviceId: service.id,
      professionalId: professional?.id ?? null,
      startsAt: new Date('2026-11-24T19:00:00Z'),
      endsAt: new Date('2026-11-25T07:00:00Z'),
      level: 1,
      kind: 'weeknight',
      ...fields,
    })
    .returning();
  return row!;
}

export interface AUser {
  user: User;
  /** The password to log in with through the login form (`webLogin`). */
  password: string;
  /** An API token for `Authorization: Bearer …`. */
  token: string;
}

/**
 * A user of the given role, belonging to the territories (none for an admin), with a password
 * and an API token. A professional user is linked to `professional`.
 */
export async function aUser(
  db: Database,
  role: User['role'],
  options: { territories?: { id: string }[]; professional?: { id: string } } = {},
): Promise<AUser> {
  const n = next();
  const password = `mot-de-passe-${n}`;
  const [user] = await db
    .insert(users)
    .values({
      email: `${role}-${n}@test.local`,
      name: `${role} ${n}`,
      role,
      passwordHash: await hashPassword(password),
      professionalId: options.professional?.id ?? null,
    })
    .returning();
  for (const territory of options.territories ?? [])
    await db.insert(userTerritories).values({ userId: user!.id, territoryId: territory.id });
  const token = await createApiToken(db, user!.id, 'tests');
  return { user: user!, password, token };
}

/** A rota manager of the territory. */
export const aManager = (db: Database, territory: { id: string }) =>
  aUser(db, 'manager', { territories: [territory] });

/** An admin (every territory). */
export const anAdmin = (db: Database) => aUser(db, 'admin');
