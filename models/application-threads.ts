// What the API and the digest activity both read of an application's thread: its people (who is told
// of a message, who may read it) and what one person has not read yet. One place, so a mail and the
// page never disagree on who is in a thread.
import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import { de } from '../workflows/glossary.js';
import type { Role } from '../workflows/actors.js';
import { anonymityOfRow, candidateAsSeenBy, documentNameAsSeenBy, identityHidden, textAsSeenBy, type IdentityReader } from '../workflows/candidate-identity.js';
import type { ApplicationStatus } from '../workflows/application-rules.js';
import { activeRecruiterSql } from './recruiters.js';

export interface ThreadApplication {
  id: string;
  status: ApplicationStatus;
  candidate_id: string;
  company_id: string;
  referent_id: string | null;
  mission_officer_id: string | null;
  sent_to_company_at: Date | null;
  status_changed_at: Date;
  offer_title: string | null;
  company_name: string;
  /** Seed 002: an anonymous application's candidate is named by their number to the company until the lift. */
  anonymous: boolean;
  identity_shared_at: Date | null;
  candidate_number: number;
  candidate_first_name: string;
  candidate_last_name: string;
  candidate_email: string;
  candidate_phone: string | null;
}

export interface ThreadPerson {
  id: string;
  first_name: string;
  last_name: string;
  email: string;
  role: Role;
}

/** The application a thread belongs to, with its offer's title and company's name. */
export async function threadApplication(sequelize: Sequelize, applicationId: string, transaction?: Transaction): Promise<ThreadApplication | undefined> {
  const [row] = await sequelize.query<ThreadApplication>(
    `SELECT a.id, a.status, a.candidate_id, a.company_id, a.referent_id, a.mission_officer_id, a.sent_to_company_at, a.status_changed_at,
            o.title AS offer_title, c.name AS company_name, a.anonymous, a.identity_shared_at, a.candidate_number,
            cu.first_name AS candidate_first_name, cu.last_name AS candidate_last_name, cu.email AS candidate_email, cu.phone AS candidate_phone
     FROM applications a JOIN companies c ON c.id = a.company_id JOIN users cu ON cu.id = a.candidate_id LEFT JOIN offers o ON o.id = a.offer_id
     WHERE a.id = :applicationId`,
    { transaction, type: QueryTypes.SELECT, replacements: { applicationId } },
  );
  return row;
}

/**
 * Who is told of a new message (in-app notification, digest mail): the candidate, their référent and
 * the company's active recruiters once the application reached the company — accounts not disabled.
 * The mission officer and admins read the thread without being told of each message.
 */
export async function threadRecipients(sequelize: Sequelize, app: Pick<ThreadApplication, 'id' | 'candidate_id' | 'referent_id' | 'company_id' | 'sent_to_company_at'>, transaction?: Transaction): Promise<ThreadPerson[]> {
  return sequelize.query<ThreadPerson>(
    `SELECT u.id, u.first_name, u.last_name, u.email, u.role FROM users u
     WHERE u.disabled_at IS NULL AND (
       u.id = :candidateId OR u.id = :referentId
       OR (:sent AND u.company_id = :companyId AND ${activeRecruiterSql('u')})
     )
     ORDER BY CASE u.role WHEN 'CANDIDATE' THEN 0 WHEN 'REFERENT' THEN 1 ELSE 2 END, u.created_at`,
    {
      transaction,
      type: QueryTypes.SELECT,
      replacements: { candidateId: app.candidate_id, referentId: app.referent_id ?? app.candidate_id, companyId: app.company_id, sent: app.sent_to_company_at !== null },
    },
  );
}

/** How a member of a thread is named to its readers: the name, then the role or the company. */
export function memberLabel(person: { first_name: string; last_name: string; role: Role }, companyName: string): string {
  const name = `${person.first_name} ${person.last_name}`;
  switch (person.role) {
    case 'CANDIDATE':
      return `${name} (personne candidate)`;
    case 'REFERENT':
      return `${name} (référent)`;
    case 'RECRUITER':
      return `${name} (${companyName})`;
    case 'MISSION_OFFICER':
      return `${name} (chargé de mission)`;
    case 'ADMIN':
      return `${name} (équipe Tremplin)`;
  }
}

const anonymityOf = anonymityOfRow;
const candidateOf = (app: ThreadApplication) => ({
  id: app.candidate_id,
  firstName: app.candidate_first_name,
  lastName: app.candidate_last_name,
  email: app.candidate_email,
  phone: app.candidate_phone,
});

/** The thread's candidate as `reader` sees them (workflows/candidate-identity.ts). */
export const threadCandidateFor = (reader: IdentityReader, app: ThreadApplication) => candidateAsSeenBy(reader, anonymityOf(app), candidateOf(app));

/** A member as `reader` reads them: the candidate of an anonymous application by their number until the lift. */
export function memberLabelFor(reader: IdentityReader, person: { first_name: string; last_name: string; role: Role }, app: ThreadApplication): string {
  if (person.role !== 'CANDIDATE') return memberLabel(person, app.company_name);
  const shown = threadCandidateFor(reader, app);
  return memberLabel(shown.hidden ? { first_name: shown.firstName, last_name: shown.lastName, role: 'CANDIDATE' } : person, app.company_name);
}

/** Words of the thread as `reader` reads them: an anonymous candidate's name and contacts left out. */
export const threadTextFor = <T extends string | null>(reader: IdentityReader, app: ThreadApplication, text: T): T => textAsSeenBy(reader, anonymityOf(app), candidateOf(app), text);

/** A document's name as `reader` reads it: neutral on an anonymous application until the lift. */
export const threadDocumentNameFor = (reader: IdentityReader, app: ThreadApplication, filename: string, kind: string) =>
  documentNameAsSeenBy(reader, anonymityOf(app), filename, kind);

/** A document of the thread withheld from this reader (its file names its author) until the lift, as the download route does. */
export const threadDocumentWithheld = (reader: IdentityReader, app: ThreadApplication) => identityHidden(reader, anonymityOf(app));

/** « les recruteurs d’Atelier » — the company's side of a thread, as one reader. */
export const companyReaders = (companyName: string) => `les recruteurs ${de(companyName)}`;

export interface UnreadMessage {
  id: string;
  author_role: Role;
  first_name: string | null;
  last_name: string | null;
  created_at: Date;
}

/** The messages of a thread this person has not read (others' only), oldest first. */
export async function unreadMessages(sequelize: Sequelize, applicationId: string, userId: string, transaction?: Transaction): Promise<UnreadMessage[]> {
  return sequelize.query<UnreadMessage>(
    `SELECT m.id, m.author_role, u.first_name, u.last_name, m.created_at FROM application_messages m
     LEFT JOIN users u ON u.id = m.author_id
     WHERE m.application_id = :applicationId AND m.author_id IS DISTINCT FROM :userId
       AND m.created_at > COALESCE((SELECT last_read_at FROM application_message_reads WHERE application_id = :applicationId AND user_id = :userId), '-infinity')
     ORDER BY m.position`,
    { transaction, type: QueryTypes.SELECT, replacements: { applicationId, userId } },
  );
}
