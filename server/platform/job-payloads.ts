import { z } from 'zod';

/**
 * Every job's name and payload schema. Payloads carry ids, never what a patient said:
 * the worker loads the rest from PostgreSQL.
 */
export const jobPayloads = {
  /** Call the on-duty professional, then bridge to the patient. */
  callback: z.object({
    callbackId: z.string().uuid(),
    /** Round of tries: a patient who does not answer is tried three times, 5 minutes apart. */
    attempt: z.number().int().min(1).default(1),
    /** Which of the on-duty contacts (by escalation order) to ring this time. */
    contactIndex: z.number().int().min(0).default(0),
  }),
  /** The callback was not done within the territory's deadline: alert backup and manager. */
  'callback-deadline': z.object({ callbackId: z.string().uuid() }),
  /** Send one SMS already written to sms_messages (status queued). */
  'send-sms': z.object({ smsId: z.string().uuid() }),
  /** Next-morning "how are you" message after a connected call. */
  'follow-up': z.object({ callSid: z.string().min(1) }),
  /** SMS to a professional before a shift; `version` ties it to one state of the shift. */
  'shift-reminder': z.object({
    shiftId: z.string().uuid(),
    version: z.number().int(),
    when: z.enum(['day-before', 'two-hours']),
  }),
  /** One swap notice (offer, taken, decision) to one person by one channel (swap_notices row). */
  'swap-notice': z.object({ noticeId: z.string().uuid() }),
  'gap-alert': z.object({}),
  'retention-purge': z.object({}),
  /** Hands callback rows that never reached the queue (Redis was down) to it. */
  'callback-outbox': z.object({}),
  /**
   * A hospital stay changed (an ADT movement was stored, or cancelled): tell the patient's GP and
   * update the return-home checklist. Ids only: the stay is health data and stays in PostgreSQL.
   */
  'hospital-stay-notice': z.object({ stayId: z.string().uuid(), movementId: z.string().uuid() }),
  /**
   * Import the national register (Annuaire Santé) for a territory: the run's sources (paths,
   * URLs) stay in its directory_imports row.
   */
  'directory-import': z.object({ importId: z.string().uuid(), territoryId: z.string().uuid() }),
  /** Remind the régulateur of a fiche de régulation still unfinished 2 h after the call. */
  'fiche-reminder': z.object({ ficheId: z.string().uuid() }),
  /** Hands unnoticed ADT movements to the queue and retries undelivered hospital notices. */
  'hospital-notice-sweep': z.object({}),
  /** Hands SMS rows still 'queued' (the queue was down when they were written) to the queue. */
  'sms-outbox-sweep': z.object({}),
} as const;

export type JobName = keyof typeof jobPayloads;
export type JobPayload<N extends JobName> = z.infer<(typeof jobPayloads)[N]>;

/** The queue each job runs on. */
export const jobQueue = {
  callback: 'callbacks',
  'callback-deadline': 'callbacks',
  'send-sms': 'sms',
  'follow-up': 'sms',
  'shift-reminder': 'reminders',
  'swap-notice': 'reminders',
  'gap-alert': 'maintenance',
  'retention-purge': 'maintenance',
  'callback-outbox': 'maintenance',
  'hospital-stay-notice': 'reminders',
  'directory-import': 'maintenance',
  'fiche-reminder': 'reminders',
  'hospital-notice-sweep': 'maintenance',
  'sms-outbox-sweep': 'maintenance',
} as const satisfies Record<JobName, string>;
