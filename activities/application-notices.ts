// Who is told what about an event of an application, in French: an in-app notification and an
// e-mail per person concerned. Both are keyed by (workflow, event seq, person), so a retried activity
// tells nobody twice; see PRODUCT.md for the process and the people involved.
import { randomUUID } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/common';
import { Application, Company, Interview, Offer, User } from '../models/index.js';
import { activeRecruitersOf } from '../models/recruiters.js';
import { applicationRules, type ApplicationEventType, type ApplicationNotice, type InterviewView } from '../workflows/application-rules.js';
import type { ActivityDeps } from './deps.js';
import { INTERVIEW_MODE_LABEL, formatParisDateTime, interviewEndsAt, interviewIcs } from './ics.js';
import { createVideoRoom, jitsiJoinUrl, type VideoRoom } from './jitsi.js';
import { renderMail, type MailBlock, type OutgoingMail } from './mail.js';
import { createNoticeSender, noticeKeyOf } from './notices.js';

interface Person {
  id: string;
  firstName: string;
  name: string;
  email: string;
}

/**
 * How a person relates to the application; decides the wording. `proposer` is the recruiter who
 * proposed the interview (organizer of the invitation, moderator of the video room); `supervisor`
 * is the référent's mission officer, or an admin when there is none.
 */
type Audience = 'candidate' | 'referent' | 'recruiter' | 'proposer' | 'supervisor';

interface Recipient {
  person: Person;
  audience: Audience;
}

interface Context {
  notice: ApplicationNotice;
  applicationId: string;
  applicationMessage: string | null;
  /** Since when the application waits in its current status (reminders). */
  statusChangedAt: Date;
  sentToCompany: boolean;
  /** Recipients: null when absent or disabled. */
  candidate: Person | null;
  referent: Person | null;
  /** Names for the wording, even when the account is disabled. */
  candidateName: string;
  referentName: string | null;
  missionOfficer: Person | null;
  recruiters: Person[];
  proposer: Person | null;
  /** Who acted, by name, when the wording names them (a mission officer acting for a référent…). */
  actorName: string | null;
  companyName: string;
  offerTitle: string | null;
  interview: InterviewView | null;
}

/** What one person reads: a short headline (subject and in-app title) and the body. */
interface Draft {
  headline: string;
  paragraphs: string[];
  quote?: { label: string; text: string } | null;
  /** Show the interview's date, mode, place and this person's join link. */
  showInterview?: boolean;
}

const INTERVIEW_EVENTS: readonly ApplicationEventType[] = [
  'propose_interview',
  'confirm_interview',
  'cancel_interview',
  'mark_interview_done',
  'interview_reminder',
];

const toPerson = (user: User): Person => ({
  id: user.id,
  firstName: user.firstName,
  name: `${user.firstName} ${user.lastName}`,
  email: user.email,
});

const interviewView = (row: Interview): InterviewView => ({
  id: row.id,
  round: row.round,
  startsAt: new Date(row.startsAt).toISOString(),
  durationMinutes: row.durationMinutes,
  mode: row.mode,
  location: row.location,
  message: row.message,
  status: row.status,
  videoRoom: row.videoRoom,
  videoUrl: row.videoUrl,
  proposedBy: row.proposedBy ?? '',
  icsSequence: row.icsSequence,
});

/** The key of everything one event causes for one person: the same on every retry. */
export const noticeKey = (notice: Pick<ApplicationNotice, 'workflowId' | 'seq'>, userId: string) =>
  noticeKeyOf(notice.workflowId, notice.seq, userId);

