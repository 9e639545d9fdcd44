import { describe, expect, it } from 'vitest';
import { DatabaseUnavailable, isConnectivityError, isDataError } from './database-errors.js';

const coded = (code: string) => Object.assign(new Error(code), { code });
/** drizzle wraps postgres.js' error: the SQLSTATE is on its cause. */
const wrapped = (code: string) => Object.assign(new Error('Failed query'), { cause: coded(code) });

describe('what a database failure means', () => {
  it.each([
    'ECONNREFUSED',
    'ECONNRESET',
    'CONNECTION_CLOSED',
    'CONNECTION_DESTROYED',
    'CONNECT_TIMEOUT',
    '57P01',
    '57P03',
    '08006',
    '08001',
  ])('%s: PostgreSQL unreachable, the breaker opens', (code) => {
    expect(isConnectivityError(coded(code))).toBe(true);
    expect(isConnectivityError(wrapped(code))).toBe(true);
    expect(isDataError(coded(code))).toBe(false);
  });

  it('our own timeout and the open breaker count as unreachable', () => {
    expect(isConnectivityError(new DatabaseUnavailable('DATABASE_TIMEOUT', 'slow'))).toBe(true);
    expect(isConnectivityError(new DatabaseUnavailable('DATABASE_MARKED_DOWN', 'open'))).toBe(true);
  });

  it.each(['22021', '22P02', '22001', '23505', '23503', '23502'])(
    '%s: the write is refused for its data, the breaker stays closed',
    (code) => {
      expect(isDataError(wrapped(code))).toBe(true);
      expect(isConnectivityError(wrapped(code))).toBe(false);
    },
  );

  it('a Redis failure is neither: it never opens the database breaker', () => {
    const redis = new Error('Command timed out');
    expect(isConnectivityError(redis)).toBe(false);
    expect(
      isConnectivityError(
        new Error("Stream isn't writeable and enableOfflineQueue options is false"),
      ),
    ).toBe(false);
    expect(isDataError(redis)).toBe(false);
  });
});
