// Activities of sponsorshipWorkflow: the projection (request row + numbered history, idempotent by
// (request, seq)) and telling people, in French, through the shared notice sender (one in-app
// notification and one e-mail per person and event, keyed so a retry sends nothing twice).
import { randomUUID } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/common';
import { QueryTypes, UniqueConstraintError, type Sequelize, type Transaction } from 'sequelize';
import { activeRecruiterSql } from '../models/recruiters.js';
import type { Actor } from '../workflows/actors.js';
import type { FollowUp } from '../workflows/follow-up.js';
import { workflowIdOf } from '../workflows/processes.js';
import {
  type SponsorshipEventType,
  type SponsorshipNotice,
  type SponsorshipStatus,
} from '../workflows/sponsorship-rules.js';
import type { SponsorshipWorkflowInput } from '../workflows/sponsorship.js';
import type { ActivityDeps } from './deps.js';
import { formatParisDateTime } from './ics.js';
import { renderMail, type MailBlock, type OutgoingMail } from './mail.js';
import { createNoticeSender, noticeKeyOf, type Notice } from './notices.js';
import { insertProcessEvent, writeProcessEvent } from './process-events.js';

export interface SponsorshipEventRecord {
  sponsorshipId: string;
  seq: number;
  type: SponsorshipEventType;
  fromStatus: SponsorshipStatus | null;
  toStatus: SponsorshipStatus | null;
  actor: Actor | null;
  message: string | null;
  at: string;
  /** accept: the sponsor chosen, written to the request with the event. */
  sponsorId: string | null;
  /** refuse: the comment, written to the request with the event. */
  comment: string | null;
  /** change_follow_up: the référent and mission officer who follow the request from now on. */
  followUp?: FollowUp | null;
}

/**
 * Inserts the request and its first event unless already there; returns how many events that is.
 * A second PENDING request for the same candidate and company is refused by a partial unique index
 * (UniqueConstraintError: the API answers 409).
 */
export async function writeSponsorshipCreated(sequelize: Sequelize, input: SponsorshipWorkflowInput, transaction?: Transaction): Promise<number> {
  const { parties } = input;
  await sequelize.query(
    `INSERT INTO sponsorship_requests (id, candidate_id, company_id, referent_id, mission_officer_id, requested_by, message, status,
       status_changed_at, workflow_id, created_at, updated_at)
     VALUES (:id, :candidateId, :companyId, :referentId, :missionOfficerId, :requestedBy, :message, 'PENDING', :at, :workflowId, :at, :at)
     ON CONFLICT (id) DO NOTHING`,
    {
      transaction,
      replacements: {
        id: input.sponsorshipId,
        candidateId: parties.candidateId,
        companyId: parties.companyId,
        referentId: parties.referentId,
        missionOfficerId: parties.referentId ? parties.missionOfficerId : null,
        requestedBy: input.createdBy.id,
        message: input.message,
        at: input.createdAt,
        workflowId: workflowIdOf('sponsorship', input.sponsorshipId),
      },
    },
  );
  await insertProcessEvent(
    sequelize,
    {
      entity: 'sponsorship',
      entityId: input.sponsorshipId,
      seq: 0,
      type: 'created',
      fromStatus: null,
      toStatus: 'PENDING',
      actor: input.createdBy,
      message: input.message,
      at: input.createdAt,
    },
    transaction,
  );
  return 1;
}

/** State (+ sponsor or comment) and history event in one transaction. */
export async function writeSponsorshipEvent(sequelize: Sequelize, event: SponsorshipEventRecord): Promise<void> {
  const { sponsorshipId, sponsorId, comment, followUp, ...rest } = event;
  const changes: Record<string, string | null> = {};
  if (sponsorId) changes.sponsor_id = sponsorId;
  if (comment) changes.comment = comment;
  if (followUp) {
    // Who follows it, as the workflow has it from now on: the API's visibility reads these.
    changes.referent_id = followUp.referentId;
    changes.mission_officer_id = followUp.missionOfficerId;
  }
  await writeProcessEvent(sequelize, {
    ...rest,
    entity: 'sponsorship',
    entityId: sponsorshipId,
    changes,
    data: sponsorId ? { sponsorId } : followUp ? { followUp } : undefined,
  });
}

// ---- Who is told what ----

