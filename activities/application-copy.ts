// What each person reads about an event of an application, in French: one draft per event and
// audience. Who is told is decided in application-notices.ts.
import { applicationRules, readsMessage, type ApplicationEventType, type InterviewView } from '../workflows/application-rules.js';
import { CHAT_JOIN_LABEL } from '../workflows/message-rules.js';
import type { ApplicationAudience, ApplicationContext } from './application-notices.js';
import { INTERVIEW_MODE_LABEL, formatParisDateTime } from './ics.js';
import type { MailBlock } from './mail.js';
import type { Copy, Draft } from './notices.js';
import { candidateNameFor, candidateTextFor, type Recipient } from './people.js';
import { de } from '../workflows/glossary.js';
import { refusalReasonLabel } from '../workflows/refusal-reasons.js';

export type ApplicationDraft = Draft & {
  /** Show the interview's date, mode, place and this person's join link. */
  showInterview?: boolean;
};

export const APPLICATION_PAGE_LABEL = 'Voir la candidature sur Tremplin';

/** After the headline in a mail's subject: « Titre » (Entreprise), or the spontaneous variant. */
export const applicationTopic = (ctx: ApplicationContext) => `${ctx.offerTitle ? `« ${ctx.offerTitle} »` : 'candidature spontanée'} (${ctx.companyName})`;

/** « candidature [de Camille Martin] à l’offre « Titre » chez Acme », or the spontaneous variant. */
function candidature(ctx: ApplicationContext, owner?: string, forCompany = false): string {
  const of = owner ? ` ${de(owner)}` : '';
  if (!ctx.offerTitle) return `candidature spontanée${of} ${forCompany ? 'auprès de votre entreprise' : `chez ${ctx.companyName}`}`;
  return `candidature${of} ${forCompany ? `à votre offre « ${ctx.offerTitle} »` : `à l’offre « ${ctx.offerTitle} » chez ${ctx.companyName}`}`;
}

/** The audience the reader's route names (the proposer, when it fell back on the whole company). */
const routedAs = (reader: Recipient<ApplicationAudience> & { route?: { to: ApplicationAudience } }) => reader.route?.to ?? reader.audience;

/** The words the drafts share, as this reader sees them. */
function wordsFor(ctx: ApplicationContext, reader: Recipient<ApplicationAudience>) {
  const { notice, interview } = ctx;
  const candidateName = candidateNameFor(reader, ctx);
  const message = candidateTextFor(reader, ctx, notice.message?.trim() || null);
  const when = interview ? formatParisDateTime(interview.startsAt) : '';
  return {
    ctx,
    reader,
    company: ctx.companyName,
    candidateName,
    referentName: ctx.referentName ?? 'son référent',
    actorName: ctx.actorName,
    /** « candidature à l’offre « Titre » chez Acme », after « votre » or « sa ». */
    candidature: candidature(ctx),
    /** « candidature de Camille Martin à l’offre… », to others; « … à votre offre » to the company. */
    theirs: candidature(ctx, candidateName, reader.audience === 'recruiter' || reader.audience === 'proposer'),
    /** The event's words, quoted to the readers MESSAGE_READERS names only (the web app tells the writer who they are). */
    quote: (label: string) => (message && readsMessage(notice.event, routedAs(reader)) ? { label, text: message } : null),
    when,
    since: formatParisDateTime(ctx.statusChangedAt),
    cancelledInterview: interview?.status === 'CANCELLED' ? ` L’entretien prévu le ${when} est annulé.` : '',
    /** refuse, not_hire: « Motif : … », after the first paragraph (none for refusals made before reasons). */
    reason: notice.reason ? [`Motif : ${refusalReasonLabel(notice.reason)}.`] : [],
  };
}
type Words = ReturnType<typeof wordsFor>;

const say =
  (write: (w: Words) => ApplicationDraft) =>
  (ctx: ApplicationContext, reader: Recipient<ApplicationAudience>): ApplicationDraft =>
    write(wordsFor(ctx, reader));

