// The load of a chaos run: several concurrent clients drive cases through the HTTP API, each case to a
// final state along one of many paths (or parked half-way on purpose), and keep a ledger of what the
// API acknowledged. Mostly applications (every action, every final state, with and without a
// référent), plus sponsorship requests, offers through moderation and company registrations
// (confirmed by the link of the mail, then verified or rejected), so every process sees the faults.
//
// A request that fails with 5xx, a dropped connection or a timeout is *ambiguous*: it may have
// landed. Transitions are not idempotent, but every action is refused (409) from the state it leads
// to, and each case is driven by one client at a time, so the same request is simply sent again:
// 200 means it had not landed and now has; 409 means it had (checked against the entity's state, and
// counted as "landed after ambiguous", not as lost or duplicated); the e-mail confirmation link says
// ALREADY_CONFIRMED instead. Creations are resolved before any retry, from the workflow side (see
// resolveCreate in scripts/chaos.ts), never by blindly posting again. See the header of
// scripts/chaos.ts for the reasoning.
import { randomUUID } from 'node:crypto';
import { luhnValid } from '../../workflows/company-numbers.js';
import type { ProcessName } from '../../workflows/processes.js';
import { CHAOS_PASSWORD, type ChaosCast, type CastCandidate, type CastCompany, type CastPerson } from './cast.js';
import { ChaosClient, isAmbiguous, type HttpResult } from './http.js';
import { sleep } from './services.js';

export type CaseKind = ProcessName;

export interface LandedTransition {
  action: string;
  how: 'ack' | 'ack-after-retry' | 'landed-409-after-ambiguous';
}

export interface CaseRecord {
  kind: CaseKind;
  path: string;
  id: string | null;
  workflowId: string | null;
  creation: 'ack' | 'ack-after-retry' | 'found-after-ambiguous' | 'failed' | null;
  /** History event types the case must have, in order (creation events, then each landed action). */
  expectedEvents: string[];
  landed: LandedTransition[];
  expectedStatus: string | null;
  parked: boolean;
  /** Why the case stopped before its path's end, if it did (an answer the run did not expect). */
  abandoned: string | null;
  /** An ambiguous request never resolved before its deadline: the checks accept either outcome for it. */
  unresolved: string | null;
}

export interface LoadCounters {
  requests: number;
  acknowledged: number;
  ambiguous: number;
  ackAfterRetry: number;
  landed409AfterAmbiguous: number;
  unresolved: number;
  unexpected: Array<{ case: string; action: string; status: number; body: string }>;
}

export interface LoadOptions {
  cast: ChaosCast;
  clients: Map<string, ChaosClient>;
  concurrency: number;
  /** New cases start until then; running ones go on to their end. */
  until: number;
  thinkMs: [number, number];
  /** How long one ambiguous request keeps being retried. */
  stepDeadlineMs: number;
  /** Share of cases parked before their end. */
  parkRatio: number;
  /** Share of sponsorship and offer cases among the cases (the rest: applications). */
  sideRatio: number;
  /** Whether a creation whose answer was lost landed: the id, null, or undefined (cannot tell yet). */
  resolveCreate: (kind: CaseKind, keys: Record<string, string>) => Promise<string | null | undefined>;
  /** The e-mail confirmation link sent to this address, once the mail arrived. */
  confirmationLink: (email: string) => string | null;
  apiUrl: string;
  log: (line: string) => void;
}

interface Step {
  action: string;
  client: ChaosClient;
  body: Record<string, unknown>;
  /** The status the action leads to. */
  to: string;
  /** confirm_interview keeps the status: what else shows it landed. */
  landed?: (view: any) => boolean;
  /** Instead of POSTing the body to the case's transitions (the e-mail link); null: cannot be sent yet. */
  send?: () => Promise<HttpResult | null>;
  /** A 200 that says an earlier attempt did it (the link's ALREADY_CONFIRMED). */
  alreadyDone?: (body: any) => boolean;
}

