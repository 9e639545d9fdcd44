import { withTimeout } from './voice-nodes.js';
import type { Logger } from '../platform/logger.js';
import { commitWrites } from './apply-effects.js';
import { handOverFollowUps } from './call-follow-ups.js';
import { errorCodeOf, isConnectivityError, isDataError } from './database-errors.js';
import { recordDeadLetter } from './dead-letters.js';
import type { LineRoom } from './turn.js';
import type { OutboxEntry } from './turn-outbox.js';

/** Entries taken per pass, and how long one pass may run (it holds the replayer claim). */
const batch = 100;
const passWithinMs = 8000;
/** One entry's commit gives up after this long (the breaker then opens and the pass stops). */
const entryWithinMs = 3000;
/** An entry failing for no known reason is retried with backoff, then set aside. */
const maxTries = 12;
const backoffMs = (tries: number) => Math.min(5 * 60_000, 2000 * 2 ** tries);

let backlog: number | null = null;

/** Turns waiting in this process's outbox at the last replay pass (null before the first). */
export const outboxBacklog = (): number | null => backlog;

export interface ReplayPass {
  committed: number;
  deadLetters: number;
  postponed: number;
}

/**
 * Commits what the outbox kept, oldest first, once PostgreSQL answers (the breaker is closed).
 * An entry leaves the outbox only after its commit (a kill in between replays it: every write
 * is idempotent). A connectivity failure or timeout stops the pass (the breaker opened); an
 * entry refused for its data is a dead letter; any other failure puts that entry back later,
 * behind the others, so no entry holds the queue.
 */
export async function replayOutbox(
  room: Pick<LineRoom, 'deps' | 'breaker' | 'outbox'>,
  log: Logger,
): Promise<ReplayPass> {
  const pass: ReplayPass = { committed: 0, deadLetters: 0, postponed: 0 };
  const { outbox, breaker } = room;
  backlog = await outbox.size().catch(() => backlog);
  if (breaker.isOpen()) return pass;
  const claimed = await outbox.claimReplay(passWithinMs + entryWithinMs).catch(() => false);
  if (!claimed) return pass;
  const endBy = Date.now() + passWithinMs;
  try {
    // Batch after batch while they come full: a long outage leaves thousands of turns behind.
    for (let more = true; more && Date.now() < endBy;) {
      const entries = await outbox.due(batch, Date.now());
      more = entries.length === batch;
      for (const entry of entries) {
        if (Date.now() > endBy || breaker.isOpen()) return pass;
        const outcome = await replayOne(room, entry, log);
        if (outcome === 'stop') return pass;
        pass[outcome] += 1;
      }
    }
  } catch (err) {
    log.warn({ code: errorCodeOf(err), outbox: outbox.kind }, 'outbox not readable now');
  } finally {
    await outbox.releaseReplay().catch(() => {});
    backlog = await outbox.size().catch(() => backlog);
    if (pass.committed + pass.deadLetters > 0) log.info(pass, 'outbox replayed');
  }
  return pass;
}

async function replayOne(
  room: Pick<LineRoom, 'deps' | 'breaker' | 'outbox'>,
  entry: OutboxEntry,
  log: Logger,
): Promise<keyof ReplayPass | 'stop'> {
  const { outbox, breaker, deps } = room;
  const writes = entry.writes;
  if (!writes) {
    await outbox.deadLetter(entry, 'unreadable');
    recordDeadLetter(log, null, null, 'unreadable');
    return 'deadLetters';
  }
  try {
    const callback = await breaker.guard(entryWithinMs, () => commitWrites(deps, writes));
    await outbox.done(entry);
    // Committed: the queue's part is bounded and never sends the entry back (the sweeps re-queue
    // what is not handed over, as after a live turn).
    await withTimeout(handOverFollowUps(deps, writes, callback), handOverWithinMs).catch(
      (err: unknown) => log.warn({ code: errorCodeOf(err) }, 'follow-ups left for the sweeps'),
    );
    return 'committed';
  } catch (err) {
    if (isConnectivityError(err)) return 'stop';
    if (isDataError(err) || entry.tries + 1 >= maxTries) {
      await outbox.deadLetter(entry, errorCodeOf(err) ?? 'too_many_tries');
      recordDeadLetter(log, err, writes.callSid, isDataError(err) ? undefined : 'too_many_tries');
      return 'deadLetters';
    }
    await outbox.later(entry, Date.now() + backoffMs(entry.tries));
    log.warn({ code: errorCodeOf(err), tries: entry.tries + 1 }, 'outbox entry postponed');
    return 'postponed';
  }
}

/** The queue's part of a replayed turn gives up after this long. */
const handOverWithinMs = 1500;

/** Replays every `everyMs` in this process; returns a stop function. */
export function startOutboxReplayer(
  room: Pick<LineRoom, 'deps' | 'breaker' | 'outbox'>,
  log: Logger,
  everyMs = 2000,
): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    void replayOutbox(room, log).finally(() => (running = false));
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
