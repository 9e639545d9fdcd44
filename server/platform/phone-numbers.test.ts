import { describe, expect, it } from 'vitest';
import { isHiddenCaller, isMobile, toE164 } from './phone-numbers.js';

describe('phone numbers', () => {
  it.each([
    ['06 12 34 56 78', '+33612345678'],
    ['+33 6 12 34 56 78', '+33612345678'],
    ['0033612345678', '+33612345678'],
    ['02 97 24 00 00', '+33297240000'],
    ['06 39 98 00 01', '+33639980001'],
    ['12', null],
    ['15', null],
    ['abc', null],
  ])('%s → %s', (input, expected) => {
    expect(toE164(input)).toBe(expected);
  });

  it('tells mobiles (can receive SMS) from fixed lines', () => {
    expect(isMobile('+33612345678')).toBe(true);
    expect(isMobile('+33760123456')).toBe(true);
    expect(isMobile('+33639980001')).toBe(true);
    expect(isMobile('+33297240000')).toBe(false);
  });

  it('recognises hidden caller IDs', () => {
    expect(isHiddenCaller('anonymous')).toBe(true);
    expect(isHiddenCaller('+266696687')).toBe(true);
    expect(isHiddenCaller(undefined)).toBe(true);
    expect(isHiddenCaller('+33612345678')).toBe(false);
  });
});
