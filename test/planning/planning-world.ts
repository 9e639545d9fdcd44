import { randomBytes } from 'node:crypto';
import type { Database } from '../../db/client.js';
import {
  professionals,
  serviceMembers,
  services,
  shifts,
  territories,
  userTerritories,
  users,
} from '../../db/schema/index.js';
import { defaultTerritorySettings } from '../../db/schema/settings.js';
import { defaultDoctorTemplate } from '../../db/seed/demo-territory.js';
import { createApiToken, hashPassword } from '../../server/access/credentials.js';

export const worldPassword = 'garde-test-2026';
const token = () => randomBytes(12).toString('hex');
let mobiles = 0;

export interface Territory {
  id: string;
  /** A doctor service with the default PDSA template. */
  serviceId: string;
  /** A second service of the same territory. */
  otherServiceId: string;
  /** Members of the doctor service. */
  doctors: string[];
  /** A professional of the territory who is no member of the doctor service. */
  outsider: string;
  managerEmail: string;
  /** `Authorization` header value of the territory's manager. */
  bearer: string;
}

/** One territory built for a test: two services, members, an outsider, a manager with a token. */
export async function buildTerritory(db: Database, slug: string): Promise<Territory> {
  const [territory] = await db
    .insert(territories)
    .values({ slug, name: slug, settings: defaultTerritorySettings })
    .returning();
  const [service, other] = await db
    .insert(services)
    .values([
      {
        territoryId: territory!.id,
        kind: 'doctor',
        name: `Médecin ${slug}`,
        template: defaultDoctorTemplate,
        icalToken: token(),
      },
      {
        territoryId: territory!.id,
        kind: 'pharmacy',
        name: `Pharmacie ${slug}`,
        icalToken: token(),
      },
    ])
    .returning();
  const people = await db
    .insert(professionals)
    .values(
      ['A', 'B', 'C', 'Dehors'].map((n) => ({
        territoryId: territory!.id,
        name: `Dr ${n} ${slug}`,
        profession: 'médecin généraliste',
        mobile: `+3363998${String(9000 + ++mobiles)}`,
        icalToken: token(),
      })),
    )
    .returning();
  const doctors = people.slice(0, 3).map((p) => p.id);
  await db
    .insert(serviceMembers)
    .values(doctors.map((professionalId) => ({ serviceId: service!.id, professionalId })));
  const managerEmail = `manager@${slug}.local`;
  const [manager] = await db
    .insert(users)
    .values({
      email: managerEmail,
      name: `Manager ${slug}`,
      role: 'manager',
      passwordHash: await hashPassword(worldPassword),
    })
    .returning();
  await db.insert(userTerritories).values({ userId: manager!.id, territoryId: territory!.id });
  return {
    id: territory!.id,
    serviceId: service!.id,
    otherServiceId: other!.id,
    doctors,
    outsider: people[3]!.id,
    managerEmail,
    bearer: `Bearer ${await createApiToken(db, manager!.id, 'test')}`,
  };
}

/** A shift written straight to the database (the state a door is tested against). */
export async function putShift(
  db: Database,
  values: {
    serviceId: string;
    professionalId: string | null;
    startsAt: string;
    endsAt: string;
    level?: number;
  },
) {
  const [row] = await db
    .insert(shifts)
    .values({
      ...values,
      level: values.level ?? 1,
      startsAt: new Date(values.startsAt),
      endsAt: new Date(values.endsAt),
    })
    .returning();
  return row!;
}

/** `Authorization` header of a professional's own account (swaps are theirs to take). */
export async function professionalBearer(
  db: Database,
  professionalId: string,
  territoryId: string,
): Promise<string> {
  const [user] = await db
    .insert(users)
    .values({
      email: `pro-${professionalId}@test.local`,
      name: 'Professionnel',
      role: 'professional',
      passwordHash: 'x',
      professionalId,
    })
    .returning();
  await db.insert(userTerritories).values({ userId: user!.id, territoryId });
  return `Bearer ${await createApiToken(db, user!.id, 'test')}`;
}
