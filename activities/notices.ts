// Telling people about a process event, the same way for every process: a routing table says who is
// told (event → audiences), the process's French copy says what each audience reads (a Draft), and
// composeNotice turns (recipient, draft, where it leads) into one in-app notification and one e-mail,
// both keyed by (workflow, event, recipient) so a retried activity adds and sends nothing twice.
// Each recipient's notification preferences (models/notification-preferences.ts) may leave out either.
import { randomUUID } from 'node:crypto';
import { skippedChannels, type NotificationRow } from '../models/notification-preferences.js';
import type { ActivityDeps } from './deps.js';
import { createMailer, renderMail, type MailBlock, type OutgoingMail } from './mail.js';
import type { Person, Recipient } from './people.js';

export interface Notice {
  mail: OutgoingMail | null;
  notification: NotificationRow;
}

/** `${workflowId}:${seq}:${userId}`: the idempotency key of what one event tells one person. */
export const noticeKeyOf = (workflowId: string, seq: number, userId: string) => `${workflowId}:${seq}:${userId}`;

// ---- Who is told ----

/** One line of a routing table: an audience, told when a condition of the process holds. */
export interface Route<A extends string, K extends string> {
  to: A;
  when?: K;
  /** Told instead when nobody answers to `to` (an account gone, no mission officer…). */
  orElse?: A;
}

/** Event → who is told, in order; an event missing from the table tells nobody. */
export type RoutingTable<E extends string, A extends string, K extends string, R extends Route<A, K> = Route<A, K>> = Record<E, readonly R[]>;

type Awaitable<T> = T | Promise<T>;

/** How a process finds, in its context, the people of each audience and the truth of each condition. */
export interface Routing<A extends string, K extends string, C> {
  audiences: Record<A, (ctx: C) => Awaitable<Person | null | Array<Person | null>>>;
  conditions: Record<K, (ctx: C) => boolean>;
}

/** The people a list of routes names, each once (their first audience decides their wording). */
async function recipientsOf<A extends string, K extends string, C, R extends Route<A, K>>(
  routes: readonly R[] | undefined,
  ctx: C,
  routing: Routing<A, K, C>,
): Promise<Array<Recipient<A> & { route: R }>> {
  const people = async (audience: A) => [await routing.audiences[audience](ctx)].flat().filter((p): p is Person => p !== null);
  const told: Array<Recipient<A> & { route: R }> = [];
  for (const route of routes ?? []) {
    if (route.when && !routing.conditions[route.when](ctx)) continue;
    let audience = route.to;
    let found = await people(audience);
    if (found.length === 0 && route.orElse) found = await people((audience = route.orElse));
    for (const person of found) if (!told.some((r) => r.person.id === person.id)) told.push({ person, audience, route });
  }
  return told;
}

// ---- What they read ----

/** What one person reads about one event; the process's copy writes it, composeNotice lays it out. */
export interface Draft {
  /** The in-app title, and the mail's subject followed by the process's topic. */
  headline: string;
  /** The mail's subject when it is not the headline and the topic. */
  subject?: string;
  /** The first one is also the notification's body. */
  paragraphs: string[];
  /** Someone's own words (a refusal message…), verbatim, in the mail and the notification. */
  quote?: { label: string; text: string } | null;
  /** More of the mail, after the quote: facts, an interview, contacts. */
  details?: MailBlock[];
  /** The mail's link when it is not the entity's page. */
  link?: { label: string; href: string };
  /** Paragraphs after the link. */
  closing?: string[];
  invitation?: OutgoingMail['ics'];
}

/** Copy: event → audience → the draft that audience reads (none: that audience is told nothing). */
export type Copy<E extends string, A extends string, C, D extends Draft = Draft> = Record<
  E,
  Partial<Record<A, (ctx: C, reader: Recipient<A>) => D | null>>
>;

const draftOf = <E extends string, A extends string, C, D extends Draft>(copy: Copy<E, A, C, D>, event: E, ctx: C, reader: Recipient<A>): D | null =>
  copy[event]?.[reader.audience]?.(ctx, reader) ?? null;

/** The body of a mail, without greeting and signature: a draft, or a mail that is no notice. */
export type Letter = Pick<Draft, 'paragraphs' | 'quote' | 'details' | 'link' | 'closing'>;

/** A mail to one person: greeting, the letter, its link (`link` unless it has its own), signature. */
export function letterBlocks(firstName: string, letter: Letter, link: { label: string; href: string }): MailBlock[] {
  return [
    { kind: 'paragraph', text: `Bonjour ${firstName},` },
    ...letter.paragraphs.map((text): MailBlock => ({ kind: 'paragraph', text })),
    ...(letter.quote ? [{ kind: 'quote' as const, ...letter.quote }] : []),
    ...(letter.details ?? []),
    { kind: 'link', ...(letter.link ?? link) },
    ...(letter.closing ?? []).map((text): MailBlock => ({ kind: 'paragraph', text })),
    { kind: 'paragraph', text: 'L’équipe Tremplin' },
  ];
}

/** Where one event's notices belong and lead. */
export interface NoticeFrame {
  workflowId: string;
  seq: number;
  /** Notification kind: `application.created`… */
  kind: string;
  entityType: string;
  entityId: string;
  /** After the headline in the mail's subject: « Titre » (Entreprise)… */
  topic: string;
  /** The entity's page in the web app: the notification's link, and the mail's unless the draft has one. */
  page: string;
  pageLabel: string;
}

