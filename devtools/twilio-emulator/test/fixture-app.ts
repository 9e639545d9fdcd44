import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import twilio from 'twilio';

/** One request the emulator made to the fixture app. */
export interface Hit {
  path: string;
  method: string;
  params: Record<string, string>;
  /** `twilio.validateRequest` accepted the X-Twilio-Signature. */
  signatureValid: boolean;
}

export interface Reply {
  status?: number;
  body?: string;
  contentType?: string;
  delayMs?: number;
}

export type Responder = (params: Record<string, string>, hit: Hit) => string | Reply;

/** A tiny Twilio app for the emulator's tests: each path answers what the test says, every hit is kept. */
export interface FixtureApp {
  url: string;
  hits: Hit[];
  route(path: string, responder: Responder | string): void;
  hitsTo(path: string): Hit[];
  close(): Promise<void>;
}

export const twiml = (inner: string): string =>
  `<?xml version="1.0" encoding="UTF-8"?><Response>${inner}</Response>`;

export async function startFixtureApp(authToken: () => string): Promise<FixtureApp> {
  const hits: Hit[] = [];
  const routes = new Map<string, Responder>();
  const app = express();
  app.use(express.urlencoded({ extended: false }));
  let base = '';
  app.use((req, res) => {
    const params = (req.method === 'POST' ? req.body : req.query) as Record<string, string>;
    const signed = req.method === 'POST' ? params : {};
    const signatureValid = twilio.validateRequest(
      authToken(),
      req.header('X-Twilio-Signature') ?? '',
      `${base}${req.originalUrl}`,
      signed,
    );
    const hit: Hit = { path: req.path, method: req.method, params: { ...params }, signatureValid };
    hits.push(hit);
    const responder = routes.get(req.path);
    const raw = responder ? responder(hit.params, hit) : { status: 204, body: '' };
    const reply: Reply = typeof raw === 'string' ? { body: raw } : raw;
    setTimeout(() => {
      res
        .status(reply.status ?? 200)
        .type(reply.contentType ?? 'text/xml')
        .send(reply.body ?? '');
    }, reply.delayMs ?? 0);
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    hits,
    route(path, responder) {
      routes.set(path, typeof responder === 'string' ? () => responder : responder);
    },
    hitsTo: (path) => hits.filter((h) => h.path === path),
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
