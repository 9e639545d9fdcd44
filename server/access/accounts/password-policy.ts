import { dictionary } from '@zxcvbn-ts/language-common';

/** zxcvbn-ts's list of ~49,000 common passwords (a maintained package rather than a copied file). */
const common = new Set(dictionary['passwords-common'].map((p) => p.toLowerCase()));

export const minPasswordLength = 12;

/**
 * Why a password is refused (French, then English), or null when it is acceptable: at least 12
 * characters, not a common password, not a common word padded with digits or symbols
 * ("azertyuiop123!"), not one character repeated.
 */
export function passwordProblem(password: string, email?: string): string | null {
  if (password.length < minPasswordLength)
    return `Le mot de passe doit faire au moins ${minPasswordLength} caractères. Password must be at least ${minPasswordLength} characters.`;
  if (password.length > 200)
    return 'Le mot de passe est trop long (200 caractères au plus). Password too long.';
  const lower = password.toLowerCase();
  const core = lower.replace(/[^\p{L}]+/gu, '');
  const local = email?.split('@')[0]?.toLowerCase();
  if (
    common.has(lower) ||
    (core.length > 0 && common.has(core)) ||
    /^(.)\1*$/u.test(password) ||
    (local && local.length >= 4 && lower.includes(local))
  )
    return 'Ce mot de passe est trop courant ou trop facile à deviner. This password is too common.';
  return null;
}