/** One person's notification and mail for one event, both under the same idempotency key. */
export function composeNotice(publicUrl: string, person: Person, draft: Draft, frame: NoticeFrame): Notice {
  const key = noticeKeyOf(frame.workflowId, frame.seq, person.id);
  const { text, html } = renderMail(letterBlocks(person.firstName, draft, { label: frame.pageLabel, href: `${publicUrl}${frame.page}` }));
  return {
    mail: {
      key,
      to: person.email,
      subject: draft.subject ?? `${draft.headline} — ${frame.topic}`,
      text,
      html,
      ics: draft.invitation,
      workflowId: frame.workflowId,
    },
    notification: {
      id: randomUUID(),
      userId: person.id,
      idempotencyKey: key,
      kind: frame.kind,
      title: draft.headline,
      body: [draft.paragraphs[0], draft.quote ? `${draft.quote.label} « ${draft.quote.text} »` : null].filter(Boolean).join('\n'),
      link: frame.page,
      entityType: frame.entityType,
      entityId: frame.entityId,
    },
  };
}

// ---- Sending ----

/** Sends composed notices as each recipient's preferences for `kind` say; also used by the offer invitations. */
export function createNoticeSender(deps: ActivityDeps) {
  const mailer = createMailer(deps);
  return async function sendNotices(all: Notice[], kind: string, what: string): Promise<void> {
    if (all.length === 0) return;
    // Each recipient's preferences for this kind (models/notification-preferences.ts): a muted channel
    // is left out, and stays left out on a retry.
    // The in-app notifications are written with the skips, in one statement, but for those muted in the
    // site (ON CONFLICT DO NOTHING on the idempotency key: a retry leaves the first ones as they are).
    const skipped = await skippedChannels(
      all.map((n) => ({ key: n.notification.idempotencyKey, userId: n.notification.userId })),
      kind,
      all.map((n) => n.notification),
    );
    const notices = all.map((n) => ({ mail: skipped.get(n.notification.idempotencyKey)?.has('EMAIL') ? null : n.mail }));
    // Every mail is tried even if one fails, so one bad relay answer does not hold the others back;
    // the activity then fails and its retry only sends what is still unsent.
    const failures: unknown[] = [];
    const mails = notices.flatMap((n) => (n.mail ? [n.mail] : []));
    for (const mail of mails) {
      try {
        await mailer.sendOnce(mail);
      } catch (error) {
        failures.push(error);
      }
    }
    if (failures.length > 0) {
      const first = failures[0] instanceof Error ? failures[0].message : String(failures[0]);
      throw new Error(`${failures.length}/${mails.length} e-mail(s) non envoyé(s) pour ${what} : ${first}`, { cause: failures[0] });
    }
  };
}

/** A process's notices: who is told (routes), what they read (copy), about which entity. */
export interface NoticeProcess<E extends string, A extends string, K extends string, C, D extends Draft = Draft, R extends Route<A, K> = Route<A, K>>
  extends Routing<A, K, C> {
  /** For the logs and the error of a failed send: « candidature »… */
  noun: string;
  /** The notifications' entity type; their kind is `${entityType}.${event}`. */
  entityType: string;
  pageLabel: string;
  routes: RoutingTable<E, A, K, R>;
  copy: Copy<E, A, C, D>;
  /** Per recipient, what the copy cannot know (a personal link, an invitation). */
  complete?: (ctx: C, reader: Recipient<A>, draft: D) => Promise<Draft>;
  /** Readers the process reaches its own way (a mail carrying a secret) rather than by a notice. */
  reach?: (ctx: C, reader: Recipient<A> & { route: R }) => Promise<boolean>;
}

/** What the notice activity loads for one event: its context and the entity it is about. */
export interface Loaded<C> {
  ctx: C;
  entityId: string;
  /** The entity's page in the web app. */
  page: string;
  /** After the headline in the mail's subject. */
  topic: string;
}

/**
 * The notice activity of a process: load the event's context, compose what each person it concerns
 * reads, send it all. Throws (so Temporal retries) when a mail could not go out.
 */
export function createNotifier<
  N extends { workflowId: string; seq: number; event: E },
  E extends string,
  A extends string,
  K extends string,
  C,
  D extends Draft,
  R extends Route<A, K>,
>(deps: ActivityDeps, process: NoticeProcess<E, A, K, C, D, R>, load: (notice: N) => Promise<Loaded<C>>) {
  const sendNotices = createNoticeSender(deps);
  return async function notify(notice: N): Promise<void> {
    const { ctx, entityId, page, topic } = await load(notice);
    const frame: NoticeFrame = {
      workflowId: notice.workflowId,
      seq: notice.seq,
      kind: `${process.entityType}.${notice.event}`,
      entityType: process.entityType,
      entityId,
      topic,
      page,
      pageLabel: process.pageLabel,
    };
    const notices: Notice[] = [];
    for (const reader of await recipientsOf(process.routes[notice.event], ctx, process)) {
      if (process.reach && (await process.reach(ctx, reader))) continue;
      const written = draftOf(process.copy, notice.event, ctx, reader);
      if (!written) continue;
      const draft = process.complete ? await process.complete(ctx, reader, written) : written;
      notices.push(composeNotice(deps.config.PUBLIC_URL, reader.person, draft, frame));
    }
    await sendNotices(notices, frame.kind, `${process.noun} ${notice.event} (seq ${notice.seq})`);
    deps.logger.debug({ workflowId: notice.workflowId, seq: notice.seq, event: notice.event, recipients: notices.length }, `${process.noun}: event told`);
  };
}
