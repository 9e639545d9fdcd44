import { randomBytes } from 'node:crypto';
import { hash } from '@node-rs/argon2';
import { eq } from 'drizzle-orm';
import type { Database, Tx } from '../client.js';
import {
  professionals,
  serviceMembers,
  services,
  territories,
  territoryNumbers,
  userTerritories,
  users,
} from '../schema/index.js';
import { defaultTerritorySettings } from '../schema/settings.js';
import {
  defaultDoctorTemplate,
  demoPassword,
  demoProfessionals,
  demoTerritory,
  demoUsers,
  pharmacyTemplate,
} from './demo-territory.js';
import { fillDemoRota } from './demo-rota.js';
import { seedDemoDirectory } from './demo-directory.js';
import { demoAdvice, seedDemoAdvice } from './demo-advice.js';

export interface DemoSeedResult {
  territoryId: string;
  territoryName: string;
  publicNumber: string;
  /** The professionals' line and a demo GP who may call it (`npm run call -- --from … --to …`). */
  professionalsLine: string;
  demoGpMobile: string;
  managerEmail: string;
  password: string;
  created: boolean;
  shiftsCreated: number;
  /** People of the national register (shipped extraction) added to the directory by this run. */
  directoryCreated: number;
}

const token = () => randomBytes(18).toString('base64url');

/**
 * Seeds the demo territory "Pays d'Auray". Idempotent: the territory, its people and users are
 * created once; the rota is topped up so that the next 90 days are always covered.
 */
export async function seedDemo(db: Database, now: Date): Promise<DemoSeedResult> {
  // Its accounts share a password printed in the README: a production database never gets them.
  if (process.env.NODE_ENV === 'production')
    throw new Error('The demo seed is refused with NODE_ENV=production (npm run create-admin).');
  const passwordHash = await hash(demoPassword);
  const { territoryId, created } = await db.transaction(async (tx) => {
    const [existing] = await tx
      .select({ id: territories.id })
      .from(territories)
      .where(eq(territories.slug, demoTerritory.slug));
    if (existing) return { territoryId: existing.id, created: false };
    return { territoryId: await createDemoTerritory(tx, passwordHash), created: true };
  });
  const shiftsCreated = await fillDemoRota(db, territoryId, now, 90);
  const directory = await seedDemoDirectory(db, territoryId, now);
  await seedDemoAdvice(db, territoryId);
  return {
    territoryId,
    territoryName: demoTerritory.name,
    publicNumber: demoTerritory.publicNumber,
    professionalsLine: demoAdvice.professionalsLine,
    demoGpMobile: demoAdvice.gpMobile,
    managerEmail: demoUsers[1]!.email,
    password: demoPassword,
    created,
    shiftsCreated,
    directoryCreated: directory?.created ?? 0,
  };
}

async function createDemoTerritory(tx: Tx, passwordHash: string): Promise<string> {
  const [territory] = await tx
    .insert(territories)
    .values({
      slug: demoTerritory.slug,
      name: demoTerritory.name,
      fallbackNumber: demoTerritory.fallbackNumber,
      daytimeNumber: demoTerritory.daytimeNumber,
      hl7Facilities: demoTerritory.hl7Facilities,
      ...demoTerritory.regulation,
      settings: defaultTerritorySettings,
    })
    .returning({ id: territories.id });
  const territoryId = territory!.id;
  await tx
    .insert(territoryNumbers)
    .values({ number: demoTerritory.publicNumber, territoryId, label: 'Numéro unique' });
  const serviceRows = await tx
    .insert(services)
    .values([
      {
        territoryId,
        kind: 'doctor' as const,
        name: 'Médecin de garde (MMG)',
        requiredLevels: 2,
        template: defaultDoctorTemplate,
        icalToken: token(),
      },
      {
        territoryId,
        kind: 'pharmacy' as const,
        name: 'Pharmacie de garde',
        requiredLevels: 1,
        template: pharmacyTemplate,
        icalToken: token(),
      },
      {
        territoryId,
        kind: 'respiratory_physio' as const,
        name: 'Kiné respiratoire',
        requiredLevels: 1,
        template: [],
        icalToken: token(),
      },
    ])
    .returning({ id: services.id, kind: services.kind });
  const serviceByKind = new Map(serviceRows.map((s) => [s.kind, s.id]));
  const people = await tx
    .insert(professionals)
    .values(
      demoProfessionals.map((p) => ({
        territoryId,
        name: p.name,
        profession: p.profession,
        mobile: p.mobile,
        languages: p.languages,
        icalToken: token(),
      })),
    )
    .returning({ id: professionals.id, name: professionals.name });
  await tx.insert(serviceMembers).values(
    people.map((person, i) => ({
      serviceId: serviceByKind.get(demoProfessionals[i]!.service)!,
      professionalId: person.id,
    })),
  );
  const personByName = new Map(people.map((p) => [p.name, p.id]));
  for (const user of demoUsers) {
    const [row] = await tx
      .insert(users)
      .values({
        email: user.email,
        name: user.name,
        role: user.role,
        passwordHash,
        professionalId:
          'professional' in user && user.professional
            ? (personByName.get(user.professional) ?? null)
            : null,
      })
      .returning({ id: users.id });
    if (user.role !== 'admin')
      await tx.insert(userTerritories).values({ userId: row!.id, territoryId });
  }
  return territoryId;
}
