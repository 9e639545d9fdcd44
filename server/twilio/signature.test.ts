import express from 'express';
import request from 'supertest';
import twilio from 'twilio';
import { describe, expect, it } from 'vitest';
import { verifyTwilioSignature } from './signature.js';

const token = 'test-auth-token-123';
const publicUrl = 'https://garde.example.org';

function app() {
  const a = express();
  a.use(express.urlencoded({ extended: false }));
  a.post('/twilio/voice', verifyTwilioSignature(token, publicUrl), (_req, res) => {
    res.type('text/xml').send('<Response/>');
  });
  return a;
}

const params = { CallSid: 'CA' + '1'.repeat(32), From: '+33612345678', To: '+33261910015' };

describe('verifyTwilioSignature', () => {
  it('accepts a request signed exactly as Twilio signs it, against the public URL', async () => {
    const signature = twilio.getExpectedTwilioSignature(
      token,
      `${publicUrl}/twilio/voice?lang=fr`,
      params,
    );
    const res = await request(app())
      .post('/twilio/voice?lang=fr')
      .set('X-Twilio-Signature', signature)
      .type('form')
      .send(params);
    expect(res.status).toBe(200);
  });

  it('refuses an unsigned request', async () => {
    const res = await request(app()).post('/twilio/voice').type('form').send(params);
    expect(res.status).toBe(403);
    expect(res.text).toMatch(/Missing X-Twilio-Signature/);
  });

  it('refuses a request signed with another token', async () => {
    const signature = twilio.getExpectedTwilioSignature(
      'another-token',
      `${publicUrl}/twilio/voice`,
      params,
    );
    const res = await request(app())
      .post('/twilio/voice')
      .set('X-Twilio-Signature', signature)
      .type('form')
      .send(params);
    expect(res.status).toBe(403);
  });

  it('refuses a signature made for another URL', async () => {
    const signature = twilio.getExpectedTwilioSignature(token, `${publicUrl}/twilio/sms`, params);
    const res = await request(app())
      .post('/twilio/voice')
      .set('X-Twilio-Signature', signature)
      .type('form')
      .send(params);
    expect(res.status).toBe(403);
  });

  it('refuses tampered parameters', async () => {
    const signature = twilio.getExpectedTwilioSignature(token, `${publicUrl}/twilio/voice`, params);
    const res = await request(app())
      .post('/twilio/voice')
      .set('X-Twilio-Signature', signature)
      .type('form')
      .send({ ...params, From: '+33698765432' });
    expect(res.status).toBe(403);
  });
});
