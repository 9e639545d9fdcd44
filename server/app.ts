import express, { type ErrorRequestHandler, type Express } from 'express';
import { pinoHttp } from 'pino-http';
import type { AppDeps } from './platform/deps.js';
import { loggablePath } from './platform/logger.js';
import { healthRouter } from './platform/health-routes.js';
import { twilioRouter } from './webhooks.js';
import { apiRouter } from './api.js';
import { uiRouter } from './pages.js';
import { adminQueuesRouter } from './platform/queue-dashboard-routes.js';
import { icalRouter } from './planning/ical/routes.js';
import { identify, sessions } from './access/middleware.js';
import { publicStylesheetRouter } from './web/assets-routes.js';
import { securityHeaders } from './web/security-headers.js';

/** The express application, without `listen`: main.ts serves it, supertest imports it. */
export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  // Behind the TLS proxy: req.ip and req.secure from its X-Forwarded-* (rate limits, secure cookies).
  app.set('trust proxy', deps.config.TRUST_PROXY ?? false);
  app.use(securityHeaders(deps.config.NODE_ENV === 'production'));
  app.use(
    pinoHttp({
      logger: deps.logger,
      // Only method and path: query strings and bodies may carry numbers or what a caller said,
      // and a path may carry an iCal or invitation token (loggablePath hides it).
      serializers: {
        req: (req: { method: string; url: string }) => ({
          method: req.method,
          path: loggablePath(req.url),
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      autoLogging: { ignore: (req) => req.url === '/healthz' },
    }),
  );
  app.use(healthRouter(deps));
  app.use('/twilio', twilioRouter(deps));
  app.use(icalRouter(deps));
  // Before the sessions and the login wall: the login page needs its stylesheet (the other
  // assets stay behind the login, see pages.ts).
  app.use(publicStylesheetRouter());
  app.use(sessions(deps), identify(deps));
  app.use('/api', apiRouter(deps));
  app.use(adminQueuesRouter(deps));
  app.use(uiRouter(deps));

  app.use((req, res) => {
    res.status(404).json({ error: 'not_found', message: `No route for ${req.method} ${req.path}` });
  });
  const onError: ErrorRequestHandler = (err, req, res, _next) => {
    const status =
      typeof err?.status === 'number' && err.status >= 400 && err.status < 500 ? err.status : 500;
    if (status === 500) req.log.error({ err }, 'unhandled error');
    res.status(status).json({
      error: status === 500 ? 'internal' : 'bad_request',
      message: status === 500 ? 'Internal error' : String(err.message),
    });
  };
  app.use(onError);
  return app;
}
