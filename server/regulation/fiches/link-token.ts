import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Config } from '../../platform/config.js';

/** How long the link of an SMS opens its fiche. */
export const ficheLinkLifetimeMs = 72 * 3600_000;

/**
 * The key of the fiche links: FICHE_LINK_SECRET, else one derived from SESSION_SECRET (a key of
 * its own, so a link signature is never a valid session or CSRF value and the other way round).
 */
export function ficheLinkKey(config: Pick<Config, 'FICHE_LINK_SECRET' | 'SESSION_SECRET'>): Buffer {
  return config.FICHE_LINK_SECRET
    ? Buffer.from(config.FICHE_LINK_SECRET)
    : createHmac('sha256', config.SESSION_SECRET).update('gardeline fiche links').digest();
}

const signature = (key: Buffer, ficheId: string, professionalId: string, expires: number) =>
  createHmac('sha256', key)
    .update(`fiche-link|${ficheId}|${professionalId}|${expires}`)
    .digest('base64url');

/**
 * The link's token: `professionalId.expires.signature`, binding one fiche, one doctor and an
 * expiry (seconds since the epoch). It goes in the query string (left out of the access log).
 */
export function signFicheLink(
  key: Buffer,
  link: { ficheId: string; professionalId: string; expiresAt: Date },
): string {
  const expires = Math.floor(link.expiresAt.getTime() / 1000);
  return `${link.professionalId}.${expires}.${signature(key, link.ficheId, link.professionalId, expires)}`;
}

export type FicheLinkCheck =
  | { ok: true; professionalId: string }
  | { ok: false; reason: 'tampered' | 'expired' | 'wrong_doctor' };

const shape = /^([0-9a-f-]{36})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/;

/**
 * Checks a token against the fiche it is used for: signed by us for this very fiche (else
 * tampered: a link of another fiche, or edited), not expired, and sent to the fiche's régulateur.
 */
export function checkFicheLink(
  key: Buffer,
  token: string,
  fiche: { id: string; regulatorId: string },
  now: Date,
): FicheLinkCheck {
  const m = shape.exec(token);
  if (!m) return { ok: false, reason: 'tampered' };
  const [, professionalId, expiresText, sent] = m as unknown as [string, string, string, string];
  const expires = Number(expiresText);
  const expected = Buffer.from(signature(key, fiche.id, professionalId, expires));
  const given = Buffer.from(sent);
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return { ok: false, reason: 'tampered' };
  if (now.getTime() >= expires * 1000) return { ok: false, reason: 'expired' };
  if (professionalId !== fiche.regulatorId) return { ok: false, reason: 'wrong_doctor' };
  return { ok: true, professionalId };
}
