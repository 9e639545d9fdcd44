import { describe, expect, it } from 'vitest';
import { charsetOf, decodeMessage, msh18Of } from './charset.js';

const msh = (msh18: string) =>
  `MSH|^~\\&|SIH|CHBA|GL|CPTS|20261129083000||ADT^A01^ADT_A01|1|P|2.5^FRA^2.11|||||FRA|${msh18}|FRE\rPID|1||1^^^X^PI||`;

describe('MSH-18, read from the bytes before they are text', () => {
  it('reads 8859/1 and decodes ISO 8859-1 accents', () => {
    const bytes = Buffer.from(`${msh('8859/1')}LEFÈVRE^Hélène`, 'latin1');
    expect(msh18Of(bytes)).toBe('8859/1');
    const charset = charsetOf(bytes)!;
    expect(decodeMessage(bytes, charset)).toContain('LEFÈVRE^Hélène');
  });

  it('reads UNICODE UTF-8 and decodes UTF-8', () => {
    const bytes = Buffer.from(`${msh('UNICODE UTF-8')}LE DRÉAU^Gwénaëlle`, 'utf8');
    expect(decodeMessage(bytes, charsetOf(bytes)!)).toContain('LE DRÉAU^Gwénaëlle');
  });

  it('without MSH-18, takes valid UTF-8 as UTF-8 and anything else as 8859-1', () => {
    const utf8 = Buffer.from(`${msh('')}Gwénaëlle`, 'utf8');
    const latin1 = Buffer.from(`${msh('')}Hélène`, 'latin1');
    expect(charsetOf(utf8)!.codec).toBe('utf8');
    expect(decodeMessage(latin1, charsetOf(latin1)!)).toContain('Hélène');
  });

  it('refuses a charset it does not read', () => {
    expect(charsetOf(Buffer.from(msh('ISO IR87'), 'latin1'))).toBeNull();
  });

  it('has no MSH-18 in a frame that is not HL7', () => {
    expect(msh18Of(Buffer.from('HELLO'))).toBe('');
  });
});
