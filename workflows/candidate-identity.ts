// How a candidate appears to a reader of one application (issue #19, item 1; seed 002): the one place
// that decides it, for the API's answers, the exports, the mails and notifications, the .ics and the
// video rooms. Pure code, shared by the API, the activities and the web app.
//
// On an anonymous application, until the company lifts the anonymity (lift_anonymity), the company's
// side reads « Candidat·e n° 123 »: no name, e-mail, phone, account id or document name. The candidate,
// their référent and mission officer, and the admins read everything. Fail-closed: every reader who
// is not one of those is the company's side.
import type { Role } from './actors.js';

/** What an application says about its anonymity (the applications row, migration 0036). */
export interface ApplicationAnonymity {
  anonymous: boolean;
  /** When the company lifted the anonymity (null: not yet). */
  identitySharedAt: Date | string | null;
  /** The short number the company calls the candidate by. */
  candidateNumber: number;
}

/** The anonymity as an applications row holds it (migration 0036): every SQL read of it maps through here. */
export interface AnonymityColumns {
  anonymous: boolean | null;
  identity_shared_at: Date | string | null;
  candidate_number: number;
}
export const anonymityOfRow = (row: AnonymityColumns): ApplicationAnonymity => ({
  anonymous: row.anonymous === true,
  identitySharedAt: row.identity_shared_at,
  candidateNumber: row.candidate_number,
});

/** Who reads: a user by role, or the audience of a notice (activities/application-notices.ts). */
export type IdentityReader = { role: Role } | { audience: string };

/** The audiences of notices that speak to the candidate's side or to the platform's people. */
const KNOWING_AUDIENCES = ['candidate', 'referent', 'missionOfficer', 'admin'];
const KNOWING_ROLES: readonly Role[] = ['CANDIDATE', 'REFERENT', 'MISSION_OFFICER', 'ADMIN'];

/** Whether `reader` sees this application's candidate only by their number. */
export function identityHidden(reader: IdentityReader, application: ApplicationAnonymity): boolean {
  if (!application.anonymous || application.identitySharedAt) return false;
  return 'role' in reader ? !KNOWING_ROLES.includes(reader.role) : !KNOWING_AUDIENCES.includes(reader.audience);
}

/** « Candidat·e n° 123 »: the name the company reads until the lift. */
export const candidatePseudonym = (candidateNumber: number) => `Candidat·e n° ${candidateNumber}`;

export interface CandidateIdentity {
  id: string;
  firstName: string;
  lastName: string;
  email: string;
  phone?: string | null;
}

/** The candidate as the reader sees them; `hidden`: only their number. */
export interface ShownCandidate {
  id: string | null;
  firstName: string;
  lastName: string;
  email: string | null;
  phone: string | null;
  /** First and last name, or the pseudonym. */
  name: string;
  hidden: boolean;
  number: number;
}

export function candidateAsSeenBy(reader: IdentityReader, application: ApplicationAnonymity, candidate: CandidateIdentity): ShownCandidate {
  if (identityHidden(reader, application)) {
    return {
      id: null,
      firstName: 'Candidat·e',
      lastName: `n° ${application.candidateNumber}`,
      email: null,
      phone: null,
      name: candidatePseudonym(application.candidateNumber),
      hidden: true,
      number: application.candidateNumber,
    };
  }
  return {
    id: candidate.id,
    firstName: candidate.firstName,
    lastName: candidate.lastName,
    email: candidate.email,
    phone: candidate.phone ?? null,
    name: `${candidate.firstName} ${candidate.lastName}`.trim(),
    hidden: false,
    number: application.candidateNumber,
  };
}

/** A document's file name as the reader sees it: hidden, « CV-candidat-123.pdf » keeping its extension. */
export function documentNameAsSeenBy(reader: IdentityReader, application: ApplicationAnonymity, fileName: string, documentKind: string): string {
  if (!identityHidden(reader, application)) return fileName;
  const extension = /\.[A-Za-z0-9]{1,5}$/.exec(fileName)?.[0]?.toLowerCase() ?? '';
  // The stored kind names only a CV; any other kind reads « document ».
  return `${documentKind === 'CV' ? 'CV' : 'document'}-candidat-${application.candidateNumber}${extension}`;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Free text (the candidate's message, a thread message, an answer) as the reader sees it: when the
 * identity is hidden, the candidate's name, e-mail and phone written in it are replaced by the
 * pseudonym — a candidate who signs their message stays anonymous.
 */
export function textAsSeenBy<T extends string | null>(reader: IdentityReader, application: ApplicationAnonymity, candidate: CandidateIdentity, text: T): T {
  if (text === null || !identityHidden(reader, application)) return text;
  const pseudonym = candidatePseudonym(application.candidateNumber);
  const words = [`${candidate.firstName} ${candidate.lastName}`, `${candidate.lastName} ${candidate.firstName}`, candidate.email, candidate.firstName, candidate.lastName]
    .map((w) => w?.trim())
    .filter((w): w is string => !!w && w.length >= 2);
  let shown: string = text;
  for (const word of words) shown = shown.replace(new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(word)}(?![\\p{L}\\p{N}])`, 'giu'), pseudonym);
  const digits = candidate.phone?.replace(/\D/g, '');
  if (digits && digits.length >= 6) {
    // A phone number however it is spaced or dotted.
    const spaced = digits.split('').map(escapeRegExp).join('[\\s.\\-]?');
    shown = shown.replace(new RegExp(spaced, 'g'), '…');
  }
  return shown as T;
}
