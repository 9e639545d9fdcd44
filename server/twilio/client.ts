import twilio, { type Twilio } from 'twilio';

/**
 * The real Twilio REST client. With `apiUrl` set (the local emulator, or a proxy) every
 * request of the 2010-04-01 API goes there instead of api.twilio.com.
 */
export function createTwilioClient(accountSid: string, authToken: string, apiUrl?: string): Twilio {
  const client = twilio(accountSid, authToken, { autoRetry: false });
  if (apiUrl) client.api.baseUrl = apiUrl.replace(/\/$/, '');
  return client;
}
