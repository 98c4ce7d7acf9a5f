// The people a notice is addressed to or speaks of, loaded the same way by every process, and the one
// function that decides how a reader sees the candidate's name.
import { User } from '../models/index.js';
import { preparedQuery } from '../models/prepared.js';
import { activeRecruiterSql } from '../models/recruiters.js';
import type { Actor } from '../workflows/actors.js';
import { candidatePseudonym, identityHidden, textAsSeenBy, type ApplicationAnonymity, type CandidateIdentity } from '../workflows/candidate-identity.js';

export interface Person {
  id: string;
  firstName: string;
  /** First and last name. */
  name: string;
  email: string;
  phone: string | null;
  jobTitle: string | null;
}

/** A person told about an event, with the audience whose copy they read. */
export interface Recipient<A extends string = string> {
  person: Person;
  audience: A;
}

export const personOf = (user: Pick<User, 'id' | 'firstName' | 'lastName' | 'email' | 'phone' | 'jobTitle'>): Person => ({
  id: user.id,
  firstName: user.firstName,
  name: `${user.firstName} ${user.lastName}`,
  email: user.email,
  phone: user.phone ?? null,
  jobTitle: user.jobTitle ?? null,
});

export interface People {
  /** For the wording: names and contacts stay readable after an account is disabled. */
  any(id: string | null | undefined): Person | null;
  /** For recipients: a disabled account is told nothing, nobody reads it any more (nor one without `role`, when given). */
  active(id: string | null | undefined, role?: User['role']): Person | null;
}

/** A user as a notice reads them (prepared statements: every notice runs these, issue #20). */
type PersonRow = Parameters<typeof personOf>[0] & Pick<User, 'role' | 'disabledAt'>;
const PERSON_COLUMNS = `u.id, u.first_name AS "firstName", u.last_name AS "lastName", u.email, u.phone, u.job_title AS "jobTitle", u.role, u.disabled_at AS "disabledAt"`;

/** The users among `ids` (nulls ignored), in one query. */
export async function loadPeople(ids: Array<string | null | undefined>): Promise<People> {
  const wanted = [...new Set(ids.filter((id): id is string => !!id))];
  const users = wanted.length ? await preparedQuery<PersonRow>(User.sequelize!, `SELECT ${PERSON_COLUMNS} FROM users u WHERE u.id = ANY(:ids)`, { ids: wanted }) : [];
  const find = (id: string | null | undefined) => users.find((u) => u.id === id);
  return {
    any: (id) => {
      const user = find(id);
      return user ? personOf(user) : null;
    },
    active: (id, role) => {
      const user = find(id);
      return user && !user.disabledAt && (!role || user.role === role) ? personOf(user) : null;
    },
  };
}

/** Who acted, by name: their account's, or the name the workflow recorded when the account is gone. */
export const actorNameOf = (people: People, actor: Actor | null): string | null => people.any(actor?.id)?.name ?? actor?.name ?? null;

/** Every active admin, oldest account first. */
export async function activeAdmins(): Promise<Person[]> {
  // Read through their partial index (migration 0042), not a scan of every user.
  const rows = await preparedQuery<PersonRow>(User.sequelize!, `SELECT ${PERSON_COLUMNS} FROM users u WHERE u.role = 'ADMIN' AND u.disabled_at IS NULL ORDER BY u.created_at, u.id`);
  return rows.map(personOf);
}

/** The recruiters who speak for the company (models/recruiters.ts), oldest account first. */
export async function activeRecruiters(companyId: string): Promise<Person[]> {
  const rows = await preparedQuery<PersonRow>(
    User.sequelize!,
    `SELECT ${PERSON_COLUMNS} FROM users u WHERE u.company_id = :companyId AND ${activeRecruiterSql('u')} ORDER BY u.created_at, u.id`,
    { companyId },
  );
  return rows.map(personOf);
}

/** What naming the candidate depends on. */
export interface CandidateNaming {
  /** Null when the account is gone. */
  candidateName: string | null;
  /** An application's anonymity (seed 002); absent for the cases that have none. */
  anonymity?: ApplicationAnonymity;
  /** The candidate's name and contacts, to keep them out of what the reader quotes (null: the account is gone). */
  candidateIdentity?: CandidateIdentity | null;
}

/**
 * The candidate's name as `reader` sees it. Every notice that names the candidate goes through here,
 * and here through workflows/candidate-identity.ts: an anonymous application's company reads the
 * candidate's number until the anonymity is lifted.
 */
export function candidateNameFor(reader: Recipient, about: CandidateNaming): string {
  if (about.anonymity && identityHidden({ audience: reader.audience }, about.anonymity)) return candidatePseudonym(about.anonymity.candidateNumber);
  return about.candidateName ?? 'le candidat';
}

/** Words quoted to `reader` (a message, availabilities): an anonymous candidate's name and contacts left out of them. */
export function candidateTextFor<T extends string | null>(reader: Recipient, about: CandidateNaming, text: T): T {
  if (!about.anonymity || !about.candidateIdentity) return text;
  return textAsSeenBy({ audience: reader.audience }, about.anonymity, about.candidateIdentity, text);
}
