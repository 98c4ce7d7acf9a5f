// An account one person creates for another (a référent's candidate, a mission officer's référent):
// written with a password nobody knows, then an invitation workflow mails a temporary one, changed at
// first sign-in. Keyed by the request's Idempotency-Key: a retry answers the account its first run made.
import { randomBytes, randomUUID } from 'node:crypto';
import { UniqueConstraintError, type Sequelize, type Transaction } from 'sequelize';
import { hashPassword } from '../models/passwords.js';
import { candidateAccountLock } from '../workflows/candidate-account.js';
import { HttpError } from './errors.js';

export interface InvitedAccount {
  userId: string;
  createdAt: string;
  /** The password hash to store: unusable until the invitation activity sets the temporary password it mails. */
  placeholder: string;
}

export interface InvitedAccountSteps<T> {
  /** The account this request already made (a retry), as the route answers it. */
  earlier: (userId: string) => Promise<T | undefined>;
  /** Writes the account, inside the transaction (a taken address throws UniqueConstraintError). */
  write: (transaction: Transaction, account: InvitedAccount) => Promise<void>;
  /** Starts its invitation workflow, still inside the transaction; a repeated start is not an error. */
  invite: (account: InvitedAccount) => Promise<void>;
  /** The answer for the new account. */
  created: (account: InvitedAccount) => Promise<T> | T;
  /** Under the e-mail field when the address has an account already. */
  emailTaken: string;
}

export async function createInvitedAccount<T>(sequelize: Sequelize, id: string | undefined, steps: InvitedAccountSteps<T>): Promise<T> {
  const earlier = async () => (id ? steps.earlier(id) : undefined);
  const found = await earlier();
  if (found) return found;
  const account: InvitedAccount = { userId: id ?? randomUUID(), createdAt: new Date().toISOString(), placeholder: await hashPassword(randomBytes(32).toString('base64url')) };
  try {
    await sequelize.transaction(async (transaction) => {
      // Held until commit: the invitation activity reads the account only once it is committed (or gone).
      await sequelize.query(`SELECT pg_advisory_xact_lock(hashtext(:lock))`, { transaction, replacements: { lock: candidateAccountLock(account.userId) } });
      await steps.write(transaction, account);
      await steps.invite(account);
    });
  } catch (error) {
    if (error instanceof UniqueConstraintError) {
      // The same request, retried while its first run was committing: the first answer.
      const first = await earlier();
      if (first) return first;
      throw new HttpError('CONFLICT', steps.emailTaken, { fields: [{ field: 'email', message: steps.emailTaken }] });
    }
    throw error;
  }
  return steps.created(account);
}
