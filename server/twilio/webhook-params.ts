import { z } from 'zod';

/**
 * What Twilio posts, parsed once at the edge. Everything is optional and lenient: a missing
 * or odd field must never turn into an HTTP error for a caller.
 */
const text = (max = 200) => z.string().max(max).optional().catch(undefined);

export const voiceParams = z.object({
  CallSid: z.string().max(64).catch(''),
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
  ParentCallSid: text(64),
  ErrorCode: text(16),
});
export type VoiceParams = z.infer<typeof voiceParams>;

export const smsParams = z.object({
  MessageSid: z.string().max(64).catch(''),
  From: z.string().max(64).catch(''),
  To: z.string().max(64).catch(''),
  Body: z.string().max(2000).catch(''),
});
export type SmsParams = z.infer<typeof smsParams>;

export const smsStatusParams = z.object({
  MessageSid: z.string().max(64),
  MessageStatus: z.string().max(32),
  ErrorCode: z.coerce.number().int().optional().catch(undefined),
});