interface Plan {
  kind: CaseKind;
  path: string;
  creation: {
    client: ChaosClient;
    path: string;
    body: Record<string, unknown>;
    keys: Record<string, string>;
    initialStatus: string;
    /** 201, or 202 for a registration. */
    status?: number;
    /** The case's id in the answer (default: `id`). */
    idOf?: (body: any) => string;
    /** The case's id from what resolveCreate found (default: as is). */
    adopt?: (found: string) => string;
  };
  creationEvents: string[];
  /** Where the case's transitions go and where it is read (default: base/id). */
  transitions?: (id: string) => string;
  view?: (id: string) => string;
  base: string;
  viewer: ChaosClient;
  steps: Step[];
}

const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;
const chance = (p: number) => Math.random() < p;
const between = ([min, max]: [number, number]) => min + Math.random() * (max - min);
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000 + Math.floor(Math.random() * 3_600_000)).toISOString();

// ---- Application paths ----

type Who = 'referent' | 'recruiter' | 'candidate';
interface StepDef {
  action: string;
  who: Who;
  to: string;
  mode?: 'PHONE' | 'VIDEO' | 'CHAT' | 'IN_PERSON';
  message?: boolean;
}
interface PathDef {
  name: string;
  referent: boolean;
  steps: StepDef[];
}

const s = (action: string, who: Who, to: string, extra: Partial<StepDef> = {}): StepDef => ({ action, who, to, ...extra });
const validate = s('validate', 'referent', 'PENDING_RECRUITER');
const accept = s('accept', 'recruiter', 'ACCEPTED');
const propose = (mode: StepDef['mode']) => s('propose_interview', 'recruiter', 'INTERVIEW_PROPOSED', { mode });
const confirm = s('confirm_interview', 'candidate', 'INTERVIEW_PROPOSED');
const done = s('mark_interview_done', 'recruiter', 'INTERVIEW_DONE');
const cancel = s('cancel_interview', 'recruiter', 'ACCEPTED');
const refuse = s('refuse', 'recruiter', 'REFUSED', { message: true });
const withdraw = s('withdraw', 'candidate', 'WITHDRAWN');

/** Every action from every state it may be taken in, and every final state, across these paths. */
export const APPLICATION_PATHS: PathDef[] = [
  { name: 'hired', referent: true, steps: [validate, accept, propose('PHONE'), confirm, done, s('hire', 'recruiter', 'HIRED')] },
  { name: 'rejected-by-referent', referent: true, steps: [s('reject', 'referent', 'REJECTED_BY_REFERENT', { message: true })] },
  { name: 'refused-pending', referent: true, steps: [validate, refuse] },
  { name: 'not-hired-second-round', referent: true, steps: [validate, accept, propose('IN_PERSON'), cancel, propose('VIDEO'), done, s('not_hire', 'recruiter', 'NOT_HIRED', { message: true })] },
  { name: 'hired-two-rounds-no-referent', referent: false, steps: [accept, propose('CHAT'), done, propose('PHONE'), confirm, done, s('hire', 'recruiter', 'HIRED')] },
  { name: 'refused-after-confirmed-interview', referent: true, steps: [validate, accept, propose('PHONE'), confirm, refuse] },
  { name: 'withdrawn-accepted', referent: true, steps: [validate, accept, withdraw] },
  { name: 'withdrawn-pending-recruiter', referent: false, steps: [withdraw] },
  { name: 'withdrawn-pending-validation', referent: true, steps: [withdraw] },
  { name: 'refused-no-referent', referent: false, steps: [refuse] },
  { name: 'refused-after-interview', referent: false, steps: [accept, propose('VIDEO'), done, refuse] },
  { name: 'withdrawn-during-interview', referent: true, steps: [validate, accept, propose('PHONE'), withdraw] },
  { name: 'refused-accepted', referent: false, steps: [accept, refuse] },
];

// ---- The generator ----

