/**
 * Why a message is refused, as the hospital's interface team reads it in the ACK's ERR segment:
 * the HL7 error code (table 0357), AE or AR, and ERR-8 in French then English. Original-mode
 * acknowledgement: AR when we do not take this kind of message at all (type, event, sender),
 * AE when the message is of a kind we take but its content is wrong or we failed to store it.
 */
export interface Refusal {
  ackCode: 'AE' | 'AR';
  /** HL7 table 0357. */
  code: '100' | '101' | '102' | '103' | '200' | '201' | '204' | '207';
  /** ERR-2: where, as SEG^sequence^field[^component]. */
  location: string;
  /** ERR-8. */
  text: string;
}

/** Table 0357's own words, sent as ERR-3.2. */
export const hl7ErrorNames: Record<Refusal['code'], string> = {
  '100': 'Segment sequence error',
  '101': 'Required field missing',
  '102': 'Data type error',
  '103': 'Table value not found',
  '200': 'Unsupported message type',
  '201': 'Unsupported event code',
  '204': 'Unknown key identifier',
  '207': 'Application internal error',
};

export const refusals = {
  notHl7: (): Refusal => ({
    ackCode: 'AE',
    code: '100',
    location: 'MSH',
    text: 'Message illisible : il ne commence pas par MSH / Unreadable message: it does not start with MSH',
  }),
  unknownCharset: (value: string): Refusal => ({
    ackCode: 'AE',
    code: '103',
    location: 'MSH^1^18',
    text: `Jeu de caractères non pris en charge : ${value} (8859/1, 8859/15, UNICODE UTF-8) / Unsupported character set: ${value}`,
  }),
  missing: (location: string, what: string, whatEn: string): Refusal => ({
    ackCode: 'AE',
    code: '101',
    location,
    text: `Champ obligatoire absent : ${location.replaceAll('^', '-')} (${what}) / Required field missing: ${whatEn}`,
  }),
  badValue: (location: string, what: string, whatEn: string): Refusal => ({
    ackCode: 'AE',
    code: '102',
    location,
    text: `Valeur invalide : ${location.replaceAll('^', '-')} (${what}) / Invalid value: ${whatEn}`,
  }),
  unsupportedType: (type: string): Refusal => ({
    ackCode: 'AR',
    code: '200',
    location: 'MSH^1^9^1',
    text: `Type de message non pris en charge : ${type} (ADT seulement) / Unsupported message type: ${type} (ADT only)`,
  }),
  unsupportedEvent: (event: string): Refusal => ({
    ackCode: 'AR',
    code: '201',
    location: 'MSH^1^9^2',
    text: `Événement non pris en charge : ${event} (A01 A03 A04 A05 A11 A13 A21 A22) / Unsupported event: ${event}`,
  }),
  facilityNotAllowed: (facility: string): Refusal => ({
    ackCode: 'AR',
    code: '204',
    location: 'MSH^1^4',
    text: `Établissement émetteur non autorisé : ${facility} / Sending facility not allowed: ${facility}`,
  }),
  internal: (): Refusal => ({
    ackCode: 'AE',
    code: '207',
    location: '',
    text: 'Erreur interne, message non enregistré : renvoyez-le / Internal error, message not stored: send it again',
  }),
};
