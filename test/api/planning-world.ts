import { defaultDoctorTemplate } from '../../db/seed/demo-territory.js';
import { createTestApp, type TestApp } from '../support/app.js';
import {
  aManager,
  anAdmin,
  aProfessional,
  aService,
  aShift,
  aTerritory,
  aUser,
  type Professional,
  type Service,
  type Shift,
  type Territory,
} from '../support/factories.js';

export const now = new Date('2026-11-24T10:00:00Z');

/** The rota the planning API tests work on, built with the shared builders. */
export interface PlanningWorld {
  t: TestApp;
  territory: Territory;
  doctor: Service;
  /** Six members of the doctor service; Annie and Yann are the first two. */
  doctors: Professional[];
  annie: Professional;
  other: Professional;
  /** The doctor service's nights from 24 November for thirty nights, two levels each. */
  rota: Shift[];
  /** `Authorization` header values. */
  manager: string;
  admin: string;
  annieBearer: string;
  yann: string;
}

export async function planningWorld(): Promise<PlanningWorld> {
  const t = await createTestApp({ now });
  const db = t.db.db;
  const territory = await aTerritory(db);
  const doctor = await aService(db, territory, { template: defaultDoctorTemplate });
  const doctors: Professional[] = [];
  for (let i = 0; i < 6; i++) doctors.push(await aProfessional(db, doctor));
  const [annie, other] = doctors as [Professional, Professional];
  // Level 1 turns through all six, level 2 through the last three only: an uneven load.
  const rota: Shift[] = [];
  for (let night = 0; night < 30; night++) {
    const startsAt = new Date(Date.UTC(2026, 10, 24 + night, 19));
    const endsAt = new Date(startsAt.getTime() + 12 * 3_600_000);
    rota.push(await aShift(db, doctor, doctors[night % 6]!, { startsAt, endsAt, level: 1 }));
    rota.push(
      await aShift(db, doctor, doctors[3 + ((night + 1) % 3)]!, { startsAt, endsAt, level: 2 }),
    );
  }
  const bearer = (user: { token: string }) => `Bearer ${user.token}`;
  const pro = (professional: Professional) =>
    aUser(db, 'professional', { territories: [territory], professional });
  return {
    t,
    territory,
    doctor,
    doctors,
    annie,
    other,
    rota,
    manager: bearer(await aManager(db, territory)),
    admin: bearer(await anAdmin(db)),
    annieBearer: bearer(await pro(annie)),
    yann: bearer(await pro(other)),
  };
}

/** A French mobile as people write it: +33639985001 → 06 39 98 50 01. */
export const national = (mobile: string) => `0${mobile.slice(3)}`.replace(/(\d{2})(?=\d)/g, '$1 ');
