import type { RequestHandler } from 'express';
import helmet from 'helmet';

/** Where bull-board's UI is mounted (server/platform/queue-dashboard-routes.ts). */
const queueDashboard = '/admin/queues';

/**
 * helmet with a strict Content-Security-Policy: scripts and styles only from our own files (the
 * pages carry no inline script, style block or style attribute), no framing (the rota's drag and
 * the approval forms cannot be clickjacked), nosniff, no Referer off-site (an iCal or invitation
 * link in a page's URL stays here). HSTS only in production, where the public URL is https:
 * sent on a local http service it would pin a developer's browser to https for localhost.
 *
 * One exception: bull-board's admin-only queue dashboard is a prebuilt React app whose markup
 * and bundle inject inline styles; there styles may be inline. Scripts stay 'self' everywhere.
 */
export function securityHeaders(production: boolean): RequestHandler {
  const strict = headers(production, { styleSrc: ["'self'"], baseUri: ["'none'"] });
  // Its page also sets <base href> for its relative script URLs. Its Google Fonts stylesheet
  // stays blocked: an admin's address is not sent to a third party (system fonts instead).
  const dashboard = headers(production, {
    styleSrc: ["'self'", "'unsafe-inline'"],
    baseUri: ["'self'"],
  });
  return (req, res, next) =>
    // Twilio's webhooks answer TwiML to Twilio, never to a browser: no page headers to compute
    // and send on the line's hottest path (the new-call benchmark lost 10 % to them).
    req.path.startsWith('/twilio/')
      ? next()
      : (req.path === queueDashboard || req.path.startsWith(`${queueDashboard}/`)
          ? dashboard
          : strict)(req, res, next);
}

function headers(
  production: boolean,
  { styleSrc, baseUri }: { styleSrc: string[]; baseUri: string[] },
): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc,
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri,
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        ...(production ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    strictTransportSecurity: production ? { maxAge: 365 * 24 * 3600 } : false,
    referrerPolicy: { policy: 'same-origin' },
    xFrameOptions: { action: 'deny' },
  });
}
