import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readPersonActivity, readSavoirFaire } from './extraction.js';
import { ExtractionError } from './layout.js';
import type { NationalPerson } from './person.js';
import { fixturesDir, internalUrl } from './sources.js';

const fixture = (name: string) => createReadStream(join(fixturesDir, name), { highWaterMark: 100 });

describe('reading an extraction', () => {
  it('keeps the territory’s people, their places merged, rows read in small chunks', async () => {
    const persons = new Map<string, NationalPerson>();
    const stats = await readPersonActivity(
      fixture('PS_LibreAcces_Personne_activite_demo_1252.txt'),
      new Set(['56034']),
      persons,
    );
    expect(stats).toEqual({ rows: 46, kept: 4, encoding: 'windows-1252' });
    expect([...persons.values()].map((p) => `${p.firstName} ${p.lastName}`).sort()).toEqual([
      'Aurélie RIO',
      'Hervé TALLEC',
      'Noël MORVAN',
      'Rozenn LE FLOCH',
    ]);
    const sf = await readSavoirFaire(fixture('PS_LibreAcces_SavoirFaire_demo.txt'), persons);
    expect(sf).toMatchObject({ rows: 21, kept: 2, encoding: 'utf-8' });
  });

  it('refuses a foreign file and closes it', async () => {
    const input = Readable.from([Buffer.from('nom;prénom\nDUPONT;Jean\n'.repeat(1000))]);
    await expect(readPersonActivity(input, new Set(['56007']), new Map())).rejects.toThrow(
      ExtractionError,
    );
    expect(input.destroyed).toBe(true);
    await expect(readPersonActivity(Readable.from([]), new Set(), new Map())).rejects.toThrow(
      /vide/,
    );
  });

  it('passes on the source’s own failure', async () => {
    const input = new Readable({
      read() {
        this.destroy(new Error('connexion coupée'));
      },
    });
    await expect(readSavoirFaire(input, new Map())).rejects.toThrow('connexion coupée');
  });
});

describe('internalUrl', () => {
  it('tells the service’s own network from the outside', () => {
    for (const url of [
      'http://localhost:3000/metrics',
      'http://127.0.0.1/x',
      'http://10.1.2.3/x',
      'http://192.168.0.10/x',
      'http://172.20.0.1/x',
      'http://169.254.169.254/latest/meta-data',
      'http://[::1]/x',
      'http://[::ffff:127.0.0.1]/x',
      'http://[fd00::1]/x',
    ])
      expect(internalUrl(url), url).toBe(true);
    for (const url of [
      'https://service.annuaire.sante.fr/annuaire-sante-webservices/x',
      'http://8.8.8.8/x',
      'http://[2001:db8::1]/x',
    ])
      expect(internalUrl(url), url).toBe(false);
  });
});
