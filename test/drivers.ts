// Test drivers shared by every process (application, offer, sponsorship, company verification): act on an
// entity through its transitions route, bring a fresh entity to a given state through the API, and read
// what the database, the mail catcher and Temporal hold about it. Built on test/support.ts and
// test/fixtures.ts; the workflow id is always read from the row's `workflow_id`, never derived (but for
// the workflows a driver starts itself with the Temporal client: the id it started).
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fromPayloadsAtIndex, type Payload } from '@temporalio/common';
import type { temporal } from '@temporalio/proto';
import { expect, inject } from 'vitest';
import { startProcess } from '../api/transitions.js';
import { hashPassword } from '../models/passwords.js';
import { TERMS_VERSION } from '../workflows/account-rules.js';
import type { CaughtMail } from '../scripts/services/mail-catcher.js';
import type { ApplicationTimers, ApplicationWorkflowInput } from '../workflows/application.js';
import type { CompanyVerificationInput } from '../workflows/company-verification.js';
import { workflowIdOf, type InputOf } from '../workflows/processes.js';
import type { SponsorshipWorkflowInput } from '../workflows/sponsorship.js';
import { createUser, inDays, validSiren, type Cast, type Person } from './fixtures.js';
import { ApiClient, apiUrl, decodePayloads, eventually, mails, sql, temporalClient, type ApiResponse } from './support.js';

export type Process = 'application' | 'offer' | 'sponsorship' | 'company';

/** Where each process lives: its route, its projection (the founder's membership for a company) and its mails' link. */
const PROCESSES = {
  application: { route: 'applications', table: 'applications', events: 'application_events', key: 'application_id', link: '/candidatures/' },
  offer: { route: 'offers', table: 'offers', events: 'offer_events', key: 'offer_id', link: '/offres/' },
  sponsorship: { route: 'sponsorships', table: 'sponsorship_requests', events: 'sponsorship_events', key: 'sponsorship_id', link: '/parrainages/' },
  company: { route: 'companies', table: 'company_memberships', events: 'membership_events', key: 'membership_id', link: null },
} as const satisfies Record<Process, { route: string; table: string; events: string; key: string; link: string | null }>;

/** Someone who acts: a person of the fixtures (logged in on first use) or a session already open. */
export type Actor = Person | ApiClient;
const sessionOf = async (who: Actor): Promise<ApiClient> => (who instanceof ApiClient ? who : who.client());

// ---------------------------------------------------------------------------------------------------
// Acting

export interface TransitionOptions {
  idempotencyKey?: string;
  /** No answer within this time rejects with NoAnswerError (a stalled workflow must not hang a test). */
  timeoutMs?: number;
}

export class NoAnswerError extends Error {}