export function createLoad(options: LoadOptions) {
  const { cast, clients } = options;
  const cases: CaseRecord[] = [];
  const counters: LoadCounters = { requests: 0, acknowledged: 0, ambiguous: 0, ackAfterRetry: 0, landed409AfterAmbiguous: 0, unresolved: 0, unexpected: [] };
  const usedPairs = new Set<string>();
  let pathTurn = 0;
  let offerPathTurn = 0;
  let sideKindTurn = 0;
  let offerNumber = 0;

  const client = (person: CastPerson) => {
    const found = clients.get(person.email);
    if (!found) throw new Error(`no session for ${person.email}`);
    return found;
  };
  const companyOf = (offerId: string) => cast.companies.find((c) => c.offerIds.includes(offerId))!;

  const actorFor = (who: Who, candidate: CastCandidate, company: CastCompany): CastPerson => {
    switch (who) {
      case 'referent': {
        const roll = Math.random();
        if (roll < 0.15) return candidate.missionOfficer!;
        if (roll < 0.25) return cast.admin;
        return candidate.referent!;
      }
      case 'recruiter':
        return pick(company.recruiters);
      case 'candidate':
        return candidate.referent && chance(0.25) ? candidate.referent : candidate;
    }
  };

  function applicationPlan(): Plan | null {
    // Paths in turn (so each is run), a candidate that fits it, an offer it has not applied to.
    for (let attempt = 0; attempt < 50; attempt++) {
      const path = APPLICATION_PATHS[pathTurn++ % APPLICATION_PATHS.length]!;
      const candidates = cast.candidates.filter((c) => Boolean(c.referent) === path.referent);
      const candidate = pick(candidates);
      const offerId = pick(cast.companies.flatMap((c) => c.offerIds));
      const pair = `application:${candidate.id}:${offerId}`;
      if (usedPairs.has(pair)) continue;
      usedPairs.add(pair);
      const company = companyOf(offerId);
      const byReferent = candidate.referent && chance(0.25);
      return {
        kind: 'application',
        path: path.name,
        creation: {
          client: byReferent ? client(candidate.referent!) : client(candidate),
          path: '/api/applications',
          body: { offerId, message: 'Candidature envoyée pendant le test de pannes.', ...(byReferent ? { candidateId: candidate.id } : {}) },
          keys: { CandidateId: candidate.id, OfferId: offerId },
          initialStatus: candidate.referent ? 'PENDING_REFERENT_VALIDATION' : 'PENDING_RECRUITER',
        },
        creationEvents: candidate.referent ? ['created'] : ['created', 'referent_skipped'],
        base: '/api/applications',
        viewer: client(candidate),
        steps: path.steps.map((def) => ({
          action: def.action,
          client: client(actorFor(def.who, candidate, company)),
          to: def.to,
          body: {
            action: def.action,
            ...(def.message ? { message: `Motif de ${def.action}.` } : {}),
            ...(def.mode
              ? { startsAt: inDays(7 + Math.random() * 7), durationMinutes: 45, mode: def.mode, ...(def.mode === 'IN_PERSON' ? { location: '3 rue de la Paix, Lyon' } : {}) }
              : {}),
          },
          ...(def.action === 'confirm_interview' ? { landed: (view: any) => view?.interviews?.at(-1)?.status === 'CONFIRMED' } : {}),
        })),
      };
    }
    return null;
  }

  function sponsorshipPlan(): Plan | null {
    for (let attempt = 0; attempt < 50; attempt++) {
      const candidate = pick(cast.candidates);
      const company = pick(cast.companies);
      const pair = `sponsorship:${candidate.id}:${company.id}`;
      if (usedPairs.has(pair)) continue;
      usedPairs.add(pair);
      const recruiter = client(pick(company.recruiters));
      const accepted = chance(0.5);
      return {
        kind: 'sponsorship',
        path: accepted ? 'sponsorship-accepted' : 'sponsorship-refused',
        creation: {
          client: client(candidate),
          path: '/api/sponsorships',
          body: { companyId: company.id, message: 'Demande de parrainage pendant le test de pannes.' },
          keys: { CandidateId: candidate.id, CompanyId: company.id },
          initialStatus: 'PENDING',
        },
        creationEvents: ['created'],
        base: '/api/sponsorships',
        viewer: client(candidate),
        steps: [
          accepted
            ? { action: 'accept', client: recruiter, to: 'ACCEPTED', body: { action: 'accept', sponsorUserId: pick(company.recruiters).id } }
            : { action: 'refuse', client: recruiter, to: 'REFUSED', body: { action: 'refuse', comment: 'Pas de parrain disponible.' } },
        ],
      };
    }
    return null;
  }

  function offerPlan(): Plan {
    const company = pick(cast.companies);
    const recruiter = client(pick(company.recruiters));
    const admin = client(cast.admin);
    const title = `Offre chaos ${++offerNumber} ${randomUUID().slice(0, 8)} H/F`;
    const submit = { action: 'submit', client: recruiter, to: 'PENDING_MODERATION', body: { action: 'submit' } };
    const approve = { action: 'approve', client: admin, to: 'PUBLISHED', body: { action: 'approve' } };
    const reject = { action: 'reject', client: admin, to: 'REJECTED', body: { action: 'reject', reason: 'Précisez les missions.' } };
    const archive = (by: ChaosClient) => ({ action: 'archive', client: by, to: 'ARCHIVED', body: { action: 'archive', reason: 'Poste pourvu.' } });
    const paths: Array<[string, Step[]]> = [
      ['offer-published-archived', [submit, approve, archive(recruiter)]],
      ['offer-rejected-resubmitted', [submit, reject, { ...submit }, approve]],
      ['offer-draft-archived', [archive(recruiter)]],
      ['offer-pending-archived-by-admin', [submit, archive(admin)]],
    ];
    const [path, steps] = paths[offerPathTurn++ % paths.length]!;
    return {
      kind: 'offer',
      path,
      creation: {
        client: recruiter,
        path: '/api/offers',
        body: { title, contractType: 'CDI', postalCode: '69003', city: 'Lyon', description: 'Une offre créée pendant le test de pannes, pour la modération.' },
        keys: { title, companyId: company.id },
        initialStatus: 'DRAFT',
      },
      creationEvents: ['created'],
      base: '/api/offers',
      viewer: recruiter,
      steps,
    };
  }

  let sirenNumber = 0;
  const newSiren = () => {
    const body = `9${String(Date.now() % 1_000_000).padStart(6, '0')}${String(++sirenNumber % 10)}`;
    for (let key = 0; key < 10; key++) if (luhnValid(`${body}${key}`)) return `${body}${key}`;
    throw new Error('unreachable');
  };
  const companyOfMembership = new Map<string, string>();

  function membershipPlan(): Plan {
    const email = `chaos-fondatrice-${randomUUID().slice(0, 8)}@chaos.test`;
    const name = `Société chaos ${randomUUID().slice(0, 8)}`;
    const admin = client(cast.admin);
    const anonymous = new ChaosClient(options.apiUrl, email, 60_000);
    const verified = chance(0.6);
    const confirm: Step = {
      action: 'confirm_email',
      client: anonymous,
      body: {},
      to: 'PENDING_ADMIN_VERIFICATION',
      send: async () => {
        const link = options.confirmationLink(email);
        return link ? anonymous.get(link.replace(/^https?:\/\/[^/]+/, '')) : null;
      },
      alreadyDone: (body) => body?.outcome === 'ALREADY_CONFIRMED',
    };
    const decide: Step = verified
      ? { action: 'verify', client: admin, body: { action: 'verify' }, to: 'VERIFIED' }
      : { action: 'reject', client: admin, body: { action: 'reject', reason: 'SIREN introuvable au répertoire.' }, to: 'REJECTED' };
    return {
      kind: 'membership',
      path: verified ? 'company-verified' : 'company-rejected',
      creation: {
        client: anonymous,
        path: '/api/auth/register-recruiter',
        body: {
          company: { siren: newSiren(), name, sector: 'Industrie', size: '10-49', address: '3 rue des Artisans', postalCode: '69007', city: 'Lyon' },
          user: { firstName: 'Inès', lastName: 'Chaos', jobTitle: 'Responsable RH', phone: '04 72 11 22 33', email, password: CHAOS_PASSWORD },
        },
        keys: { email },
        initialStatus: 'PENDING_EMAIL_CONFIRMATION',
        status: 202,
        idOf: (body) => {
          companyOfMembership.set(body.membershipId, body.companyId);
          return body.membershipId;
        },
        // resolveCreate finds `membershipId companyId`.
        adopt: (found) => {
          const [membershipId, companyId] = found.split(' ') as [string, string];
          companyOfMembership.set(membershipId, companyId);
          return membershipId;
        },
      },
      creationEvents: ['registered'],
      transitions: (id) => `/api/companies/${companyOfMembership.get(id)}/transitions`,
      view: (id) => `/api/companies/${companyOfMembership.get(id)}`,
      base: '/api/companies',
      viewer: admin,
      steps: [confirm, decide],
    };
  }

  const caseName = (record: CaseRecord) => `${record.kind} ${record.id ?? '(not created)'} [${record.path}]`;

  /** GET the entity until the API answers (a case found after an ambiguous creation may take a moment to appear). */
  async function view(plan: Plan, id: string, by: ChaosClient, deadline: number): Promise<any | null> {
    for (;;) {
      const response = await by.get(plan.view ? plan.view(id) : `${plan.base}/${id}`, 15_000);
      if (response.status === 200) return response.body;
      if (Date.now() > deadline) return null;
      await sleep(500);
    }
  }

  async function create(plan: Plan, record: CaseRecord): Promise<boolean> {
    const deadline = Date.now() + options.stepDeadlineMs;
    let ambiguous = false;
    let delay = 300;
    for (;;) {
      counters.requests++;
      const response: HttpResult = await plan.creation.client.post(plan.creation.path, plan.creation.body);
      if (response.status === (plan.creation.status ?? 201)) {
        counters.acknowledged++;
        if (ambiguous) counters.ackAfterRetry++;
        record.creation = ambiguous ? 'ack-after-retry' : 'ack';
        record.id = plan.creation.idOf ? plan.creation.idOf(response.body) : response.body.id;
        return true;
      }
      if (!isAmbiguous(response)) {
        counters.unexpected.push({ case: `${plan.kind} creation [${plan.path}]`, action: 'create', status: response.status, body: JSON.stringify(response.body).slice(0, 300) });
        record.creation = 'failed';
        record.abandoned = `creation answered ${response.status}`;
        return false;
      }
      counters.ambiguous++;
      ambiguous = true;
      // Did it land? Ask the workflow side before posting again: a second POST could make a second case.
      for (;;) {
        if (Date.now() > deadline) {
          counters.unresolved++;
          record.creation = 'failed';
          record.unresolved = `creation: ${response.status || response.error}`;
          return false;
        }
        await sleep(delay);
        delay = Math.min(delay * 1.6, 3_000);
        const found = await options.resolveCreate(plan.kind, plan.creation.keys).catch(() => undefined);
        if (found === undefined) continue; // cannot tell yet (Temporal or the API unavailable)
        if (found === null) break; // did not land: post again
        record.creation = 'found-after-ambiguous';
        record.id = plan.creation.adopt ? plan.creation.adopt(found) : found;
        // Its row may only appear once the worker ran the workflow's first activity.
        if ((await view(plan, record.id, plan.viewer, deadline)) !== null) return true;
        counters.unresolved++;
        record.unresolved = 'created after an ambiguous answer, never visible through the API';
        return false;
      }
    }
  }

  async function perform(plan: Plan, record: CaseRecord, step: Step): Promise<boolean> {
    const deadline = Date.now() + options.stepDeadlineMs;
    let ambiguous = false;
    let delay = 300;
    const url = plan.transitions ? plan.transitions(record.id!) : `${plan.base}/${record.id}/transitions`;
    for (;;) {
      const response = step.send ? await step.send() : await step.client.post(url, step.body);
      if (!response) {
        // Not sendable yet (the mail with the link is still on its way).
        if (Date.now() > deadline) {
          counters.unresolved++;
          record.unresolved = `${step.action}: never sendable`;
          return false;
        }
        await sleep(500);
        continue;
      }
      counters.requests++;
      if (response.status === 200 && step.alreadyDone?.(response.body)) {
        if (ambiguous) {
          counters.landed409AfterAmbiguous++;
          record.landed.push({ action: step.action, how: 'landed-409-after-ambiguous' });
          return true;
        }
      } else if (response.status === 200) {
        counters.acknowledged++;
        if (ambiguous) counters.ackAfterRetry++;
        record.landed.push({ action: step.action, how: ambiguous ? 'ack-after-retry' : 'ack' });
        return true;
      }
      if (isAmbiguous(response)) {
        counters.ambiguous++;
        ambiguous = true;
        if (Date.now() > deadline) {
          counters.unresolved++;
          record.unresolved = `${step.action}: ${response.status || response.error}`;
          return false;
        }
        await sleep(delay);
        delay = Math.min(delay * 1.6, 3_000);
        continue;
      }
      if (response.status === 409 && ambiguous) {
        // Refused from the state it leads to: the first attempt landed. Check it against the entity.
        const now = await view(plan, record.id!, step.client, Date.now() + options.stepDeadlineMs);
        if (now && now.status === step.to && (!step.landed || step.landed(now))) {
          counters.landed409AfterAmbiguous++;
          record.landed.push({ action: step.action, how: 'landed-409-after-ambiguous' });
          return true;
        }
      }
      counters.unexpected.push({ case: caseName(record), action: step.action, status: response.status, body: JSON.stringify(response.body).slice(0, 300) });
      record.abandoned = `${step.action} answered ${response.status}${ambiguous ? ' after an ambiguous attempt' : ''}`;
      return false;
    }
  }

  async function drive(plan: Plan): Promise<void> {
    const parkAt = chance(options.parkRatio) ? Math.floor(Math.random() * plan.steps.length) : null;
    const steps = parkAt === null ? plan.steps : plan.steps.slice(0, parkAt);
    const record: CaseRecord = {
      kind: plan.kind,
      path: parkAt === null ? plan.path : `${plan.path} (parked after ${parkAt} step(s))`,
      id: null,
      workflowId: null,
      creation: null,
      expectedEvents: [...plan.creationEvents],
      landed: [],
      expectedStatus: null,
      parked: parkAt !== null,
      abandoned: null,
      unresolved: null,
    };
    cases.push(record);
    if (!(await create(plan, record))) return;
    record.workflowId = `${plan.kind === 'membership' ? 'company-verification' : plan.kind}-${record.id}`;
    record.expectedStatus = plan.creation.initialStatus;
    for (const step of steps) {
      await sleep(between(options.thinkMs));
      if (!(await perform(plan, record, step))) return;
      record.expectedEvents.push(step.action);
      record.expectedStatus = step.to;
    }
  }

  async function runClient(index: number): Promise<void> {
    while (Date.now() < options.until) {
      const side = [sponsorshipPlan, offerPlan, membershipPlan][sideKindTurn % 3]!;
      const plan = !chance(options.sideRatio) ? applicationPlan() : (sideKindTurn++, side());
      if (!plan) {
        options.log(`client ${index}: no pair left to use`);
        return;
      }
      await drive(plan);
      await sleep(between(options.thinkMs));
    }
  }

  return {
    cases,
    counters,
    run: () => Promise.all(Array.from({ length: options.concurrency }, (_, i) => runClient(i))).then(() => undefined),
  };
}
