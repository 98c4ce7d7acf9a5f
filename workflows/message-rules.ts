// Application threads (issue #16, items 3 and 5) as pure data, shared by the API, the digest workflow's
// activity and the web app: who writes, when a thread is open, and when a CHAT interview is live.
import type { Role } from './actors.js';
import { applicationRules, type ApplicationStatus } from './application-rules.js';

/** A message's body: 1 to 5,000 characters once trimmed. */
export const MESSAGE_MAX_LENGTH = 5_000;

/**
 * Who writes in a thread: the candidate, their référent and the company's recruiters. The mission
 * officer following the case and admins read it (the mission officer supervises the référent's work,
 * admins run the platform) but do not write: a thread is the conversation of the people of the case.
 */
export const THREAD_WRITERS: readonly Role[] = ['CANDIDATE', 'REFERENT', 'RECRUITER'];
/** Who may attach one of the candidate's documents: the candidate and their référent (they own or follow the file). */
export const DOCUMENT_ATTACHERS: readonly Role[] = ['CANDIDATE', 'REFERENT'];

/**
 * Once an application is closed (hired, not hired, refused, withdrawn), its thread stays writable for
 * this many days — time for a thank-you, a first day's practical details, the reasons of a refusal —
 * then it is read-only for good.
 */
export const CLOSED_THREAD_WRITABLE_DAYS = 7;

export type ThreadState = 'NOT_YET' | 'OPEN' | 'CLOSED';

export interface ThreadFacts {
  status: ApplicationStatus;
  /** When the application reached the company (null: not yet — the company does not see it). */
  sentToCompanyAt: Date | string | null;
  statusChangedAt: Date | string;
}

/** Whether a thread takes messages now. */
export function threadState(app: ThreadFacts, now: number = Date.now()): ThreadState {
  if (!app.sentToCompanyAt) return 'NOT_YET';
  if (!applicationRules.isFinal(app.status)) return 'OPEN';
  const closedAt = new Date(app.statusChangedAt).getTime();
  return now - closedAt < CLOSED_THREAD_WRITABLE_DAYS * 86_400_000 ? 'OPEN' : 'CLOSED';
}

/** Why a thread takes no message, in French (null: it does). */
export function threadClosedReason(state: ThreadState): string | null {
  switch (state) {
    case 'NOT_YET':
      return 'La messagerie s’ouvre quand la candidature est transmise à l’entreprise (après la validation du référent, s’il y en a un) : écrivez-lui à ce moment-là.';
    case 'CLOSED':
      return `Cette candidature est close depuis ${CLOSED_THREAD_WRITABLE_DAYS} jours ou plus : ses messages restent lisibles, mais on ne peut plus y écrire.`;
    case 'OPEN':
      return null;
  }
}

/** A CHAT interview is live from 10 minutes before its start to 15 minutes after its end. */
export const CHAT_OPENS_BEFORE_MS = 10 * 60_000;
export const CHAT_CLOSES_AFTER_MS = 15 * 60_000;

export interface ChatInterview {
  mode: string;
  status: string;
  startsAt: string | Date;
  durationMinutes: number;
}

/** Whether this interview is a CHAT one happening now (the thread goes live on the application page). */
export function chatLive(interview: ChatInterview, now: number = Date.now()): boolean {
  if (interview.mode !== 'CHAT' || (interview.status !== 'PROPOSED' && interview.status !== 'CONFIRMED')) return false;
  const start = new Date(interview.startsAt).getTime();
  const end = start + interview.durationMinutes * 60_000;
  return now >= start - CHAT_OPENS_BEFORE_MS && now <= end + CHAT_CLOSES_AFTER_MS;
}

/** The page, and place in it, where a thread is read: notifications, digests and the CHAT join link lead there. */
export const threadPage = (applicationId: string) => `/candidatures/${applicationId}#messages`;

/** The label of the link that joins a CHAT interview (mails, « Mes entretiens », the application page). */
export const CHAT_JOIN_LABEL = 'Rejoindre l’entretien (messagerie)';