/** Races a promise against a deadline; `what` names the wait in the error. */
export async function within<T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new NoAnswerError(`no answer within ${timeoutMs / 1000} s: ${what}`)), timeoutMs);
  });
  try {
    return await Promise.race([promise, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** POST /api/<process>/:id/transitions (for a company, `membershipId` may be in the body). */
export async function transition(process: Process, who: Actor, id: string, body: Record<string, unknown>, options: TransitionOptions = {}): Promise<ApiResponse> {
  const session = await sessionOf(who);
  const path = `/api/${PROCESSES[process].route}/${id}/transitions`;
  const headers = options.idempotencyKey ? { 'idempotency-key': options.idempotencyKey } : undefined;
  return within(session.post(path, body, headers), options.timeoutMs ?? 60_000, `POST ${path} ${JSON.stringify(body)}`);
}

/** A transition that must succeed: 200 and the entity in `expectedStatus`; returns the entity as the API shows it. */
export async function act<View = any>(process: Process, who: Actor, id: string, body: Record<string, unknown>, expectedStatus: string, options?: TransitionOptions): Promise<View> {
  const response = await transition(process, who, id, body, options);
  expect(response.status, `${process} ${id}, ${body.action}: ${JSON.stringify(response.body)}`).toBe(200);
  expect(response.body.status, `${process} ${id}, ${body.action}: status`).toBe(expectedStatus);
  return response.body;
}

// ---------------------------------------------------------------------------------------------------
// Interviews: one may be marked done only once its start has passed (PRODUCT.md), so a test that marks
// one done proposes it a moment ahead and waits for its start.

/** How far ahead an interview a test will mark done starts. */
export const INTERVIEW_SOON_MS = 2_000;

/** A propose_interview body for an interview starting in a moment (`leadMs`); `fields` change it (mode, location…). */
export function interviewStartingSoon(fields: Record<string, unknown> = {}, leadMs = INTERVIEW_SOON_MS): Record<string, unknown> {
  return { action: 'propose_interview', startsAt: new Date(Date.now() + leadMs).toISOString(), durationMinutes: 30, mode: 'PHONE', ...fields };
}

/**
 * POST propose_interview for an interview starting in a moment. On a loaded machine the request may
 * reach the workflow after that moment, and be refused (400 on startsAt): it is proposed again, twice
 * as far ahead each time (2 s, 4 s… 32 s).
 */
export async function transitionProposingSoon(who: Actor, applicationId: string, fields: Record<string, unknown> = {}, options?: TransitionOptions): Promise<ApiResponse> {
  for (let leadMs = INTERVIEW_SOON_MS; ; leadMs *= 2) {
    const response = await transition('application', who, applicationId, interviewStartingSoon(fields, leadMs), options);
    const startPassed = response.status === 400 && /^startsAt/.test(String(response.body?.error?.message ?? ''));
    if (!startPassed || leadMs >= 32_000) return response;
  }
}

/** An interview starting in a moment, proposed (see transitionProposingSoon): 200 and INTERVIEW_PROPOSED; the application as the API shows it. */
/**
 * A new application taken to an interview proposed in two days at 9:00 UTC (validated, accepted):
 * far enough for every page to show it as upcoming. Gives the interview's day in Paris (the week view's).
 */
export async function toInterviewInTwoDays(referent: Actor, recruiter: Actor, applicationId: string, mode: string): Promise<string> {
  await act('application', referent, applicationId, { action: 'validate' }, 'PENDING_RECRUITER');
  await act('application', recruiter, applicationId, { action: 'accept' }, 'ACCEPTED');
  const startsAt = new Date(Date.now() + 2 * 86_400_000);
  startsAt.setUTCHours(9, 0, 0, 0);
  await act('application', recruiter, applicationId, { action: 'propose_interview', startsAt: startsAt.toISOString(), durationMinutes: 30, mode }, 'INTERVIEW_PROPOSED');
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(startsAt);
}

export async function proposeInterviewSoon<View = any>(who: Actor, applicationId: string, fields: Record<string, unknown> = {}, options?: TransitionOptions): Promise<View> {
  const response = await transitionProposingSoon(who, applicationId, fields, options);
  expect(response.status, `application ${applicationId}, propose_interview: ${JSON.stringify(response.body)}`).toBe(200);
  expect(response.body.status, `application ${applicationId}, propose_interview: status`).toBe('INTERVIEW_PROPOSED');
  return response.body;
}

/** Waits until this start has passed (a few ms more: the workflow's clock reads the same machine's). */
export async function untilStarted(startsAt: string | Date): Promise<void> {
  const left = new Date(startsAt).getTime() - Date.now();
  if (left >= 0) await new Promise((resolve) => setTimeout(resolve, left + 20));
}

/** Waits until the application's current interview has started: then it may be marked done. */
export async function untilCurrentInterviewStarted(applicationId: string): Promise<void> {
  const [current] = await sql<{ starts_at: Date }>(`SELECT starts_at FROM interviews WHERE application_id = $1 ORDER BY round DESC LIMIT 1`, [applicationId]);
  if (current) await untilStarted(current.starts_at);
}

/** mark_interview_done once the current interview has started (waiting for it), which must succeed: INTERVIEW_DONE. */
export async function markInterviewDone<View = any>(who: Actor, applicationId: string, body: Record<string, unknown> = {}, options?: TransitionOptions): Promise<View> {
  await untilCurrentInterviewStarted(applicationId);
  return act('application', who, applicationId, { action: 'mark_interview_done', ...body }, 'INTERVIEW_DONE', options);
}

// ---------------------------------------------------------------------------------------------------
// Reaching a state with a fresh entity

export interface Entity {
  process: Process;
  /** The id the routes take (a company's for a company verification). */
  id: string;
  /** The projected row whose history the process writes (a company: its founder's membership). */
  rowId: string;
  workflowId: string;
  /** Application, sponsorship: a fresh candidate of the cast's référent. */
  candidate?: Person;
  /** Company: the founder who registered it. */
  founder?: { userId: string; email: string; password: string };
}

type Party = 'referent' | 'recruiter' | 'candidate' | 'admin';
type Step = readonly [action: string, by: Party];

const APPLICATION_PATHS: Record<string, readonly Step[]> = {
  PENDING_REFERENT_VALIDATION: [],
  PENDING_RECRUITER: [['validate', 'referent']],
  ACCEPTED: [['validate', 'referent'], ['accept', 'recruiter']],
  INTERVIEW_PROPOSED: [['validate', 'referent'], ['accept', 'recruiter'], ['propose_interview', 'recruiter']],
  INTERVIEW_DONE: [['validate', 'referent'], ['accept', 'recruiter'], ['propose_interview', 'recruiter'], ['mark_interview_done', 'recruiter']],
  HIRED: [['validate', 'referent'], ['accept', 'recruiter'], ['propose_interview', 'recruiter'], ['mark_interview_done', 'recruiter'], ['hire', 'recruiter']],
  NOT_HIRED: [['validate', 'referent'], ['accept', 'recruiter'], ['propose_interview', 'recruiter'], ['mark_interview_done', 'recruiter'], ['not_hire', 'recruiter']],
  REFUSED: [['validate', 'referent'], ['refuse', 'recruiter']],
  REJECTED_BY_REFERENT: [['reject', 'referent']],
  WITHDRAWN: [['withdraw', 'candidate']],
};
const OFFER_PATHS: Record<string, readonly Step[]> = {
  DRAFT: [],
  PENDING_MODERATION: [['submit', 'recruiter']],
  PUBLISHED: [['submit', 'recruiter'], ['approve', 'admin']],
  REJECTED: [['submit', 'recruiter'], ['reject', 'admin']],
  ARCHIVED: [['archive', 'recruiter']],
};
const SPONSORSHIP_PATHS: Record<string, readonly Step[]> = {
  PENDING: [],
  ACCEPTED: [['accept', 'recruiter']],
  REFUSED: [['refuse', 'recruiter']],
};
/** After registration and the confirmation link (which `reach` opens itself). */
const COMPANY_PATHS: Record<string, readonly Step[]> = {
  PENDING_ADMIN_VERIFICATION: [],
  VERIFIED: [['verify', 'admin']],
  REJECTED: [['reject', 'admin']],
};
const PATHS: Record<Process, Record<string, readonly Step[]>> = {
  application: APPLICATION_PATHS,
  offer: OFFER_PATHS,
  sponsorship: SPONSORSHIP_PATHS,
  company: COMPANY_PATHS,
};

/** The states `reach` knows how to bring a fresh entity of this process to. */
export const reachable = (process: Process): string[] => [...Object.keys(PATHS[process]), ...(process === 'company' ? ['PENDING_EMAIL_CONFIRMATION'] : [])];

/**
 * An application's refusal reason every step takes (refuse before or after an interview, not_hire), for
 * the tests that refuse without caring why (test/refusals.test.ts does).
 */
export const REFUSAL_REASON = 'POSTE_POURVU';

/** A valid body for a set-up step. */
function stepBody(process: Process, action: string, cast: Cast): Record<string, unknown> {
  switch (action) {
    case 'propose_interview':
      return { action, startsAt: inDays(3), durationMinutes: 45, mode: 'PHONE', message: 'Entretien de mise en place.' };
    case 'reject':
      return process === 'application' ? { action, message: 'Motif de mise en place.' } : { action, reason: 'Motif de mise en place.' };
    case 'refuse':
      return process === 'sponsorship' ? { action, comment: 'Motif de mise en place.' } : { action, reason: REFUSAL_REASON, message: 'Motif de mise en place.' };
    case 'not_hire':
      return { action, reason: REFUSAL_REASON, message: 'Motif de mise en place.' };
    case 'accept':
      return process === 'sponsorship' ? { action, sponsorUserId: cast.recruiter.id } : { action };
    default:
      return { action };
  }
}

export const PASSWORD = 'Recrute-Tremplin-2026!';
const CONFIRMATION_LINK = /https?:\/\/\S+\/api\/auth\/confirm-email\?token=[A-Za-z0-9_-]+/;

/** A complete, clean offer. */
export function offerBody(overrides: Record<string, unknown> = {}) {
  const token = randomUUID().slice(0, 8);
  return {
    title: `Chargé de clientèle H/F ${token}`,
    contractType: 'CDI',
    postalCode: '69003',
    city: 'Lyon',
    description: `Accueil et conseil des clients par téléphone et par écrit, suivi des dossiers. Poste aménageable. ${token}`,
    ...overrides,
  };
}

/**
 * An offer of the cast's company taken through its workflow to `PUBLISHED` (created by its recruiter,
 * approved by the admin), or left in an earlier state on the way: `DRAFT`, `PENDING_MODERATION`, `REJECTED`.
 */
export async function offerIn(cast: Cast, status: 'DRAFT' | 'PENDING_MODERATION' | 'REJECTED' | 'PUBLISHED', overrides: Record<string, unknown> = {}): Promise<string> {
  const created = await (await cast.recruiter.client()).post('/api/offers', offerBody(overrides));
  expect(created.status, `create offer: ${JSON.stringify(created.body)}`).toBe(201);
  const id = created.body.id as string;
  if (status === 'DRAFT') return id;
  await act('offer', cast.recruiter, id, { action: 'submit' }, 'PENDING_MODERATION');
  if (status === 'PENDING_MODERATION') return id;
  if (status === 'REJECTED') await act('offer', cast.admin, id, { action: 'reject', reason: 'Motif de refus de la modération.' }, 'REJECTED');
  else await act('offer', cast.admin, id, { action: 'approve' }, 'PUBLISHED');
  return id;
}

/** An address of its own for a new person signing up. */
export const uniqueEmail = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}@entreprise.test`;

/** The registration of a new company by its founder (a new SIREN, a new address), with these fields changed. */
export function registration(overrides: { company?: Record<string, unknown>; user?: Record<string, unknown> } = {}) {
  return {
    company: { siren: validSiren(), name: 'Menuiserie Solidaire', sector: 'Industrie', size: '10-49', address: '3 rue des Artisans', postalCode: '69007', city: 'Lyon', ...overrides.company },
    user: { firstName: 'Inès', lastName: 'Garnier', jobTitle: 'Responsable RH', phone: '04 72 11 22 33', email: uniqueEmail('fondatrice'), password: PASSWORD, ...overrides.user },
    acceptedTermsVersion: TERMS_VERSION as string | undefined,
  };
}

/** A sign-up as POST /api/auth/register-recruiter answered it. */
export interface Registered {
  companyId: string;
  userId: string;
  membershipId: string;
  email: string;
  password: string;
  /** The membership's workflow, read from its row. */
  workflowId: string;
}

/** Signs up through the API: 202, PENDING_EMAIL_CONFIRMATION. */
export async function register(body: ReturnType<typeof registration> = registration()): Promise<Registered> {
  const response = await new ApiClient().post('/api/auth/register-recruiter', body);
  expect(response.status, `register: ${JSON.stringify(response.body)}`).toBe(202);
  expect(response.body).toMatchObject({ status: 'PENDING_EMAIL_CONFIRMATION' });
  const { companyId, userId, membershipId } = response.body as { companyId: string; userId: string; membershipId: string };
  const { workflowId } = await rowOf('company', membershipId);
  return { companyId, userId, membershipId, email: body.user.email as string, password: body.user.password as string, workflowId };
}

/**
 * A fresh entity driven through the API to `state`, by the cast's people: applications and sponsorship
 * requests are made by the cast's référent for a new candidate of theirs (to the cast's company and its
 * offer), offers by the cast's recruiter, companies registered by a new founder who opens the link of
 * the confirmation mail.
 */
export async function reach(
  process: Process,
  state: string,
  cast: Cast,
  options: TransitionOptions & { candidate?: Person; /** An application's interview has started by then (it may be marked done). */ interviewStarted?: boolean } = {},
): Promise<Entity> {
  const path = process === 'company' && state === 'PENDING_EMAIL_CONFIRMATION' ? [] : PATHS[process][state];
  if (!path) throw new Error(`reach: no path to ${process} ${state} (known: ${reachable(process).join(', ')})`);
  const entity = await create(process, cast, state !== 'PENDING_EMAIL_CONFIRMATION', options.candidate);
  const people: Record<Party, () => Actor> = {
    referent: () => cast.referent,
    recruiter: () => cast.recruiter,
    admin: () => cast.admin,
    candidate: () => entity.candidate!,
  };
  // An interview the path marks done (or that must have started) starts in a moment.
  const startsSoon = options.interviewStarted || path.some(([action]) => action === 'mark_interview_done');
  for (const [action, by] of path) {
    if (action === 'mark_interview_done') await untilCurrentInterviewStarted(entity.id);
    const response =
      action === 'propose_interview' && startsSoon
        ? await transitionProposingSoon(people[by](), entity.id, { durationMinutes: 45, message: 'Entretien de mise en place.' }, options)
        : await transition(process, people[by](), entity.id, stepBody(process, action, cast), options);
    expect(response.status, `reach ${process} ${state}, ${action}: ${JSON.stringify(response.body)}`).toBe(200);
  }
  if (options.interviewStarted) await untilCurrentInterviewStarted(entity.id);
  const row = await rowOf(process, entity.id);
  expect(row.status, `reach ${process} ${state}: the row's status`).toBe(state);
  return entity;
}

/** `candidate`: for an application or a sponsorship request, one of the cast's référent's (default: a new one). */
async function create(process: Process, cast: Cast, confirmEmail: boolean, candidateOf?: Person): Promise<Entity> {
  const attach = async (partial: Omit<Entity, 'rowId' | 'workflowId'>): Promise<Entity> => {
    const row = await rowOf(process, partial.id);
    return { ...partial, rowId: row.rowId, workflowId: row.workflowId };
  };
  switch (process) {
    case 'application': {
      const candidate = candidateOf ?? (await createUser('CANDIDATE', { referentId: cast.referent.id }));
      const created = await (await cast.referent.client()).post('/api/applications', { offerId: cast.company.offerId, candidateId: candidate.id, message: 'Candidature proposée par son référent.' });
      expect(created.status, `create application: ${JSON.stringify(created.body)}`).toBe(201);
      return attach({ process, id: created.body.id, candidate });
    }
    case 'sponsorship': {
      const candidate = candidateOf ?? (await createUser('CANDIDATE', { referentId: cast.referent.id }));
      const created = await (await cast.referent.client()).post('/api/sponsorships', { companyId: cast.company.id, candidateId: candidate.id, message: 'Je souhaite être accompagnée dans ma reconversion.' });
      expect(created.status, `create sponsorship: ${JSON.stringify(created.body)}`).toBe(201);
      return attach({ process, id: created.body.id, candidate });
    }
    case 'offer': {
      const created = await (await cast.recruiter.client()).post('/api/offers', offerBody());
      expect(created.status, `create offer: ${JSON.stringify(created.body)}`).toBe(201);
      return attach({ process, id: created.body.id });
    }
    case 'company': {
      const { companyId, userId, email, password } = await register();
      if (confirmEmail) await confirm(email);
      return attach({ process, id: companyId, founder: { userId, email, password } });
    }
  }
}

/** The confirmation links mailed to this address, oldest first (the first mail, then the reminder), once there are `count`. */
export async function linksTo(email: string, count = 1, timeoutMs = 30_000): Promise<string[]> {
  return eventually(
    async () => {
      const links = (await mailsTo(email, /confirmez votre adresse e-mail/i)).map((m) => CONFIRMATION_LINK.exec(m.text)?.[0]).filter((l): l is string => !!l);
      return links.length >= count ? links : null;
    },
    timeoutMs,
    `${count} confirmation link(s) mailed to ${email}`,
  );
}

/** The newest e-mail confirmation link mailed to this address (the sign-up's), once it came. */
export async function confirmationLinkFor(email: string, timeoutMs = 30_000): Promise<string> {
  return (await linksTo(email, 1, timeoutMs)).at(-1)!;
}

const RESET_LINK = /https?:\/\/\S+\/reinitialiser\?token=[A-Za-z0-9_-]+/;

/** The password reset links mailed to this address, oldest first, once there are `count` of them. */
export async function resetLinksTo(email: string, count = 1, timeoutMs = 30_000): Promise<string[]> {
  return eventually(
    async () => {
      const links = (await mailsTo(email, /^Réinitialiser votre mot de passe/)).map((m) => RESET_LINK.exec(m.text)?.[0]).filter((l): l is string => !!l);
      return links.length >= count ? links : null;
    },
    timeoutMs,
    `${count} password reset link(s) mailed to ${email}`,
  );
}

/** The token a mailed link carries (`?token=`). */
export const tokenOf = (link: string) => new URL(link).searchParams.get('token')!;

/** Every address a mail's text links to (http and https), in order, each once. */
export function linksOf(mail: { text: string }): string[] {
  return [...new Set(mail.text.match(/https?:\/\/[^\s<>"]+/g) ?? [])];
}

/** Opens a link of a mail (its path on the API under test), as a browser would, or asking for JSON. */
export async function openLink(link: string, as: 'html' | 'json' = 'html'): Promise<ApiResponse> {
  const url = new URL(link);
  return new ApiClient().request('GET', `${url.pathname}${url.search}`, undefined, { accept: as === 'json' ? 'application/json' : 'text/html' });
}

/** Opens the newest confirmation link mailed to this address (`links`: how many they received by then): CONFIRMED; returns it. */
export async function confirm(email: string, links = 1): Promise<string> {
  const link = (await linksTo(email, links)).at(-1)!;
  const opened = await openLink(link, 'json');
  expect(opened.status, `confirmation link: ${JSON.stringify(opened.body)}`).toBe(200);
  expect(opened.body.outcome, `confirmation link: ${JSON.stringify(opened.body)}`).toBe('CONFIRMED');
  return link;
}

// ---------------------------------------------------------------------------------------------------
// Starting a workflow with the Temporal client (second-scale timers, another task queue), with the input the API builds

export interface Started {
  id: string;
  /** The id the workflow was started with. */
  workflowId: string;
  candidate: Person;
  /** The creation time given to the workflow (ms). */
  createdAt: number;
}

interface StartOptions<Timers> {
  /** Default: a new candidate of the cast's référent. */
  candidate?: Person;
  /** Default: none for an application, a fixed one for a sponsorship request. */
  message?: string;
  timers?: Timers;
  /** Default: the harness's. */
  taskQueue?: string;
  /** Default: wait (15 s) for the row the workflow's first activity writes (the API reads it from there). */
  waitForRow?: boolean;
  /**
   * Default: now. A case the API would have started that long ago: its creation event and its state's
   * start carry this time, and its timers count from it (those already due fire at once).
   */
  createdAt?: Date;
}

/** An application of a candidate of the cast's référent to the cast's offer, started with the Temporal client. */
export function startApplication(cast: Cast, options: StartOptions<Partial<ApplicationTimers>> & { anonymous?: boolean } = {}): Promise<Started> {
  return startCase('application', cast, options, (id, shared) => ({
    applicationId: id,
    ...shared,
    offerId: cast.company.offerId,
    message: options.message ?? null,
    screeningAnswer: null,
    cvDocumentId: null,
    // Seed 002: as the API starts an application to an anonymous offer.
    ...(options.anonymous ? { anonymous: true } : {}),
  }));
}

/** A sponsorship request of a candidate of the cast's référent to the cast's company, started with the Temporal client. */
export function startSponsorship(cast: Cast, options: StartOptions<NonNullable<SponsorshipWorkflowInput['timers']>> = {}): Promise<Started> {
  return startCase('sponsorship', cast, options, (id, shared) => ({ sponsorshipId: id, ...shared, message: options.message ?? 'Demande aux minuteries courtes.' }));
}

/** A candidate's case started with the Temporal client: its input is `inputOf` the parts both processes share. */
async function startCase<Name extends 'application' | 'sponsorship'>(
  name: Name,
  cast: Cast,
  options: StartOptions<object>,
  inputOf: (id: string, shared: Pick<ApplicationWorkflowInput, 'parties' | 'createdBy' | 'createdAt'>) => Omit<InputOf<Name>, 'timers'>,
): Promise<Started> {
  const candidate = options.candidate ?? (await createUser('CANDIDATE', { referentId: cast.referent.id }));
  const id = randomUUID();
  const createdAt = options.createdAt ?? new Date();
  const shared = {
    parties: { candidateId: candidate.id, companyId: cast.company.id, referentId: cast.referent.id, missionOfficerId: cast.missionOfficer.id },
    createdBy: { id: candidate.id, role: 'CANDIDATE' as const },
    createdAt: createdAt.toISOString(),
  };
  const input = { ...inputOf(id, shared), ...(options.timers ? { timers: options.timers } : {}) } as InputOf<Name>;
  await startProcess(await temporalClient(), options.taskQueue ?? inject('taskQueue'), name, input);
  const { table } = PROCESSES[name];
  if (options.waitForRow ?? true) await eventually(async () => (await sql(`SELECT 1 FROM ${table} WHERE id = $1`, [id])).length === 1, 15_000, `${name} row`);
  return { id, workflowId: workflowIdOf(name, id), candidate, createdAt: createdAt.getTime() };
}

/**
 * A founder's sign-up written as the API writes it (company, user, membership, its first event), its
 * workflow started with the Temporal client and these timers (the API always uses the defaults).
 */
export async function startCompanyVerification(timers: CompanyVerificationInput['timers'], name = 'Boulangerie Minute'): Promise<Registered & { createdAt: number }> {
  const companyId = randomUUID();
  const userId = randomUUID();
  const membershipId = randomUUID();
  const workflowId = workflowIdOf('membership', membershipId);
  const email = uniqueEmail('minuterie');
  const createdAt = new Date();
  await sql(
    `INSERT INTO companies (id, siren, name, city, status, status_changed_at, workflow_id) VALUES ($1, $2, $3, 'Lyon', 'PENDING_EMAIL_CONFIRMATION', $4, $5)`,
    [companyId, validSiren(), name, createdAt, workflowId],
  );
  await sql(
    `INSERT INTO users (id, email, password_hash, role, first_name, last_name, company_id) VALUES ($1, $2, $3, 'RECRUITER', 'Théo', 'Minute', $4)`,
    [userId, email, await hashPassword(PASSWORD), companyId],
  );
  await sql(
    `INSERT INTO company_memberships (id, company_id, user_id, kind, status, status_changed_at, workflow_id) VALUES ($1, $2, $3, 'FOUNDER', 'PENDING_EMAIL_CONFIRMATION', $4, $5)`,
    [membershipId, companyId, userId, createdAt, workflowId],
  );
  await sql(
    `INSERT INTO membership_events (membership_id, seq, type, to_status, actor_id, actor_role, at) VALUES ($1, 0, 'registered', 'PENDING_EMAIL_CONFIRMATION', $2, 'RECRUITER', $3)`,
    [membershipId, userId, createdAt],
  );
  const input: CompanyVerificationInput = {
    membershipId,
    companyId,
    userId,
    kind: 'FOUNDER',
    createdAt: createdAt.toISOString(),
    createdBy: { id: userId, role: 'RECRUITER', companyId },
    timers,
  };
  await startProcess(await temporalClient(), inject('taskQueue'), 'membership', input);
  return { companyId, userId, membershipId, email, password: PASSWORD, workflowId, createdAt: createdAt.getTime() };
}

// ---------------------------------------------------------------------------------------------------
// The database

export interface Row {
  /** The projected row (a company: its founder's membership, or the membership named). */
  rowId: string;
  status: string;
  workflowId: string;
}

/** The entity's row; waits (boundedly) for its workflow to be attached. For a company, `id` is the company's or a membership's. */
export async function rowOf(process: Process, id: string, timeoutMs = 15_000): Promise<Row> {
  const { table } = PROCESSES[process];
  const query =
    process === 'company'
      ? `SELECT id, status, workflow_id FROM company_memberships WHERE id = $1 OR (company_id = $1 AND kind = 'FOUNDER') ORDER BY (id = $1) DESC LIMIT 1`
      : `SELECT id, status, workflow_id FROM ${table} WHERE id = $1`;
  const row = await eventually(async () => (await sql<{ id: string; status: string; workflow_id: string | null }>(query, [id])).find((r) => r.workflow_id), timeoutMs, `${process} ${id} with its workflow id`);
  return { rowId: row.id, status: row.status, workflowId: row.workflow_id! };
}

export interface HistoryRow {
  seq: number;
  type: string;
  fromStatus: string | null;
  toStatus: string | null;
  actorId: string | null;
  actorRole: string | null;
  message: string | null;
  data: Record<string, unknown> | null;
  at: Date;
}

/** The entity's history rows in the database, oldest first. */
export async function eventsOf(process: Process, id: string): Promise<HistoryRow[]> {
  const { events, key } = PROCESSES[process];
  const rowId = process === 'company' ? (await rowOf(process, id)).rowId : id;
  return sql<HistoryRow>(
    `SELECT seq, type, from_status AS "fromStatus", to_status AS "toStatus", actor_id AS "actorId", actor_role AS "actorRole", message, data, at
     FROM ${events} WHERE ${key} = $1 ORDER BY seq`,
    [rowId],
  );
}

export interface InterviewRow {
  id: string;
  round: number;
  status: string;
  startsAt: string;
  icsSequence: number;
  proposedBy: string | null;
}

/** An application's interviews in the database, by round. */
export async function interviewsOf(applicationId: string): Promise<InterviewRow[]> {
  const rows = await sql(
    `SELECT id, round, status, starts_at, ics_sequence, proposed_by FROM interviews WHERE application_id = $1 ORDER BY round, created_at`,
    [applicationId],
  );
  return rows.map((r) => ({ id: r.id, round: r.round, status: r.status, startsAt: new Date(r.starts_at).toISOString(), icsSequence: r.ics_sequence, proposedBy: r.proposed_by }));
}

// ---------------------------------------------------------------------------------------------------
// Mails

/** The invitation of a mail, with folded lines joined back (RFC 5545 §3.1). */
export function invitationOf(mail: CaughtMail): string {
  const attachment = mail.attachments.find((a) => a.filename === 'invitation.ics');
  expect(attachment, `invitation in "${mail.subject}"`).toBeDefined();
  expect(attachment!.contentType).toBe('text/calendar');
  return attachment!.content.replace(/\r\n[ \t]/g, '');
}

/** One property of an invitation (`SEQUENCE`, `UID`, `METHOD`…), parameters left out. */
export const icsProperty = (ics: string, name: string) => new RegExp(`^${name}(?:;[^:\\r\\n]*)?:(.*)$`, 'm').exec(ics)?.[1]?.trim();

let fetching: Promise<CaughtMail[]> | undefined;
/** Every mail caught so far; callers waiting at the same time share one fetch. */
export function mailbox(): Promise<CaughtMail[]> {
  return (fetching ??= mails().finally(() => {
    fetching = undefined;
  }));
}

export interface MailFilter {
  /** Sent to this address (among others). */
  to?: string;
  subject?: RegExp;
}

/** The mails of a list sent to `to`, with a subject matching `subject`. */
export const matching = (list: CaughtMail[], { to, subject }: MailFilter): CaughtMail[] =>
  list.filter((m) => (!to || m.envelopeTo.includes(to)) && (!subject || subject.test(m.subject)));

/** The mails sent to this address (`subject` filters), from `all` or the mail catcher. */
export async function mailsTo(email: string, subject?: RegExp, all?: CaughtMail[]): Promise<CaughtMail[]> {
  return matching(all ?? (await mails(email)), { to: email, subject });
}

/** The temporary password mailed to a new account (a colleague, a candidate, a référent someone created). */
export async function temporaryPasswordOf(email: string, timeoutMs = 30_000): Promise<string> {
  return eventually(async () => /Mot de passe provisoire\s*:\s*(\S+)/.exec((await mailsTo(email)).at(0)?.text ?? '')?.[1], timeoutMs, `the temporary password of ${email}`);
}

/**
 * Mails about one entity: those whose text links to its page (/candidatures/:id, /offres/:id,
 * /parrainages/:id); for a company, those sent to the people of its memberships. `filter` narrows
 * them; `all` is the list to search (default: the mail catcher's).
 */
export async function mailsAbout(process: Process, id: string, filter: MailFilter = {}, all?: CaughtMail[]): Promise<CaughtMail[]> {
  const link = PROCESSES[process].link;
  let about: (m: CaughtMail) => boolean;
  if (link) {
    about = (m) => m.text.includes(`${link}${id}`);
  } else {
    const people = await sql<{ email: string }>(
      `SELECT u.email FROM company_memberships m JOIN users u ON u.id = m.user_id WHERE m.company_id = $1 OR m.id = $1`,
      [id],
    );
    const emails = new Set(people.map((p) => p.email.toLowerCase()));
    about = (m) => m.envelopeTo.some((to) => emails.has(to.toLowerCase()));
  }
  return matching((all ?? (await mailbox())).filter(about), filter);
}

/**
 * Waits until the workflow has nothing left to tell: no pending activity, none of its notices left in
 * the notice queue, and every outbox row of the workflow sent. Throws, naming what is left, after `timeoutMs`.
 */
export async function outboxDrained(workflowId: string, timeoutMs = 30_000): Promise<void> {
  const handle = (await temporalClient()).workflow.getHandle(workflowId);
  let left = '';
  try {
    await eventually(
      async () => {
        const description = await handle.describe();
        const pending = description.raw.pendingActivities ?? [];
        const [outbox] = await sql<{ unsent: number; queued: number }>(
          `SELECT (SELECT count(*) FROM email_outbox WHERE workflow_id = $1 AND status <> 'SENT')::int AS unsent,
                  (SELECT count(*) FROM notice_queue WHERE workflow_id = $1)::int AS queued`,
          [workflowId],
        );
        left = `${pending.length} pending activit(ies) [${pending.map((a) => `${a.activityType?.name} attempt ${a.attempt}: ${a.lastFailure?.message ?? ''}`).join('; ')}], ${outbox?.queued ?? 0} queued notice(s), ${outbox?.unsent ?? 0} unsent mail(s)`;
        return pending.length === 0 && (outbox?.queued ?? 0) === 0 && (outbox?.unsent ?? 0) === 0;
      },
      timeoutMs,
      `the outbox of ${workflowId}`,
    );
  } catch {
    throw new Error(`${workflowId} still has something to tell after ${timeoutMs / 1000} s: ${left}`);
  }
}

// ---------------------------------------------------------------------------------------------------
// Temporal

/** The workflow's search attributes, by name. */
export async function searchAttributes(workflowId: string): Promise<Record<string, unknown>> {
  const description = await (await temporalClient()).workflow.getHandle(workflowId).describe();
  return Object.fromEntries(description.typedSearchAttributes.getAll().map((pair) => [pair.key.name, pair.value]));
}

/** The workflow run's status: RUNNING, COMPLETED, FAILED, TERMINATED… */
export async function runStatus(workflowId: string): Promise<string> {
  return (await (await temporalClient()).workflow.getHandle(workflowId).describe()).status.name;
}

/** The workflow's own view: its `snapshot` query ({status, events, …}; applications add `interviews`). */
export async function snapshotOf<T = Record<string, any>>(workflowId: string, timeoutMs = 10_000): Promise<T> {
  const client = await temporalClient();
  return within(
    client.withDeadline(Date.now() + timeoutMs, () => client.workflow.getHandle(workflowId).query<T>('snapshot')),
    timeoutMs + 1_000,
    `snapshot query of ${workflowId}`,
  );
}

export type HistoryEvent = temporal.api.history.v1.IHistoryEvent;

/** The workflow's event history. */
export async function workflowHistoryOf(workflowId: string): Promise<HistoryEvent[]> {
  const history = await (await temporalClient()).workflow.getHandle(workflowId).fetchHistory();
  return history.events ?? [];
}

export interface UpdateRecord {
  updateId: string;
  name: string;
  /** The update's first argument as accepted (for transitions: the request with its `action` and `actor`). */
  request: any;
  successes: number;
  failures: number;
}

/** The Updates a history accepted, with how many times each completed successfully or with a failure. */
export async function updatesIn(events: HistoryEvent[]): Promise<UpdateRecord[]> {
  const converter = (await temporalClient()).options.loadedDataConverter.payloadConverter;
  const byId = new Map<string, UpdateRecord>();
  const recordOf = (updateId: string) => {
    let record = byId.get(updateId);
    if (!record) byId.set(updateId, (record = { updateId, name: '', request: undefined, successes: 0, failures: 0 }));
    return record;
  };
  for (const event of events) {
    const accepted = event.workflowExecutionUpdateAcceptedEventAttributes;
    if (accepted?.acceptedRequest) {
      const record = recordOf(accepted.acceptedRequest.meta?.updateId ?? accepted.protocolInstanceId ?? '');
      record.name = accepted.acceptedRequest.input?.name ?? '';
      const payloads = accepted.acceptedRequest.input?.args?.payloads;
      record.request = payloads?.length ? fromPayloadsAtIndex(converter, 0, await decodePayloads(payloads)) : undefined;
    }
    const completed = event.workflowExecutionUpdateCompletedEventAttributes;
    if (completed) {
      const record = recordOf(completed.meta?.updateId ?? '');
      if (completed.outcome?.success) record.successes++;
      else record.failures++;
    }
  }
  return [...byId.values()];
}

/** Successful Update completions in a history, per update id (more than 1 for an id is a bug). */
export async function successfulUpdateCompletions(events: HistoryEvent[]): Promise<Map<string, number>> {
  return new Map((await updatesIn(events)).filter((u) => u.successes > 0).map((u) => [u.updateId, u.successes]));
}

/**
 * Everything a workflow's history says in words: every payload decrypted as the worker reads it
 * (inputs, Update arguments and results, activity inputs and results, search attributes, memo) and
 * every failure message. What must never reach Temporal (an accommodation need…) is looked for here.
 */
export async function historyText(workflowId: string): Promise<string> {
  const events = await workflowHistoryOf(workflowId);
  const payloads: Payload[] = [];
  const strings: string[] = [];
  const walk = (value: unknown): void => {
    if (typeof value === 'string') strings.push(value);
    if (!value || typeof value !== 'object' || value instanceof Uint8Array) return;
    const object = value as { data?: unknown; metadata?: unknown };
    if (object.data instanceof Uint8Array && object.metadata && typeof object.metadata === 'object') {
      payloads.push(object as Payload);
      return;
    }
    for (const child of Object.values(object)) walk(child);
  };
  walk(events);
  const decoded = await decodePayloads(payloads);
  return [...decoded.map((p) => Buffer.from(p.data ?? new Uint8Array()).toString('utf8')), ...strings].join('\n');
}

/** Accommodation needs for interviews saved by the candidate themself (PUT /api/me/accommodations), which must succeed. */
export async function saveAccommodations(candidate: Actor, body: { needs: string[]; details?: string | null; shareWithCompanies: boolean }): Promise<any> {
  const client = candidate instanceof ApiClient ? candidate : await candidate.client();
  const saved = await client.put('/api/me/accommodations', body);
  expect(saved.status, `accommodations: ${JSON.stringify(saved.body)}`).toBe(200);
  return saved.body;
}

// ---------------------------------------------------------------------------------------------------
// Application threads (api/messages)

/** Posts into an application's thread as this person; the raw answer. */
export async function postMessage(who: Actor, applicationId: string, body: string, more: { documentId?: string; idempotencyKey?: string } = {}): Promise<ApiResponse> {
  const session = await sessionOf(who);
  const { idempotencyKey, ...fields } = more;
  return session.post(`/api/applications/${applicationId}/messages`, { body, ...fields }, idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : undefined);
}

/** The digest mails of an application's thread sent to this address. */
export async function digestsTo(email: string): Promise<CaughtMail[]> {
  return mailsTo(email, /^Nouveaux? messages? — /);
}

// ---------------------------------------------------------------------------------------------------
// Documents

/** A candidate uploads `bytes` as their CV (201 expected); its id. */
export async function uploadCv(candidate: Actor, bytes: Buffer, filename = 'cv.pdf'): Promise<string> {
  const created = await (await sessionOf(candidate)).post('/api/me/documents', { kind: 'CV', filename, contentBase64: bytes.toString('base64') });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body.id;
}

/**
 * A candidate of `referent` applies to `offerId` with a CV of these bytes, and the référent validates:
 * the application reaches the company (PENDING_RECRUITER). Its id and its CV's.
 */
export async function sentApplicationWithCv(candidate: Person, referent: Actor, offerId: string, bytes: Buffer, filename = 'cv.pdf'): Promise<{ applicationId: string; documentId: string }> {
  const documentId = await uploadCv(candidate, bytes, filename);
  const applied = await (await candidate.client()).post('/api/applications', { offerId, cvDocumentId: documentId });
  expect(applied.status, JSON.stringify(applied.body)).toBe(201);
  await act('application', referent, applied.body.id, { action: 'validate' }, 'PENDING_RECRUITER');
  return { applicationId: applied.body.id, documentId };
}

/** A GET as this person, its bytes as they came (files: CSV, ZIP, documents). */
export async function rawGet(who: Actor, pathname: string): Promise<{ status: number; bytes: Buffer; headers: Headers }> {
  const session = await sessionOf(who);
  const response = await fetch(`${apiUrl()}${pathname}`, { headers: session.cookie ? { cookie: session.cookie } : {}, redirect: 'manual' });
  return { status: response.status, bytes: Buffer.from(await response.arrayBuffer()), headers: response.headers };
}

/** A ZIP checked by the system's `unzip -t`, then extracted: its files' names and bytes. */
export function unzipped(bytes: Buffer): Map<string, Buffer> {
  const dir = mkdtempSync(join(tmpdir(), 'tremplin-zip-'));
  try {
    const file = join(dir, 'archive.zip');
    writeFileSync(file, bytes);
    execFileSync('unzip', ['-tq', file]);
    execFileSync('unzip', ['-q', file, '-d', join(dir, 'out')]);
    const out = join(dir, 'out');
    return new Map(readdirSync(out).map((name) => [name, readFileSync(join(out, name))]));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
