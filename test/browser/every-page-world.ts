import { and, eq, ne } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import {
  accountInvitations,
  callbackRequests,
  callEvents,
  callRecords,
  directoryEntries,
  hospitalStays,
  overrides,
  returnHomeItems,
  professionals,
  regulationFiches,
  services,
  shifts,
  territories,
  userTerritories,
  users,
} from '../../db/schema/index.js';
import { newLinkToken } from '../../server/access/accounts/delivery.js';
import { aDirectoryEntry } from '../support/directory-entries.js';

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
  // A call Dr Anne Le Goff took as régulateur: the MMG consultation page books from it.
  const [booking] = await db
    .insert(callRecords)
    .values({
      callSid: 'CAeverypage0002',
      territoryId: territory!.id,
      fromNumber: '+33612345670',
      toNumber: '+33261910015',
      startedAt: new Date(now.getTime() - 1800_000),
      connectedProfessionalId: me!.id,
      outcome: 'connected',
    })
    .returning();
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
  // A call Dr Le Goff took as régulateur, its fiche unfinished 3 h on (the dashboard lists it).
  const [regulated] = await db
    .insert(callRecords)
    .values({
      callSid: 'CAeverypagefiche01',
      territoryId: territory!.id,
      fromNumber: '+33612345670',
      toNumber: '+33261910015',
      startedAt: new Date(now.getTime() - 3 * 3600_000 - 600_000),
      connectedProfessionalId: me!.id,
      endedAt: new Date(now.getTime() - 3 * 3600_000),
      outcome: 'connected',
    })
    .returning();
  await db.insert(regulationFiches).values({
    callId: regulated!.id,
    territoryId: territory!.id,
    regulatorId: me!.id,
    createdAt: new Date(now.getTime() - 3 * 3600_000),
  });
  const stay = await aHospitalStay(db, territory!.id, me!.id, now);
  // The shared directory: a rheumatologist with two places and her lines, and Dr Le Goff's own
  // entry (unless the demo seed already links one to her).
  const specialist = await aDirectoryEntry(
    db,
    territory!,
    {
      lastName: 'LE BIHAN',
      firstName: 'Soizic',
      specialtyCodes: ['SM48'],
      directLine: '+33297240011',
      mssante: 'soizic.lebihan@medecin.mssante.fr',
    },
    [
      {
        structureName: 'Centre hospitalier Bretagne Atlantique',
        communeName: 'Vannes',
        inseeCommune: '56260',
        postcode: '56000',
        phone: '+33297017099',
      },
      {
        structureName: 'Cabinet de rhumatologie',
        communeName: 'Auray',
        inseeCommune: '56007',
        postcode: '56400',
      },
    ],
  );
  const [linked] = await db
    .select({ id: directoryEntries.id })
    .from(directoryEntries)
    .where(eq(directoryEntries.professionalId, me!.id));
  const own =
    linked ??
    (await aDirectoryEntry(db, territory!, {
      lastName: 'LE GOFF',
      firstName: 'Anne',
      professionalId: me!.id,
    }));
  const samples: EveryPageWorld['samples'] = {
    '/rota/shifts/:id/edit': () => `/rota/shifts/${shift!.id}/edit`,
    '/rota/shifts/:id/cancel': () => `/rota/shifts/${shift!.id}/cancel`,
    '/rota/shifts/:id/history': () => `/rota/shifts/${shift!.id}/history`,
    '/rota/overrides/:id/cancel': () => `/rota/overrides/${override!.id}/cancel`,
    '/calls/:sid': () => '/calls/CAeverypage0001',
    '/calls/:callId/fiche': () => `/calls/${regulated!.id}/fiche`,
    '/calls/:callId/consultation': () => `/calls/${booking!.id}/consultation`,
    '/calls/:callId/crra': () => '/calls/CAeverypage0001/crra',
    '/territories/:id/regulation': () => `/territories/${territory!.id}/regulation`,
    '/professionals/:id/edit': (role) =>
      `/professionals/${role === 'professional' ? me!.id : other!.id}/edit`,
    '/directory/entries/:id': () => `/directory/entries/${specialist.id}`,
    '/directory/entries/:id/edit': (role) =>
      `/directory/entries/${role === 'professional' ? own.id : specialist.id}/edit`,
    ':service': () => doctor!.id,
    '/hospital/stays/:id': () => `/hospital/stays/${stay}`,
  };
  return { samples, invitationUrl: `/invitation?token=${link.token}` };
}

/**
 * A stay whose médecin traitant is the professional who logs in (her directory entry made if the
 * seed has none), with its checklist, one item late; and a stay with no GP in the directory.
 */
async function aHospitalStay(db: Database, territoryId: string, gpId: string, now: Date) {
  await db
    .insert(directoryEntries)
    .values({ territoryId, lastName: 'Le Goff', firstName: 'Anne', professionalId: gpId })
    .onConflictDoNothing();
  const [gp] = await db
    .select({ id: directoryEntries.id })
    .from(directoryEntries)
    .where(eq(directoryEntries.professionalId, gpId));
  const day = 24 * 3600_000;
  const stay = (visitNumber: string, gpEntryId: string | null) => ({
    territoryId,
    sendingFacility: 'CH_EVERY_PAGE',
    visitNumber,
    patientId: `IPP-${visitNumber}`,
    patientFamilyName: 'Exemple',
    patientGivenName: 'Jeanne',
    patientBirthDate: '1940-05-02',
    unit: 'Médecine polyvalente',
    status: 'admitted' as const,
    admittedAt: new Date(now.getTime() - 3 * day),
    expectedDischargeAt: new Date(now.getTime() + day),
    gpEntryId,
  });
  const [mine] = await db.insert(hospitalStays).values(stay('EP-1', gp!.id)).returning();
  await db.insert(hospitalStays).values(stay('EP-2', null));
  await db.insert(returnHomeItems).values([
    { stayId: mine!.id, kind: 'home_nursing', dueAt: new Date(now.getTime() - day) },
    { stayId: mine!.id, kind: 'meal_delivery', dueAt: mine!.expectedDischargeAt },
  ]);
  return mine!.id;
}
