import { randomBytes } from 'node:crypto';
import { formatHl7DateTime, Hl7Message, Hl7Segment } from '@medplum/core';
import { escapeHl7 } from './hl7-values.js';
import { hl7ErrorNames, type Refusal } from './refusals.js';

/** What we answer for a message that could not even be parsed: MSA-2 stays empty. */
const unreadable = Hl7Message.parse('MSH|^~\\&|||||||||||2.5');

/**
 * The ACK of a message, built by @medplum/core's `buildAck` (MSH mirrored: receiving and sending
 * sides swapped, ACK^event^ACK, the version echoed, MSA-2 the message's control id) with what it
 * leaves out: our own control id and an explicit UTC time, MSH-18 echoed, and for a refusal one
 * ERR segment (ERR-2 location, ERR-3 table 0357, ERR-4 severity E, ERR-8 the reason).
 */
export function buildAck(
  message: Hl7Message | null,
  now: Date,
  msh18: string,
  refusal: Refusal | null,
): string {
  const original = message ?? unreadable;
  const context = original.context;
  const errSegment = refusal
    ? new Hl7Segment(
        [
          'ERR',
          '',
          refusal.location,
          `${refusal.code}^${hl7ErrorNames[refusal.code]}^HL70357`,
          'E',
          '',
          '',
          '',
          escapeHl7(refusal.text, context),
        ],
        context,
      )
    : undefined;
  const ack = original.buildAck({
    ackCode: refusal?.ackCode ?? 'AA',
    ...(errSegment ? { errSegment } : {}),
  });
  const msh = ack.header;
  msh.setField(7, `${formatHl7DateTime(now)}+0000`);
  // MSH-10 is an ST of 20 characters at most in 2.5.
  msh.setField(10, `GL${randomBytes(9).toString('hex')}`);
  if (msh18) msh.setField(18, msh18);
  return ack.toString();
}
