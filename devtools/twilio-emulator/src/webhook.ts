import twilio from 'twilio';
import { appErrorCodes } from './twilio-errors.js';

/** A request Twilio makes to the app (voice URL, action, status callback, SMS URL). */
export interface WebhookRequest {
  url: string;
  method?: 'GET' | 'POST';
  params: Record<string, string>;
}

export type WebhookResult =
  | { ok: true; status: number; body: string; contentType: string; url: string }
  | { ok: false; code: number; message: string; url: string };

export interface WebhookOptions {
  authToken: string;
  timeoutMs: number;
  /** Aborted when the emulator closes. */
  signal?: AbortSignal;
}

/**
 * Signs and sends a webhook exactly like Twilio: POST form bodies are signed over the
 * full URL followed by each parameter as key+value sorted by key; GET requests carry the
 * parameters in the query string and are signed over the resulting URL alone.
 */
export async function sendWebhook(
  request: WebhookRequest,
  options: WebhookOptions,
): Promise<WebhookResult> {
  const method = request.method ?? 'POST';
  let url = request.url;
  let body: string | undefined;
  let signed: Record<string, string> = request.params;
  if (method === 'GET') {
    const target = new URL(url);
    for (const [key, value] of Object.entries(request.params))
      target.searchParams.append(key, value);
    url = target.toString();
    signed = {};
  } else {
    body = new URLSearchParams(request.params).toString();
  }
  const headers: Record<string, string> = {
    'X-Twilio-Signature': twilio.getExpectedTwilioSignature(options.authToken, url, signed),
    'User-Agent': 'TwilioProxy/1.1 (gardeline twilio-emulator)',
    Accept: '*/*',
    'I-Twilio-Idempotency-Token': crypto.randomUUID(),
  };
  if (body !== undefined) headers['Content-Type'] = 'application/x-www-form-urlencoded';
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout;
  try {
    const res = await fetch(url, { method, headers, body, signal, redirect: 'follow' });
    const text = await res.text();
    if (res.status < 200 || res.status >= 300) {
      return {
        ok: false,
        code: appErrorCodes.httpFailure,
        message: `HTTP ${res.status} from ${url}`,
        url,
      };
    }
    return {
      ok: true,
      status: res.status,
      body: text,
      contentType: res.headers.get('content-type') ?? '',
      url,
    };
  } catch (err) {
    const reason = timeout.aborted
      ? `no answer within ${options.timeoutMs} ms`
      : err instanceof Error
        ? err.cause instanceof Error
          ? err.cause.message
          : err.message
        : String(err);
    return {
      ok: false,
      code: appErrorCodes.httpFailure,
      message: `${method} ${url} failed: ${reason}`,
      url,
    };
  }
}

/** Twilio accepts TwiML served as XML (and, leniently, as HTML). */
export function isTwimlContentType(contentType: string): boolean {
  const type = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  return type === 'text/xml' || type === 'application/xml' || type === 'text/html';
}
