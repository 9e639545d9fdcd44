import { newSid, rfc2822 } from './identifiers.js';
import type { MessageDirection, MessageSnapshot, MessageStatus } from './types.js';

export interface MessageInit {
  direction: MessageDirection;
  from: string;
  to: string;
  body: string;
  status: MessageStatus;
  messagingServiceSid?: string;
  statusCallback?: string;
}

/** One SMS, in either direction, as the emulator keeps it. */
export class MessageRecord {
  readonly sid = newSid('SM');
  readonly createdAt = new Date();
  updatedAt = this.createdAt;
  sentAt: Date | null = null;
  status: MessageStatus;
  errorCode: number | null = null;
  errorMessage: string | null = null;

  constructor(readonly init: MessageInit) {
    this.status = init.status;
  }

  get from(): string {
    return this.init.from;
  }
  get to(): string {
    return this.init.to;
  }
  get body(): string {
    return this.init.body;
  }

  snapshot(): MessageSnapshot {
    return {
      sid: this.sid,
      direction: this.init.direction,
      from: this.from,
      to: this.to,
      body: this.body,
      status: this.status,
      errorCode: this.errorCode,
      messagingServiceSid: this.init.messagingServiceSid ?? null,
      createdAt: this.createdAt,
      updatedAt: this.updatedAt,
    };
  }

  /** The REST representation (snake_case, RFC 2822 dates). */
  toJSON(accountSid: string): Record<string, unknown> {
    const uri = `/2010-04-01/Accounts/${accountSid}/Messages/${this.sid}.json`;
    return {
      sid: this.sid,
      account_sid: accountSid,
      api_version: '2010-04-01',
      body: this.body,
      date_created: rfc2822(this.createdAt),
      date_updated: rfc2822(this.updatedAt),
      date_sent: this.sentAt ? rfc2822(this.sentAt) : null,
      direction: this.init.direction,
      error_code: this.errorCode,
      error_message: this.errorMessage,
      from: this.from,
      to: this.to,
      messaging_service_sid: this.init.messagingServiceSid ?? null,
      num_media: '0',
      num_segments: String(Math.max(1, Math.ceil(this.body.length / 160))),
      price: null,
      price_unit: 'EUR',
      status: this.status,
      uri,
      subresource_uris: {
        media: uri.replace('.json', '/Media.json'),
        feedback: uri.replace('.json', '/Feedback.json'),
      },
    };
  }
}
