import { SMTPServer } from 'smtp-server';

export interface Mail {
  to: string[];
  /** The raw message, quoted-printable soft breaks and escapes undone. */
  text: string;
}

/** A real SMTP server on a free port that keeps what it receives (the invitation e-mails). */
export async function startMailbox(): Promise<{
  url: string;
  mails: Mail[];
  close(): Promise<void>;
}> {
  const mails: Mail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, done) {
      let raw = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => (raw += chunk));
      stream.on('end', () => {
        const text = raw
          .replace(/=\r?\n/g, '')
          .replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), text });
        done();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as { port: number };
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The invitation token in a message (e-mail or SMS body). */
export const linkTokenIn = (text: string) => /\/invitation\?token=([A-Za-z0-9_-]+)/.exec(text)?.[1];
