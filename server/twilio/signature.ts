import type { RequestHandler } from 'express';
import twilio from 'twilio';

/**
 * Refuses (403) any request whose X-Twilio-Signature does not match the public URL Twilio
 * called (configured base URL + original path and query) and the posted parameters.
 * Behind a TLS proxy Express sees http://, so the URL is never rebuilt from the request.
 */
export function verifyTwilioSignature(authToken: string, publicUrl: string): RequestHandler {
  return (req, res, next) => {
    const signature = req.header('x-twilio-signature');
    const params = isFlatParams(req.body) ? req.body : {};
    const url = publicUrl + req.originalUrl;
    if (signature && twilio.validateRequest(authToken, signature, url, params)) {
      next();
      return;
    }
    req.log?.warn(
      { path: req.path, signed: Boolean(signature) },
      'refused a request with a bad Twilio signature',
    );
    res
      .status(403)
      .type('text/plain')
      .send(signature ? 'Invalid Twilio signature' : 'Missing X-Twilio-Signature');
  };
}

function isFlatParams(body: unknown): body is Record<string, string> {
  return typeof body === 'object' && body !== null && !Array.isArray(body);
}
