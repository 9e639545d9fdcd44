/** The real servers tests talk to (this machine runs them; CI starts them in .ci/run). */
export const testPostgresAdminUrl =
  process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const testRedisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export function databaseUrl(name: string): string {
  const url = new URL(testPostgresAdminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
