import type { NoticeKind } from '../../../db/schema/index.js';
import type { Queryable } from '../../../db/client.js';
import type { AppDeps } from '../../platform/deps.js';
import { enqueue } from '../../platform/enqueue.js';
import { managersOf } from '../../access/accounts/managers.js';
import { outsideQuietHours } from '../../sms/quiet-hours.js';
import {
  addressesOfProfessionals,
  addressesOfUsers,
  colleaguesFreeFor,
  defaultPreference,
  insertNotices,
  markNoticesEnqueued,
  noticesToEnqueue,
  preferencesFor,
  type Address,
  type NewNotice,
  type NoticeRow,
  type Preference,
} from './notices-store.js';
import type { SwapRow } from './store.js';

export type SwapEvent = 'offered' | 'taken' | 'approved' | 'rejected';
type Channel = 'sms' | 'email';

export interface SwapFacts {
  swap: Pick<SwapRow, 'id' | 'offeredBy' | 'takenBy'>;
  shift: { id: string; serviceId: string; startsAt: Date; endsAt: Date };
  territory: { id: string; timeZone: string };
}

type Deps = Pick<AppDeps, 'db' | 'jobs' | 'logger' | 'now'>;

/**
 * The channels a notice goes by: the person's choice, among what can reach them. When nothing
 * they chose can (a manager has no mobile), the other channel stands in: a swap to approve
 * must not wait unseen. Choosing neither means no notice.
 */
export function channelsFor(choice: Preference, address: Address, canEmail: boolean): Channel[] {
  const reachable = {
    sms: Boolean(address.mobile),
    email: canEmail && Boolean(address.email),
  };
  const wanted = (['sms', 'email'] as const).filter((c) => choice[c]);
  const kept = wanted.filter((c) => reachable[c]);
  if (wanted.length && !kept.length) return (['email', 'sms'] as const).filter((c) => reachable[c]);
  return kept;
}

/** Who hears of each event, and as which kind of notice. */
async function recipientsOf(tx: Queryable, facts: SwapFacts, event: SwapEvent) {
  const { swap } = facts;
  const professionals = (kind: NoticeKind, ids: (string | null)[]) =>
    ids.filter((id): id is string => Boolean(id)).map((id) => ({ kind, professionalId: id }));
  switch (event) {
    case 'offered': {
      const free = await colleaguesFreeFor(tx, facts.shift, swap.offeredBy);
      return professionals(
        'swap_offer',
        free.map((c) => c.id),
      );
    }
    case 'taken': {
      const managers = await managersOf(tx, facts.territory.id);
      return [
        ...professionals('swap_taken', [swap.offeredBy]),
        ...managers.map((m) => ({ kind: 'swap_to_approve' as const, userId: m.id })),
      ];
    }
    default:
      return professionals('swap_decided', [swap.offeredBy, swap.takenBy]);
  }
}

/**
 * Writes the notices of a swap event in the transaction of the swap write (the outbox): one row
 * per person and channel, an SMS held past the quiet hours. Hand the rows to the queue after
 * the commit with `handOverNotices`.
 */
export async function writeSwapNotices(
  tx: Queryable,
  facts: SwapFacts,
  event: SwapEvent,
  now: Date,
  canEmail: boolean,
): Promise<NoticeRow[]> {
  const recipients = await recipientsOf(tx, facts, event);
  const byProfessional = await addressesOfProfessionals(
    tx,
    recipients.flatMap((r) => ('professionalId' in r ? [r.professionalId] : [])),
  );
  const byUser = await addressesOfUsers(
    tx,
    recipients.flatMap((r) => ('userId' in r ? [r.userId] : [])),
  );
  const smsAt = outsideQuietHours(now, facts.territory.timeZone);
  const rows: NewNotice[] = [];
  for (const kind of new Set(recipients.map((r) => r.kind))) {
    const ofKind = recipients.filter((r) => r.kind === kind);
    const addresses = ofKind.map((r) =>
      'professionalId' in r ? byProfessional.get(r.professionalId) : byUser.get(r.userId),
    );
    const choices = await preferencesFor(
      tx,
      addresses.flatMap((a) => (a?.userId ? [a.userId] : [])),
      kind,
    );
    ofKind.forEach((r, i) => {
      const address = addresses[i];
      if (!address) return;
      const choice = (address.userId && choices.get(address.userId)) || defaultPreference;
      for (const channel of channelsFor(choice, address, canEmail))
        rows.push({
          swapId: facts.swap.id,
          territoryId: facts.territory.id,
          kind,
          event,
          channel,
          professionalId: 'professionalId' in r ? r.professionalId : null,
          userId: 'userId' in r ? r.userId : address.userId,
          notBefore: channel === 'sms' ? smsAt : now,
        });
    });
  }
  return insertNotices(tx, rows);
}

/** Hands committed notices to the queue; those it does not take stay in the outbox. */
export async function handOverNotices(deps: Deps, rows: NoticeRow[]): Promise<void> {
  const handed: string[] = [];
  try {
    for (const row of rows) {
      const delay = Math.max(0, row.notBefore.getTime() - deps.now().getTime());
      await enqueue(
        deps.jobs,
        'swap-notice',
        { noticeId: row.id },
        { jobId: `notice-${row.id}`, ...(delay ? { delay } : {}) },
      );
      handed.push(row.id);
    }
  } catch (err) {
    deps.logger.warn({ err, kept: rows.length - handed.length }, 'notices kept in the outbox');
  }
  // Unmarked rows are handed over again by the sweep: the job ids make that harmless.
  await markNoticesEnqueued(deps.db.db, handed, deps.now()).catch((err: unknown) =>
    deps.logger.warn({ err, handed: handed.length }, 'notices handed over, not yet marked'),
  );
}

/** The sweep: hands over the notices written while the queue was unreachable. */
export async function flushNoticeOutbox(deps: Deps): Promise<number> {
  const rows = await noticesToEnqueue(deps.db.db);
  await handOverNotices(deps, rows);
  return rows.length;
}
