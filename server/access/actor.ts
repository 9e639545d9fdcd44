import { eq, inArray, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { RequestHandler } from 'express';
import type { Queryable } from '../../db/client.js';
import { users, userTerritories } from '../../db/schema/index.js';
import { forbidden } from '../platform/http-errors.js';
import { maskPhone } from '../platform/logger.js';

/** Who is asking: every authenticated request carries one. */
export interface Actor {
  userId: string;
  email: string;
  name: string;
  role: 'admin' | 'manager' | 'professional';
  territoryIds: string[];
  professionalId: string | null;
  /** True when the request came with a Bearer API token rather than a session. */
  viaToken?: boolean;
}

declare module 'express-serve-static-core' {
  interface Request {
    actor?: Actor;
  }
}

declare module 'express-session' {
  interface SessionData {
    userId?: string;
    csrf?: string;
  }
}

export async function loadActor(db: Queryable, userId: string): Promise<Actor | null> {
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  // A deactivated account's leftover session or token finds no actor: the request is a 401.
  if (!user || user.deactivatedAt) return null;
  const scopes = await db
    .select({ territoryId: userTerritories.territoryId })
    .from(userTerritories)
    .where(eq(userTerritories.userId, userId));
  return {
    userId: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    territoryIds: scopes.map((s) => s.territoryId),
    professionalId: user.professionalId,
  };
}

/**
 * The actor a territory-scoped API token acts as: the user narrowed to that one territory (an
 * admin's token acts as a manager of it, not as an admin of everything). Null: the user does not
 * belong to the territory any more, so the token is worth nothing.
 */
export function scopedTo(actor: Actor, territoryId: string): Actor | null {
  if (actor.role === 'admin') return { ...actor, role: 'manager', territoryIds: [territoryId] };
  return actor.territoryIds.includes(territoryId)
    ? { ...actor, territoryIds: [territoryId] }
    : null;
}

/** Admins manage everything; managers their territories; professionals nothing but their own. */
export function canManageTerritory(actor: Actor, territoryId: string): boolean {
  return (
    actor.role === 'admin' || (actor.role === 'manager' && actor.territoryIds.includes(territoryId))
  );
}

export function canReadTerritory(actor: Actor, territoryId: string): boolean {
  return actor.role === 'admin' || actor.territoryIds.includes(territoryId);
}

// A uuid no row has: `inArray` with an empty list is not valid SQL.
const noTerritory = '00000000-0000-4000-8000-000000000000';

/** `canReadTerritory` as a WHERE on a territory column: nothing for admins (every territory). */
export function readableTerritories(actor: Actor, territoryColumn: AnyPgColumn): SQL | undefined {
  return actor.role === 'admin'
    ? undefined
    : inArray(territoryColumn, actor.territoryIds.length ? actor.territoryIds : [noTerritory]);
}

/**
 * What each role may read, whichever door it comes in by: the API and the pages both ask
 * `mayRead`, so a professional cannot get through /api what the pages refuse them.
 */
const readers = {
  /** The call log and one call's path (callers' numbers, menus pressed, who was rung). */
  callLog: ['admin', 'manager'],
  /** The callback queue (patients' numbers). */
  callbacks: ['admin', 'manager'],
  /** Swaps waiting for a manager's decision. */
  swapQueue: ['admin', 'manager'],
  /** The coordinator's figures on the home page. */
  dashboard: ['admin', 'manager'],
} as const satisfies Record<string, readonly Actor['role'][]>;
export type Readable = keyof typeof readers;

export function mayRead(actor: Actor, what: Readable): boolean {
  return (readers[what] as readonly string[]).includes(actor.role);
}

/** `mayRead` as a route guard: 403 for a role that may not read `what`. */
export const requireRead =
  (what: Readable): RequestHandler =>
  (req, _res, next) =>
    next(req.actor && mayRead(req.actor, what) ? undefined : forbidden());

/** Phone numbers are shown in full to those who call people back; partly masked otherwise. */
export function seesFullNumbers(actor: Actor): boolean {
  return actor.role !== 'professional';
}

/** A phone number as this actor may see it: in full, or masked (see `seesFullNumbers`). */
export const shownNumber = (actor: Actor, number: string) =>
  seesFullNumbers(actor) ? number : maskPhone(number);

/** A professional's own contacts are theirs to see; a colleague's only to those who call people. */
export const seesContactsOf = (actor: Actor, professional: { id: string }) =>
  seesFullNumbers(actor) || actor.professionalId === professional.id;

/** The number of a professional (`professionalId`, null for the fallback line) as the actor may see it. */
export const contactShownTo = (actor: Actor, professionalId: string | null, number: string) =>
  seesFullNumbers(actor) || (professionalId !== null && actor.professionalId === professionalId)
    ? number
    : maskPhone(number);

/**
 * A directory entry as this actor may read it, in the API, the pages and the CSV alike:
 * a colleague's mobile masked and e-mail withheld for professionals; never the iCal token.
 */
export function directoryEntryFor<
  P extends { id: string; mobile: string; email: string | null; icalToken?: string },
>(actor: Actor, professional: P): Omit<P, 'icalToken'> {
  const { icalToken: _secret, ...entry } = professional;
  return seesContactsOf(actor, professional)
    ? entry
    : { ...entry, mobile: maskPhone(entry.mobile), email: null };
}

/** How an actor is written in the audit log. */
export const auditActorOf = (actor: Actor): { userId: string; label: string } => ({
  userId: actor.userId,
  label: actor.email,
});
