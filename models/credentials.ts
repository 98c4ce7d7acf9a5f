// Checking an e-mail and password, for the API and the back office alike: the same time and the same
// answer whether the address is unknown or the password wrong, and progressive lockout per address.
import { User } from './index.js';
import { clearLoginFailures, lockedMinutes, recordLoginFailure } from './login-lockout.js';
import { hashPassword, verifyPassword } from './passwords.js';

export type CredentialCheck = { ok: true; user: User } | { ok: false; lockedMinutes: number };

// A fixed hash to verify against when the e-mail is unknown, so both cases take the same time.
let decoy: Promise<string> | undefined;

export async function checkCredentials(email: string, password: string): Promise<CredentialCheck> {
  const address = email.trim().toLowerCase();
  const sequelize = User.sequelize!;
  const locked = await lockedMinutes(sequelize, address);
  if (locked) return { ok: false, lockedMinutes: locked };
  const user = await User.scope('withPassword').findOne({ where: { email: address } });
  decoy ??= hashPassword('decoy-password-never-used-1!A');
  const ok = await verifyPassword(user?.passwordHash ?? (await decoy), password);
  if (!user || !ok) {
    await recordLoginFailure(sequelize, address);
    return { ok: false, lockedMinutes: 0 };
  }
  await clearLoginFailures(sequelize, address);
  return { ok: true, user };
}
