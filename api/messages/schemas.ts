// Request and response shapes of the application threads: parsed with zod, documented from the same schemas.
import { z } from 'zod';
import { MESSAGE_MAX_LENGTH } from '../../workflows/message-rules.js';
import { ROLES } from '../../workflows/actors.js';
import { listOf, page, pageSize } from '../schemas.js';

export const postMessageBody = z
  .object({
    body: z
      .string({ error: 'texte du message attendu' })
      .trim()
      .min(1, 'écrivez votre message avant de l’envoyer')
      .max(MESSAGE_MAX_LENGTH, `${MESSAGE_MAX_LENGTH.toLocaleString('fr-FR')} caractères au plus : raccourcissez le message ou envoyez-le en plusieurs fois`),
    documentId: z.uuid({ error: 'choisissez un des documents de la personne candidate' }).nullish(),
  })
  .strict()
  .meta({ id: 'PostMessage' });

export const threadQuery = z
  .object({
    /** Only the messages after this one (a page following the thread live). */
    after: z.uuid({ error: 'identifiant de message attendu (UUID)' }).optional(),
  })
  .strict();

export const listThreadsQuery = z.object({ page, pageSize }).strict();

const reader = z.object({ role: z.enum(ROLES), label: z.string() });

export const messageView = z
  .object({
    id: z.uuid(),
    // id null: an anonymous application's candidate, for the company until the lift.
    author: z.object({ id: z.uuid().nullable(), firstName: z.string(), lastName: z.string(), role: z.enum(ROLES), label: z.string() }).nullable(),
    /** Written by the caller. */
    mine: z.boolean(),
    body: z.string(),
    document: z.object({ id: z.uuid(), filename: z.string(), kind: z.string(), downloadUrl: z.string().nullable() }).nullable(),
    createdAt: z.string(),
    /** Who may read it: the thread's readers, in one sentence (« Lisible par : … »). */
    readers: z.string(),
    /** Who has read it so far (the author left out): their names and roles. */
    readBy: z.array(z.string()),
  })
  .meta({ id: 'ApplicationMessage' });

export const threadView = z
  .object({
    applicationId: z.uuid(),
    items: z.array(messageView),
    /** Who can read this thread, each by name and role (the company's recruiters as one). */
    readers: z.array(reader),
    /** The same, as the sentence shown with each message and under the form. */
    readersLine: z.string(),
    /** OPEN: takes messages; NOT_YET: before the company has the application; CLOSED: read-only. */
    state: z.enum(['NOT_YET', 'OPEN', 'CLOSED']),
    /** Why the caller cannot write (null: they can). */
    cannotPost: z.string().nullable(),
    /** The candidate's documents the caller may attach (candidate, référent; empty for others). */
    attachable: z.array(z.object({ id: z.uuid(), filename: z.string(), kind: z.string() })),
  })
  .meta({ id: 'ApplicationThread' });

export const threadListItem = z.object({
  applicationId: z.uuid(),
  status: z.string(),
  offer: z.object({ id: z.uuid(), title: z.string() }).nullable(),
  company: z.object({ id: z.uuid(), name: z.string() }),
  candidate: z.object({ id: z.uuid().nullable(), firstName: z.string(), lastName: z.string() }),
  lastMessage: z.object({ id: z.uuid(), author: z.string(), excerpt: z.string(), createdAt: z.string() }),
  messages: z.number(),
  unread: z.number(),
});

export const threadList = listOf(threadListItem, 'MessageThreadList');
