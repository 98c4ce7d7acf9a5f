// Application threads (issue #16, item 3): one conversation per application between the company's
// recruiters, the candidate and their référent, read also by the mission officer following the case and
// by admins (who write nothing: workflows/message-rules.ts). Who sees a thread is who sees its
// application (api/applications/service.ts `visibility`): the company only once the application reached it.
//
// A post is one transaction: the message, and an in-app notification for each person told of it
// (`message.posted`). Posts to one thread take turns (advisory lock), so two at once are two messages
// in the order they committed, and `position` never lets a live page skip one. Once committed, each
// reader's digest workflow is signalled with start (workflows/message-digest.ts); that mail is a
// convenience, so a Temporal outage delays no message: the message is there, the digest is logged as
// missed. Opening a thread marks it read up to the newest message shown.
import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import type { z } from 'zod';
import type { Config } from '../../config/env.js';
import type { Logger } from '../../config/logger.js';
import type { User } from '../../models/index.js';
import { companyReaders, memberLabel, memberLabelFor, threadApplication, threadCandidateFor, threadDocumentNameFor, threadDocumentWithheld, threadRecipients, threadTextFor, type ThreadApplication, type ThreadPerson } from '../../models/application-threads.js';
import type { Role } from '../../workflows/actors.js';
import { de, frenchList } from '../../workflows/glossary.js';
import { anonymityOfRow, candidateAsSeenBy, textAsSeenBy } from '../../workflows/candidate-identity.js';
import { messageDigestWorkflow, messageDigestWorkflowId, messagePostedSignal } from '../../workflows/message-digest.js';
import { DOCUMENT_ATTACHERS, THREAD_WRITERS, threadClosedReason, threadPage, threadState } from '../../workflows/message-rules.js';
import { visibility as applicationVisibility } from '../applications/service.js';
import { downloadUrlOf } from '../documents/service.js';
import { HttpError, invalidField, notFound } from '../errors.js';
import type { listThreadsQuery, messageView, postMessageBody, threadList, threadQuery, threadView } from './schemas.js';

export interface MessageDeps {
  sequelize: Sequelize;
  temporal: Client;
  config: Pick<Config, 'TEMPORAL_TASK_QUEUE' | 'MESSAGE_DIGEST_DELAY'>;
  logger: Logger;
}

/** A message to post into a thread, by a person of the case (or the platform on their behalf). */
export interface ThreadMessageInput {
  applicationId: string;
  authorId: string;
  authorRole: Role;
  body: string;
  /** One of the candidate's documents (checked by the caller). */
  documentId?: string | null;
  /** An id derived from an Idempotency-Key: a repeated request meets the message it wrote. */
  id?: string;
}

const READ_ONLY = 'Vous pouvez lire ce fil, mais seuls l’entreprise, la personne candidate et son référent y écrivent.';
/** The newest messages a thread shows at once. */
const THREAD_LIMIT = 1_000;

type MessageView = z.output<typeof messageView>;

/**
 * Posts a message into an application's thread and tells its readers (in-app notification in the
 * same transaction, digest mail after the commit). No check of who or when: the caller decided (the
 * thread's POST route, or another part of the platform writing for a person — e.g. a candidate's
 * request for another interview slot). With `transaction`, everything joins it and the digests
 * start once it commits. Returns the message's id, and whether it was written now (false: an
 * Idempotency-Key's repeat met it).
 */
