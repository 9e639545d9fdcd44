import express, { type ErrorRequestHandler, type Express } from 'express';
import { pinoHttp } from 'pino-http';
import type { AppDeps } from './platform/deps.js';
import { loggablePath } from './platform/logger.js';
import { healthRouter } from './platform/health-routes.js';
import { createLifecycle, type Lifecycle } from './platform/lifecycle.js';
import { createMetrics } from './platform/metrics.js';
import { deadLetterCount } from './line/dead-letters.js';
import { metricsRouter } from './platform/metrics-routes.js';
import type { LineRoom } from './line/turn.js';
import { twilioRouter } from './webhooks.js';
import { apiRouter } from './api.js';
import { uiRouter } from './pages.js';
import { adminQueuesRouter } from './platform/queue-dashboard-routes.js';
import { icalRouter } from './planning/ical/routes.js';
import { identify, sessions } from './access/middleware.js';
import { publicStylesheetRouter } from './web/assets-routes.js';
import { securityHeaders } from './web/security-headers.js';

export interface AppOptions {
  /** Set draining by main.ts on SIGTERM; a test app never drains. */
  lifecycle?: Lifecycle;
  /** Dead letters of the line, for /metrics (defaults to the line's own count). */
  deadLetters?: () => number;
}

/** The express application, without `listen`: main.ts serves it, supertest imports it. */
export function createApp(deps: AppDeps, options: AppOptions = {}): Express {
  const app = express();
  let line: LineRoom | null = null;
  const twilio = twilioRouter(deps, (room) => (line = room));
  const metrics = createMetrics({
    deps,
    breakerOpen: () => line?.breaker.isOpen() ?? false,
    deadLetters: options.deadLetters ?? deadLetterCount,
  });
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
      autoLogging: { ignore: (req) => ['/healthz', '/readyz', '/metrics'].includes(req.url ?? '') },
    }),
  );
  app.use(
    healthRouter(deps, {
      lifecycle: options.lifecycle ?? createLifecycle(),
      rotaSnapshots: (now) => line?.cache.snapshotCount(now) ?? 0,
    }),
  );
  app.use(metricsRouter(deps.config.METRICS_TOKEN, metrics));
  app.use('/twilio', metrics.timeWebhooks, twilio);
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
