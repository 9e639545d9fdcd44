import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readPersonActivity, readSavoirFaire } from './extraction.js';
import { ExtractionError } from './layout.js';
import type { NationalPerson } from './person.js';
import { fixturesDir } from './sources.js';

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
