import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, maskPhone, maskPhones } from './logger.js';

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
