import { randomBytes } from 'node:crypto';

/**
 * A calendar feed's secret: the URL is the only credential a calendar app can hold. 144 random
 * bits, base64url (the feed routes refuse any other shape before querying).
 */
export const newIcalToken = (): string => randomBytes(18).toString('base64url');
