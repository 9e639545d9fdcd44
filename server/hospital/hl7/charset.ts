import iconv from 'iconv-lite';

/**
 * MSH-18 decides, per message, how its bytes are text. @medplum/hl7 decodes with one encoding per
 * connection, before parsing; so the listener's connections decode as `latin1` (each byte to the
 * code point of the same value, lossless) and this module reads MSH-18 from those bytes and
 * decodes them again as the message says. The MSH segment itself is ASCII in every charset.
 */

/** HL7 table 0211 values we read, and the iconv-lite codec of each. */
const codecs: Record<string, string> = {
  // 7-bit ASCII is a subset of 8859-1; a sender that says ASCII and sends accents means 8859-1.
  ASCII: 'latin1',
  '8859/1': 'latin1',
  '8859/15': 'iso-8859-15',
  'UNICODE UTF-8': 'utf8',
};

export type Charset = { msh18: string; codec: string };

/** MSH-18 as written in the message's first segment ('' when absent). */
export function msh18Of(bytes: Buffer): string {
  const end = bytes.findIndex((b) => b === 0x0d || b === 0x0a);
  const msh = bytes.subarray(0, end === -1 ? bytes.length : end).toString('latin1');
  if (!msh.startsWith('MSH') || msh.length < 4) return '';
  const separator = msh.charAt(3);
  // fields[0] is 'MSH', fields[1] is MSH-2: MSH-n is fields[n - 1] (MSH-1 is the separator).
  const repetition = msh.charAt(5);
  return (msh.split(separator)[17] ?? '').split(repetition)[0]!.trim();
}

/**
 * The charset of a message: its MSH-18, or, when MSH-18 is empty, UTF-8 if the bytes are valid
 * UTF-8 with something beyond ASCII, else 8859-1 (what French hospitals send). Null: a MSH-18
 * value we do not read (the message is refused, HL7 error 103).
 */
export function charsetOf(bytes: Buffer): Charset | null {
  const msh18 = msh18Of(bytes);
  if (msh18 === '') {
    const utf8 = bytes.some((b) => b > 0x7f) && isValidUtf8(bytes);
    return { msh18: utf8 ? 'UNICODE UTF-8' : '8859/1', codec: utf8 ? 'utf8' : 'latin1' };
  }
  const codec = codecs[msh18.toUpperCase()];
  return codec ? { msh18, codec } : null;
}

export const decodeMessage = (bytes: Buffer, charset: Charset): string =>
  iconv.decode(bytes, charset.codec);

export const encodeMessage = (text: string, charset: Charset): Buffer =>
  iconv.encode(text, charset.codec);

function isValidUtf8(bytes: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}
