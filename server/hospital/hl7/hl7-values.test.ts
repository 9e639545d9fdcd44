import { Hl7Context } from '@medplum/core';
import { describe, expect, it } from 'vitest';
import { dateOf, escapeHl7, instantOf, unescapeHl7 } from './hl7-values.js';

const context = new Hl7Context();

describe('HL7 values', () => {
  it('reads a DTM without offset in the territory time zone, and with one as given', () => {
    expect(instantOf('20261129082500', 'Europe/Paris')).toEqual(new Date('2026-11-29T07:25:00Z'));
    expect(instantOf('20260715082500', 'Europe/Paris')).toEqual(new Date('2026-07-15T06:25:00Z'));
    expect(instantOf('20261129082500+0000', 'Europe/Paris')).toEqual(
      new Date('2026-11-29T08:25:00Z'),
    );
    expect(instantOf('20261206', 'Europe/Paris')).toEqual(new Date('2026-12-05T23:00:00Z'));
    expect(instantOf('', 'Europe/Paris')).toBeNull();
    expect(instantOf('2026-11-29', 'Europe/Paris')).toBe('invalid');
    expect(instantOf('20261329', 'Europe/Paris')).toBe('invalid');
  });

  it('reads a birth date as a calendar date', () => {
    expect(dateOf('19470215')).toBe('1947-02-15');
    expect(dateOf('19471315')).toBe('invalid');
    expect(dateOf('19470231')).toBe('invalid');
    expect(instantOf('20260231120000', 'Europe/Paris')).toBe('invalid');
  });

  it('unescapes what it escapes', () => {
    const text = 'A|B^C&D~E\\F';
    expect(escapeHl7(text, context)).toBe('A\\F\\B\\S\\C\\T\\D\\R\\E\\E\\F');
    expect(unescapeHl7(escapeHl7(text, context), context)).toBe(text);
    expect(unescapeHl7('H\\XE9\\l\\XE8\\ne', context)).toBe('Hélène');
  });
});
