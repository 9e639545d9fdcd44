import { describe, expect, it } from 'vitest';
import { smsParams, voiceParams, withoutControls } from './webhook-params.js';

describe('Twilio parameters at the edge', () => {
  it('strips control characters, NUL included, from every voice parameter', () => {
    const params = voiceParams.parse({
      CallSid: 'CA\u0000123',
      From: '+336123\u000045678',
      To: '+3326191\u001b0015\u007f',
      CallStatus: 'in-progress\r\n',
    });
    expect(params).toMatchObject({
      CallSid: 'CA123',
      From: '+33612345678',
      To: '+33261910015',
      CallStatus: 'in-progress',
    });
  });

  it('keeps the line breaks of an SMS body, and nothing else of C0', () => {
    const sms = smsParams.parse({
      MessageSid: 'SM1',
      From: '+336\u00001',
      To: '+33',
      Body: 'Oui\r\n1\u0000\u0007',
    });
    expect(sms.Body).toBe('Oui\r\n1');
    expect(sms.From).toBe('+3361');
    expect(withoutControls('a\tb\nc')).toBe('abc');
  });
});
