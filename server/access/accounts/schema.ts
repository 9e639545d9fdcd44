import { z } from 'zod';
import { mobileNumber } from '../../directory/schema.js';
import { passwordProblem } from './password-policy.js';

/** A password that meets the policy; the message says why not (shown as is on the pages). */
export const newPassword = z.string().superRefine((value, ctx) => {
  const problem = passwordProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

const email = z.string().trim().toLowerCase().pipe(z.email('adresse e-mail invalide'));
const name = z.string().trim().min(2, 'nom requis').max(120);
/** How the invitation link travels: SMS (the professional's mobile), e-mail, or both. */
const channels = z
  .array(z.enum(['sms', 'email']))
  .min(1, 'choisissez SMS ou e-mail')
  .default(['email']);

/** An admin makes a territory's rota manager (a mobile only to send the link by SMS; not kept). */
export const newManager = z.object({
  email,
  name,
  territoryIds: z.array(z.string().uuid('territoire invalide')).min(1, 'au moins un territoire'),
  mobile: mobileNumber.optional(),
  channels,
});
export type NewManager = z.infer<typeof newManager>;

/** A manager gives a professional of their directory an account. */
export const professionalInvitation = z.object({
  professionalId: z.string().uuid('professionnel invalide'),
  /** The login; defaults to the directory's e-mail. */
  email: email.optional(),
  channels,
});
export type ProfessionalInvitation = z.infer<typeof professionalInvitation>;

/** Reset: a new invitation link, by the channels chosen. */
export const resetRequest = z.object({ channels });

export const acceptInvitation = z.object({
  token: z.string().min(20, 'lien invalide').max(200, 'lien invalide'),
  password: z.string(),
});

export const passwordChange = z.object({
  currentPassword: z.string().min(1, 'mot de passe actuel requis').max(200),
  newPassword: z.string(),
});

export const firstAdmin = z.object({ email, name, password: z.string() });