async function loadContext(notice: ApplicationNotice): Promise<Context> {
  const application = await Application.findByPk(notice.applicationId);
  if (!application) {
    // Written before any notice is sent: a missing row is a bug, retrying would not bring it back.
    throw ApplicationFailure.nonRetryable(`Candidature ${notice.applicationId} introuvable`, 'NOT_FOUND');
  }
  let interview = notice.interview;
  if (!interview && INTERVIEW_EVENTS.includes(notice.event)) {
    const latest = await Interview.findOne({ where: { applicationId: application.id }, order: [['round', 'DESC']] });
    interview = latest ? interviewView(latest) : null;
  }
  const [company, offer] = await Promise.all([
    Company.findByPk(application.companyId),
    application.offerId ? Offer.findByPk(application.offerId) : null,
  ]);
  const ids = [application.candidateId, application.referentId, notice.actor?.id, interview?.proposedBy].filter(
    (id): id is string => !!id,
  );
  const users = await User.findAll({ where: { id: [...new Set(ids)] } });
  // Disabled accounts are told nothing: nobody reads them any more.
  const active = (id: string | null | undefined) => {
    const user = users.find((u) => u.id === id);
    return user && !user.disabledAt ? toPerson(user) : null;
  };
  const candidateUser = users.find((u) => u.id === application.candidateId);
  const referentUser = users.find((u) => u.id === application.referentId);
  // The mission officer the workflow knows (the row follows its `change_follow_up`): the one who may act.
  const [missionOfficer, recruiters] = await Promise.all([
    application.missionOfficerId
      ? User.findOne({ where: { id: application.missionOfficerId, role: 'MISSION_OFFICER', disabledAt: null } })
      : null,
    activeRecruitersOf(application.companyId),
  ]);
  const actorUser = users.find((u) => u.id === notice.actor?.id);
  return {
    notice,
    applicationId: application.id,
    applicationMessage: application.message ?? null,
    statusChangedAt: new Date(application.statusChangedAt),
    sentToCompany: application.sentToCompanyAt != null,
    candidate: active(application.candidateId),
    referent: active(application.referentId),
    candidateName: candidateUser ? toPerson(candidateUser).name : 'le candidat',
    referentName: referentUser ? toPerson(referentUser).name : null,
    missionOfficer: missionOfficer ? toPerson(missionOfficer) : null,
    recruiters: recruiters.map(toPerson),
    proposer: active(interview?.proposedBy),
    actorName: actorUser ? toPerson(actorUser).name : (notice.actor?.name ?? null),
    companyName: company?.name ?? 'l’entreprise',
    offerTitle: offer?.title ?? null,
    interview,
  };
}

async function supervisors(ctx: Context): Promise<Person[]> {
  if (ctx.missionOfficer) return [ctx.missionOfficer];
  const admins = await User.findAll({ where: { role: 'ADMIN', disabledAt: null }, order: [['createdAt', 'ASC']] });
  return admins.map(toPerson);
}

/** The people one event concerns, each once, with the relation that decides their wording. */
async function recipientsOf(ctx: Context): Promise<Recipient[]> {
  const { notice } = ctx;
  const list: Recipient[] = [];
  const add = (audience: Audience, ...people: Array<Person | null>) => {
    for (const person of people) if (person) list.push({ person, audience });
  };
  // The recruiter who proposed the interview, or the whole company when that account is gone.
  const interviewRecruiters = () => (ctx.proposer ? add('proposer', ctx.proposer) : add('recruiter', ...ctx.recruiters));
  const interviewCancelled = notice.interview?.status === 'CANCELLED';

  switch (notice.event) {
    case 'created':
      if (notice.status === 'PENDING_REFERENT_VALIDATION') add('referent', ctx.referent);
      else if (notice.status === 'PENDING_RECRUITER') add('recruiter', ...ctx.recruiters);
      else break;
      add('candidate', ctx.candidate);
      break;
    case 'validate':
      add('candidate', ctx.candidate);
      add('recruiter', ...ctx.recruiters);
      break;
    case 'reject':
    case 'not_hire':
    case 'accept':
    case 'hire':
      add('candidate', ctx.candidate);
      add('referent', ctx.referent);
      break;
    case 'refuse':
      add('candidate', ctx.candidate);
      add('referent', ctx.referent);
      if (interviewCancelled) interviewRecruiters();
      break;
    case 'propose_interview':
    case 'cancel_interview':
    case 'interview_reminder':
      add('candidate', ctx.candidate);
      add('referent', ctx.referent);
      interviewRecruiters();
      break;
    case 'confirm_interview':
      interviewRecruiters();
      add('referent', ctx.referent);
      break;
    case 'mark_interview_done':
      add('candidate', ctx.candidate);
      break;
    case 'withdraw':
      // The candidate is told when someone else withdrew for them, or to take the interview off their calendar.
      if (interviewCancelled || (notice.actor && notice.actor.id !== ctx.candidate?.id)) add('candidate', ctx.candidate);
      add('referent', ctx.referent);
      if (interviewCancelled) interviewRecruiters();
      if (ctx.sentToCompany) add('recruiter', ...ctx.recruiters);
      break;
    case 'referent_reminder':
      add('referent', ctx.referent);
      break;
    case 'referent_escalation':
      add('supervisor', ...(await supervisors(ctx)));
      break;
    case 'recruiter_reminder':
      add('recruiter', ...ctx.recruiters);
      break;
    case 'referent_skipped':
      break;
    case 'change_follow_up':
      // Told only when the référent changes (the workflow sends no notice for a new mission officer alone).
      add('referent', ctx.referent);
      add('candidate', ctx.candidate);
      break;
  }
  const seen = new Set<string>();
  return list.filter((r) => !seen.has(r.person.id) && seen.add(r.person.id));
}

