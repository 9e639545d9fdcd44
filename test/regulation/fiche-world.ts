import { and, eq } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { callRecords, regulationFiches, smsMessages } from '../../db/schema/index.js';
import { openFicheAfterCall } from '../../server/regulation/fiches/commands.js';
import {
  aManager,
  aProfessional,
  aService,
  aTerritory,
  aUser,
  type AUser,
  type Professional,
  type Territory,
} from '../support/factories.js';

/**
 * A territory that is its own regulation platform, its régulateur and a colleague (each with an
 * account), its manager, and a call-maker: a call the régulateur took, ended, its fiche opened.
 */
export interface FicheWorld {
  territory: Territory;
  regulator: Professional;
  colleague: Professional;
  users: { regulator: AUser; colleague: AUser; manager: AUser; managerB: AUser };
  /** A call the régulateur answered, ended at `endedAt`; returns the call's and the fiche's ids. */
  regulatedCall(endedAt: Date): Promise<{ callId: string; callSid: string; ficheId: string }>;
}

let calls = 0;

export async function ficheWorld(db: Database): Promise<FicheWorld> {
  const territory = await aTerritory(db, {
    regulationMode: 'plateforme',
    conventionRef: 'CONV-SAMU-56-2026',
    conventionSignedOn: '2026-01-15',
    arsApprovedOn: '2026-02-01',
  });
  const service = await aService(db, territory);
  const regulator = await aProfessional(db, service, { name: 'Dr Régulatrice Fiche' });
  const colleague = await aProfessional(db, service);
  const other = await aTerritory(db);
  const users = {
    regulator: await aUser(db, 'professional', {
      territories: [territory],
      professional: regulator,
    }),
    colleague: await aUser(db, 'professional', {
      territories: [territory],
      professional: colleague,
    }),
    manager: await aManager(db, territory),
    managerB: await aManager(db, other),
  };
  return {
    territory,
    regulator,
    colleague,
    users,
    async regulatedCall(endedAt) {
      calls += 1;
      const callSid = `CAfiche${String(calls).padStart(27, '0')}`;
      const [call] = await db
        .insert(callRecords)
        .values({
          callSid,
          territoryId: territory.id,
          fromNumber: `+336399871${String(calls).padStart(2, '0')}`,
          toNumber: territory.number,
          startedAt: new Date(endedAt.getTime() - 6 * 60_000),
          connectedAt: new Date(endedAt.getTime() - 5 * 60_000),
          connectedProfessionalId: regulator.id,
          endedAt,
          status: 'completed',
          outcome: 'connected',
        })
        .returning();
      const ficheId = await openFicheAfterCall(db, callSid, endedAt);
      if (!ficheId) throw new Error('fiche-world: the fiche did not open');
      return { callId: call!.id, callSid, ficheId };
    },
  };
}

export const ficheOf = async (db: Database, ficheId: string) =>
  (await db.select().from(regulationFiches).where(eq(regulationFiches.id, ficheId)))[0]!;

/** The SMS of one kind written for a call (the send job is not running: rows stay queued). */
export const smsOf = (db: Database, callSid: string, kind: string) =>
  db
    .select()
    .from(smsMessages)
    .where(and(eq(smsMessages.callSid, callSid), eq(smsMessages.kind, kind)));

/** The path and query of the link an SMS carries. */
export function linkIn(body: string): string {
  const url = /https?:\/\/\S+/.exec(body)?.[0];
  if (!url) throw new Error('no link in the SMS');
  const u = new URL(url);
  return `${u.pathname}${u.search}`;
}
