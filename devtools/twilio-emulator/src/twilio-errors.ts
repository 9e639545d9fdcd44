/**
 * Twilio's error codes the emulator produces, with Twilio's wording. REST errors travel
 * as `{ code, message, more_info, status }`, which the official client turns into a
 * `RestException` carrying `.code` and `.status`.
 */
export const restErrors = {
  authenticate: { code: 20003, status: 401, message: 'Authenticate' },
  notFound: { code: 20404, status: 404, message: 'The requested resource was not found' },
  tooManyRequests: { code: 20429, status: 429, message: 'Too Many Requests' },
  internal: { code: 20500, status: 500, message: 'Internal Server Error' },
  missingTo: { code: 21604, status: 400, message: "A 'To' phone number is required." },
  missingCallTo: { code: 21201, status: 400, message: "No 'To' number is specified" },
  missingFrom: { code: 21603, status: 400, message: "A 'From' phone number is required." },
  missingCallFrom: { code: 21213, status: 400, message: "No 'From' number is specified" },
  invalidFrom: { code: 21212, status: 400, message: "Invalid 'From' Phone Number" },
  invalidTo: { code: 21211, status: 400, message: "Invalid 'To' Phone Number" },
  missingBody: { code: 21602, status: 400, message: 'Message body is required.' },
  missingUrl: { code: 21205, status: 400, message: "Url parameter is required (or 'Twiml')." },
  unsubscribed: { code: 21610, status: 400, message: 'Attempt to send to unsubscribed recipient' },
  notMobile: { code: 21614, status: 400, message: "'To' number is not a valid mobile number" },
  notInProgress: { code: 21220, status: 400, message: 'Call is not in-progress. Cannot redirect.' },
} as const;

export type RestErrorKind = keyof typeof restErrors;

/** A REST failure the HTTP layer serialises as Twilio does. */
export class TwilioRestError extends Error {
  constructor(
    readonly code: number,
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'TwilioRestError';
  }

  static of(kind: RestErrorKind, detail?: string): TwilioRestError {
    const e = restErrors[kind];
    return new TwilioRestError(e.code, e.status, detail ? `${e.message}: ${detail}` : e.message);
  }

  toJSON(): { code: number; message: string; more_info: string; status: number } {
    return {
      code: this.code,
      message: this.message,
      more_info: moreInfo(this.code),
      status: this.status,
    };
  }
}

export function moreInfo(code: number): string {
  return `https://www.twilio.com/docs/errors/${code}`;
}

/** Webhook/TwiML errors recorded in `emulator.errors()` (Twilio's debugger). */
export const appErrorCodes = {
  /** The app answered non-2xx, refused the connection, or was slower than webhookTimeoutMs. */
  httpFailure: 11200,
  /** The body could not be parsed as TwiML, or broke TwiML's structure rules. */
  invalidTwiml: 12100,
  /** The Content-Type was not XML. */
  invalidContentType: 12300,
} as const;

/** SMS delivery failures reported as MessageStatus=undelivered|failed with ErrorCode. */
export const deliveryErrors = { undelivered: 30003, failed: 30008 } as const;

/** What a caller hears when neither the voice URL nor the fallback produced TwiML. */
export const applicationErrorSpeech = "We're sorry, an application error has occurred. Goodbye.";
