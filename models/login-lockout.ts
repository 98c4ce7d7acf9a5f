// Progressive lockout: after 5 failed sign-ins for an address, each further failure locks it for twice
// as long (1, 2, 4… minutes, at most an hour). Keyed by the address, existing or not, so the answers
// never tell which accounts exist; a successful sign-in clears it.
import { QueryTypes, type Sequelize } from 'sequelize';

const FREE_FAILURES = 5;
const MAX_LOCK_MINUTES = 60;

/** Minutes this address must still wait before trying again (0: it may try now). */
export async function lockedMinutes(sequelize: Sequelize, email: string): Promise<number> {
  const [row] = await sequelize.query<{ seconds: number }>(
    `SELECT EXTRACT(EPOCH FROM (locked_until - now()))::int AS seconds FROM login_attempts WHERE email = :email AND locked_until > now()`,
    { type: QueryTypes.SELECT, replacements: { email: email.toLowerCase() } },
  );
  return row ? Math.max(1, Math.ceil(row.seconds / 60)) : 0;
}

export async function recordLoginFailure(sequelize: Sequelize, email: string): Promise<void> {
  await sequelize.query(
    `INSERT INTO login_attempts AS a (email, failures, last_failure_at) VALUES (:email, 1, now())
     ON CONFLICT (email) DO UPDATE SET failures = a.failures + 1, last_failure_at = now(),
       locked_until = CASE WHEN a.failures + 1 > :free
         THEN now() + make_interval(mins => LEAST(:max, power(2, a.failures + 1 - :free - 1)::int)) END`,
    { replacements: { email: email.toLowerCase(), free: FREE_FAILURES, max: MAX_LOCK_MINUTES } },
  );
}

export async function clearLoginFailures(sequelize: Sequelize, email: string): Promise<void> {
  await sequelize.query('DELETE FROM login_attempts WHERE email = :email', { replacements: { email: email.toLowerCase() } });
}

export const lockoutMessage = (minutes: number) =>
  `Trop de tentatives de connexion pour cette adresse : réessayez dans ${minutes} minute${minutes > 1 ? 's' : ''}.`;
