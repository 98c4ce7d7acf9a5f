// Activities of contactRequestWorkflow: the projection (request row + numbered history, idempotent by
// (request, seq)) and telling people: the candidate and their référent when a company asks and when it
// is reminded or cancelled, the recruiter who asked when the request is answered or expires. What they
// read names no candidate to the company: the company learns who it is from the profile page, once
// the request is ACCEPTED.
import { ApplicationFailure } from '@temporalio/common';
import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import type { Actor } from '../workflows/actors.js';
import {
  profileReference,
  type ContactRequestAudience,
  type ContactRequestEventType,
  type ContactRequestNotice,
  type ContactRequestStatus,
} from '../workflows/contact-request-rules.js';
import type { ContactRequestWorkflowInput } from '../workflows/contact-request.js';
import { workflowIdOf } from '../workflows/processes.js';
import { de } from '../workflows/glossary.js';
import type { NoticeWithEvent } from '../workflows/notice-queue.js';
import type { ActivityDeps } from './deps.js';
import { formatParisDateTime } from './ics.js';
import { createNotifier, type Copy, type Draft, type RoutingTable } from './notices.js';
import { loadPeople, type Person } from './people.js';
import { asRecorded, createdWithNotice, insertProcessEvent, writeProcessEvent, type WrittenBy } from './process-events.js';

export interface ContactRequestEventRecord extends WrittenBy {
  contactRequestId: string;
  seq: number;
  type: ContactRequestEventType;
  fromStatus: ContactRequestStatus | null;
  toStatus: ContactRequestStatus | null;
  actor: Actor | null;
  at: string;
}

/**
 * Inserts the request and its first event unless already there; returns how many events that is. The
 * API wrote the row with its message in the same transaction as the workflow's start; the workflow
 * finds it there. A request whose row is missing (the API's transaction rolled back) never existed.
 */
export async function writeContactRequestCreated(sequelize: Sequelize, input: ContactRequestWorkflowInput, message: string | null, transaction?: Transaction): Promise<number> {
  if (message !== null) {
    const expiresAt = new Date(new Date(input.createdAt).getTime() + input.timers.expiresMs).toISOString();
    await sequelize.query(
      `INSERT INTO contact_requests (id, company_id, candidate_id, referent_id, requested_by, message, status, status_changed_at, workflow_id, created_at, updated_at, expires_at)
       VALUES (:id, :companyId, :candidateId, :referentId, :requestedBy, :message, 'PENDING', :at, :workflowId, :at, :at, :expiresAt)
       ON CONFLICT (id) DO NOTHING`,
      {
        transaction,
        replacements: {
          id: input.contactRequestId,
          companyId: input.parties.companyId,
          candidateId: input.parties.candidateId,
          referentId: input.parties.referentId,
          requestedBy: input.createdBy.id,
          message,
          at: input.createdAt,
          workflowId: workflowIdOf('contactRequest', input.contactRequestId),
          expiresAt,
        },
      },
    );
  } else {
    const rows = await sequelize.query('SELECT 1 FROM contact_requests WHERE id = :id', { transaction, type: QueryTypes.SELECT, replacements: { id: input.contactRequestId } });
    if (rows.length === 0) throw ApplicationFailure.nonRetryable(`Demande de contact ${input.contactRequestId} introuvable`, 'NOT_FOUND');
  }
  await insertProcessEvent(
    sequelize,
    { entity: 'contactRequest', entityId: input.contactRequestId, seq: 0, type: 'created', fromStatus: null, toStatus: 'PENDING', actor: input.createdBy, message: null, at: input.createdAt },
    transaction,
  );
  return 1;
}

/** State and history event in one transaction; an answer (accept, decline) also sets who decided and when. */
export async function writeContactRequestEvent(sequelize: Sequelize, event: ContactRequestEventRecord): Promise<void> {
  const { contactRequestId, ...rest } = event;
  const decided = event.type === 'accept' || event.type === 'decline';
  await writeProcessEvent(sequelize, {
    ...rest,
    message: null,
    entity: 'contactRequest',
    entityId: contactRequestId,
    changes: decided ? { decided_at: event.at, decided_by: event.actor?.id ?? null } : {},
  });
}

// ---- Who is told, and what they read ----

export interface ContactRequestContext {
  notice: ContactRequestNotice;
  companyName: string;
  candidateId: string;
  createdAt: Date;
  expiresAt: Date;
  candidate: Person | null;
  referent: Person | null;
  requester: Person | null;
  candidateName: string | null;
}

export const CONTACT_REQUEST_ROUTES: RoutingTable<ContactRequestEventType, ContactRequestAudience, never> = {
  created: [{ to: 'candidate' }, { to: 'referent' }],
  reminder: [{ to: 'candidate' }, { to: 'referent' }],
  cancel: [{ to: 'candidate' }, { to: 'referent' }],
  accept: [{ to: 'requester' }],
  decline: [{ to: 'requester' }],
  expire: [{ to: 'requester' }],
};

const CONTACTS_PAGE = { candidate: '/candidat/contacts', referent: '/referent/contacts' } as const;

const asked = (ctx: ContactRequestContext, forName: string | null): Draft => ({
  headline: forName ? `${ctx.companyName} souhaite contacter ${forName}` : `${ctx.companyName} souhaite vous contacter`,
  paragraphs: [
    forName
      ? `Un recruteur ${de(ctx.companyName)} a trouvé le profil ${de(forName)} dans la CVthèque et souhaite le contacter. Vous pouvez accepter ou refuser pour cette personne.`
      : `Un recruteur ${de(ctx.companyName)} a trouvé votre profil dans la CVthèque et souhaite vous contacter.`,
    `Si vous acceptez, l’entreprise verra ${forName ? 'ses' : 'vos'} nom, e-mail et téléphone. Sans réponse, la demande expire le ${formatParisDateTime(ctx.expiresAt)}.`,
  ],
  link: { label: 'Voir la demande de contact', href: '' },
});