/** The invitation this recipient's mail carries, if any. */
function invitationMethod(ctx: Context, audience: Audience): 'REQUEST' | 'CANCEL' | null {
  const invited = audience === 'candidate' || audience === 'referent' || audience === 'proposer';
  if (!invited || !ctx.interview) return null;
  if (ctx.notice.event === 'propose_interview') return 'REQUEST';
  const cancels = ['cancel_interview', 'refuse', 'withdraw'].includes(ctx.notice.event);
  return cancels && ctx.interview.status === 'CANCELLED' ? 'CANCEL' : null;
}

// ---- Wording ----

/** « candidature [de Camille Martin] à l’offre « Titre » chez Acme », or the spontaneous variant. */
function candidature(ctx: Context, owner?: string, forCompany = false): string {
  const of = owner ? ` de ${owner}` : '';
  if (!ctx.offerTitle) return `candidature spontanée${of} ${forCompany ? 'auprès de votre entreprise' : `chez ${ctx.companyName}`}`;
  return `candidature${of} ${forCompany ? `à votre offre « ${ctx.offerTitle} »` : `à l’offre « ${ctx.offerTitle} » chez ${ctx.companyName}`}`;
}

function draftFor(ctx: Context, audience: Audience): Draft | null {
  const { notice, interview } = ctx;
  const company = ctx.companyName;
  const candidateName = ctx.candidateName;
  const referentName = ctx.referentName ?? 'son référent';
  const actorName = ctx.actorName;
  const byReferent = !notice.actor || notice.actor.role === 'REFERENT';
  const yours = candidature(ctx);
  const theirs = candidature(ctx, candidateName, audience === 'recruiter' || audience === 'proposer');
  const message = notice.message?.trim() || null;
  const quote = (label: string) => (message ? { label, text: message } : null);
  const when = interview ? formatParisDateTime(interview.startsAt) : '';
  const since = formatParisDateTime(ctx.statusChangedAt);
  const cancelledInterview = interview?.status === 'CANCELLED' ? ` L’entretien prévu le ${when} est annulé.` : '';

  switch (notice.event) {
    case 'created':
      if (audience === 'referent') {
        return {
          headline: 'Nouvelle candidature à valider',
          paragraphs: [
            `${candidateName} a déposé une ${candidature(ctx)}.`,
            'Elle attend votre validation avant d’être transmise au recruteur.',
          ],
          quote: quote('Message du candidat :'),
        };
      }
      if (audience === 'recruiter') {
        return {
          headline: 'Nouvelle candidature reçue',
          paragraphs: [`Vous avez reçu une ${theirs}.`],
          quote: quote('Message du candidat :'),
        };
      }
      return notice.status === 'PENDING_REFERENT_VALIDATION'
        ? {
            headline: 'Candidature enregistrée',
            paragraphs: [
              `Votre ${yours} est bien enregistrée.`,
              `Votre référent, ${referentName}, doit la valider avant qu’elle soit transmise à l’entreprise. Vous serez prévenu(e) de sa décision.`,
            ],
          }
        : {
            headline: 'Candidature envoyée',
            paragraphs: [`Votre ${yours} a bien été transmise au recruteur.`],
          };

    case 'validate':
      if (audience === 'candidate') {
        return {
          headline: 'Candidature validée par votre référent',
          paragraphs: [`${actorName ?? referentName} a validé votre ${yours}. Elle est maintenant transmise au recruteur.`],
          quote: quote('Message de votre référent :'),
        };
      }
      return {
        headline: 'Nouvelle candidature reçue',
        paragraphs: [
          `Vous avez reçu une ${theirs}, validée par ${byReferent ? `son référent, ${actorName ?? referentName}` : (actorName ?? referentName)}.`,
        ],
        quote: ctx.applicationMessage ? { label: 'Message du candidat :', text: ctx.applicationMessage } : null,
      };

    case 'reject':
      return audience === 'candidate'
        ? {
            headline: 'Candidature non validée par votre référent',
            paragraphs: [`${actorName ?? referentName} n’a pas validé votre ${yours}. Elle ne sera pas transmise à l’entreprise.`],
            quote: quote('Son message :'),
          }
        : {
            headline: 'Candidature non validée',
            paragraphs: [`La ${theirs} n’a pas été validée${actorName ? ` par ${actorName}` : ''}. Elle ne sera pas transmise à l’entreprise.`],
            quote: quote('Message transmis au candidat :'),
          };

    case 'refuse':
      if (audience === 'candidate') {
        return {
          headline: 'Réponse à votre candidature',
          paragraphs: [`${company} n’a pas retenu votre ${yours}.${cancelledInterview}`],
          quote: quote('Message du recruteur :'),
        };
      }
      if (audience === 'referent') {
        return {
          headline: 'Candidature refusée par le recruteur',
          paragraphs: [`${company} n’a pas retenu la ${theirs}.${cancelledInterview}`],
          quote: quote('Message transmis au candidat :'),
        };
      }
      return {
        headline: 'Entretien annulé',
        paragraphs: [`L’entretien avec ${candidateName} prévu le ${when} est annulé : la candidature a été refusée.`],
        showInterview: true,
      };

    case 'not_hire':
      return audience === 'candidate'
        ? {
            headline: 'Réponse après votre entretien',
            paragraphs: [`À l’issue de l’entretien, ${company} n’a pas retenu votre ${yours}.`],
            quote: quote('Message du recruteur :'),
          }
        : {
            headline: 'Candidature non retenue après entretien',
            paragraphs: [`À l’issue de l’entretien, ${company} n’a pas retenu la ${theirs}.`],
            quote: quote('Message transmis au candidat :'),
          };

    case 'accept':
      return audience === 'candidate'
        ? {
            headline: 'Votre candidature intéresse le recruteur',
            paragraphs: [`${company} a retenu votre ${yours}. Le recruteur va vous proposer un entretien.`],
            quote: quote('Message du recruteur :'),
          }
        : {
            headline: 'Candidature retenue par le recruteur',
            paragraphs: [`${company} a retenu la ${theirs}. Un entretien va être proposé.`],
            quote: quote('Message du recruteur :'),
          };

    case 'hire':
      return audience === 'candidate'
        ? {
            headline: 'Félicitations, vous êtes recruté(e) !',
            paragraphs: [`${company} a décidé de vous recruter suite à votre ${yours}. Le recruteur vous contactera pour la suite.`],
            quote: quote('Message du recruteur :'),
          }
        : {
            headline: 'Recrutement confirmé',
            paragraphs: [`${company} recrute ${candidateName} suite à sa ${candidature(ctx)}.`],
            quote: quote('Message du recruteur :'),
          };

    case 'propose_interview':
      return {
        headline: audience === 'candidate' ? 'Proposition d’entretien' : `Entretien proposé à ${candidateName}`,
        paragraphs: [
          audience === 'candidate'
            ? `${company} vous propose un entretien le ${when} pour votre ${yours}. Merci de le confirmer sur Tremplin.`
            : audience === 'proposer'
              ? `Vous avez proposé un entretien le ${when} à ${candidateName} pour sa ${candidature(ctx)}. Vous serez prévenu(e) de sa confirmation.`
              : `${company} propose un entretien le ${when} à ${candidateName} pour sa ${candidature(ctx)}.`,
          'L’invitation est jointe à ce message pour votre agenda.',
        ],
        quote: quote('Message du recruteur :'),
        showInterview: true,
      };

    case 'confirm_interview':
      return {
        headline: 'Entretien confirmé',
        paragraphs: [`${candidateName} a confirmé l’entretien du ${when} pour sa ${candidature(ctx)}.`],
        showInterview: true,
      };

    case 'cancel_interview':
      return {
        headline: 'Entretien annulé',
        paragraphs: [
          audience === 'candidate'
            ? `${company} a annulé l’entretien du ${when} prévu pour votre ${yours}. Votre candidature reste en cours.`
            : `L’entretien du ${when} avec ${candidateName} pour sa ${candidature(ctx)} est annulé.`,
          'Si vous l’aviez ajouté à votre agenda, l’invitation jointe l’en retire.',
        ],
        quote: quote('Message du recruteur :'),
      };

    case 'mark_interview_done':
      return {
        headline: 'Entretien effectué',
        paragraphs: [`${company} a noté que votre entretien pour votre ${yours} a eu lieu. Vous serez informé(e) de la suite.`],
      };

    case 'withdraw': {
      const by = actorName && notice.actor?.id !== ctx.candidate?.id ? ` par ${actorName}` : '';
      if (audience === 'candidate') {
        return {
          headline: 'Candidature retirée',
          paragraphs: [`Votre ${yours} a été retirée${by}.${cancelledInterview}`],
        };
      }
      return {
        headline: 'Candidature retirée',
        paragraphs: [
          audience === 'referent'
            ? `La ${theirs} a été retirée${by}.${cancelledInterview}`
            : `${candidateName} a retiré sa candidature${ctx.offerTitle ? ` à votre offre « ${ctx.offerTitle} »` : ' spontanée'}.${cancelledInterview}`,
        ],
        quote: quote('Message :'),
      };
    }

    case 'referent_reminder':
      return {
        headline: 'Rappel : candidature à valider',
        paragraphs: [`La ${theirs} attend votre validation depuis le ${since}.`, 'Merci de la valider ou de la refuser.'],
      };

    case 'referent_escalation':
      return {
        headline: 'Candidature en attente de validation',
        paragraphs: [
          `La ${theirs} attend depuis le ${since} la validation de son référent, ${referentName}.`,
          'Vous pouvez relancer le référent, ou valider ou refuser la candidature à sa place.',
        ],
      };

    case 'recruiter_reminder':
      return {
        headline: 'Rappel : candidature en attente de réponse',
        paragraphs: [`La ${theirs} attend votre réponse depuis le ${since}.`],
      };

    case 'interview_reminder':
      return {
        headline: `Rappel : entretien le ${when}`,
        paragraphs: [
          audience === 'candidate'
            ? `Votre entretien avec ${company} pour votre ${yours} a lieu le ${when}.`
            : `L’entretien de ${candidateName} pour sa ${candidature(ctx)} a lieu le ${when}.`,
        ],
        showInterview: true,
      };

    case 'referent_skipped':
      return null;

    case 'change_follow_up': {
      const waitsForReferent = notice.status === 'PENDING_REFERENT_VALIDATION';
      if (audience === 'referent') {
        return {
          headline: waitsForReferent ? 'Candidature à valider confiée à votre suivi' : 'Candidature confiée à votre suivi',
          paragraphs: [
            `Vous suivez désormais ${candidateName} : sa ${candidature(ctx)} vous est confiée.`,
            waitsForReferent
              ? 'Elle attend votre validation avant d’être transmise au recruteur.'
              : `Elle est ${applicationRules.statusLabel[notice.status]}.`,
          ],
        };
      }
      return {
        headline: 'Votre candidature change de référent',
        paragraphs: [
          ctx.referent
            ? `Votre ${yours} est désormais suivie par ${ctx.referentName ?? 'votre nouveau référent'}.`
            : `Votre ${yours} n’est plus suivie par un référent.`,
          !waitsForReferent
            ? 'Rien ne change pour la suite de votre candidature.'
            : ctx.referent
              ? `${ctx.referentName ?? 'Votre référent'} la validera avant qu’elle soit transmise à l’entreprise.`
              : 'Un administrateur de la plateforme la validera avant qu’elle soit transmise à l’entreprise.',
        ],
      };
    }
  }
  return null;
}

