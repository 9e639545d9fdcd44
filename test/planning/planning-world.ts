import type { Database } from '../../db/client.js';
import { defaultDoctorTemplate } from '../../db/seed/demo-territory.js';
import {
  aManager,
  aProfessional,
  aService,
  aShift,
  aTerritory,
  aUser,
} from '../support/factories.js';

/**
 * The world the planning tests write against, made of the shared builders
 * (test/support/factories.ts): a territory with a doctor service on the PDSA template, a second
 * service, three members, an outsider of the territory who is no member, and a manager.
 */
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
  managerPassword: string;
  /** `Authorization` header value of the territory's manager. */
  bearer: string;
}

export async function buildTerritory(db: Database, name: string): Promise<Territory> {
  const territory = await aTerritory(db, { name });
  const service = await aService(db, territory, {
    name: `Médecin ${name}`,
    template: defaultDoctorTemplate,
  });
  const other = await aService(db, territory, { kind: 'pharmacy', name: `Pharmacie ${name}` });
  const doctors = [];
  for (let i = 0; i < 3; i++) doctors.push((await aProfessional(db, service)).id);
  // A member of the other service only: of the territory, but not of the doctor service.
  const outsider = await aProfessional(db, other, { name: `Dr Dehors ${name}` });
  const manager = await aManager(db, territory);
  return {
    id: territory.id,
    serviceId: service.id,
    otherServiceId: other.id,
    doctors,
    outsider: outsider.id,
    managerEmail: manager.user.email,
    managerPassword: manager.password,
    bearer: `Bearer ${manager.token}`,
  };
}

/** A shift written straight to the database (the state a door is tested against). */
export const putShift = (
  db: Database,
  values: {
    serviceId: string;
    professionalId: string | null;
    startsAt: string;
    endsAt: string;
    level?: number;
  },
) =>
  aShift(
    db,
    { id: values.serviceId },
    values.professionalId ? { id: values.professionalId } : null,
    {
      level: values.level ?? 1,
      kind: null,
      startsAt: new Date(values.startsAt),
      endsAt: new Date(values.endsAt),
    },
  );

/** `Authorization` header of a professional's own account (swaps are theirs to take). */
export async function professionalBearer(
  db: Database,
  professionalId: string,
  territoryId: string,
): Promise<string> {
  const pro = await aUser(db, 'professional', {
    territories: [{ id: territoryId }],
    professional: { id: professionalId },
  });
  return `Bearer ${pro.token}`;
}
