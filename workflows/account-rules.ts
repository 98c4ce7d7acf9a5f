// Account rules shared as data by the API, the worker and the web app (no dependency: the sign-up and
// password pages import them): the password rule of seed 004, one line per criterion so the web app can
// show each one met or not while the person types, and the version of the terms people accept.

export interface PasswordCriterion {
  id: 'length' | 'upper' | 'lower' | 'digit' | 'symbol';
  /** What the checklist shows, « 12 caractères au moins ». */
  label: string;
  /** The API's reason when it is not met (« le mot de passe doit … »). */
  reason: string;
  met: (password: string) => boolean;
}

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

/** Seed 004: 12 characters at least, with an upper-case letter, a lower-case one, a digit and a symbol. */
export const PASSWORD_RULE: readonly PasswordCriterion[] = [
  { id: 'length', label: `${PASSWORD_MIN_LENGTH} caractères au moins`, reason: `le mot de passe doit faire au moins ${PASSWORD_MIN_LENGTH} caractères`, met: (p) => [...p].length >= PASSWORD_MIN_LENGTH },
  { id: 'upper', label: 'une majuscule', reason: 'le mot de passe doit contenir une majuscule', met: (p) => /\p{Lu}/u.test(p) },
  { id: 'lower', label: 'une minuscule', reason: 'le mot de passe doit contenir une minuscule', met: (p) => /\p{Ll}/u.test(p) },
  { id: 'digit', label: 'un chiffre', reason: 'le mot de passe doit contenir un chiffre', met: (p) => /\d/.test(p) },
  { id: 'symbol', label: 'un caractère spécial (ex. ! ? - _ # @)', reason: 'le mot de passe doit contenir un caractère spécial', met: (p) => /[^\p{L}\d]/u.test(p) },
];

/** Why a password is too weak, in French, or null. */
export function passwordWeakness(password: string): string | null {
  if (password.length > PASSWORD_MAX_LENGTH) return `le mot de passe ne doit pas dépasser ${PASSWORD_MAX_LENGTH} caractères`;
  return PASSWORD_RULE.find((criterion) => !criterion.met(password))?.reason ?? null;
}

/**
 * The version of the « Conditions d’utilisation » (/conditions) a sign-up accepts; stored on the
 * account with the time. A new text gets a new version: the API then refuses the old one.
 */
export const TERMS_VERSION = '2026-12';

/** How long a password reset link works (the API's default; PASSWORD_RESET_TTL overrides it). */
export const PASSWORD_RESET_TTL_MS = 3_600_000;