interface Person {
  id: string;
  firstName: string;
  name: string;
  email: string;
  phone: string | null;
  jobTitle: string | null;
}

type Audience = 'candidate' | 'referent' | 'sponsor' | 'recruiter';

interface Context {
  notice: SponsorshipNotice;
  requestMessage: string;
  createdAt: Date;
  companyName: string;
  /** Recipients: null when absent or disabled. */
  candidate: Person | null;
  referent: Person | null;
  sponsor: Person | null;
  recruiters: Person[];
  /** Names and contacts for the wording, even when an account is disabled. */
  candidateInfo: Person | null;
  referentInfo: Person | null;
  sponsorInfo: Person | null;
  requestedByReferent: boolean;
  actorName: string | null;
}

interface Draft {
  headline: string;
  paragraphs: string[];
  quote?: { label: string; text: string } | null;
  /** One list per person to reach: their name and role first, then how to reach them. */
  contacts?: Array<Array<[string, string]>>;
}

interface UserRow {
  id: string;
  first_name: string;
  last_name: string;
  email: string;
  phone: string | null;
  job_title: string | null;
  role: string;
  company_id: string | null;
  disabled_at: Date | null;
}

const toPerson = (row: UserRow): Person => ({
  id: row.id,
  firstName: row.first_name,
  name: `${row.first_name} ${row.last_name}`,
  email: row.email,
  phone: row.phone,
  jobTitle: row.job_title,
});

/** The contact lines of one person, for the others to reach them. */
function contact(label: string, person: Person | null): Array<[string, string]> {
  if (!person) return [];
  const facts: Array<[string, string]> = [[label, person.jobTitle ? `${person.name} (${person.jobTitle})` : person.name], ['E-mail', person.email]];
  if (person.phone) facts.push(['Téléphone', person.phone]);
  return facts;
}

async function loadContext(sequelize: Sequelize, notice: SponsorshipNotice): Promise<Context> {
  const [request] = await sequelize.query<Record<string, any>>(
    `SELECT s.*, c.name AS company_name FROM sponsorship_requests s JOIN companies c ON c.id = s.company_id WHERE s.id = :id`,
    { type: QueryTypes.SELECT, replacements: { id: notice.sponsorshipId } },
  );
  if (!request) {
    // Written before any notice is sent: a missing row is a bug, retrying would not bring it back.
    throw ApplicationFailure.nonRetryable(`Demande de parrainage ${notice.sponsorshipId} introuvable`, 'NOT_FOUND');
  }
  const sponsorId: string | null = notice.sponsorId ?? request.sponsor_id ?? null;
  const ids = [request.candidate_id, request.referent_id, sponsorId, notice.actor?.id].filter((id): id is string => !!id);
  const users = await sequelize.query<UserRow>(
    `SELECT id, first_name, last_name, email, phone, job_title, role, company_id, disabled_at FROM users WHERE id IN (:ids)`,
    { type: QueryTypes.SELECT, replacements: { ids: [...new Set(ids)] } },
  );
  // The recruiters who may answer: not disabled, their place in the company verified.
  const recruiters = await sequelize.query<UserRow>(
    `SELECT id, first_name, last_name, email, phone, job_title, role, company_id, disabled_at FROM users
     WHERE company_id = :companyId AND ${activeRecruiterSql('users')}
     ORDER BY created_at`,
    { type: QueryTypes.SELECT, replacements: { companyId: request.company_id } },
  );
  const info = (id: string | null | undefined) => {
    const row = users.find((u) => u.id === id);
    return row ? toPerson(row) : null;
  };
  // Disabled accounts are told nothing: nobody reads them any more.
  const active = (id: string | null | undefined) => {
    const row = users.find((u) => u.id === id);
    return row && !row.disabled_at ? toPerson(row) : null;
  };
  const actor = info(notice.actor?.id);
  return {
    notice,
    requestMessage: request.message,
    createdAt: new Date(request.created_at),
    companyName: request.company_name,
    candidate: active(request.candidate_id),
    referent: active(request.referent_id),
    sponsor: active(sponsorId),
    recruiters: recruiters.map(toPerson),
    candidateInfo: info(request.candidate_id),
    referentInfo: info(request.referent_id),
    sponsorInfo: info(sponsorId),
    requestedByReferent: !!request.referent_id && request.requested_by === request.referent_id,
    actorName: actor?.name ?? notice.actor?.name ?? null,
  };
}

