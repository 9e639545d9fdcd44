import type { Express } from 'express';
import request from 'supertest';

export interface WebSession {
  agent: ReturnType<typeof request.agent>;
  /** The session's CSRF token, as the pages embed it in their forms. */
  csrf: string;
  /** POSTs a form (urlencoded) with the CSRF token unless `_csrf` is given. */
  post(path: string, fields?: Record<string, string | string[]>): request.Test;
}

const csrfIn = (text: string) => /name="_csrf" value="([^"]+)"/.exec(text)?.[1] ?? '';

/** Logs in through the login form, as a browser does (session cookie, CSRF token of the page). */
export async function webLogin(
  app: Express,
  email: string,
  password = 'garde-auray-2026',
): Promise<WebSession> {
  const agent = request.agent(app);
  const login = await agent.get('/login');
  const res = await agent
    .post('/login')
    .type('form')
    .send({ email, password, _csrf: csrfIn(login.text), next: '/' });
  if (res.status !== 303 || res.headers.location !== '/')
    throw new Error(`login of ${email} failed: ${res.status} ${res.text.slice(0, 200)}`);
  const csrf = csrfIn((await agent.get('/professionals')).text);
  return {
    agent,
    csrf,
    post: (path, fields = {}) =>
      agent
        .post(path)
        .type('form')
        .send(
          new URLSearchParams(
            Object.entries({ _csrf: csrf, ...fields }).flatMap(([k, v]) =>
              Array.isArray(v) ? v.map((x) => [k, x]) : [[k, v]],
            ),
          ).toString(),
        ),
  };
}
