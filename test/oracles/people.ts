// The people of the oracles as the API would authenticate them, around one case: the candidate
// `candidate` followed by `referent` (whose mission officer is `missionOfficer`), a case received by the
// company `company` (its recruiters `recruiter`, `colleague`, and `registrant` who signed it up).
// Everyone else belongs to another case or company. Shared by the pure rules tests (test/rules/).
import type { Actor } from '../../workflows/actors.js';

const PEOPLE: Record<string, Actor> = {
  candidate: { id: 'candidate', role: 'CANDIDATE' },
  siblingCandidate: { id: 'siblingCandidate', role: 'CANDIDATE' },
  otherCandidate: { id: 'otherCandidate', role: 'CANDIDATE' },
  referent: { id: 'referent', role: 'REFERENT' },
  otherReferent: { id: 'otherReferent', role: 'REFERENT' },
  missionOfficer: { id: 'missionOfficer', role: 'MISSION_OFFICER' },
  otherMissionOfficer: { id: 'otherMissionOfficer', role: 'MISSION_OFFICER' },
  admin: { id: 'admin', role: 'ADMIN' },
  recruiter: { id: 'recruiter', role: 'RECRUITER', companyId: 'company' },
  colleague: { id: 'colleague', role: 'RECRUITER', companyId: 'company' },
  registrant: { id: 'registrant', role: 'RECRUITER', companyId: 'company' },
  otherRecruiter: { id: 'otherRecruiter', role: 'RECRUITER', companyId: 'otherCompany' },
};

/** One of the oracles' people, by the name the oracle gives them. */
export function person(name: string): Actor {
  const actor = PEOPLE[name];
  if (!actor) throw new Error(`no such person in the oracles: ${name}`);
  return actor;
}
