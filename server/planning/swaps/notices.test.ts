import { describe, expect, it } from 'vitest';
import { channelsFor } from './notices.js';

const both = { userId: 'u', mobile: '+33612345678', email: 'a@b.fr' };

describe('channelsFor', () => {
  it('follows the person’s choice when it can reach them', () => {
    expect(channelsFor({ sms: true, email: false }, both, true)).toEqual(['sms']);
    expect(channelsFor({ sms: false, email: true }, both, true)).toEqual(['email']);
    expect(channelsFor({ sms: true, email: true }, both, true)).toEqual(['sms', 'email']);
  });
  it('sends nothing to whoever chose nothing', () => {
    expect(channelsFor({ sms: false, email: false }, both, true)).toEqual([]);
  });
  it('uses the other channel when the chosen one cannot reach them', () => {
    const manager = { userId: 'u', mobile: null, email: 'a@b.fr' };
    expect(channelsFor({ sms: true, email: false }, manager, true)).toEqual(['email']);
    expect(channelsFor({ sms: false, email: true }, both, false)).toEqual(['sms']);
    expect(channelsFor({ sms: true, email: false }, manager, false)).toEqual([]);
  });
});