function recipientsOf(ctx: Context): Array<{ person: Person; audience: Audience }> {
  const list: Array<{ person: Person; audience: Audience }> = [];
  const add = (audience: Audience, ...people: Array<Person | null>) => {
    for (const person of people) if (person) list.push({ person, audience });
  };
  switch (ctx.notice.event) {
    case 'created':
    case 'reminder':
      add('recruiter', ...ctx.recruiters);
      break;
    case 'accept':
      add('candidate', ctx.candidate);
      add('referent', ctx.referent);
      add('sponsor', ctx.sponsor);
      break;
    case 'refuse':
      add('candidate', ctx.candidate);
      add('referent', ctx.referent);
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

function draftFor(ctx: Context, audience: Audience): Draft | null {
  const { notice } = ctx;
  const company = ctx.companyName;
  const candidateName = ctx.candidateInfo?.name ?? 'le candidat';
  const sponsorName = ctx.sponsorInfo?.name ?? 'un recruteur de l’entreprise';
  const comment = notice.message?.trim() || null;
  switch (notice.event) {
    case 'created':
      return {
        headline: `Nouvelle demande de parrainage de ${candidateName}`,
        paragraphs: [
          `${candidateName} souhaite être parrainé(e) par un membre de ${company}${ctx.requestedByReferent && ctx.referentInfo ? ` ; la demande est transmise par son référent, ${ctx.referentInfo.name}` : ''}.`,
          'Vous pouvez l’accepter en désignant un parrain parmi les recruteurs de votre entreprise, ou la refuser avec un commentaire.',
        ],
        quote: { label: 'Message de la demande :', text: ctx.requestMessage },
      };
    case 'reminder':
      return {
        headline: 'Rappel : demande de parrainage en attente',
        paragraphs: [
          `La demande de parrainage de ${candidateName} attend la réponse de ${company} depuis le ${formatParisDateTime(ctx.createdAt)}.`,
          'Merci de l’accepter en désignant un parrain, ou de la refuser avec un commentaire.',
        ],
        quote: { label: 'Message de la demande :', text: ctx.requestMessage },
      };
    case 'accept':
      if (audience === 'candidate') {
        return {
          headline: 'Votre demande de parrainage est acceptée',
          paragraphs: [
            `${company} a accepté votre demande de parrainage : ${sponsorName} sera votre parrain (ou marraine).`,
            `Prenez contact pour convenir d’une première rencontre${ctx.referentInfo ? ' ; votre référent est informé(e)' : ''}.`,
          ],
          contacts: [contact('Votre parrain', ctx.sponsorInfo), contact('Votre référent', ctx.referentInfo)],
        };
      }
      if (audience === 'referent') {
        return {
          headline: `Demande de parrainage acceptée pour ${candidateName}`,
          paragraphs: [
            `${company} a accepté la demande de parrainage de ${candidateName} : ${sponsorName} sera son parrain (ou marraine).`,
            'Le candidat et son parrain ont reçu les coordonnées l’un de l’autre pour convenir d’une première rencontre.',
          ],
          contacts: [contact('Candidat', ctx.candidateInfo), contact('Parrain', ctx.sponsorInfo)],
        };
      }
      return {
        headline: `Vous parrainez ${candidateName}`,
        paragraphs: [
          `${notice.actor?.id === ctx.sponsorInfo?.id ? 'Vous vous êtes désigné(e)' : `${ctx.actorName ?? 'Un recruteur de votre entreprise'} vous a désigné(e)`} parrain (ou marraine) de ${candidateName}, qui en avait fait la demande à ${company}.`,
          'Prenez contact pour convenir d’une première rencontre.',
        ],
        quote: { label: 'Message de la demande :', text: ctx.requestMessage },
        contacts: [contact('Candidat', ctx.candidateInfo), contact('Son référent', ctx.referentInfo)],
      };
    case 'refuse':
      return audience === 'candidate'
        ? {
            headline: 'Réponse à votre demande de parrainage',
            paragraphs: [`${company} ne peut pas donner suite à votre demande de parrainage.`],
            quote: comment ? { label: 'Commentaire de l’entreprise :', text: comment } : null,
          }
        : {
            headline: `Demande de parrainage refusée pour ${candidateName}`,
            paragraphs: [`${company} ne peut pas donner suite à la demande de parrainage de ${candidateName}.`],
            quote: comment ? { label: 'Commentaire transmis au candidat :', text: comment } : null,
          };
    case 'change_follow_up':
      return audience === 'referent'
        ? {
            headline: `Demande de parrainage confiée à votre suivi`,
            paragraphs: [
              `Vous suivez désormais ${candidateName} : sa demande de parrainage auprès de ${company}, qui attend la réponse de l’entreprise, vous est confiée.`,
              'Vous serez informé(e) de la réponse.',
            ],
            quote: { label: 'Message de la demande :', text: ctx.requestMessage },
          }
        : {
            headline: 'Votre demande de parrainage change de référent',
            paragraphs: [
              ctx.referentInfo
                ? `Votre demande de parrainage auprès de ${company} est désormais suivie par ${ctx.referentInfo.name}.`
                : `Votre demande de parrainage auprès de ${company} n’est plus suivie par un référent.`,
            ],
          };
  }
  return null;
}

export function createSponsorshipActivities(deps: ActivityDeps) {
  const { sequelize, config, logger } = deps;
  const sendNotices = createNoticeSender(deps);
  const link = (sponsorshipId: string) => `/parrainages/${sponsorshipId}`;

  function compose(ctx: Context, recipient: { person: Person; audience: Audience }): Notice | null {
    const draft = draftFor(ctx, recipient.audience);
    if (!draft) return null;
    const { notice } = ctx;
    const key = noticeKeyOf(notice.workflowId, notice.seq, recipient.person.id);
    const blocks: MailBlock[] = [
      { kind: 'paragraph', text: `Bonjour ${recipient.person.firstName},` },
      ...draft.paragraphs.map((text): MailBlock => ({ kind: 'paragraph', text })),
      ...(draft.quote ? [{ kind: 'quote' as const, ...draft.quote }] : []),
      ...(draft.contacts ?? []).filter((items) => items.length > 0).map((items): MailBlock => ({ kind: 'facts', items })),
      { kind: 'link', label: 'Voir la demande de parrainage sur Tremplin', href: `${config.PUBLIC_URL}${link(notice.sponsorshipId)}` },
      { kind: 'paragraph', text: 'L’équipe Tremplin' },
    ];
    const { text, html } = renderMail(blocks);
    const mail: OutgoingMail = {
      key,
      to: recipient.person.email,
      subject: `${draft.headline} — ${ctx.companyName}`,
      text,
      html,
      workflowId: notice.workflowId,
    };
    return {
      mail,
      notification: {
        id: randomUUID(),
        userId: recipient.person.id,
        idempotencyKey: key,
        kind: `sponsorship.${notice.event}`,
        title: draft.headline,
        body: [draft.paragraphs[0], draft.quote ? `${draft.quote.label} « ${draft.quote.text} »` : null].filter(Boolean).join('\n'),
        link: link(notice.sponsorshipId),
        entityType: 'sponsorship',
        entityId: notice.sponsorshipId,
      },
    };
  }

  return {
    async recordSponsorshipCreated(input: SponsorshipWorkflowInput): Promise<number> {
      try {
        return await sequelize.transaction((transaction) => writeSponsorshipCreated(sequelize, input, transaction));
      } catch (error) {
        // Only when the API's transaction was rolled back after the start and another pending request
        // for the same candidate and company was created since: this one never existed for anybody.
        if (error instanceof UniqueConstraintError) {
          throw ApplicationFailure.nonRetryable('Une autre demande de parrainage est déjà en attente pour ce candidat et cette entreprise.', 'DUPLICATE_PENDING');
        }
        throw error;
      }
    },
    async recordSponsorshipEvent(event: SponsorshipEventRecord): Promise<void> {
      await writeSponsorshipEvent(sequelize, event);
    },
    async notifySponsorshipEvent(notice: SponsorshipNotice): Promise<void> {
      const ctx = await loadContext(sequelize, notice);
      const messages = recipientsOf(ctx)
        .map((r) => compose(ctx, r))
        .filter((m): m is Notice => m !== null);
      if (messages.length === 0) return;
      await sendNotices(messages, `parrainage ${notice.event} (seq ${notice.seq})`);
      logger.debug({ workflowId: notice.workflowId, seq: notice.seq, event: notice.event, recipients: messages.length }, 'sponsorship event told');
    },
  };
}
