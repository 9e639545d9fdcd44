/**
 * What kind of failure a database call met, so the breaker opens only when PostgreSQL cannot be
 * reached, and a write refused for its data is set aside instead of retried forever.
 * postgres.js rejects with a PostgresError (`code` is the SQLSTATE), a connection error
 * (`code` CONNECTION_CLOSED, CONNECT_TIMEOUT…) or a node socket error (ECONNREFUSED…); drizzle
 * wraps them in an error whose `cause` is the original.
 */

/**
 * Our own verdict: the bound on a database call expired (PostgreSQL is too slow to count on
 * now), or the breaker is open and the call was not even tried.
 */
export class DatabaseUnavailable extends Error {
  constructor(
    readonly code: 'DATABASE_TIMEOUT' | 'DATABASE_MARKED_DOWN',
    message: string,
  ) {
    super(message);
  }
}

const socketCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
/** admin_shutdown, crash_shutdown, cannot_connect_now, lock timeout, statement/idle timeouts. */
const unavailableStates = new Set(['57P01', '57P02', '57P03', '55P03', '57014', '25P03']);

interface Coded {
  code?: unknown;
  table_name?: unknown;
  cause?: unknown;
}

/** The innermost coded error (drizzle's wrapper → postgres.js's error). */
function codedOf(err: unknown): Coded | null {
  let found: Coded | null = null;
  for (let e = err, depth = 0; e && typeof e === 'object' && depth < 5; depth += 1) {
    const coded = e as Coded;
    if (typeof coded.code === 'string') found = coded;
    e = coded.cause;
  }
  return found;
}

/** The SQLSTATE (or connection code) of a database error, if it has one. */
export const errorCodeOf = (err: unknown): string | null => {
  const code = codedOf(err)?.code;
  return typeof code === 'string' ? code : null;
};

/** The table PostgreSQL named in its error, when it did (never a value of a row). */
export const errorTableOf = (err: unknown): string | null => {
  const table = codedOf(err)?.table_name;
  return typeof table === 'string' ? table : null;
};

/** PostgreSQL cannot be reached or did not answer in time: trip the breaker, retry later. */
export function isConnectivityError(err: unknown): boolean {
  const code = errorCodeOf(err);
  if (!code) return false;
  return (
    code.startsWith('DATABASE_') ||
    code.startsWith('CONNECT') ||
    socketCodes.has(code) ||
    code.startsWith('08') ||
    unavailableStates.has(code)
  );
}

/**
 * The write can never succeed as it is: data exception (class 22: bad text, NUL byte, bad uuid)
 * or integrity violation (class 23). Retrying it would only block the writes behind it.
 */
export function isDataError(err: unknown): boolean {
  const code = errorCodeOf(err);
  return code !== null && /^2[23][0-9A-Z]{3}$/.test(code);
}
