import { Hl7Message } from '@medplum/core';
import type { Database } from '../../../db/client.js';
import { recordAudit } from '../../platform/audit.js';
import type { AppDeps } from '../../platform/deps.js';
import { enqueue } from '../../platform/enqueue.js';
import { buildAck } from './ack.js';
import { readAdt } from './adt-message.js';
import { charsetOf, decodeMessage, encodeMessage, msh18Of, type Charset } from './charset.js';
import { eventRefusal, isStayEvent, readEnvelope, type Envelope } from './envelope.js';
import { refusals, type Refusal } from './refusals.js';
import { applyMovement, type StayNotice } from './apply-movement.js';
import { insertMessage, storedAck, territoriesAllowing } from './store.js';

type Deps = Pick<AppDeps, 'db' | 'jobs' | 'logger' | 'now'>;

export interface Receipt {
  /** The ACK's bytes, in the message's own charset. */
  ack: Buffer;
  ackCode: 'AA' | 'AE' | 'AR';
  /** Settles once the notice jobs of what was committed are queued (or failed to be). */
  followUps: Promise<void>;
}

const noFollowUps = Promise.resolve();

/**
 * One ADT message from the hospital, its bytes as they came off the MLLP frame. The message and
 * its movement are committed in one transaction before the ACK AA is built; a refused message
 * is stored with its AE/AR where facility and MSH-10 could be read (but a facility not allowed); a repeat of a stored
 * (facility, MSH-10) gets the stored ACK and changes nothing. Then, without holding the ACK
 * back, one 'hospital-stay-notice' job per changed stay (ids only); a queue that is down costs
 * the notice its speed, not its existence: the notices sweep finds unnotified movements.
 */
export async function receiveAdtMessage(deps: Deps, bytes: Buffer): Promise<Receipt> {
  const now = deps.now();
  const charset = charsetOf(bytes);
  if (!charset) {
    const fallback: Charset = { msh18: '', codec: 'latin1' };
    const text = decodeMessage(bytes, fallback);
    const reading = readEnvelope(text);
    const message = reading.ok ? reading.envelope.message : reading.message;
    const refusal = refusals.unknownCharset(msh18Of(bytes));
    const ids = reading.ok ? reading.envelope : reading;
    return refuse(deps.db.db, { now, charset: fallback, text, message, refusal, ids });
  }
  const text = decodeMessage(bytes, charset);
  const reading = readEnvelope(text);
  if (!reading.ok)
    return refuse(deps.db.db, {
      now,
      charset,
      text,
      message: reading.message,
      refusal: reading.refusal,
      ids: reading,
    });
  const envelope = reading.envelope;

  const repeat = await storedAck(deps.db.db, envelope.sendingFacility, envelope.controlId);
  if (repeat !== null) return answered(repeat, charset);

  const [territory] = await territoriesAllowing(deps.db.db, envelope.facilityIds);
  const refusal = territory
    ? eventRefusal(envelope)
    : refusals.facilityNotAllowed(envelope.sendingFacility);
  if (refusal || !territory || !isStayEvent(envelope.event))
    return refuse(deps.db.db, {
      now,
      charset,
      text,
      message: envelope.message,
      refusal,
      ids: envelope,
      territoryId: territory?.id,
    });
  const adt = readAdt(envelope.message, envelope.event, territory.timeZone);
  if (!adt.ok)
    return refuse(deps.db.db, {
      now,
      charset,
      text,
      message: envelope.message,
      refusal: adt.refusal,
      ids: envelope,
      territoryId: territory.id,
    });

  const ack = buildAck(envelope.message, now, charset.msh18, null);
  const committed = await deps.db.db.transaction(async (tx) => {
    const messageId = await insertMessage(tx, {
      ...row(envelope, territory.id, text),
      ackCode: 'AA',
      ack,
    });
    // Another connection stored the same message meanwhile: its ACK is the answer.
    if (messageId === null) return null;
    const notices = await applyMovement(tx, {
      territoryId: territory.id,
      envelope,
      adt: adt.adt,
      messageId,
      now,
    });
    await recordAudit(
      tx,
      { userId: null, label: `hl7:${envelope.sendingFacility}` },
      {
        action: 'hospital.adt-received',
        entity: 'hl7_message',
        entityId: messageId,
        territoryId: territory.id,
        after: {
          event: envelope.event,
          controlId: envelope.controlId,
          stays: notices.map((n) => n.stayId),
        },
      },
    );
    return notices;
  });
  if (committed === null) {
    const stored = await storedAck(deps.db.db, envelope.sendingFacility, envelope.controlId);
    return answered(stored ?? ack, charset);
  }
  return {
    ack: encodeMessage(ack, charset),
    ackCode: 'AA',
    followUps: enqueueNotices(deps, committed),
  };
}

/** The ACK of an unstorable failure (the database is down): AE, nothing kept, the sender resends. */
export function internalErrorAck(bytes: Buffer, now: Date): Buffer {
  const charset = charsetOf(bytes) ?? { msh18: '', codec: 'latin1' };
  const reading = readEnvelope(decodeMessage(bytes, charset));
  const message = reading.ok ? reading.envelope.message : reading.message;
  return encodeMessage(buildAck(message, now, charset.msh18, refusals.internal()), charset);
}

async function refuse(
  db: Database,
  input: {
    now: Date;
    charset: Charset;
    /** The decoded message, stored as it came (health data: never logged). */
    text: string;
    message: Hl7Message | null;
    refusal: Refusal | null;
    ids: { sendingFacility?: string; controlId?: string; event?: string };
    territoryId?: string | undefined;
  },
): Promise<Receipt> {
  const { now, charset, text, message, refusal, ids, territoryId } = input;
  const why = refusal ?? refusals.internal();
  const ack = buildAck(message, now, charset.msh18, why);
  // A facility not (yet) allowed is not stored: once the manager allows it, the hospital's
  // resend of the same MSH-10 must be applied, not answered the stored AR forever.
  if (ids.sendingFacility && ids.controlId && why.code !== '204') {
    const stored = await insertMessage(db, {
      territoryId: territoryId ?? null,
      sendingFacility: ids.sendingFacility,
      controlId: ids.controlId,
      event: ids.event || null,
      raw: text,
      ackCode: why.ackCode,
      ack,
    });
    if (stored === null)
      return answered((await storedAck(db, ids.sendingFacility, ids.controlId)) ?? ack, charset);
  }
  return { ack: encodeMessage(ack, charset), ackCode: why.ackCode, followUps: noFollowUps };
}

function answered(ack: string, charset: Charset): Receipt {
  const code = Hl7Message.parse(ack).getSegment('MSA')?.getComponent(1, 1);
  const ackCode = code === 'AE' || code === 'AR' ? code : 'AA';
  return { ack: encodeMessage(ack, charset), ackCode, followUps: noFollowUps };
}

const row = (envelope: Envelope, territoryId: string, raw: string) => ({
  territoryId,
  sendingFacility: envelope.sendingFacility,
  controlId: envelope.controlId,
  event: envelope.event,
  raw,
});

async function enqueueNotices(deps: Deps, notices: StayNotice[]): Promise<void> {
  for (const notice of notices) {
    try {
      await enqueue(deps.jobs, 'hospital-stay-notice', notice, {
        jobId: `stay-notice-${notice.movementId}`,
      });
    } catch (err) {
      // Ids only: the sweep of unnotified movements sends it later.
      deps.logger.warn({ err, movementId: notice.movementId }, 'stay notice not queued');
    }
  }
}
