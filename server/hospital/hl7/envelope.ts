import { Hl7Message } from '@medplum/core';
import { valueOf } from './hl7-values.js';
import { refusals, type Refusal } from './refusals.js';

/** The ADT events of IHE PAM France this service applies to a hospital stay. */
export const stayEvents = ['A01', 'A03', 'A04', 'A05', 'A11', 'A13', 'A21', 'A22'] as const;
export type StayEvent = (typeof stayEvents)[number];

/** What MSH says: who sent the message, its control id, its kind. */
export interface Envelope {
  message: Hl7Message;
  /** MSH-4.1 (the hospital's namespace), else MSH-4.2 (its FINESS). */
  sendingFacility: string;
  /** Every identifier of MSH-4 an allow-list may name: namespace and universal id (FINESS). */
  facilityIds: string[];
  controlId: string;
  messageType: string;
  event: string;
}

export type EnvelopeReading =
  | { ok: true; envelope: Envelope }
  /** `message` and the ids when they could be read: the refusal is stored and acknowledged to them. */
  | {
      ok: false;
      refusal: Refusal;
      message: Hl7Message | null;
      sendingFacility?: string;
      controlId?: string;
    };

/**
 * Parses the text with @medplum/core's Hl7Message and reads MSH. Facility and control id are
 * read before anything else can fail, so that a refused message is still stored once and a
 * repeat of it gets the same answer.
 */
export function readEnvelope(text: string): EnvelopeReading {
  // MSH, then its field separator and the four encoding characters.
  if (!/^MSH[^\r\n]{5}/.test(text)) return { ok: false, refusal: refusals.notHl7(), message: null };
  const message = Hl7Message.parse(text);
  const msh = message.header;
  const ids = [valueOf(msh, 4, 1), valueOf(msh, 4, 2)];
  const sendingFacility = ids.find((id) => id !== '') ?? '';
  const controlId = valueOf(msh, 10);
  const known = { message, ...(sendingFacility ? { sendingFacility } : {}) };
  if (sendingFacility === '')
    return {
      ok: false,
      refusal: refusals.missing('MSH^1^4', 'établissement émetteur', 'sending facility'),
      ...known,
    };
  if (controlId === '')
    return {
      ok: false,
      refusal: refusals.missing('MSH^1^10', 'identifiant du message', 'message control id'),
      ...known,
    };
  const envelope: Envelope = {
    message,
    sendingFacility,
    facilityIds: ids.filter((id) => id !== ''),
    controlId,
    messageType: valueOf(msh, 9, 1),
    event: valueOf(msh, 9, 2) || valueOf(message.getSegment('EVN'), 1),
  };
  return { ok: true, envelope };
}

/** AR for anything but the ADT events we apply. */
export function eventRefusal(envelope: Envelope): Refusal | null {
  if (envelope.messageType !== 'ADT') return refusals.unsupportedType(envelope.messageType || '?');
  if (!(stayEvents as readonly string[]).includes(envelope.event))
    return refusals.unsupportedEvent(envelope.event || '?');
  return null;
}

export const isStayEvent = (event: string): event is StayEvent =>
  (stayEvents as readonly string[]).includes(event);
