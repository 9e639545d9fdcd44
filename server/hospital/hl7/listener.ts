import { readFileSync } from 'node:fs';
import {
  createServer as createTcpServer,
  type AddressInfo,
  type Server,
  type Socket,
} from 'node:net';
import { createServer as createTlsServer } from 'node:tls';
import { Hl7Message } from '@medplum/core';
import { Hl7Connection } from '@medplum/hl7';
import { hl7ListenOf, type Config } from '../../platform/config.js';
import type { AppDeps } from '../../platform/deps.js';
import { internalErrorAck, receiveAdtMessage } from './commands.js';

type Deps = Pick<AppDeps, 'config' | 'db' | 'jobs' | 'logger' | 'now'>;

/** An ADT message is a few kilobytes; one with scanned documents (OBX/ED) stays well under this. */
const maxFrameBytes = 16 * 1024 * 1024;

export interface Hl7Listener {
  port: number;
  host: string;
  tls: boolean;
  /**
   * Stops taking connections, lets each connection finish the message it is on (at most
   * `drainMs`), then closes them: the hospital's interface engine reconnects and resends what was
   * not acknowledged.
   */
  close(drainMs?: number): Promise<void>;
  /** Settles once every message received so far is answered and its notice jobs queued. */
  idle(): Promise<void>;
}

/**
 * The hospital feed's MLLP listener (see README.md for why @medplum/hl7 and how it is used).
 * We own the net/tls server, because Hl7Server binds every interface, has no TLS and retries a
 * busy port forever; each socket, plain or TLS, is wrapped in @medplum/hl7's Hl7Connection,
 * which does the MLLP framing (VT … FS CR) both ways. Connections decode as latin1 (bytes kept
 * as they are) so that MSH-18 decides each message's charset (charset.ts).
 */
export async function startHl7Listener(deps: Deps): Promise<Hl7Listener | null> {
  const where = hl7ListenOf(deps.config);
  if (!where) return null;
  const tls = tlsOptions(deps.config);
  const connections = new Set<{ socket: Socket; idle: () => Promise<void> }>();
  const followUps = new Set<Promise<void>>();
  const onSocket = (socket: Socket) => {
    const connection = new Hl7Connection(socket, 'latin1');
    // The library buffers until FS CR: a sender that never ends its frame is cut, not kept.
    let unframedBytes = 0;
    socket.on('data', (chunk: Buffer) => {
      unframedBytes += chunk.length;
      if (unframedBytes > maxFrameBytes) socket.destroy();
    });
    // Messages of one connection are applied and acknowledged in the order they came.
    let chain: Promise<void> = Promise.resolve();
    const entry = { socket, idle: () => chain };
    connections.add(entry);
    connection.addEventListener('message', (event) => {
      unframedBytes = 0;
      chain = chain
        .then(() => handle(deps, connection, event.message, followUps))
        .catch((err: unknown) => deps.logger.error({ err }, 'MLLP message handling failed'));
    });
    connection.addEventListener('error', (event) => {
      // What the sender sent is health data: the error's kind only, never the message.
      const unreadable = (event.error as { type?: string }).type === 'entity.parse.failed';
      if (unreadable)
        chain = chain
          .then(() => answerUnreadable(deps, connection))
          .catch((err: unknown) => deps.logger.error({ err }, 'MLLP refusal failed'));
      else
        deps.logger.debug({ code: (event.error as { code?: string }).code }, 'mllp socket error');
    });
    connection.addEventListener('close', () => connections.delete(entry));
  };
  const server: Server = tls ? createTlsServer(tls, onSocket) : createTcpServer(onSocket);
  // A hospital opens one or a few connections; more is a misconfigured or hostile peer.
  server.maxConnections = 32;
  const port = await listen(server, where.port, where.host).catch((err: { code?: string }) => {
    if (err.code !== 'EADDRINUSE' || !where.yieldsWhenBusy) throw err;
    return listen(server, 0, where.host);
  });
  if (port !== where.port && where.port !== 0)
    deps.logger.warn({ port }, `HL7 port ${where.port} is taken: MLLP listener on a free port`);
  deps.logger.info({ port, host: where.host, tls: Boolean(tls) }, 'MLLP listener started');

  const idle = async () => {
    await Promise.all([...connections].map((c) => c.idle()));
    await Promise.allSettled([...followUps]);
  };
  return {
    port,
    host: where.host,
    tls: Boolean(tls),
    idle,
    async close(drainMs = 5000) {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      const drained = Promise.all([...connections].map((c) => c.idle()));
      await Promise.race([drained, delay(drainMs)]);
      for (const { socket } of connections) socket.destroy();
      await Promise.race([Promise.allSettled([...followUps]), delay(drainMs)]);
      await closed;
    },
  };
}

async function handle(
  deps: Deps,
  connection: Hl7Connection,
  parsed: Hl7Message,
  followUps: Set<Promise<void>>,
): Promise<void> {
  // The connection decoded as latin1: these are the frame's bytes again, segments joined by CR.
  const bytes = Buffer.from(parsed.toString(), 'latin1');
  let ack: Buffer;
  try {
    const receipt = await receiveAdtMessage(deps, bytes);
    ack = receipt.ack;
    followUps.add(receipt.followUps);
    void receipt.followUps.finally(() => followUps.delete(receipt.followUps));
  } catch (err) {
    deps.logger.error({ err }, 'HL7 message not stored: AE sent, the sender will resend');
    ack = internalErrorAck(bytes, deps.now());
  }
  if (!connection.isClosed()) connection.send(asFrameText(ack));
}

/** A frame that was not HL7 at all (no MSH): AE with an ERR, MSA-2 empty (there is no MSH-10). */
async function answerUnreadable(deps: Deps, connection: Hl7Connection): Promise<void> {
  const receipt = await receiveAdtMessage(deps, Buffer.from('?'));
  if (!connection.isClosed()) connection.send(asFrameText(receipt.ack));
}

/** The connection encodes as latin1: a message made of the ACK's bytes goes out byte for byte. */
const asFrameText = (bytes: Buffer) => Hl7Message.parse(bytes.toString('latin1'));

function tlsOptions(config: Config) {
  if (!config.HL7_TLS_CERT || !config.HL7_TLS_KEY) return null;
  const ca = config.HL7_TLS_CA ? readFileSync(config.HL7_TLS_CA) : undefined;
  return {
    cert: readFileSync(config.HL7_TLS_CERT),
    key: readFileSync(config.HL7_TLS_KEY),
    minVersion: 'TLSv1.2' as const,
    ...(ca ? { ca, requestCert: true, rejectUnauthorized: true } : {}),
  };
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const fail = (err: Error) => reject(err);
    server.once('error', fail);
    server.listen(port, host, () => {
      server.off('error', fail);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());
