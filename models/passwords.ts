// Password hashing with Argon2id (memory-hard), and the platform's password rule (seed 004).
import { hash, verify } from '@node-rs/argon2';

export const hashPassword = (password: string) => hash(password);

export async function verifyPassword(hashed: string, password: string): Promise<boolean> {
  try {
    return await verify(hashed, password);
  } catch {
    return false; // a malformed hash never authenticates
  }
}

/** Why a password is too weak, in French, or null: 12+ characters with upper, lower, digit and symbol. */
export function passwordWeakness(password: string): string | null {
  if (password.length < 12) return 'le mot de passe doit faire au moins 12 caractères';
  if (password.length > 256) return 'le mot de passe ne doit pas dépasser 256 caractères';
  if (!/\p{Lu}/u.test(password)) return 'le mot de passe doit contenir une majuscule';
  if (!/\p{Ll}/u.test(password)) return 'le mot de passe doit contenir une minuscule';
  if (!/\d/.test(password)) return 'le mot de passe doit contenir un chiffre';
  if (!/[^\p{L}\d]/u.test(password)) return 'le mot de passe doit contenir un caractère spécial';
  return null;
}