// Drafts that several audiences read alike.
const newForCompany = (paragraph: string): ApplicationDraft => ({ headline: 'Nouvelle candidature reçue', paragraphs: [paragraph] });
const refusedInterview = say((w) => ({
  headline: 'Entretien annulé',
  paragraphs: [`L’entretien avec ${w.candidateName} prévu le ${w.when} est annulé : la candidature a été refusée.`],
  showInterview: true,
}));
const proposal = (w: Words, headline: string, first: string): ApplicationDraft => ({
  headline,
  paragraphs: [first, 'L’invitation est jointe à ce message pour votre agenda.'],
  quote: w.quote('Message du recruteur :'),
  showInterview: true,
});
const proposedToOthers = say((w) =>
  proposal(w, `Entretien proposé à ${w.candidateName}`, `${w.company} propose un entretien le ${w.when} à ${w.candidateName} pour sa ${w.candidature}.`),
);
const confirmed = say((w) => ({
  headline: 'Entretien confirmé',
  paragraphs: [`${w.candidateName} a confirmé l’entretien du ${w.when} pour sa ${w.candidature}.`],
  quote: w.quote('Message :'),
  showInterview: true,
}));
const moved = (w: Words, first: string, next: string): ApplicationDraft => ({
  headline: 'Entretien déplacé',
  paragraphs: [first, next, 'L’invitation jointe met à jour l’entretien dans votre agenda.'],
  quote: w.quote('Message du recruteur :'),
  showInterview: true,
});
const movedToOthers = say((w) =>
  moved(w, `${w.company} a déplacé l’entretien ${de(w.candidateName)} pour sa ${w.candidature} : il aura lieu le ${w.when}.`, 'Le candidat doit confirmer ce nouvel horaire.'),
);
/** « Camille Martin demande », or « Rémi Durand, son référent, demande » when the référent asked for them. */
const otherSlotAskedBy = (w: Words) =>
  w.actorName && w.ctx.notice.actor?.id !== w.ctx.candidate?.id ? `${w.actorName}, référent ${de(w.candidateName)},` : w.candidateName;
const otherSlotAsked = say((w) => ({
  headline: 'Autre créneau demandé',
  paragraphs: [`${otherSlotAskedBy(w)} demande un autre créneau que le ${w.when} pour l’entretien de la ${w.theirs}.`, 'Vous pouvez déplacer l’entretien sur Tremplin.'],
  quote: w.quote('Disponibilités indiquées :'),
  showInterview: true,
}));
const cancelled = (w: Words, first: string): ApplicationDraft => ({
  headline: 'Entretien annulé',
  paragraphs: [first, 'Si vous l’aviez ajouté à votre agenda, l’invitation jointe l’en retire.'],
  quote: w.quote('Message du recruteur :'),
});
const cancelledToOthers = say((w) => cancelled(w, `L’entretien du ${w.when} avec ${w.candidateName} pour sa ${w.candidature} est annulé.`));
/** « par Rémi Durand » when someone other than the candidate withdrew. */
const withdrawnBy = (w: Words) => (w.actorName && w.ctx.notice.actor?.id !== w.ctx.candidate?.id ? ` par ${w.actorName}` : '');
const withdrawnToCompany = say((w) => ({
  headline: 'Candidature retirée',
  paragraphs: [
    `${w.candidateName} a retiré sa candidature${w.ctx.offerTitle ? ` à votre offre « ${w.ctx.offerTitle} »` : ' spontanée'}.${w.cancelledInterview}`,
  ],
  quote: w.quote('Message :'),
}));
const escalated = say((w) => ({
  headline: 'Candidature en attente de validation',
  paragraphs: [
    `La ${w.theirs} attend depuis le ${w.since} la validation de son référent, ${w.referentName}.`,
    'Vous pouvez relancer le référent, ou valider ou refuser la candidature à sa place.',
  ],
}));
const interviewSoonToOthers = say((w) => ({
  headline: `Rappel : entretien le ${w.when}`,
  paragraphs: [`L’entretien ${de(w.candidateName)} pour sa ${w.candidature} a lieu le ${w.when}.`],
  showInterview: true,
}));

