import { createHash } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { Logger } from '../platform/logger.js';
import { errorCodeOf, errorTableOf } from './database-errors.js';

/** What is known of a write set aside: no value of the row, no number, no SID in clear. */
export interface DeadLetter {
  /** SQLSTATE, or why the write was given up ('too_many_tries'). */
  code: string;
  table: string | null;
  /** First 12 hex digits of SHA-256 of the call SID: enough to join logs, not to find the call. */
  callHash: string | null;
  at: Date;
}

let count = 0;
const emitter = new EventEmitter();

/** Writes set aside since the process started (the metrics helper reads it). */
export const deadLetterCount = (): number => count;

/** Called for every dead letter, e.g. to bump a Prometheus counter. Returns an unsubscribe. */
export function onDeadLetter(listener: (letter: DeadLetter) => void): () => void {
  emitter.on('dead-letter', listener);
  return () => emitter.off('dead-letter', listener);
}

export const hashCallSid = (callSid: string): string =>
  createHash('sha256').update(callSid).digest('hex').slice(0, 12);

/**
 * Counts and logs a write that can never succeed. The error itself is not logged: drizzle's
 * message carries the statement's parameters (numbers, names).
 */
export function recordDeadLetter(
  log: Pick<Logger, 'error'>,
  err: unknown,
  callSid: string | null,
  reason?: string,
): DeadLetter {
  const letter: DeadLetter = {
    code: reason ?? errorCodeOf(err) ?? 'unknown',
    table: errorTableOf(err),
    callHash: callSid ? hashCallSid(callSid) : null,
    at: new Date(),
  };
  count += 1;
  log.error(
    { deadLetter: { code: letter.code, table: letter.table, call: letter.callHash } },
    'a call write was set aside: it can never succeed as it is',
  );
  emitter.emit('dead-letter', letter);
  return letter;
}
