import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startService, type RunningService } from '../../server/main.js';
import { loadConfig } from '../../server/platform/config.js';
import { createLogger } from '../../server/platform/logger.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { testRedisUrl } from '../support/env.js';
import { aTerritory } from '../support/factories.js';
import { fixture } from './fixtures.js';
import { connectMllp, readAck } from './mllp-client.js';

/** The service starts the MLLP listener with everything else, and its stop() closes it. */
let db: TestDatabase;
let service: RunningService;
let stopped = false;

beforeAll(async () => {
  db = await createTestDatabase();
  await aTerritory(db.db, { hl7Facilities: ['CHBA'] });
  service = await startService(
    loadConfig({
      NODE_ENV: 'test',
      DATABASE_URL: db.url,
      REDIS_URL: testRedisUrl,
      QUEUE_PREFIX: `gltest-${randomBytes(4).toString('hex')}`,
      PORT: '0',
      HL7_PORT: '0',
      RUN_WORKERS: 'false',
      TWILIO_API_URL: 'http://127.0.0.1:9',
      LOG_LEVEL: 'silent',
    }),
    createLogger('silent', false),
  );
});
afterAll(async () => {
  if (!stopped) await service?.stop();
  await db?.drop();
});

it('acknowledges an admission on the service’s HL7 port, and closes it on stop', async () => {
  expect(service.hl7).toMatchObject({ host: '127.0.0.1', tls: false });
  const hospital = await connectMllp(service.hl7!.port);
  const ack = readAck(await hospital.send(fixture('a01-admission')));
  expect(ack.MSA?.slice(1, 3)).toEqual(['AA', 'CHBA00000001']);
  await service.stop();
  stopped = true;
  await expect(hospital.send(fixture('a03-discharge'))).rejects.toThrow();
  await expect(connectMllp(service.hl7!.port)).rejects.toThrow();
});
