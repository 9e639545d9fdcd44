import { readFileSync } from 'node:fs';
import { createTransport, type Transporter } from 'nodemailer';
import type { Config } from '../../platform/config.js';

type MssanteConfig = Pick<
  Config,
  | 'MSSANTE_SMTP_URL'
  | 'MSSANTE_CERT'
  | 'MSSANTE_KEY'
  | 'MSSANTE_CA'
  | 'MSSANTE_FROM'
  | 'MSSANTE_NIL'
>;

const transports = new Map<string, Transporter>();

/**
 * The SMTP transport to the MSSanté operator: TLS is required before anything is sent (STARTTLS
 * on smtp://, implicit on smtps://), with the structure's client certificate (IGC-Santé) when
 * configured, and the operator's certificate checked (against MSSANTE_CA when given). Null: no
 * MSSanté configured.
 */
export function mssanteTransport(config: MssanteConfig): Transporter | null {
  const url = config.MSSANTE_SMTP_URL;
  if (!url) return null;
  const key = [url, config.MSSANTE_CERT, config.MSSANTE_KEY, config.MSSANTE_CA].join('|');
  let transport = transports.get(key);
  if (!transport) {
    const parsed = new URL(url);
    const secure = parsed.protocol === 'smtps:';
    transport = createTransport({
      host: parsed.hostname,
      port: Number(parsed.port) || (secure ? 465 : 587),
      secure,
      requireTLS: true,
      ...(parsed.username
        ? {
            auth: {
              user: decodeURIComponent(parsed.username),
              pass: decodeURIComponent(parsed.password),
            },
          }
        : {}),
      tls: {
        minVersion: 'TLSv1.2',
        rejectUnauthorized: true,
        ...(config.MSSANTE_CERT ? { cert: readFileSync(config.MSSANTE_CERT) } : {}),
        ...(config.MSSANTE_KEY ? { key: readFileSync(config.MSSANTE_KEY) } : {}),
        ...(config.MSSANTE_CA ? { ca: readFileSync(config.MSSANTE_CA) } : {}),
      },
    });
    transports.set(key, transport);
  }
  return transport;
}

/**
 * The MSSanté headers of the Référentiel socle #2 (clients de messagerie) that apply to a message
 * with no attached document: X-MSS-CODECDA and X-MSS-INS go only with a CDA document in an IHE_XDM
 * archive (and must be absent otherwise); X-MSS-NIL carries the software's registration number.
 */
export function mssHeaders(config: MssanteConfig): Record<string, string> {
  return config.MSSANTE_NIL ? { 'X-MSS-NIL': config.MSSANTE_NIL } : {};
}

/** Sends one message by MSSanté; throws when the operator does not take it (the job retries). */
export async function sendByMssante(
  config: MssanteConfig,
  to: string,
  mail: { subject: string; text: string },
): Promise<void> {
  const transport = mssanteTransport(config);
  if (!transport) throw new Error('MSSanté is not configured');
  await transport.sendMail({
    from: config.MSSANTE_FROM,
    to,
    subject: mail.subject,
    text: mail.text,
    headers: mssHeaders(config),
  });
}

/**
 * What of an SMTP failure goes to the logs: its codes, never its text (an operator's refusal
 * quotes the recipient's address).
 */
export function smtpFailure(err: unknown): { code?: unknown; responseCode?: unknown } {
  const { code, responseCode } = (err ?? {}) as { code?: unknown; responseCode?: unknown };
  return { code, responseCode };
}
