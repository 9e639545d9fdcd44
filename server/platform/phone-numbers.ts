import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

/**
 * ARCEP reserves 06 39 98 xx xx for fiction (films, demos, tests): valid for us so that the
 * demo and the tests never use a number a real person may hold, though libphonenumber
 * treats the range as unallocated.
 */
const fictionMobile = /^\+3363998\d{4}$/;

/**
 * Normalises what a person typed (06 12 34 56 78, +33 6…, 0033…) to E.164, or null when it is
 * not a valid number. French by default.
 */
export function toE164(input: string, defaultCountry: 'FR' = 'FR'): string | null {
  const parsed = parsePhoneNumberFromString(input.trim(), defaultCountry);
  if (!parsed) return null;
  return parsed.isValid() || fictionMobile.test(parsed.number) ? parsed.number : null;
}

/** Only mobiles can receive SMS. */
export function isMobile(e164: string): boolean {
  if (fictionMobile.test(e164)) return true;
  const type = parsePhoneNumberFromString(e164)?.getType();
  return type === 'MOBILE' || type === 'FIXED_LINE_OR_MOBILE';
}

/** Twilio posts "anonymous", "+266696687" (withheld) or nothing for a hidden caller ID. */
export function isHiddenCaller(from: string | undefined): boolean {
  if (!from) return true;
  const value = from.trim().toLowerCase();
  return (
    value === '' ||
    value === 'anonymous' ||
    value === 'restricted' ||
    value === 'unknown' ||
    value === '+266696687' ||
    !value.startsWith('+')
  );
}
