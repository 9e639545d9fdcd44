import { randomBytes } from 'node:crypto';

/**
 * Twilio's identifiers and the phone-number rules the emulator applies: SIDs are a
 * two-letter prefix and 32 hex digits (34 characters), numbers are E.164.
 */
export type SidPrefix = 'AC' | 'CA' | 'SM' | 'QU' | 'RE' | 'MG' | 'PN';

export function newSid(prefix: SidPrefix): string {
  return prefix + randomBytes(16).toString('hex');
}

const e164 = /^\+[1-9]\d{6,14}$/;

export function isE164(value: string): boolean {
  return e164.test(value);
}

/** French fixed lines (+331…+335, +339) cannot receive SMS: Twilio answers 21614. */
export function isFrenchFixedLine(number: string): boolean {
  return /^\+33[1-59]\d{8}$/.test(number);
}

const countries: ReadonlyArray<[string, string]> = [
  ['+262', 'RE'],
  ['+590', 'GP'],
  ['+594', 'GF'],
  ['+596', 'MQ'],
  ['+377', 'MC'],
  ['+33', 'FR'],
  ['+32', 'BE'],
  ['+41', 'CH'],
  ['+44', 'GB'],
  ['+49', 'DE'],
  ['+1', 'US'],
];

/** The ISO country Twilio reports as FromCountry/ToCountry; '' when unknown or hidden. */
export function countryOf(number: string): string {
  for (const [prefix, country] of countries) if (number.startsWith(prefix)) return country;
  return '';
}

/** How Twilio shows a hidden caller ID. */
export const anonymousCaller = 'anonymous';

/** RFC 2822 dates as in Twilio's REST JSON and `Timestamp` callback parameter. */
export function rfc2822(date: Date): string {
  return date.toUTCString().replace('GMT', '+0000');
}