export async function postThreadMessage(deps: MessageDeps, input: ThreadMessageInput, transaction?: Transaction): Promise<{ id: string; created: boolean }> {
  if (!transaction) return deps.sequelize.transaction((t) => postThreadMessage(deps, input, t));
  const { sequelize } = deps;
  const id = input.id ?? randomUUID();
  // Posts to one thread take turns: `position` grows in commit order.
  await sequelize.query(`SELECT pg_advisory_xact_lock(hashtext(:lock))`, { transaction, replacements: { lock: `application-messages:${input.applicationId}` } });
  const inserted = await sequelize.query<{ id: string }>(
    `INSERT INTO application_messages (id, application_id, author_id, author_role, body, document_id, created_at)
     VALUES (:id, :applicationId, :authorId, :authorRole, :body, :documentId, clock_timestamp())
     ON CONFLICT (id) DO NOTHING RETURNING id`,
    { transaction, type: QueryTypes.SELECT, replacements: { id, applicationId: input.applicationId, authorId: input.authorId, authorRole: input.authorRole, body: input.body, documentId: input.documentId ?? null } },
  );
  if (inserted.length === 0) return { id, created: false };

  const app = (await threadApplication(sequelize, input.applicationId, transaction))!;
  const recipients = (await threadRecipients(sequelize, app, transaction)).filter((p) => p.id !== input.authorId);
  const [author] = await sequelize.query<{ first_name: string; last_name: string; role: Role }>(`SELECT first_name, last_name, role FROM users WHERE id = :id`, {
    transaction,
    type: QueryTypes.SELECT,
    replacements: { id: input.authorId },
  });
  const topic = `${app.offer_title ?? 'Candidature spontanée'} (${app.company_name})`;
  for (const person of recipients) {
    // The notification names who wrote and where, not what: the text is read on the page.
    await sequelize.query(
      `INSERT INTO notifications (id, user_id, idempotency_key, kind, title, body, link, entity_type, entity_id)
       VALUES (:nid, :userId, :key, 'message.posted', :title, :body, :link, 'application', :applicationId)
       ON CONFLICT (idempotency_key) DO NOTHING`,
      {
        transaction,
        replacements: {
          nid: randomUUID(),
          userId: person.id,
          key: `message:${id}:${person.id}`,
          title: author ? `Nouveau message ${de(memberLabelFor(person, { ...author, role: input.authorRole }, app))}` : 'Nouveau message',
          body: `Messagerie de la candidature ${topic}.`,
          link: threadPage(app.id),
          applicationId: app.id,
        },
      },
    );
  }
  transaction.afterCommit(() => startDigests(deps, app.id, id, recipients));
  return { id, created: true };
}

/** Signal-with-start of each reader's digest; never throws (the message is committed). */
async function startDigests(deps: MessageDeps, applicationId: string, messageId: string, recipients: ThreadPerson[]): Promise<void> {
  await Promise.all(
    recipients.map((person) =>
      deps.temporal.workflow
        .signalWithStart(messageDigestWorkflow, {
          workflowId: messageDigestWorkflowId(applicationId, person.id),
          taskQueue: deps.config.TEMPORAL_TASK_QUEUE,
          args: [{ applicationId, userId: person.id, digestDelayMs: deps.config.MESSAGE_DIGEST_DELAY }],
          signal: messagePostedSignal,
          signalArgs: [{ messageId }],
          // A closed digest (already mailed) gives way to a new run for this new message.
          workflowIdReusePolicy: 'ALLOW_DUPLICATE',
        })
        .catch((err: unknown) => deps.logger.warn({ err, applicationId, messageId }, 'message digest not started: no mail for this message')),
    ),
  );
}

interface MessageRow {
  id: string;
  position: string;
  author_id: string | null;
  author_role: Role;
  first_name: string | null;
  last_name: string | null;
  body: string;
  document_id: string | null;
  filename: string | null;
  kind: string | null;
  created_at: Date;
  /** Who has read up to it or further. */
  read_by: string[];
}

interface ReadRow {
  user_id: string;
  first_name: string;
  last_name: string;
  role: Role;
}


