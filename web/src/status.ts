// What an application's badge says: its state, and for the interview states the state of its latest
// interview round — an application stays INTERVIEW_PROPOSED once the candidate confirms (PRODUCT.md),
// so the badge follows the interview: proposé, confirmé, annulé, effectué.
import { applicationRules, type ApplicationStatus } from '../../workflows/application-rules.js';

export type InterviewStatus = 'PROPOSED' | 'CONFIRMED' | 'CANCELLED' | 'DONE';

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** The state alone (filters, counters, pipeline columns: the state holds proposed and confirmed interviews). */
export function stateLabel(status: ApplicationStatus): string {
  return capitalize(status === 'INTERVIEW_PROPOSED' ? 'entretien proposé ou confirmé' : applicationRules.statusLabel[status]);
}

/** One application's state as its badge reads it, with its latest interview round's status (null: none yet). */
export function applicationStatusLabel(status: ApplicationStatus, interviewStatus: InterviewStatus | null | undefined, otherSlotRequested = false): string {
  // The candidate asked to move the interview: what the recruiter has to act on.
  if (status === 'INTERVIEW_PROPOSED' && otherSlotRequested && (interviewStatus === 'PROPOSED' || interviewStatus === 'CONFIRMED')) return 'Autre créneau demandé';
  if (status === 'INTERVIEW_PROPOSED' && interviewStatus === 'CONFIRMED') return 'Entretien confirmé';
  if (status === 'ACCEPTED' && interviewStatus === 'CANCELLED') return 'Acceptée, entretien annulé';
  return capitalize(applicationRules.statusLabel[status]);
}
