import { createReadStream, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { territories } from '../../db/schema/index.js';
import { requestDirectoryImport } from '../../server/directory/national/commands.js';
import { fixturesDir } from '../../server/directory/national/sources.js';
import { loadActor } from '../../server/access/actor.js';
import { processJob } from '../../server/workers.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { aManager, aProfessional, aService, aTerritory, aUser } from '../support/factories.js';
import { activityFixture, aurayCommunes, savoirFaireFixture } from './support.js';

/**
 * The manager's door to the national register: communes, an import asked for by path or URL and
 * run by the 'directory-import' job, its report. Bad input is a 4xx with the field named.
 */
let t: TestApp;
let importDir: string;
let server: Server;
let baseUrl: string;
let manager: string;
let managerId: string;
let pro: string;
let territoryId: string;

beforeAll(async () => {
  importDir = mkdtempSync(join(tmpdir(), 'rpps-routes-'));
  t = await createTestApp({ env: { DIRECTORY_IMPORT_DIR: importDir } });
  const territory = await aTerritory(t.db.db);
  territoryId = territory.id;
  const managerUser = await aManager(t.db.db, territory);
  manager = `Bearer ${managerUser.token}`;
  managerId = managerUser.user.id;
  const doctor = await aProfessional(t.db.db, await aService(t.db.db, territory));
  pro = `Bearer ${(await aUser(t.db.db, 'professional', { territories: [territory], professional: doctor })).token}`;
  // The register's extraction served over http, as a download would be.
  server = createServer((req, res) => {
    if (req.url !== '/extraction.txt') return void res.writeHead(404).end();
    createReadStream(join(fixturesDir, activityFixture('windows-1252'))).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.close();
  await t.close();
});

const api = () => request(t.app);

/** Runs the job the last POST queued, as the worker would. */
async function runQueuedImport() {
  const [job] = await t.deps.jobs.queues.maintenance.getJobs(['waiting']);
  expect(job!.name).toBe('directory-import');
  await job!.remove();
  return processJob(t.deps, job!).catch((err: Error) => err.message);
}

describe('directory import API', () => {
  it('sets the territory’s INSEE communes, refusing malformed codes', async () => {
    const bad = await api()
      .put(`/api/territories/${territoryId}/insee-communes`)
      .set('Authorization', manager)
      .send({ communes: ['56007', '5600', '56400X'] });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.fields)).toEqual(['communes.1', 'communes.2']);
    const ok = await api()
      .put(`/api/territories/${territoryId}/insee-communes`)
      .set('Authorization', manager)
      .send({ communes: [...aurayCommunes, '2A004', '56007'] });
    expect(ok.status).toBe(200);
    const [row] = await t.db.db.select().from(territories).where(eq(territories.id, territoryId));
    expect(row!.inseeCommunes).toEqual([...aurayCommunes, '2A004'].sort());
    const refused = await api()
      .put(`/api/territories/${territoryId}/insee-communes`)
      .set('Authorization', pro)
      .send({ communes: ['56007'] });
    expect(refused.status).toBe(403);
  });

  it('queues an import by path, runs it as a job, reports what it did', async () => {
    const res = await api()
      .post(`/api/territories/${territoryId}/directory-imports`)
      .set('Authorization', manager)
      .send({ personPath: activityFixture(), savoirFairePath: savoirFaireFixture() });
    expect(res.status).toBe(202);
    expect(res.body.status).toBe('queued');
    expect(await runQueuedImport()).toBe('done');
    const report = await api()
      .get(`/api/territories/${territoryId}/directory-imports/${res.body.id}`)
      .set('Authorization', manager);
    expect(report.body).toMatchObject({
      status: 'done',
      error: null,
      report: { created: 34, updated: 0, unchanged: 0, gone: 0, personRows: 46 },
    });
  });

  it('imports from a URL, streamed', async () => {
    const res = await api()
      .post(`/api/territories/${territoryId}/directory-imports`)
      .set('Authorization', manager)
      .send({ personUrl: `${baseUrl}/extraction.txt` });
    expect(res.status).toBe(202);
    expect(await runQueuedImport()).toBe('done');
    const report = await api()
      .get(`/api/territories/${territoryId}/directory-imports/${res.body.id}`)
      .set('Authorization', manager);
    // Without the savoir-faire file, the activity rows' specialties are all there is: one less.
    expect(report.body.report).toMatchObject({ created: 0, gone: 0, updated: 1 });
    expect(report.body.report.encoding.person).toBe('windows-1252');
  });

  it('fails a run whose file is no extraction, with the reason', async () => {
    writeFileSync(join(importDir, 'notes.txt'), 'ceci;nest;pas;une;extraction\n');
    const res = await api()
      .post(`/api/territories/${territoryId}/directory-imports`)
      .set('Authorization', manager)
      .send({ personPath: 'notes.txt' });
    expect(res.status).toBe(202);
    await runQueuedImport();
    const report = await api()
      .get(`/api/territories/${territoryId}/directory-imports/${res.body.id}`)
      .set('Authorization', manager);
    expect(report.body.status).toBe('failed');
    expect(report.body.error).toMatch(/colonnes absentes/);
  });

  it('refuses bad requests with a 4xx', async () => {
    const post = (body: object) =>
      api()
        .post(`/api/territories/${territoryId}/directory-imports`)
        .set('Authorization', manager)
        .send(body);
    for (const body of [
      {},
      { personPath: 'absent.txt' },
      { personPath: '/etc/passwd' },
      { personPath: '../../../etc/hostname' },
      { personPath: '.' },
      { personPath: activityFixture(), personUrl: `${baseUrl}/extraction.txt` },
      { personUrl: 'file:///etc/passwd' },
      { personPath: 42 },
      { personPath: activityFixture(), extra: true },
    ]) {
      const res = await post(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.fields, JSON.stringify(body)).toBeTruthy();
    }
    // In production, a URL of the service's own network is refused (the worker would fetch it).
    const production = { ...t.deps, config: { ...t.deps.config, NODE_ENV: 'production' as const } };
    const actor = (await loadActor(t.db.db, managerId))!;
    await expect(
      requestDirectoryImport(production, actor, territoryId, { personUrl: `${baseUrl}/x.txt` }),
    ).rejects.toMatchObject({ status: 400, fields: { personUrl: expect.any(String) } });
    const unknown = await api()
      .get(`/api/territories/${territoryId}/directory-imports/00000000-0000-4000-8000-000000000001`)
      .set('Authorization', manager);
    expect(unknown.status).toBe(404);
    const notUuid = await api()
      .get(`/api/territories/${territoryId}/directory-imports/nope`)
      .set('Authorization', manager);
    expect(notUuid.status).toBe(400);
  });
});
