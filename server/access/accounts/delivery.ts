import { createHash, randomBytes } from 'node:crypto';
import { createTransport, type Transporter } from 'nodemailer';
import type { AppDeps } from '../../platform/deps.js';
import { badRequest, conflict } from '../../platform/http-errors.js';
import { queueSms } from '../../sms/queue-sms.js';
import { platformNumberOf } from '../../territories/store.js';
import { invitationEmail, invitationSms, type InvitationKind } from './messages.js';

/** A link lasts 72 hours: long enough for a weekend, short enough that a lost SMS goes stale. */
export const invitationLifetimeMs = 72 * 3600_000;

export type Channel = 'sms' | 'email';

/** A fresh link token and the SHA-256 that is stored (the token itself never is, nor logged). */
export function newLinkToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: linkTokenHash(token) };
}
export const linkTokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

/** Where the link goes: the token in the query string, which the access log leaves out. */
export const invitationLink = (publicUrl: string, token: string) =>
  `${publicUrl}/invitation?token=${encodeURIComponent(token)}`;

export interface Recipient {
  name: string;
  email: string;
  /** E.164 mobile (a professional's, from the directory). */
  mobile: string | null;
  /** The territory whose line number the SMS comes from. */
  territoryId: string | null;
}

type Deps = Pick<AppDeps, 'db' | 'jobs' | 'logger' | 'config' | 'publicUrl'>;

/** Checks before any write that every channel asked for can carry the link (400/409 otherwise). */
export async function assertDeliverable(deps: Deps, to: Recipient, channels: Channel[]) {
  if (channels.includes('email') && !deps.config.SMTP_URL)
    throw conflict(
      "L'envoi d'e-mails n'est pas configuré (SMTP_URL) : choisissez le SMS. E-mail is not configured.",
    );
  if (channels.includes('sms')) {
    if (!to.mobile || !to.territoryId)
      throw badRequest(
        'Pas de mobile connu pour un SMS : choisissez l’e-mail. No mobile for an SMS.',
      );
    if (!(await platformNumberOf(deps.db.db, to.territoryId)))
      throw conflict(
        'Le territoire n’a pas encore de numéro pour envoyer un SMS. No number to send from.',
      );
  }
}

const transports = new Map<string, Transporter>();
/** One SMTP transport per URL, shared by everything that sends e-mail. */
export const mailer = (url: string) => {
  if (!transports.has(url)) transports.set(url, createTransport(url));
  return transports.get(url)!;
};

/** Sends the link by each channel (after the commit); returns the channels that took it. */
export async function deliverInvitation(
  deps: Deps,
  kind: InvitationKind,
  to: Recipient,
  channels: Channel[],
  token: string,
): Promise<Channel[]> {
  const link = invitationLink(deps.publicUrl, token);
  const sent: Channel[] = [];
  if (channels.includes('sms') && to.mobile && to.territoryId) {
    const from = await platformNumberOf(deps.db.db, to.territoryId);
    // Essential: an invitation is what the person asked their coordination for, STOP or not.
    if (from) {
      await queueSms(deps, {
        territoryId: to.territoryId,
        to: to.mobile,
        from,
        body: invitationSms(kind, link),
        kind: 'account_invitation',
        essential: true,
      });
      sent.push('sms');
    }
  }
  if (channels.includes('email') && deps.config.SMTP_URL) {
    const mail = invitationEmail(kind, to.name, link);
    try {
      await mailer(deps.config.SMTP_URL).sendMail({
        from: deps.config.MAIL_FROM,
        to: to.email,
        subject: mail.subject,
        text: mail.text,
      });
      sent.push('email');
    } catch (err) {
      // The error names the server, never the link; a reset sends a new one.
      deps.logger.warn({ err: { message: (err as Error).message } }, 'invitation e-mail not sent');
    }
  }
  return sent;
}
