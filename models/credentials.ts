// Checking an e-mail and password, for the API and the back office alike: the same time and the same
// answer whether the address is unknown or the password wrong, throttled per address and source
// (models/sign-in-throttle.ts).
import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import { User } from './index.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { charge, lockoutMessage, pairOf, recordLockout, refund, rememberDevice, type SignInSource } from './sign-in-throttle.js';

export type CredentialCheck =
  | { ok: true; user: User; deviceToken: string }
  /** `locked`: the message and wait of a throttled source; absent: wrong address or password. */
  | { ok: false; locked?: { message: string; waitSeconds: number } };

// A fixed hash to verify against when the e-mail is unknown, so both cases take the same time.
let decoy: Promise<string> | undefined;

/**
 * A recruiter sign-up whose address was never confirmed is no account yet: signing in to it answers
 * like a wrong password. Otherwise whoever signed up with someone else's address could tell, by
 * signing in with the password they chose, whether that address already had an account.
 */
async function unconfirmedSignUp(user: User): Promise<boolean> {
  if (user.role !== 'RECRUITER') return false;
  const [row] = await User.sequelize!.query(
    `SELECT 1 FROM users u JOIN company_memberships m ON m.user_id = u.id
     WHERE u.id = :id AND u.email_confirmed_at IS NULL AND m.status IN ('PENDING_EMAIL_CONFIRMATION', 'EXPIRED') AND m.kind <> 'INVITED'`,
    { type: QueryTypes.SELECT, replacements: { id: user.id } },
  );
  return Boolean(row);
}

export async function checkCredentials(email: string, password: string, source: SignInSource): Promise<CredentialCheck> {
  const address = email.trim().toLowerCase();
  const sequelize = User.sequelize!;
  const pair = await pairOf(sequelize, address, source);
  const charged = await charge(sequelize, pair);
  if (!('id' in charged)) return { ok: false, locked: { message: lockoutMessage(charged.waitSeconds, pair.kind), waitSeconds: charged.waitSeconds } };
  const user = await User.scope('withPassword').findOne({ where: { email: address } });
  decoy ??= hashPassword('decoy-password-never-used-1!A');
  const ok = (await verifyPassword(user?.passwordHash ?? (await decoy), password)) && user !== null && !(await unconfirmedSignUp(user));
  if (!user || !ok) {
    await recordLockout(sequelize, pair, charged, source.log);
    return { ok: false };
  }
  await refund(sequelize, charged.id);
  return { ok: true, user, deviceToken: await rememberDevice(sequelize, address, source.deviceToken) };
}

/** Ends every session of an account, on the platform (API) and in the back office (disabled, new password). */
export async function endSessions(sequelize: Sequelize, userId: string, transaction?: Transaction): Promise<void> {
  await sequelize.query(`DELETE FROM http_sessions WHERE sess->>'userId' = :userId OR sess->'adminUser'->>'id' = :userId`, {
    transaction,
    replacements: { userId },
  });
}
