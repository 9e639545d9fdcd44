import type { RequestHandler } from 'express';
import { z } from 'zod';

// C0 controls (NUL included) and DEL. PostgreSQL refuses a NUL in text: one such parameter
// made a write that could never succeed. Nothing Twilio posts needs them, except line breaks
// in an SMS body.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const controls = /[\u0000-\u001f\u007f]/g;
// eslint-disable-next-line no-control-regex -- idem
const controlsButLineBreaks = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/** A parameter as the service may use it: control characters stripped. */
export const withoutControls = (value: string, keepLineBreaks = false): string =>
  value.replace(keepLineBreaks ? controlsButLineBreaks : controls, '');

/**
 * Strips control characters from every posted parameter, at the edge. Mounted after the
 * signature check, which must see exactly what Twilio signed. An SMS `Body` keeps its line breaks.
 */
export const stripControlCharacters: RequestHandler = (req, _res, next) => {
  const body = req.body as unknown;
  if (body && typeof body === 'object' && !Array.isArray(body)) {
    for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
      if (typeof value === 'string')
        (body as Record<string, unknown>)[key] = withoutControls(value, key === 'Body');
    }
  }
  next();
};

/**
 * What Twilio posts, parsed once at the edge. Everything is optional and lenient: a missing
 * or odd field must never turn into an HTTP error for a caller.
 */
const clean = (max: number) =>
  z
    .string()
    .max(max)
    .transform((v) => withoutControls(v));
const text = (max = 200) => clean(max).optional().catch(undefined);

export const voiceParams = z.object({
  CallSid: clean(64).catch(''),
  AccountSid: text(64),
  From: text(64),
  To: text(64),
  CallStatus: text(32),
  Direction: text(32),
  Digits: z
    .string()
    .max(32)
    .regex(/^[0-9*#]*$/)
    .optional()
    .catch(undefined),
  DialCallStatus: z
    .enum(['completed', 'busy', 'no-answer', 'failed', 'canceled', 'answered'])
    .optional()
    .catch(undefined),
  DialCallSid: text(64),
  DialCallDuration: z.coerce.number().int().min(0).optional().catch(undefined),
  CallDuration: z.coerce.number().int().min(0).optional().catch(undefined),
  QueueResult: text(32),
  QueuePosition: z.coerce.number().int().min(0).optional().catch(undefined),
  QueueTime: z.coerce.number().int().min(0).optional().catch(undefined),
  /** On a <Queue url> request: the call that dequeued this caller (the doctor's leg). */
  DequeingCallSid: text(64),
  ParentCallSid: text(64),
  ErrorCode: text(16),
});
export type VoiceParams = z.infer<typeof voiceParams>;

export const smsParams = z.object({
  MessageSid: clean(64).catch(''),
  From: clean(64).catch(''),
  To: clean(64).catch(''),
  Body: z
    .string()
    .max(2000)
    .transform((v) => withoutControls(v, true))
    .catch(''),
});
export type SmsParams = z.infer<typeof smsParams>;

export const smsStatusParams = z.object({
  MessageSid: clean(64),
  MessageStatus: clean(32),
  ErrorCode: z.coerce.number().int().optional().catch(undefined),
});
