import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture } from './fixtures.js';
import { aStory, startHospitalFeed, type HospitalFeed } from './hospital-feed.js';
import { connectMllp, readAck } from './mllp-client.js';

/** HL7_TLS_CERT/HL7_TLS_KEY: the listener speaks MLLP inside TLS, and only that. */
let dir: string;
let feed: HospitalFeed;
/** The same certificate requiring client certificates signed by itself (HL7_TLS_CA). */
let mutual: HospitalFeed;
let ca: Buffer;
let key: Buffer;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gardeline-hl7-tls-'));
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'cert.pem'),
    ],
    { stdio: 'ignore' },
  );
  ca = readFileSync(join(dir, 'cert.pem'));
  key = readFileSync(join(dir, 'key.pem'));
  const env = { HL7_TLS_CERT: join(dir, 'cert.pem'), HL7_TLS_KEY: join(dir, 'key.pem') };
  feed = await startHospitalFeed({ env });
  mutual = await startHospitalFeed({ env: { ...env, HL7_TLS_CA: join(dir, 'cert.pem') } });
});

afterAll(async () => {
  await feed?.close();
  await mutual?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the MLLP listener over TLS', () => {
  it('admits over a verified TLS connection', async () => {
    expect(feed.listener.tls).toBe(true);
    const hospital = await feed.connect({ ca });
    const { visit, id } = aStory();
    const ack = readAck(await hospital.send(fixture('a01-admission', { visit, controlId: id(1) })));
    expect(ack.MSA?.slice(1, 3)).toEqual(['AA', id(1)]);
    expect((await feed.stayOf(visit)).patientFamilyName).toBe('LEFÈVRE');
  });

  it('gives a plain-TCP sender no ACK and stores nothing', async () => {
    const plain = await connectMllp(feed.listener.port);
    const { visit, id } = aStory();
    await expect(
      plain.send(fixture('a01-admission', { visit, controlId: id(1) })),
    ).rejects.toThrow();
    expect(await feed.stayOf(visit)).toBeUndefined();
  });
});

describe('the MLLP listener requiring a client certificate (HL7_TLS_CA)', () => {
  it('takes a hospital presenting a certificate the CA signed', async () => {
    const hospital = await mutual.connect({ ca, cert: ca, key });
    const { visit, id } = aStory();
    const ack = readAck(
      await hospital.send(fixture('a05-pre-admission', { visit, controlId: id(1) })),
    );
    expect(ack.MSA?.[1]).toBe('AA');
  });

  it('refuses a TLS client without a certificate', async () => {
    const { visit, id } = aStory();
    const anonymous = await mutual.connect({ ca }).catch(() => null);
    if (anonymous)
      await expect(
        anonymous.send(fixture('a05-pre-admission', { visit, controlId: id(1) })),
      ).rejects.toThrow();
    expect(await mutual.stayOf(visit)).toBeUndefined();
  });
});
