// Who will read what a person writes in a message field, said under the field. Worded from the tables
// the mails obey (MESSAGE_READERS, SPONSORSHIP_MESSAGE_READERS: the copy quotes a message to these
// readers only) and from who may open the page that keeps it, so the hint says what the platform does.
import { MESSAGE_READERS, type ApplicationAudience, type ApplicationEventType } from '../../workflows/application-rules.js';
import { SPONSORSHIP_MESSAGE_READERS, type SponsorshipAudience, type SponsorshipEventType } from '../../workflows/sponsorship-rules.js';
import { de, frenchList } from '../../workflows/glossary.js';
import type { Application, Me } from './api.js';

type Named = { firstName: string; lastName: string };
const nameOf = (p: Named) => `${p.firstName} ${p.lastName}`;


/** « à » before a reader: « au candidat », « aux recruteurs », « à son référent ». */
const toWhom = (reader: string) => (reader.startsWith('le ') ? `au ${reader.slice(3)}` : reader.startsWith('les ') ? `aux ${reader.slice(4)}` : `à ${reader}`);

/** The sentence under a field: who gets it by e-mail, then who else reads it where it is kept. */
function sentence(mailed: string[], onPage: string[], page: string): string {
  const mail = mailed.length ? `Envoyé par e-mail ${frenchList(mailed.map(toWhom))}.` : 'Envoyé par e-mail à personne.';
  return onPage.length ? `${mail} Lisible aussi dans ${page} par ${frenchList(onPage)}.` : mail;
}

/** What an application's message needs to know of it: its people, and where it stands. */
export type ApplicationFacts = Pick<Application, 'status' | 'candidate' | 'referent' | 'company' | 'interviews'>;

/**
 * Who reads the words `me` writes with `event` on this application: the people MESSAGE_READERS names
 * (those the application has: a référent, the company once the application reached it, the
 * interviewer while an interview is on), the writer left out; then, on the application page, the
 * others who follow it (its history keeps every message).
 */
export function applicationMessageReaders(event: ApplicationEventType, app: ApplicationFacts, me: Pick<Me, 'id' | 'role'>): string {
  const readers = MESSAGE_READERS[event] ?? [];
  // The company sees an application once it was sent to it: after the référent's validation (or at once without a référent).
  const sentToCompany = app.status !== 'PENDING_REFERENT_VALIDATION' || event === 'validate' || (event === 'created' && !app.referent);
  const recruiter = me.role === 'RECRUITER';
  const liveInterview = ['PROPOSED', 'CONFIRMED'].includes(app.interviews.at(-1)?.status ?? '');
  const words: Record<ApplicationAudience, string | null> = {
    candidate: me.role === 'CANDIDATE' ? null : `le candidat, ${nameOf(app.candidate)}`,
    referent: !app.referent || app.referent.id === me.id ? null : `${me.role === 'CANDIDATE' ? 'votre' : 'son'} référent, ${nameOf(app.referent)}`,
    recruiter: sentToCompany ? (recruiter ? 'les recruteurs de votre entreprise' : `les recruteurs ${de(app.company.name)}`) : null,
    proposer:
      liveInterview && !(readers.includes('recruiter') && sentToCompany)
        ? recruiter
          ? 'le recruteur qui a proposé l’entretien'
          : `le recruteur ${de(app.company.name)} qui a proposé l’entretien`
        : null,
    missionOfficer: null,
    admin: null,
  };
  const mailed = readers.map((audience) => words[audience]).filter((w): w is string => !!w);
  const onPage = (['candidate', 'referent', 'recruiter'] as const).filter((a) => !readers.includes(a)).map((a) => words[a]).filter((w): w is string => !!w);
  return sentence(mailed, onPage, 'l’historique de la candidature');
}

/**
 * Who reads the words written with a sponsorship request's `event` (`created`: the request's message,
 * by the candidate or their référent; `refuse`: the company's comment), as the mails quote them; the
 * request page shows both to the candidate, their référent and the company.
 */
export function sponsorshipMessageReaders(
  event: SponsorshipEventType,
  /** `referent` undefined: not known here (the candidate's own form). */
  facts: { companyName: string; referent?: Named | null; candidate?: Named },
  me: Pick<Me, 'role'>,
): string {
  const readers = SPONSORSHIP_MESSAGE_READERS[event] ?? [];
  const forCandidate = me.role === 'CANDIDATE';
  const who: Record<SponsorshipAudience, string | null> = {
    candidate: forCandidate ? null : facts.candidate ? `le candidat, ${nameOf(facts.candidate)}` : 'le candidat',
    referent:
      me.role === 'REFERENT' || facts.referent === null
        ? null
        : facts.referent
          ? `${forCandidate ? 'votre' : 'son'} référent, ${nameOf(facts.referent)}`
          : 'votre référent, si vous en avez un',
    recruiter: me.role === 'RECRUITER' ? null : `les recruteurs ${de(facts.companyName)}`,
    // One of the recruiters, once named.
    sponsor: null,
  };
  const mailed = readers.map((a) => who[a]).filter((w): w is string => !!w);
  const onPage = (['candidate', 'referent', 'recruiter'] as const).filter((a) => !readers.includes(a)).map((a) => who[a]).filter((w): w is string => !!w);
  return sentence(mailed, onPage, 'la demande de parrainage');
}

/**
 * Who reads what a candidate writes when applying: the message (MESSAGE_READERS of `created`: their
 * référent first when they have one, the company's recruiters once the application reaches them, its
 * validation quoting it to them), and the answer to the offer's question, in no mail but on the
 * application page for both.
 */
export function applyingReaders(field: 'message' | 'screeningAnswer', companyName: string): string {
  const readers = field === 'message' ? (MESSAGE_READERS.created ?? []) : [];
  const who: Partial<Record<ApplicationAudience, string>> = {
    referent: 'votre référent, si vous en avez un',
    recruiter: `les recruteurs ${de(companyName)}, une fois la candidature transmise`,
  };
  const all = ['referent', 'recruiter'] as const;
  return sentence(
    all.filter((a) => readers.includes(a)).map((a) => who[a]!),
    all.filter((a) => !readers.includes(a)).map((a) => who[a]!),
    'la candidature',
  );
}
