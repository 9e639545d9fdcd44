import { connect as connectTcp, type Socket } from 'node:net';
import { connect as connectTls, type ConnectionOptions } from 'node:tls';

const VT = 0x0b;
const FS = 0x1c;
const CR = 0x0d;

/**
 * A hospital's side of MLLP on a raw socket: frames go out as VT bytes FS CR, exactly the bytes
 * given (so a test controls the charset byte for byte), and each ACK frame comes back as bytes.
 * ACKs are matched to sends in order, which is what MLLP over one connection guarantees.
 */
export interface MllpClient {
  send(message: Buffer): Promise<Buffer>;
  close(): Promise<void>;
}

export async function connectMllp(
  port: number,
  options: { host?: string; tls?: ConnectionOptions } = {},
): Promise<MllpClient> {
  const host = options.host ?? '127.0.0.1';
  const socket: Socket = await new Promise((resolve, reject) => {
    const s = options.tls
      ? connectTls({ host, port, ...options.tls }, () => resolve(s))
      : connectTcp({ host, port }, () => resolve(s));
    s.once('error', reject);
  });
  const waiting: { resolve: (ack: Buffer) => void; reject: (err: Error) => void }[] = [];
  let pending = Buffer.alloc(0);
  socket.on('data', (chunk: Buffer) => {
    pending = Buffer.concat([pending, chunk]);
    for (;;) {
      const start = pending.indexOf(VT);
      const end = pending.indexOf(Buffer.from([FS, CR]), start + 1);
      if (start === -1 || end === -1) break;
      waiting.shift()?.resolve(pending.subarray(start + 1, end));
      pending = pending.subarray(end + 2);
    }
  });
  const failAll = (err: Error) => {
    for (const w of waiting.splice(0)) w.reject(err);
  };
  socket.on('error', failAll);
  socket.on('close', () => failAll(new Error('MLLP connection closed')));
  return {
    send(message) {
      return new Promise<Buffer>((resolve, reject) => {
        if (socket.destroyed || socket.writableEnded)
          return reject(new Error('MLLP connection closed'));
        waiting.push({ resolve, reject });
        socket.write(Buffer.concat([Buffer.from([VT]), message, Buffer.from([FS, CR])]));
      });
    },
    close() {
      return new Promise((resolve) => {
        if (socket.destroyed) return resolve();
        socket.once('close', () => resolve());
        socket.end();
      });
    },
  };
}

/** An ACK's segments and fields, for assertions: ack.MSA[1] is MSA-1. */
export function readAck(bytes: Buffer, encoding: 'latin1' | 'utf8' = 'latin1') {
  const segments = bytes.toString(encoding).split('\r').filter(Boolean);
  const byName = (name: string) => segments.find((s) => s.startsWith(`${name}|`))?.split('|');
  return {
    text: bytes.toString(encoding),
    MSH: byName('MSH'),
    MSA: byName('MSA'),
    ERR: byName('ERR'),
  };
}
