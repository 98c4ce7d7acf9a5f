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

/** The rule itself is shared data (workflows/account-rules.ts): the web app shows it as a checklist. */
export { passwordWeakness } from '../workflows/account-rules.js';
