import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TLSSocket } from 'node:tls';
import { SMTPServer } from 'smtp-server';

export interface SecureMail {
  to: string[];
  /** The raw message (headers and body), quoted-printable undone. */
  raw: string;
  /** Whether the session was under TLS (STARTTLS) when the message came. */
  secure: boolean;
  /** The client certificate's common name, when one was presented. */
  clientCertificate: string | null;
}

/** A self-signed certificate for `cn` (and 127.0.0.1), made by openssl in `dir`. */
function selfSigned(dir: string, name: string, cn: string) {
  const key = join(dir, `${name}.key`);
  const cert = join(dir, `${name}.crt`);
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '2',
      '-subj',
      `/CN=${cn}`,
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-keyout',
      key,
      '-out',
      cert,
    ],
    { stdio: 'ignore' },
  );
  return { key, cert };
}

/**
 * A local MSSanté operator: a real SMTP server on 127.0.0.1 that offers STARTTLS with a
 * certificate made for the test, asks for the client's certificate, and keeps what it receives.
 * `env` is what the app needs to reach it (the server's certificate as its CA, the client's pair).
 */
export async function startMssanteMailbox() {
  const dir = mkdtempSync(join(tmpdir(), 'mssante-'));
  const server = selfSigned(dir, 'operator', '127.0.0.1');
  const client = selfSigned(dir, 'client', 'gardeline-test-structure');
  const mails: SecureMail[] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    logger: false,
    key: readFileSync(server.key),
    cert: readFileSync(server.cert),
    requestCert: true,
    // The client's certificate is self-signed: recorded, not checked.
    rejectUnauthorized: false,
    onData(stream, session, done) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const socket = (session as unknown as { tlsSocket?: TLSSocket }).tlsSocket;
        mails.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: readable(Buffer.concat(chunks)),
          secure: session.secure,
          clientCertificate: peerName(socket),
        });
        done();
      });
    },
    onSecure(socket, session, callback) {
      (session as unknown as { tlsSocket?: TLSSocket }).tlsSocket = socket as TLSSocket;
      callback();
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const { port } = smtp.server.address() as { port: number };
  return {
    mails,
    env: {
      MSSANTE_SMTP_URL: `smtp://127.0.0.1:${port}`,
      MSSANTE_CA: server.cert,
      MSSANTE_CERT: client.cert,
      MSSANTE_KEY: client.key,
      MSSANTE_FROM: 'gardeline <coordination@cpts-test.mssante.fr>',
      MSSANTE_NIL: 'GARDELINE-TEST-0001',
    },
    close: async () => {
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function peerName(socket: TLSSocket | undefined): string | null {
  const cn = socket?.getPeerCertificate?.()?.subject?.CN;
  return typeof cn === 'string' ? cn : null;
}

/** The message as text: CRLF as LF, quoted-printable (body and encoded words) undone, UTF-8. */
function readable(message: Buffer): string {
  const latin1 = message
    .toString('latin1')
    .replace(/\r\n/g, '\n')
    .replace(/=\n/g, '')
    .replace(/\?=\s*=\?UTF-8\?Q\?/gi, '')
    .replace(/=\?UTF-8\?Q\?([^?]*)\?=/gi, (_m, words: string) => words.replace(/_/g, ' '))
    .replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(latin1, 'latin1').toString('utf8');
}
