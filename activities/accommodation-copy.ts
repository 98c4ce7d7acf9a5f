// What the interview's mails say of the candidate's accommodation needs (issue #16, item 6), read from
// the database when the mail is composed (never carried by the workflow): the company's side reads them
// only with the candidate's consent; the candidate and their référent are reminded of what was said and
// where to change it. Kept out of the in-app notification (its text is the first paragraph only) and of
// the `.ics`.
import { accommodationLabels } from '../workflows/accommodation-needs.js';
import type { ApplicationAudience } from '../workflows/application-rules.js';
import type { MailBlock } from './mail.js';

/** A candidate's needs as the notice activity loaded them. */
export interface AccommodationsAtSend {
  needs: readonly string[];
  details: string | null;
  shared: boolean;
}

/** The events whose mails carry them: the invitation and the reminder (other parts may add theirs). */
export const ACCOMMODATION_EVENTS: readonly string[] = ['propose_interview', 'reschedule_interview', 'interview_reminder'];

const listed = (a: AccommodationsAtSend) => accommodationLabels(a.needs).join(' ; ');
const said = (a: AccommodationsAtSend | null): a is AccommodationsAtSend => !!a && (a.needs.length > 0 || !!a.details);

export function accommodationBlocks(
  a: AccommodationsAtSend | null,
  audience: ApplicationAudience,
  words: { candidateName: string; company: string },
): MailBlock[] {
  const details = (label: string): MailBlock[] => (said(a) && a.details ? [{ kind: 'quote', label, text: a.details }] : []);
  switch (audience) {
    case 'proposer':
    case 'recruiter':
      if (!said(a) || !a.shared) return [];
      return [
        { kind: 'paragraph', text: `Besoins d’aménagement indiqués par ${words.candidateName} pour l’entretien : ${listed(a) || 'voir les précisions'}.` },
        ...details('Précisions :'),
        { kind: 'paragraph', text: 'Ces informations vous sont confiées pour préparer l’entretien : ne les transmettez qu’aux personnes qui le mènent.' },
      ];
    case 'candidate':
      if (!said(a)) {
        return [{ kind: 'paragraph', text: 'Besoin d’un aménagement pour cet entretien (interprète en LSF, accès, temps supplémentaire…) ? Indiquez-le dans « Mes besoins pour les entretiens » de votre espace Tremplin.' }];
      }
      return [
        { kind: 'paragraph', text: `Vous avez indiqué ces besoins d’aménagement : ${listed(a) || 'voir vos précisions'}.` },
        ...details('Vos précisions :'),
        {
          kind: 'paragraph',
          text: `${a.shared ? `Ils sont communiqués à ${words.company} pour préparer l’entretien.` : `Vous ne les partagez pas avec les entreprises : ${words.company} ne les connaît pas.`} Vous pouvez les modifier dans « Mes besoins pour les entretiens » de votre espace Tremplin.`,
        },
      ];
    case 'referent':
      if (!said(a)) return [];
      return [
        { kind: 'paragraph', text: `${words.candidateName} a indiqué ces besoins d’aménagement : ${listed(a) || 'voir les précisions'}.` },
        ...details('Précisions :'),
        {
          kind: 'paragraph',
          text: `${a.shared ? `Ils sont communiqués à ${words.company}.` : `Ils ne sont pas partagés avec les entreprises : ${words.company} ne les connaît pas.`} Vous pouvez les modifier avec son accord depuis sa fiche, dans « Mes candidats ».`,
        },
      ];
    default:
      return [];
  }
}
