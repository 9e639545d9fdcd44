import { Transform, type TransformCallback } from 'node:stream';
import iconv from 'iconv-lite';

export type DetectedEncoding = 'utf-8' | 'windows-1252';

/** Where the last complete UTF-8 character of `bytes` ends (a split one waits for the next chunk). */
function completeUtf8Length(bytes: Buffer): number {
  const length = bytes.length;
  for (let i = length - 1; i >= Math.max(0, length - 4); i--) {
    const byte = bytes[i]!;
    if (byte < 0x80) return length;
    if (byte >= 0xc0) {
      const needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2;
      return length - i < needed ? i : length;
    }
  }
  return length;
}

/**
 * Bytes of an extraction → text, the encoding detected on the way. The ANS publishes UTF-8 (with
 * or without a BOM), but extractions re-saved on Windows arrive in Windows-1252. A file is
 * UTF-8 until a byte sequence says otherwise: ASCII reads the same in both, so what was passed
 * on before is right either way; the first invalid UTF-8 sequence switches to Windows-1252 for
 * that chunk and the rest. Streaming: the file is never held whole.
 */
export class ExtractionDecoder extends Transform {
  private decided: DetectedEncoding | null = null;
  private carry: Buffer = Buffer.alloc(0);
  private first = true;

  constructor() {
    super({ decodeStrings: true, encoding: 'utf8' });
  }

  /** The encoding found (UTF-8 while every byte so far was ASCII: both read the same). */
  get encoding(): DetectedEncoding {
    return this.decided ?? 'utf-8';
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    let bytes = this.carry.length ? Buffer.concat([this.carry, chunk]) : chunk;
    if (this.first && bytes.length >= 3) {
      this.first = false;
      if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
        this.decided = 'utf-8';
        bytes = bytes.subarray(3);
      }
    }
    if (this.decided === 'windows-1252') return done(null, iconv.decode(bytes, 'win1252'));
    const cut = completeUtf8Length(bytes);
    const complete = bytes.subarray(0, cut);
    this.carry = Buffer.from(bytes.subarray(cut));
    try {
      const text = new TextDecoder('utf-8', { fatal: true }).decode(complete);
      if (this.decided === null && complete.some((byte) => byte >= 0x80)) this.decided = 'utf-8';
      done(null, text);
    } catch {
      if (this.decided === 'utf-8') return done(null, iconv.decode(complete, 'utf8'));
      // Not UTF-8: the split "character" kept back was Windows-1252 text too.
      this.decided = 'windows-1252';
      const all = Buffer.concat([complete, this.carry]);
      this.carry = Buffer.alloc(0);
      done(null, iconv.decode(all, 'win1252'));
    }
  }

  override _flush(done: TransformCallback): void {
    if (this.carry.length === 0) return done();
    const encoding = this.decided === 'utf-8' ? 'utf8' : 'win1252';
    done(null, iconv.decode(this.carry, encoding));
  }
}
