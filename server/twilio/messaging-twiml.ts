import twilio from 'twilio';

/** An SMS webhook answer: one reply message, or none. */
export function renderSmsReply(body: string | null): string {
  const response = new twilio.twiml.MessagingResponse();
  if (body) response.message(body);
  return response.toString();
}
