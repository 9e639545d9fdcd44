/**
 * What an invited person reads, French first. The SMS says who sends it and where to click, never
 * anything about a patient or a shift (an SMS is not a place for health data).
 */
export type InvitationKind = 'invite' | 'reset';

export function invitationSms(kind: InvitationKind, link: string): string {
  return kind === 'invite'
    ? `gardeline : un compte a été créé pour vous. Choisissez votre mot de passe (lien valable 72 h) : ${link}`
    : `gardeline : réinitialisation de votre mot de passe (lien valable 72 h) : ${link}`;
}

export function invitationEmail(
  kind: InvitationKind,
  name: string,
  link: string,
): { subject: string; text: string } {
  const fr =
    kind === 'invite'
      ? `Bonjour ${name},\n\nUn compte gardeline a été créé pour vous. Choisissez votre mot de passe en ouvrant ce lien (valable 72 heures, utilisable une fois) :\n\n${link}\n\nSi vous n'attendiez pas ce message, ignorez-le.`
      : `Bonjour ${name},\n\nVotre mot de passe gardeline a été réinitialisé. Choisissez-en un nouveau avec ce lien (valable 72 heures, utilisable une fois) :\n\n${link}\n\nSi vous n'attendiez pas ce message, prévenez votre coordination.`;
  const en =
    kind === 'invite'
      ? `A gardeline account was created for you. Choose your password with the link above (valid 72 hours, single use).`
      : `Your gardeline password was reset. Choose a new one with the link above (valid 72 hours, single use).`;
  return {
    subject:
      kind === 'invite'
        ? 'Votre compte gardeline / Your gardeline account'
        : 'Nouveau mot de passe gardeline / gardeline password reset',
    text: `${fr}\n\n---\n${en}\n`,
  };
}
