import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, dropQueryParams, loggablePath, maskPhone, maskPhones } from './logger.js';

describe('phone masking', () => {
  it('keeps the country, the first digit and the last two', () => {
    expect(maskPhone('+33612345678')).toBe('+33 6 ** ** ** 78');
    expect(maskPhones('appel de +33612345678 vers +33297000000')).toBe(
      'appel de +33 6 ** ** ** 78 vers +33 2 ** ** ** 00',
    );
  });
});

describe('createLogger', () => {
  it('never writes a number, an SMS body or a speech result in clear', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const logger = createLogger('info', false, sink);
    logger.info(
      { from: '+33612345678', Body: 'douleur thoracique', nested: { SpeechResult: 'fièvre' } },
      'call from +33698765432',
    );
    await new Promise((r) => setImmediate(r));
    const text = lines.join('');
    expect(text).not.toContain('+33612345678');
    expect(text).not.toContain('+33698765432');
    expect(text).not.toContain('douleur');
    expect(text).not.toContain('fièvre');
    expect(text).toContain('+33 6 ** ** ** 78');
  });

  it('never writes the bound values of a failed SQL query', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const err = Object.assign(new Error('duplicate key'), {
      query: 'insert into sms_messages …',
      parameters: ['Votre demande de rappel', 'fièvre'],
    });
    createLogger('info', false, sink).error({ err }, 'insert failed');
    await new Promise((r) => setImmediate(r));
    expect(lines.join('')).not.toContain('fièvre');
    expect(lines.join('')).toContain('duplicate key');
  });
});

describe('failed queries', () => {
  it("drops drizzle's params from the message and the stack, even over several lines", async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const cause = Object.assign(new Error('value too long'), { code: '22001', parameters: ['x'] });
    const err = new Error(
      'Failed query: insert into sms_messages (body) values ($1)\nparams: fièvre depuis hier\nrue des Lilas,+33612345678',
      { cause },
    );
    createLogger('info', false, sink).error({ err }, 'insert failed');
    await new Promise((r) => setImmediate(r));
    const text = lines.join('');
    for (const word of ['fièvre', 'Lilas', '+33612345678']) expect(text).not.toContain(word);
    expect(text).toContain('Failed query: insert into sms_messages');
    expect(text).toContain('value too long');
    expect(dropQueryParams('a\nparams: x\ny\n    at f (file.js:1:1)')).toBe(
      'a\nparams: [redacted]\n    at f (file.js:1:1)',
    );
  });
});

describe('access log paths', () => {
  it('hides tokens in paths and drops query strings, keeps ids and route words', () => {
    expect(loggablePath('/ical/professional/Zx9_k2LmQp0aB7cD3eF4gH5i.ics?from=2026')).toBe(
      '/ical/professional/[token].ics',
    );
    expect(loggablePath('/invitations/glt_abcdefghijklmnopqrstuvwx/accept')).toBe(
      '/invitations/[token]/accept',
    );
    expect(loggablePath('/rota/shifts/0b5c1a2e-3f4d-4e5f-8a9b-0c1d2e3f4a5b/edit')).toBe(
      '/rota/shifts/0b5c1a2e-3f4d-4e5f-8a9b-0c1d2e3f4a5b/edit',
    );
    expect(loggablePath('/me/unavailability')).toBe('/me/unavailability');
  });
});
