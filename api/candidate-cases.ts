// What applications and sponsorship requests share: they are cases about a candidate, seen by the
// candidate, their référent, that référent's mission officer and admins, and by the company's side on
// terms each process sets.
import type { User } from '../models/index.js';

export interface Scope {
  where: string;
  replacements: Record<string, unknown>;
}

/**
 * The SQL condition for "cases this user may see", the same for lists and single reads. `alias` is the
 * case's table; `companySide` is the recruiters' condition (`:company` bound). The référent and the
 * mission officer are the case's own (its row, written by its workflow at creation and by each
 * `change_follow_up`): who sees a case is who may act on it.
 */
export function candidateCaseScope(user: User, alias: string, companySide: string): Scope {
  switch (user.role) {
    case 'ADMIN':
      return { where: 'TRUE', replacements: {} };
    case 'CANDIDATE':
      return { where: `${alias}.candidate_id = :me`, replacements: { me: user.id } };
    case 'REFERENT':
      return { where: `${alias}.referent_id = :me`, replacements: { me: user.id } };
    case 'MISSION_OFFICER':
      return { where: `${alias}.mission_officer_id = :me`, replacements: { me: user.id } };
    case 'RECRUITER':
      return { where: companySide, replacements: { company: user.companyId } };
  }
}

/** A person as the API shows them, or null for nobody. */
export const personView = (id: string | null, firstName: string | null, lastName: string | null) =>
  id ? { id, firstName: firstName ?? '', lastName: lastName ?? '' } : null;

/**
 * Who may call the candidate for a PHONE interview, and so reads their number with it: the company's
 * recruiters and the référent who follows them (PRODUCT.md: personal data only to who needs it; the
 * mission officer, admins and the candidate themself get no number with an interview).
 */
export function mayCallCandidate(user: User, kase: { companyId: string; referentId: string | null }): boolean {
  return (user.role === 'RECRUITER' && user.companyId === kase.companyId) || (user.role === 'REFERENT' && kase.referentId === user.id);
}

/** The candidate's number on an interview: only a live PHONE one, only for who may call (null: none on file). */
export function candidatePhoneOn(
  user: User,
  kase: { companyId: string; referentId: string | null; candidatePhone: string | null },
  interview: { mode: string; status: string },
): { candidatePhone?: string | null } {
  const live = interview.status === 'PROPOSED' || interview.status === 'CONFIRMED';
  return interview.mode === 'PHONE' && live && mayCallCandidate(user, kase) ? { candidatePhone: kase.candidatePhone } : {};
}