export function messageService(deps: MessageDeps) {
  const { sequelize } = deps;

  /** The application if this user may see it (the applications' own rule), else 404. */
  async function visibleThread(user: User, applicationId: string, transaction?: Transaction): Promise<ThreadApplication> {
    const scope = applicationVisibility(user);
    const [seen] = await sequelize.query<{ id: string }>(`SELECT a.id FROM applications a WHERE a.id = :applicationId AND (${scope.where})`, {
      transaction,
      type: QueryTypes.SELECT,
      replacements: { ...scope.replacements, applicationId },
    });
    const app = seen && (await threadApplication(sequelize, applicationId, transaction));
    if (!app) throw notFound('Candidature');
    return app;
  }

  /** Who can read the thread: the company's recruiters, the candidate, their référent, the mission officer, admins. */
  async function readersOf(app: ThreadApplication, reader: User): Promise<Array<{ role: Role; label: string }>> {
    const people = await sequelize.query<{ id: string; first_name: string; last_name: string; role: Role }>(
      `SELECT id, first_name, last_name, role FROM users WHERE id IN (:ids)`,
      { type: QueryTypes.SELECT, replacements: { ids: [app.candidate_id, app.referent_id, app.mission_officer_id].filter(Boolean) } },
    );
    const one = (id: string | null) => people.find((p) => p.id === id);
    const readers: Array<{ role: Role; label: string }> = [{ role: 'RECRUITER', label: companyReaders(app.company_name) }];
    for (const id of [app.candidate_id, app.referent_id, app.mission_officer_id]) {
      const person = one(id);
      if (person) readers.push({ role: person.role, label: memberLabelFor(reader, person, app) });
    }
    readers.push({ role: 'ADMIN', label: 'l’équipe Tremplin' });
    return readers;
  }

  async function messagesOf(app: ThreadApplication, user: User, readersLine: string, where: { afterPosition?: string; upToPosition?: string; id?: string } = {}): Promise<MessageView[]> {
    const rows = await sequelize.query<MessageRow>(
      `SELECT * FROM (
         SELECT m.id, m.position, m.author_id, m.author_role, u.first_name, u.last_name, m.body, m.document_id, d.filename, d.kind, m.created_at,
                ARRAY(SELECT r.user_id FROM application_message_reads r WHERE r.application_id = m.application_id AND r.last_read_at >= m.created_at) AS read_by
         FROM application_messages m LEFT JOIN users u ON u.id = m.author_id LEFT JOIN documents d ON d.id = m.document_id
         WHERE m.application_id = :applicationId ${where.afterPosition ? 'AND m.position > :after' : ''} ${where.upToPosition ? 'AND m.position <= :upTo' : ''} ${where.id ? 'AND m.id = :id' : ''}
         ORDER BY m.position DESC LIMIT ${THREAD_LIMIT}
       ) latest ORDER BY position`,
      { type: QueryTypes.SELECT, replacements: { applicationId: app.id, after: where.afterPosition ?? null, upTo: where.upToPosition ?? null, id: where.id ?? null } },
    );
    // Who read what: the people of the case (recruiters of the company included) and their read markers.
    const reads = rows.length
      ? await sequelize.query<ReadRow>(
          `SELECT r.user_id, u.first_name, u.last_name, u.role FROM application_message_reads r JOIN users u ON u.id = r.user_id
           WHERE r.application_id = :applicationId AND (u.id IN (:parties) OR (u.role = 'RECRUITER' AND u.company_id = :companyId))
           ORDER BY u.role, u.last_name`,
          {
            type: QueryTypes.SELECT,
            replacements: { applicationId: app.id, parties: [app.candidate_id, app.referent_id, app.mission_officer_id].filter(Boolean), companyId: app.company_id },
          },
        )
      : [];
    const candidate = threadCandidateFor(user, app);
    return rows.map((m) => {
      // An anonymous application's candidate writes under their number until the lift.
      const hiddenAuthor = candidate.hidden && m.author_id === app.candidate_id;
      return {
        id: m.id,
        author:
          m.author_id && m.first_name !== null
            ? {
                id: hiddenAuthor ? null : m.author_id,
                firstName: hiddenAuthor ? candidate.firstName : m.first_name,
                lastName: hiddenAuthor ? candidate.lastName : (m.last_name ?? ''),
                role: m.author_role,
                label: memberLabelFor(user, { first_name: m.first_name, last_name: m.last_name ?? '', role: m.author_role }, app),
              }
            : null,
        mine: m.author_id === user.id,
        body: threadTextFor(user, app, m.body),
        document: m.document_id ? { id: m.document_id, filename: threadDocumentNameFor(user, app, m.filename!, m.kind!), kind: m.kind!, downloadUrl: threadDocumentWithheld(user, app) ? null : downloadUrlOf(m.document_id) } : null,
        createdAt: m.created_at.toISOString(),
        readers: readersLine,
        readBy: reads.filter((r) => r.user_id !== m.author_id && m.read_by.includes(r.user_id)).map((r) => memberLabelFor(user, r, app)),
      };
    });
  }

  function cannotPost(user: User, app: ThreadApplication): string | null {
    if (!THREAD_WRITERS.includes(user.role)) return READ_ONLY;
    return threadClosedReason(threadState({ status: app.status, sentToCompanyAt: app.sent_to_company_at, statusChangedAt: app.status_changed_at }));
  }

  /** The candidate's documents this user may attach: the candidate's own, or their référent's. */
  async function attachable(user: User, app: ThreadApplication) {
    const may = DOCUMENT_ATTACHERS.includes(user.role) && (user.id === app.candidate_id || user.id === app.referent_id);
    if (!may) return [];
    return sequelize.query<{ id: string; filename: string; kind: string }>(`SELECT id, filename, kind FROM documents WHERE candidate_id = :candidateId ORDER BY created_at DESC`, {
      type: QueryTypes.SELECT,
      replacements: { candidateId: app.candidate_id },
    });
  }

  async function readersLineOf(app: ThreadApplication, reader: User) {
    const readers = await readersOf(app, reader);
    return { readers, readersLine: `Lisible par : ${frenchList(readers.map((r) => r.label))}.` };
  }

  return {
    /** GET /api/applications/:id/messages: the thread, marked read up to its newest message shown. */
    async thread(user: User, applicationId: string, query: z.output<typeof threadQuery>): Promise<z.output<typeof threadView>> {
      const app = await visibleThread(user, applicationId);
      let afterPosition: string | undefined;
      if (query.after) {
        const [after] = await sequelize.query<{ position: string }>(`SELECT position FROM application_messages WHERE id = :id AND application_id = :applicationId`, {
          type: QueryTypes.SELECT,
          replacements: { id: query.after, applicationId },
        });
        if (!after) throw invalidField('after', 'ce message n’est pas dans ce fil : rechargez la page.');
        afterPosition = after.position;
      }
      const [newest] = await sequelize.query<{ id: string; position: string }>(
        `SELECT id, position FROM application_messages WHERE application_id = :applicationId ${afterPosition ? 'AND position > :after' : ''} ORDER BY position DESC LIMIT 1`,
        { type: QueryTypes.SELECT, replacements: { applicationId, after: afterPosition ?? null } },
      );
      if (newest) {
        // Read up to the newest message this answer carries (one posted meanwhile stays unread), and
        // the notifications of this thread with it. Times compared in PostgreSQL (microseconds).
        await sequelize.transaction(async (transaction) => {
          await sequelize.query(
            `INSERT INTO application_message_reads (application_id, user_id, last_read_at)
             SELECT :applicationId, :me, created_at FROM application_messages WHERE id = :newestId
             ON CONFLICT (application_id, user_id) DO UPDATE SET last_read_at = GREATEST(application_message_reads.last_read_at, EXCLUDED.last_read_at)`,
            { transaction, replacements: { applicationId, me: user.id, newestId: newest.id } },
          );
          await sequelize.query(
            `UPDATE notifications SET read_at = now() WHERE user_id = :me AND kind = 'message.posted' AND entity_id = :applicationId AND read_at IS NULL`,
            { transaction, replacements: { applicationId, me: user.id } },
          );
        });
      }
      const { readers, readersLine } = await readersLineOf(app, user);
      const items = newest ? await messagesOf(app, user, readersLine, { afterPosition, upToPosition: newest.position }) : [];
      return {
        applicationId,
        items,
        readers,
        readersLine,
        state: threadState({ status: app.status, sentToCompanyAt: app.sent_to_company_at, statusChangedAt: app.status_changed_at }),
        cannotPost: cannotPost(user, app),
        attachable: await attachable(user, app),
      };
    },

    /** POST /api/applications/:id/messages → the message written. */
    async post(user: User, applicationId: string, body: z.output<typeof postMessageBody>, idempotentId?: string): Promise<MessageView> {
      const app = await visibleThread(user, applicationId);
      if (!THREAD_WRITERS.includes(user.role)) throw new HttpError('FORBIDDEN', READ_ONLY);
      const state = threadState({ status: app.status, sentToCompanyAt: app.sent_to_company_at, statusChangedAt: app.status_changed_at });
      const closed = threadClosedReason(state);
      if (closed) throw new HttpError('CONFLICT', closed, { state, status: app.status });
      if (body.documentId && !DOCUMENT_ATTACHERS.includes(user.role)) {
        throw invalidField('documentId', 'seuls la personne candidate et son référent joignent un de ses documents à un message.');
      }
      const { id } = await sequelize.transaction(async (transaction) => {
        if (body.documentId) {
          // Held until the message commits: a deletion of the document waits, or came first (400).
          const [document] = await sequelize.query<{ id: string }>(`SELECT id FROM documents WHERE id = :id AND candidate_id = :candidateId FOR KEY SHARE`, {
            transaction,
            type: QueryTypes.SELECT,
            replacements: { id: body.documentId, candidateId: app.candidate_id },
          });
          if (!document) throw invalidField('documentId', 'ce document n’est pas (ou plus) parmi ceux de la personne candidate : choisissez-en un autre.');
        }
        return postThreadMessage(deps, { applicationId, authorId: user.id, authorRole: user.role, body: body.body, documentId: body.documentId ?? null, id: idempotentId }, transaction);
      });
      const { readersLine } = await readersLineOf(app, user);
      const [message] = await messagesOf(app, user, readersLine, { id });
      if (!message) throw notFound('Message');
      return message;
    },

    /** GET /api/messages: the threads this user sees that hold a message, newest activity first. */
    async threads(user: User, query: z.output<typeof listThreadsQuery>): Promise<z.output<typeof threadList>> {
      const scope = applicationVisibility(user);
      const rows = await sequelize.query<{
        application_id: string;
        status: string;
        offer_id: string | null;
        offer_title: string | null;
        company_id: string;
        company_name: string;
        candidate_id: string;
        candidate_first: string;
        candidate_last: string;
        candidate_email: string;
        candidate_phone: string | null;
        anonymous: boolean;
        identity_shared_at: Date | null;
        candidate_number: number;
        last_id: string;
        last_body: string;
        last_at: Date;
        last_role: Role;
        author_first: string | null;
        author_last: string | null;
        messages: string;
        unread: string;
        total: string;
      }>(
        `SELECT a.id AS application_id, a.status, o.id AS offer_id, o.title AS offer_title, c.id AS company_id, c.name AS company_name,
                cu.id AS candidate_id, cu.first_name AS candidate_first, cu.last_name AS candidate_last, cu.email AS candidate_email, cu.phone AS candidate_phone,
                a.anonymous, a.identity_shared_at, a.candidate_number,
                lm.id AS last_id, lm.body AS last_body, lm.created_at AS last_at, lm.author_role AS last_role,
                au.first_name AS author_first, au.last_name AS author_last,
                (SELECT count(*) FROM application_messages cm WHERE cm.application_id = a.id) AS messages,
                (SELECT count(*) FROM application_messages um WHERE um.application_id = a.id AND um.author_id IS DISTINCT FROM :me
                   AND um.created_at > COALESCE(rd.last_read_at, '-infinity')) AS unread,
                count(*) OVER () AS total
         FROM applications a
         JOIN LATERAL (SELECT * FROM application_messages m WHERE m.application_id = a.id ORDER BY m.position DESC LIMIT 1) lm ON true
         JOIN companies c ON c.id = a.company_id
         JOIN users cu ON cu.id = a.candidate_id
         LEFT JOIN offers o ON o.id = a.offer_id
         LEFT JOIN users au ON au.id = lm.author_id
         LEFT JOIN application_message_reads rd ON rd.application_id = a.id AND rd.user_id = :me
         WHERE (${scope.where})
         ORDER BY lm.created_at DESC, a.id
         LIMIT :limit OFFSET :offset`,
        { type: QueryTypes.SELECT, replacements: { ...scope.replacements, me: user.id, limit: query.pageSize, offset: (query.page - 1) * query.pageSize } },
      );
      const items = rows.map((r) => {
        const anonymity = anonymityOfRow(r);
        const identity = { id: r.candidate_id, firstName: r.candidate_first, lastName: r.candidate_last, email: r.candidate_email, phone: r.candidate_phone };
        const candidate = candidateAsSeenBy(user, anonymity, identity);
        const body = textAsSeenBy(user, anonymity, identity, r.last_body);
        const lastAuthor = r.last_role === 'CANDIDATE' && candidate.hidden ? { first_name: candidate.firstName, last_name: candidate.lastName } : { first_name: r.author_first, last_name: r.author_last ?? '' };
        return {
          applicationId: r.application_id,
          status: r.status,
          offer: r.offer_id ? { id: r.offer_id, title: r.offer_title ?? '' } : null,
          company: { id: r.company_id, name: r.company_name },
          candidate: { id: candidate.id, firstName: candidate.firstName, lastName: candidate.lastName },
          lastMessage: {
            id: r.last_id,
            author: r.author_first === null ? 'Compte supprimé' : memberLabel({ first_name: lastAuthor.first_name!, last_name: lastAuthor.last_name, role: r.last_role }, r.company_name),
            excerpt: [...body].length > 140 ? `${[...body].slice(0, 139).join('')}…` : body,
            createdAt: r.last_at.toISOString(),
          },
          messages: Number(r.messages),
          unread: Number(r.unread),
        };
      });
      const total = rows[0] ? Number(rows[0].total) : query.page > 1 ? await countThreads(user) : 0;
      return { items, total, page: query.page, pageSize: query.pageSize };
    },
  };

  async function countThreads(user: User): Promise<number> {
    const scope = applicationVisibility(user);
    const [{ total }] = await sequelize.query<{ total: string }>(
      `SELECT count(*) AS total FROM applications a WHERE (${scope.where}) AND EXISTS (SELECT 1 FROM application_messages m WHERE m.application_id = a.id)`,
      { type: QueryTypes.SELECT, replacements: scope.replacements },
    );
    return Number(total);
  }
}