export const APPLICATION_COPY: Copy<ApplicationEventType, ApplicationAudience, ApplicationContext, ApplicationDraft> = {
  created: {
    // A référent applying for their candidate reads what they did, not « X a déposé » their own words.
    referent: say((w) =>
      w.ctx.madeByReferent
        ? {
            headline: 'Candidature déposée, à valider',
            paragraphs: [
              `Vous avez déposé une ${w.candidature} pour ${w.candidateName}.`,
              'Comme toute candidature de vos candidats, elle attend votre validation avant d’être transmise au recruteur.',
            ],
            quote: w.quote('Votre message :'),
          }
        : {
            headline: 'Nouvelle candidature à valider',
            paragraphs: [`${w.candidateName} a déposé une ${w.candidature}.`, 'Elle attend votre validation avant d’être transmise au recruteur.'],
            quote: w.quote('Message du candidat :'),
          },
    ),
    recruiter: say((w) => ({ ...newForCompany(`Vous avez reçu une ${w.theirs}.`), quote: w.quote('Message du candidat :') })),
    candidate: say((w) =>
      w.ctx.notice.status === 'PENDING_REFERENT_VALIDATION'
        ? {
            headline: 'Candidature enregistrée',
            paragraphs: w.ctx.madeByReferent
              ? [`Votre référent, ${w.referentName}, a déposé pour vous une ${w.candidature}.`, 'Elle sera transmise à l’entreprise une fois validée. La suite vous sera communiquée.']
              : [
                  `Votre ${w.candidature} est bien enregistrée.`,
                  `Votre référent, ${w.referentName}, doit la valider avant qu’elle soit transmise à l’entreprise. Sa décision vous sera communiquée.`,
                ],
          }
        : { headline: 'Candidature envoyée', paragraphs: [`Votre ${w.candidature} a bien été transmise au recruteur.`] },
    ),
  },

  validate: {
    candidate: say((w) => ({
      headline: 'Candidature validée par votre référent',
      paragraphs: [`${w.actorName ?? w.referentName} a validé votre ${w.candidature}. Elle est maintenant transmise au recruteur.`],
      quote: w.quote('Message de votre référent :'),
    })),
    recruiter: say((w) => {
      const { notice, applicationMessage } = w.ctx;
      const validator = w.actorName ?? w.referentName;
      const byReferent = !notice.actor || notice.actor.role === 'REFERENT';
      const validatorsWords = w.quote(byReferent ? 'Message du référent :' : `Message ${de(validator)} :`);
      return {
        ...newForCompany(`Vous avez reçu une ${w.theirs}, validée par ${byReferent ? `son référent, ${validator}` : validator}.`),
        // The candidate's own message reaches the company with the application, and so do the validator's words.
        quote: applicationMessage ? { label: w.ctx.madeByReferent ? 'Message du référent, joint à la candidature :' : 'Message du candidat :', text: candidateTextFor(w.reader, w.ctx, applicationMessage) } : null,
        details: validatorsWords ? [{ kind: 'quote', ...validatorsWords }] : undefined,
      };
    }),
  },

  reject: {
    candidate: say((w) => ({
      headline: 'Candidature non validée par votre référent',
      paragraphs: [`${w.actorName ?? w.referentName} n’a pas validé votre ${w.candidature}. Elle ne sera pas transmise à l’entreprise.`],
      quote: w.quote('Son message :'),
    })),
    referent: say((w) => ({
      headline: 'Candidature non validée',
      paragraphs: [`La ${w.theirs} n’a pas été validée${w.actorName ? ` par ${w.actorName}` : ''}. Elle ne sera pas transmise à l’entreprise.`],
      quote: w.quote('Message transmis au candidat :'),
    })),
  },

  refuse: {
    candidate: say((w) => ({
      headline: 'Réponse à votre candidature',
      paragraphs: [`${w.company} n’a pas retenu votre ${w.candidature}.${w.cancelledInterview}`, ...w.reason],
      quote: w.quote('Message du recruteur :'),
    })),
    referent: say((w) => ({
      headline: 'Candidature refusée par le recruteur',
      paragraphs: [`${w.company} n’a pas retenu la ${w.theirs}.${w.cancelledInterview}`, ...w.reason],
      quote: w.quote('Message transmis au candidat :'),
    })),
    proposer: refusedInterview,
    recruiter: refusedInterview,
  },

  not_hire: {
    candidate: say((w) => ({
      headline: 'Réponse après votre entretien',
      paragraphs: [`À l’issue de l’entretien, ${w.company} n’a pas retenu votre ${w.candidature}.`, ...w.reason],
      quote: w.quote('Message du recruteur :'),
    })),
    referent: say((w) => ({
      headline: 'Candidature non retenue après entretien',
      paragraphs: [`À l’issue de l’entretien, ${w.company} n’a pas retenu la ${w.theirs}.`, ...w.reason],
      quote: w.quote('Message transmis au candidat :'),
    })),
  },

  accept: {
    candidate: say((w) => ({
      headline: 'Votre candidature intéresse le recruteur',
      paragraphs: [`${w.company} a retenu votre ${w.candidature}. Le recruteur va vous proposer un entretien.`],
      quote: w.quote('Message du recruteur :'),
    })),
    referent: say((w) => ({
      headline: 'Candidature retenue par le recruteur',
      paragraphs: [`${w.company} a retenu la ${w.theirs}. Un entretien va être proposé.`],
      quote: w.quote('Message du recruteur :'),
    })),
  },

  hire: {
    candidate: say((w) => ({
      headline: 'Félicitations : votre candidature est retenue !',
      paragraphs: [`${w.company} a décidé de vous recruter suite à votre ${w.candidature}. Le recruteur vous contactera pour la suite.`],
      quote: w.quote('Message du recruteur :'),
    })),
    referent: say((w) => ({
      headline: 'Recrutement confirmé',
      paragraphs: [`${w.company} recrute ${w.candidateName} suite à sa ${w.candidature}.`],
      quote: w.quote('Message du recruteur :'),
    })),
  },

  propose_interview: {
    candidate: say((w) =>
      proposal(w, 'Proposition d’entretien', `${w.company} vous propose un entretien le ${w.when} pour votre ${w.candidature}. Merci de le confirmer sur Tremplin.`),
    ),
    proposer: say((w) =>
      proposal(
        w,
        `Entretien proposé à ${w.candidateName}`,
        `Vous avez proposé un entretien le ${w.when} à ${w.candidateName} pour sa ${w.candidature}. Sa confirmation vous sera communiquée.`,
      ),
    ),
    referent: proposedToOthers,
    recruiter: proposedToOthers,
  },

  confirm_interview: { proposer: confirmed, recruiter: confirmed, referent: confirmed },

  reschedule_interview: {
    candidate: say((w) =>
      moved(w, `${w.company} a déplacé votre entretien pour votre ${w.candidature} : il aura lieu le ${w.when}.`, 'Merci de confirmer ce nouvel horaire sur Tremplin.'),
    ),
    proposer: say((w) =>
      moved(w, `Vous avez déplacé l’entretien ${de(w.candidateName)} pour sa ${w.candidature} au ${w.when}.`, 'Sa confirmation vous sera communiquée.'),
    ),
    referent: movedToOthers,
    recruiter: movedToOthers,
  },

  request_other_slot: {
    proposer: otherSlotAsked,
    recruiter: otherSlotAsked,
    referent: say((w) =>
      w.ctx.notice.actor?.id === w.ctx.referent?.id
        ? {
            headline: 'Autre créneau demandé',
            paragraphs: [`Vous avez demandé pour ${w.candidateName} un autre créneau que le ${w.when} pour l’entretien de sa ${w.candidature}.`, 'Le recruteur vous proposera une nouvelle date.'],
            quote: w.quote('Disponibilités transmises :'),
          }
        : {
            headline: 'Autre créneau demandé',
            paragraphs: [`${w.candidateName} demande un autre créneau que le ${w.when} pour l’entretien de sa ${w.candidature}.`],
            quote: w.quote('Disponibilités indiquées :'),
          },
    ),
  },

  cancel_interview: {
    candidate: say((w) =>
      cancelled(w, `${w.company} a annulé l’entretien du ${w.when} prévu pour votre ${w.candidature}. Votre candidature reste en cours.`),
    ),
    referent: cancelledToOthers,
    proposer: cancelledToOthers,
    recruiter: cancelledToOthers,
  },

  mark_interview_done: {
    candidate: say((w) => ({
      headline: 'Entretien effectué',
      paragraphs: [`${w.company} a noté que votre entretien pour votre ${w.candidature} a eu lieu. La suite vous sera communiquée.`],
      quote: w.quote('Message du recruteur :'),
    })),
  },

  withdraw: {
    candidate: say((w) => ({
      headline: 'Candidature retirée',
      paragraphs: [`Votre ${w.candidature} a été retirée${withdrawnBy(w)}.${w.cancelledInterview}`],
    })),
    referent: say((w) => ({
      headline: 'Candidature retirée',
      paragraphs: [`La ${w.theirs} a été retirée${withdrawnBy(w)}.${w.cancelledInterview}`],
      quote: w.quote('Message :'),
    })),
    proposer: withdrawnToCompany,
    recruiter: withdrawnToCompany,
  },

  referent_reminder: {
    referent: say((w) => ({
      headline: 'Rappel : candidature à valider',
      paragraphs: [`La ${w.theirs} attend votre validation depuis le ${w.since}.`, 'Merci de la valider ou de la refuser.'],
    })),
  },

  referent_escalation: { missionOfficer: escalated, admin: escalated },

  recruiter_reminder: {
    recruiter: say((w) => ({
      headline: 'Rappel : candidature en attente de réponse',
      paragraphs: [`La ${w.theirs} attend votre réponse depuis le ${w.since}.`],
    })),
  },

  interview_reminder: {
    candidate: say((w) => ({
      headline: `Rappel : entretien le ${w.when}`,
      paragraphs: [`Votre entretien avec ${w.company} pour votre ${w.candidature} a lieu le ${w.when}.`],
      showInterview: true,
    })),
    referent: interviewSoonToOthers,
    proposer: interviewSoonToOthers,
    recruiter: interviewSoonToOthers,
  },

  referent_skipped: {},

  // Seed 002: the candidate and their référent learn that the company now knows who the candidate is.
  lift_anonymity: {
    candidate: say((w) => ({
      headline: `Votre identité a été communiquée à ${w.company}`,
      paragraphs: [
        `${w.actorName ?? w.company} a levé l’anonymat de votre ${w.candidature} : l’entreprise voit maintenant votre nom et vos coordonnées.`,
        w.ctx.notice.contact === 'CONTACTED' ? 'Elle s’est engagée à vous contacter et indique le faire dès maintenant.' : 'Elle s’est engagée à vous contacter prochainement.',
      ],
    })),
    referent: say((w) => ({
      headline: `L’identité ${de(w.candidateName)} a été communiquée à ${w.company}`,
      paragraphs: [
        `${w.actorName ?? w.company} a levé l’anonymat de la ${w.theirs} : l’entreprise voit maintenant son nom et ses coordonnées.`,
        w.ctx.notice.contact === 'CONTACTED' ? 'Elle s’est engagée à la contacter et indique le faire dès maintenant.' : 'Elle s’est engagée à la contacter prochainement.',
      ],
    })),
  },
  mark_contacted: {},
  contact_reminder: {
    recruiter: say((w) => ({
      headline: 'Rappel : personne à contacter',
      paragraphs: [
        `Vous avez levé l’anonymat de la ${w.theirs} en vous engageant à contacter la personne : elle est toujours « à contacter ».`,
        'Une fois le contact pris, indiquez-le sur la candidature (« Marquer comme contacté »).',
      ],
    })),
  },

  change_follow_up: {
    referent: say((w) => {
      const waits = w.ctx.notice.status === 'PENDING_REFERENT_VALIDATION';
      return {
        headline: waits ? 'Candidature à valider confiée à votre suivi' : 'Candidature confiée à votre suivi',
        paragraphs: [
          `Vous suivez désormais ${w.candidateName} : sa ${w.candidature} vous est confiée.`,
          waits ? 'Elle attend votre validation avant d’être transmise au recruteur.' : `Elle est ${applicationRules.statusLabel[w.ctx.notice.status]}.`,
        ],
      };
    }),
    candidate: say((w) => {
      const waits = w.ctx.notice.status === 'PENDING_REFERENT_VALIDATION';
      const followed = w.ctx.referent !== null;
      return {
        headline: 'Votre candidature change de référent',
        paragraphs: [
          followed ? `Votre ${w.candidature} est désormais suivie par ${w.referentName}.` : `Votre ${w.candidature} n’est plus suivie par un référent.`,
          !waits
            ? 'Rien ne change pour la suite de votre candidature.'
            : followed
              ? `${w.referentName} la validera avant qu’elle soit transmise à l’entreprise.`
              : 'Un administrateur de la plateforme la validera avant qu’elle soit transmise à l’entreprise.',
        ],
      };
    }),
  },
};

