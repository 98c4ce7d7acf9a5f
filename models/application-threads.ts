// What the API and the digest activity both read of an application's thread: its people (who is told
// of a message, who may read it) and what one person has not read yet. One place, so a mail and the
// page never disagree on who is in a thread.
import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import { de } from '../workflows/glossary.js';
import type { Role } from '../workflows/actors.js';
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
            o.title AS offer_title, c.name AS company_name
     FROM applications a JOIN companies c ON c.id = a.company_id LEFT JOIN offers o ON o.id = a.offer_id
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
