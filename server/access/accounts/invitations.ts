import type { AppDeps } from '../../platform/deps.js';
import { recordAudit } from '../../platform/audit.js';
import { badRequest, conflict, forbidden, notFound } from '../../platform/http-errors.js';
import { professionalById } from '../../directory/store.js';
import { auditActorOf, canManageTerritory, type Actor } from '../actor.js';
import {
  assertDeliverable,
  deliverInvitation,
  invitationLifetimeMs,
  newLinkToken,
  type Channel,
  type Recipient,
} from './delivery.js';
import type { NewManager, ProfessionalInvitation } from './schema.js';
import {
  existingTerritoryIds,
  insertUser,
  replaceInvitation,
  userByEmail,
  userOfProfessional,
  type Account,
} from './store.js';

type Deps = Pick<AppDeps, 'db' | 'jobs' | 'logger' | 'config' | 'publicUrl' | 'now'>;
export interface Invited {
  userId: string;
  /** The channels that took the link (an e-mail server down leaves it out: reset to resend). */
  sent: Channel[];
}

const isUniqueViolation = (err: unknown) => {
  const e = err as { code?: string; cause?: { code?: string } } | null;
  return e?.code === '23505' || e?.cause?.code === '23505';
};
const emailTaken = () =>
  conflict('Cette adresse e-mail a déjà un compte. This e-mail already has an account.', {
    email: 'déjà utilisée',
  });

/** An admin makes a rota manager of some territories, invited by e-mail (or SMS to a mobile given). */
export async function inviteManager(deps: Deps, actor: Actor, input: NewManager): Promise<Invited> {
  if (actor.role !== 'admin') throw forbidden('Seule l’administration crée des coordinateurs.');
  const db = deps.db.db;
  const territoryIds = [...new Set(input.territoryIds)];
  if ((await existingTerritoryIds(db, territoryIds)).length !== territoryIds.length)
    throw notFound('Territoire');
  if (await userByEmail(db, input.email)) throw emailTaken();
  // An SMS comes from the number of the manager's first territory.
  const to: Recipient = {
    name: input.name,
    email: input.email,
    mobile: input.mobile ?? null,
    territoryId: territoryIds[0]!,
  };
  await assertDeliverable(deps, to, input.channels);
  return invite(deps, actor, to, input.channels, {
    email: input.email,
    name: input.name,
    role: 'manager',
    territoryIds,
  });
}

/** A manager of the professional's territory (or an admin) gives them an account. */
export async function inviteProfessional(
  deps: Deps,
  actor: Actor,
  input: ProfessionalInvitation,
): Promise<Invited> {
  const db = deps.db.db;
  const p = await professionalById(db, input.professionalId);
  if (!p) throw notFound('Professionnel');
  if (!canManageTerritory(actor, p.territoryId)) throw forbidden();
  if (!p.active)
    throw conflict('Ce professionnel n’est plus actif dans l’annuaire. Inactive professional.');
  if (await userOfProfessional(db, p.id))
    throw conflict('Ce professionnel a déjà un compte : réinitialisez-le. Already has an account.');
  const email = input.email ?? p.email?.trim().toLowerCase();
  if (!email)
    throw badRequest('Une adresse e-mail est requise pour se connecter. E-mail required.', {
      email: 'requis',
    });
  if (await userByEmail(db, email)) throw emailTaken();
  const to: Recipient = { name: p.name, email, mobile: p.mobile, territoryId: p.territoryId };
  await assertDeliverable(deps, to, input.channels);
  return invite(deps, actor, to, input.channels, {
    email,
    name: p.name,
    role: 'professional',
    professionalId: p.id,
    territoryIds: [p.territoryId],
  });
}

async function invite(
  deps: Deps,
  actor: Actor,
  to: Recipient,
  channels: Channel[],
  user: {
    email: string;
    name: string;
    role: Account['role'];
    professionalId?: string;
    territoryIds: string[];
  },
): Promise<Invited> {
  const now = deps.now();
  const { token, hash } = newLinkToken();
  const userId = await deps.db.db
    .transaction(async (tx) => {
      const { territoryIds, ...values } = user;
      const row = await insertUser(tx, { ...values, passwordHash: null }, territoryIds);
      await replaceInvitation(
        tx,
        row.id,
        hash,
        now,
        new Date(now.getTime() + invitationLifetimeMs),
      );
      await recordAudit(tx, auditActorOf(actor), {
        action: 'account.invite',
        entity: 'user',
        entityId: row.id,
        territoryId: territoryIds.length === 1 ? territoryIds[0] : null,
        after: { email: row.email, name: row.name, role: row.role, territoryIds, channels },
      });
      return row.id;
    })
    .catch((err: unknown) => {
      // Two invitations of one address at once: the second meets the unique e-mail.
      throw isUniqueViolation(err) ? emailTaken() : err;
    });
  return { userId, sent: await deliverInvitation(deps, 'invite', to, channels, token) };
}