const withLink = (draft: Draft, href: string): Draft => ({ ...draft, link: { label: draft.link?.label ?? 'Voir la demande de contact', href } });

export function contactRequestCopy(publicUrl: string): Copy<ContactRequestEventType, ContactRequestAudience, ContactRequestContext> {
  const candidatePage = `${publicUrl}${CONTACTS_PAGE.candidate}`;
  const referentPage = `${publicUrl}${CONTACTS_PAGE.referent}`;
  const profilePage = (ctx: ContactRequestContext) => `${publicUrl}/recruteur/cvtheque/profils/${ctx.candidateId}`;
  const reference = (ctx: ContactRequestContext) => profileReference(ctx.candidateId);
  return {
    created: {
      candidate: (ctx) => withLink(asked(ctx, null), candidatePage),
      referent: (ctx) => withLink(asked(ctx, ctx.candidateName), referentPage),
    },
    reminder: {
      candidate: (ctx) => withLink({ ...asked(ctx, null), headline: `Rappel : ${ctx.companyName} attend votre réponse` }, candidatePage),
      referent: (ctx) => withLink({ ...asked(ctx, ctx.candidateName), headline: `Rappel : ${ctx.companyName} attend une réponse pour ${ctx.candidateName ?? 'une personne que vous suivez'}` }, referentPage),
    },
    cancel: {
      candidate: (ctx) => withLink({ headline: `${ctx.companyName} a annulé sa demande de contact`, paragraphs: ['Vous n’avez plus rien à faire pour cette demande.'] }, candidatePage),
      referent: (ctx) => withLink({ headline: `${ctx.companyName} a annulé sa demande de contact`, paragraphs: [`La demande concernant ${ctx.candidateName ?? 'une personne que vous suivez'} est close.`] }, referentPage),
    },
    accept: {
      requester: (ctx) =>
        withLink({ headline: `Demande de contact acceptée (${reference(ctx)})`, paragraphs: ['Les coordonnées de la personne sont visibles sur la page de son profil.'], link: { label: 'Voir le profil et ses coordonnées', href: '' } }, profilePage(ctx)),
    },
    decline: {
      requester: (ctx) => withLink({ headline: `Demande de contact refusée (${reference(ctx)})`, paragraphs: ['La personne (ou son référent) a refusé votre demande de contact. Ses coordonnées ne vous seront pas communiquées.'] }, profilePage(ctx)),
    },
    expire: {
      requester: (ctx) => withLink({ headline: `Demande de contact expirée (${reference(ctx)})`, paragraphs: ['Votre demande de contact n’a pas reçu de réponse à temps : elle est close.'] }, profilePage(ctx)),
    },
  };
}

async function loadContext(sequelize: Sequelize, notice: ContactRequestNotice): Promise<ContactRequestContext> {
  const [row] = await sequelize.query<Record<string, any>>(
    `SELECT r.*, c.name AS company_name FROM contact_requests r JOIN companies c ON c.id = r.company_id WHERE r.id = :id`,
    { type: QueryTypes.SELECT, replacements: { id: notice.contactRequestId } },
  );
  if (!row) throw ApplicationFailure.nonRetryable(`Demande de contact ${notice.contactRequestId} introuvable`, 'NOT_FOUND');
  const people = await loadPeople([row.candidate_id, row.referent_id, row.requested_by]);
  return {
    notice,
    companyName: row.company_name,
    candidateId: row.candidate_id,
    createdAt: new Date(row.created_at),
    expiresAt: new Date(row.expires_at),
    candidate: people.active(row.candidate_id),
    referent: people.active(row.referent_id),
    requester: people.active(row.requested_by),
    candidateName: people.any(row.candidate_id)?.name ?? null,
  };
}

export function createContactRequestActivities(deps: ActivityDeps) {
  const { sequelize } = deps;
  const notifyContactRequestEvent = createNotifier(
    deps,
    {
      noun: 'demande de contact',
      entityType: 'contact_request',
      pageLabel: 'Voir la demande de contact',
      routes: CONTACT_REQUEST_ROUTES,
      conditions: {},
      audiences: {
        candidate: (ctx: ContactRequestContext) => ctx.candidate,
        referent: (ctx) => ctx.referent,
        requester: (ctx) => ctx.requester,
      },
      copy: contactRequestCopy(deps.config.PUBLIC_URL),
    },
    async (notice: ContactRequestNotice) => {
      const ctx = await loadContext(sequelize, notice);
      return { ctx, entityId: notice.contactRequestId, page: CONTACTS_PAGE.candidate, topic: ctx.companyName };
    },
  );

  return {
    /** Writes the request again (the API wrote it: a no-op) and queues its first notice (patched 'notice-with-event'). */
    async recordContactRequestCreated(input: ContactRequestWorkflowInput, notice?: NoticeWithEvent | null): Promise<number> {
      return createdWithNotice(sequelize, notice, (transaction) => writeContactRequestCreated(sequelize, input, null, transaction));
    },
    /** Returns the event it wrote: a local activity's marker keeps it, for `npm run reconcile`. */
    async recordContactRequestEvent(event: ContactRequestEventRecord): Promise<ContactRequestEventRecord> {
      await writeContactRequestEvent(sequelize, event);
      return asRecorded(event);
    },
    notifyContactRequestEvent,
  };
}