// ---- Activities ----

export function createApplicationNotices(deps: ActivityDeps) {
  const { config, logger } = deps;
  const sendNotices = createNoticeSender(deps);
  const applicationLink = (applicationId: string) => `/candidatures/${applicationId}`;

  async function joinUrlFor(interview: InterviewView, recipient: Recipient): Promise<string | null> {
    // No token for a room nobody should join any more; the plain URL still identifies the event.
    if (interview.mode !== 'VIDEO' || !interview.videoRoom || interview.status === 'CANCELLED') return interview.videoUrl;
    const { person, audience } = recipient;
    return jitsiJoinUrl(
      config,
      interview.videoRoom,
      { id: person.id, name: person.name, email: person.email, moderator: audience === 'proposer' || audience === 'recruiter' },
      interviewEndsAt(interview),
    );
  }

  function interviewFacts(interview: InterviewView, joinUrl: string | null): MailBlock[] {
    const items: Array<[string, string]> = [
      ['Date', `${formatParisDateTime(interview.startsAt)} (heure de Paris)`],
      ['Durée', `${interview.durationMinutes} minutes`],
      ['Modalité', `Entretien ${INTERVIEW_MODE_LABEL[interview.mode]}`],
    ];
    if (interview.location) items.push(['Lieu', interview.location]);
    const blocks: MailBlock[] = [{ kind: 'facts', items }];
    if (joinUrl && interview.status !== 'CANCELLED') {
      blocks.push({ kind: 'link', label: 'Rejoindre la visioconférence', href: joinUrl });
    }
    return blocks;
  }

  async function compose(ctx: Context, recipient: Recipient) {
    const draft = draftFor(ctx, recipient.audience);
    if (!draft) return null;
    const { interview, notice } = ctx;
    const subjectTopic = ctx.offerTitle ? `« ${ctx.offerTitle} »` : 'candidature spontanée';
    const subject = `${draft.headline} — ${subjectTopic} (${ctx.companyName})`;
    const joinUrl = interview && (draft.showInterview || invitationMethod(ctx, recipient.audience)) ? await joinUrlFor(interview, recipient) : null;
    const link = `${config.PUBLIC_URL}${applicationLink(ctx.applicationId)}`;

    const blocks: MailBlock[] = [
      { kind: 'paragraph', text: `Bonjour ${recipient.person.firstName},` },
      ...draft.paragraphs.map((text): MailBlock => ({ kind: 'paragraph', text })),
      ...(draft.quote ? [{ kind: 'quote' as const, ...draft.quote }] : []),
      ...(draft.showInterview && interview ? interviewFacts(interview, joinUrl) : []),
      { kind: 'link', label: 'Voir la candidature sur Tremplin', href: link },
      { kind: 'paragraph', text: 'L’équipe Tremplin' },
    ];
    const { text, html } = renderMail(blocks);

    const method = invitationMethod(ctx, recipient.audience);
    const ics =
      method && interview
        ? {
            method,
            content: interviewIcs({
              interview,
              method,
              title: `Entretien — ${ctx.candidateName} / ${ctx.offerTitle ?? 'candidature spontanée'} (${ctx.companyName})`,
              organizer: ctx.proposer ?? { name: ctx.companyName, email: config.MAIL_FROM.match(/<([^>]+)>/)?.[1] ?? config.MAIL_FROM },
              attendees: [ctx.candidate, ctx.referent].filter((p): p is Person => !!p),
              joinUrl: joinUrl ?? undefined,
            }),
          }
        : undefined;

    const mail: OutgoingMail = {
      key: noticeKey(notice, recipient.person.id),
      to: recipient.person.email,
      subject,
      text,
      html,
      ics,
      workflowId: notice.workflowId,
    };
    const notification = {
      id: randomUUID(),
      userId: recipient.person.id,
      idempotencyKey: noticeKey(notice, recipient.person.id),
      kind: `application.${notice.event}`,
      title: draft.headline,
      body: [draft.paragraphs[0], draft.quote ? `${draft.quote.label} « ${draft.quote.text} »` : null].filter(Boolean).join('\n'),
      link: applicationLink(ctx.applicationId),
      entityType: 'application',
      entityId: ctx.applicationId,
    };
    return { mail, notification };
  }

  async function notifyApplicationEvent(notice: ApplicationNotice): Promise<void> {
    const ctx = await loadContext(notice);
    const recipients = await recipientsOf(ctx);
    const messages = (await Promise.all(recipients.map((r) => compose(ctx, r)))).filter((m) => m !== null);
    if (messages.length === 0) return;

    await sendNotices(messages, `${notice.event} (seq ${notice.seq})`);
    logger.debug({ workflowId: notice.workflowId, seq: notice.seq, event: notice.event, recipients: messages.length }, 'application event told');
  }

  /**
   * A new room per call: a retry that makes another one is harmless, since only the result the
   * workflow records is ever used.
   */
  async function createVideoRoomActivity(input: { applicationId: string; interviewId: string }): Promise<VideoRoom> {
    const room = createVideoRoom(config);
    logger.info({ applicationId: input.applicationId, interviewId: input.interviewId, room: room.room }, 'video room created');
    return room;
  }

  return { notifyApplicationEvent, createVideoRoom: createVideoRoomActivity };
}