/** The calendar event's title, as this reader sees it. */
export const interviewTitle = (ctx: ApplicationContext, reader: Recipient<ApplicationAudience>) =>
  `Entretien — ${candidateNameFor(reader, ctx)} / ${ctx.offerTitle ?? 'candidature spontanée'} (${ctx.companyName})`;

/** The interview's date, length, mode and place, then this reader's link to the video room. */
/** The join link's words: a video room, or the thread where a CHAT interview is held. */
export const joinLabel = (interview: Pick<InterviewView, 'mode'>) => (interview.mode === 'CHAT' ? CHAT_JOIN_LABEL : 'Rejoindre la visioconférence');

export function interviewDetails(interview: InterviewView, joinUrl: string | null): MailBlock[] {
  const items: Array<[string, string]> = [
    ['Date', `${formatParisDateTime(interview.startsAt)} (heure de Paris)`],
    ['Durée', `${interview.durationMinutes} minutes`],
    ['Modalité', `Entretien ${INTERVIEW_MODE_LABEL[interview.mode]}`],
  ];
  if (interview.location) items.push(['Lieu', interview.location]);
  const blocks: MailBlock[] = [{ kind: 'facts', items }];
  if (joinUrl && interview.status !== 'CANCELLED') {
    blocks.push({ kind: 'link', label: joinLabel(interview), href: joinUrl });
  }
  return blocks;
}
