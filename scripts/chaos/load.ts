// The load of a chaos run: several concurrent clients drive cases through the HTTP API, each case to a
// final state along one of many paths (or parked half-way on purpose), and keep a ledger of what the
// API acknowledged. Mostly applications (every action, every final state, with and without a
// référent), plus sponsorship requests, offers through moderation and company registrations
// (confirmed by the link of the mail, then verified or rejected), so every process sees the faults.
//
// Contested cases. A steady share of the cases (about 30 %) are contested: at chosen steps two people
// who both may act send conflicting actions to the same entity in the same tick — the race a single
// client never makes, and the one the transition engine's FIFO lock is there for (two handlers woken
// together both answering 200 was a bug of the lock before it). Applications: validate/reject (the
// référent against their mission officer or an admin), accept/accept and propose_interview/
// propose_interview (the company's two recruiters), refuse/withdraw (recruiter against candidate, from
// PENDING_RECRUITER and from ACCEPTED), confirm/cancel an interview, not_hire/hire; offers:
// approve/reject (two admins), reject/archive (admin against recruiter); company registrations:
// verify/reject (two admins); sponsorships: accept/accept (two recruiters, each naming themselves
// sponsor) and accept/refuse. Which side leaves first alternates from race to race; the case goes on
// from whatever won. Where the two actions are legal one after the other (reject then archive,
// confirm then cancel) both may answer 200, and then the history has both, in an order the rules allow.
// The race's ledger keeps both sides' answers (every attempt), the history after it, and what its
// oracle found (runRace below; the reasoning is in the header of scripts/chaos.ts).
//
// A request that fails with 5xx, a dropped connection or a timeout is *ambiguous*: it may have
// landed. Transitions are not idempotent, but every action is refused (409) from the state it leads
// to, so the same request is simply sent again: for an uncontested step, 200 means it had not landed
// and now has; 409 means it had (checked against the entity's state, and counted as "landed after
// ambiguous", not as lost or duplicated); the e-mail confirmation link says ALREADY_CONFIRMED
// instead. In a race the 409 may be the other side's win: there the entity's history decides, once
// both sides have a plain answer. Creations are resolved before any retry, from the workflow side
// (see resolveCreate in scripts/chaos.ts), never by blindly posting again. See the header of
// scripts/chaos.ts for the reasoning.
import { randomUUID } from 'node:crypto';
import { luhnValid } from '../../workflows/company-numbers.js';
import { PROCESSES, type ProcessName } from '../../workflows/processes.js';
import { CHAOS_PASSWORD, type ChaosCast, type CastCandidate, type CastCompany, type CastPerson } from './cast.js';
import { ChaosClient, isAmbiguous, type HttpResult } from './http.js';
import { sleep } from './services.js';
import { TERMS_VERSION } from '../../workflows/account-rules.js';

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

/** One answer to one side of a race (every attempt, retries after an ambiguous failure included). */
export interface RaceAnswer {
  status: number;
  /** error.code, and the state a refusal names (error.details.status), when there is one. */
  code: string | null;
  state: string | null;
  message: string | null;
  startedAt: number;
  ms: number;
  error?: string;
}

/**
 * How one side of a race ended: its action answered 200 (on the first attempt, or on a retry after an
 * ambiguous failure); landed though its answer was lost (409 on the retry, its event in the history);
 * refused (409, no event; after an ambiguous failure or not); unresolved before the deadline; or an
 * answer the run did not expect.
 */
export type RaceOutcome = 'won' | 'won-after-retry' | 'landed-after-ambiguous' | 'refused' | 'refused-after-ambiguous' | 'unresolved' | 'unexpected';

export interface RaceSideRecord {
  action: string;
  /** Who sent it (role and cast number). */
  who: string;
  actorId: string;
  answers: RaceAnswer[];
  outcome: RaceOutcome | null;
}

/** The ledger of one race: both answers, what the history shows, and what the oracle found wrong. */
export interface RaceRecord {
  /** `<process> <action>/<action>`, e.g. `application refuse/withdraw`. */
  race: string;
  case: string;
  kind: CaseKind;
  workflowId: string;
  /** The state and number of history events before the race. */
  from: string;
  eventsBefore: number;
  sides: [RaceSideRecord, RaceSideRecord];
  /** Which side was sent first (both leave in the same tick; it alternates from race to race). */
  sentFirst: 0 | 1;
  /** The fault the race was held for and sent just before, if any. */
  atFault: string | null;
  /** The sides whose action is in the history after the race, in the order the workflow took them. */
  landed: number[];
  /** The state after the race, as the API shows it. */
  status: string | null;
  winner: 'first' | 'second' | 'both' | 'none';
  /** A side answered 200 and its event is not in the history. */
  lost: number;
  /** A side's event is in the history more than once. */
  duplicated: number;
  /** Anything else the oracle refuses: a refused action in the history, an order the rules forbid, a 409 naming another state… */
  disagreements: string[];
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
  /** Share of contested cases: two people send conflicting actions to the entity at the same instant. */
  contestedRatio: number;
  /** One race in three waits (at most this long) for the next fault, and leaves just before it hits; 0: none. */
  raceHoldMs: number;
  /** Resolves, with its name, when the next fault is about to hit. */
  nextFault: () => Promise<string>;
  /** Called as a race leaves, with the place its first event will take (`--freeze-mid-race`). */
  raceSent?: (kind: CaseKind, id: string, seq: number) => Promise<void>;
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
  /** Made anew for each attempt instead of `body`: an interview starting `leadMs` after it is sent. */
  fresh?: (leadMs: number) => Record<string, unknown>;
  /** mark_interview_done: sent once the interview proposed last has started (PRODUCT.md). */
  afterInterviewStart?: boolean;
}

/**
 * An interview is proposed this long ahead, so that a path can mark it done soon after. A proposal
 * held up by a fault past its start is refused (400 on startsAt) and proposed again, twice as far ahead.
 */
const INTERVIEW_LEAD_MS = 3_000;
const leadAfter = (startRefusals: number) => INTERVIEW_LEAD_MS * 2 ** Math.min(startRefusals, 4);
const startPassedMeanwhile = (step: Step, response: HttpResult) =>
  !!step.fresh && response.status === 400 && /^startsAt/.test(String(response.body?.error?.message ?? ''));

/** One side of a race: a step, and who sends it. */
interface RaceSide extends Step {
  who: string;
  actorId: string;
}

/**
 * Two conflicting actions sent to one entity at the same instant by two people who may both take
 * them. `then`: what the case does next, given the actions that landed, in the order the workflow
 * took them.
 */
interface Race {
  sides: [RaceSide, RaceSide];
  then?: (landed: string[]) => Array<Step | Race>;
}

const isRace = (item: Step | Race): item is Race => 'sides' in item;

interface Plan {
  kind: CaseKind;
  path: string;
  /** A contested case (it has a race): never parked. */
  contested?: boolean;
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
  steps: Array<Step | Race>;
}

const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;
const chance = (p: number) => Math.random() < p;
const between = ([min, max]: [number, number]) => min + Math.random() * (max - min);

// ---- Application paths ----

/**
 * Who takes a step: `recruiter` is any recruiter of the company, `referent` the référent or, now and
 * then, their mission officer or an admin, `candidate` the candidate or, now and then, their référent
 * for them. In a race each side is one person: `recruiter` and `recruiter2` are the company's two
 * recruiters, `referent` the référent themselves and `officer` their mission officer or an admin.
 */
type Who = 'referent' | 'recruiter' | 'candidate' | 'recruiter2' | 'officer';
interface StepDef {
  action: string;
  who: Who;
  to: string;
  mode?: 'PHONE' | 'VIDEO' | 'CHAT' | 'IN_PERSON';
  message?: boolean;
  /** refuse, not_hire: the refusal reason's code (workflows/refusal-reasons.ts). */
  reason?: string;
}
interface RaceDef {
  race: [StepDef, StepDef];
  then?: (landed: string[]) => Array<StepDef | RaceDef>;
}
interface PathDef {
  name: string;
  referent: boolean;
  steps: Array<StepDef | RaceDef>;
}

const s = (action: string, who: Who, to: string, extra: Partial<StepDef> = {}): StepDef => ({ action, who, to, ...extra });
const validate = s('validate', 'referent', 'PENDING_RECRUITER');
const accept = s('accept', 'recruiter', 'ACCEPTED');
const propose = (mode: StepDef['mode']) => s('propose_interview', 'recruiter', 'INTERVIEW_PROPOSED', { mode });
const confirm = s('confirm_interview', 'candidate', 'INTERVIEW_PROPOSED');
const done = s('mark_interview_done', 'recruiter', 'INTERVIEW_DONE');
const cancel = s('cancel_interview', 'recruiter', 'ACCEPTED');
const refuse = s('refuse', 'recruiter', 'REFUSED', { message: true, reason: 'POSTE_POURVU' });
const withdraw = s('withdraw', 'candidate', 'WITHDRAWN');
const hire = s('hire', 'recruiter', 'HIRED');
const notHire = s('not_hire', 'recruiter', 'NOT_HIRED', { message: true, reason: 'COMPETENCES_NON_ADAPTEES' });
const byOtherRecruiter = (def: StepDef): StepDef => ({ ...def, who: 'recruiter2' });
const race = (first: StepDef, second: StepDef, then?: RaceDef['then']): RaceDef => ({ race: [first, second], ...(then ? { then } : {}) });

/** Every action from every state it may be taken in, and every final state, across these paths. */
export const APPLICATION_PATHS: PathDef[] = [
  { name: 'hired', referent: true, steps: [validate, accept, propose('PHONE'), confirm, done, hire] },
  { name: 'rejected-by-referent', referent: true, steps: [s('reject', 'referent', 'REJECTED_BY_REFERENT', { message: true })] },
  { name: 'refused-pending', referent: true, steps: [validate, refuse] },
  { name: 'not-hired-second-round', referent: true, steps: [validate, accept, propose('IN_PERSON'), cancel, propose('VIDEO'), done, notHire] },
  { name: 'hired-two-rounds-no-referent', referent: false, steps: [accept, propose('CHAT'), done, propose('PHONE'), confirm, done, hire] },
  { name: 'refused-after-confirmed-interview', referent: true, steps: [validate, accept, propose('PHONE'), confirm, refuse] },
  { name: 'withdrawn-accepted', referent: true, steps: [validate, accept, withdraw] },
  { name: 'withdrawn-pending-recruiter', referent: false, steps: [withdraw] },
  { name: 'withdrawn-pending-validation', referent: true, steps: [withdraw] },
  { name: 'refused-no-referent', referent: false, steps: [refuse] },
  { name: 'refused-after-interview', referent: false, steps: [accept, propose('VIDEO'), done, refuse] },
  { name: 'withdrawn-during-interview', referent: true, steps: [validate, accept, propose('PHONE'), withdraw] },
  { name: 'refused-accepted', referent: false, steps: [accept, refuse] },
];

/**
 * Contested paths: at one step (two in one of them), two people who both may act send conflicting
 * actions at the same instant; the path goes on from whatever won. Where both actions are legal one
 * after the other (confirm then cancel an interview), both may answer 200.
 */
export const CONTESTED_APPLICATION_PATHS: PathDef[] = [
  {
    name: 'race-validate-reject',
    referent: true,
    steps: [race(validate, s('reject', 'officer', 'REJECTED_BY_REFERENT', { message: true }), (landed) => (landed.includes('validate') ? [accept, withdraw] : []))],
  },
  { name: 'race-accept-accept', referent: false, steps: [race(accept, byOtherRecruiter(accept), () => [refuse])] },
  { name: 'race-refuse-withdraw', referent: true, steps: [validate, accept, race(refuse, withdraw)] },
  { name: 'race-withdraw-refuse-pending', referent: false, steps: [race(withdraw, refuse)] },
  {
    name: 'race-propose-propose',
    referent: false,
    steps: [accept, race(propose('VIDEO'), byOtherRecruiter(propose('PHONE')), () => [confirm, done, race(hire, byOtherRecruiter(notHire))])],
  },
  { name: 'race-confirm-cancel', referent: true, steps: [validate, accept, propose('PHONE'), race(confirm, cancel, () => [withdraw])] },
  { name: 'race-not-hire-hire', referent: true, steps: [validate, accept, propose('IN_PERSON'), done, race(notHire, byOtherRecruiter(hire))] },
];

// ---- The generator ----

export function createLoad(options: LoadOptions) {
  const { cast, clients } = options;
  const cases: CaseRecord[] = [];
  const counters: LoadCounters = { requests: 0, acknowledged: 0, ambiguous: 0, ackAfterRetry: 0, landed409AfterAmbiguous: 0, unresolved: 0, unexpected: [] };
  const usedPairs = new Set<string>();
  const races: RaceRecord[] = [];
  let pathTurn = 0;
  let contestedPathTurn = 0;
  let offerPathTurn = 0;
  let contestedOfferTurn = 0;
  let contestedSponsorshipTurn = 0;
  let raceTurn = 0;
  let caseTurn = 0;
  let sideKindTurn = 0;
  let offerNumber = 0;

  const client = (person: CastPerson) => {
    const found = clients.get(person.email);
    if (!found) throw new Error(`no session for ${person.email}`);
    return found;
  };
  const companyOf = (offerId: string) => cast.companies.find((c) => c.offerIds.includes(offerId))!;

  const shuffled = <T>(pair: readonly [T, T]): [T, T] => (chance(0.5) ? [pair[0], pair[1]] : [pair[1], pair[0]]);
  /** How a race's ledger names a person: role and cast number. */
  const label = (person: CastPerson) => `${person.role.toLowerCase()} ${/-(\d+)@/.exec(person.email)?.[1] ?? person.email}`;
  const raceSide = (step: Step, person: CastPerson): RaceSide => ({ ...step, who: label(person), actorId: person.id });

  /** One application's cast: its two recruiters in a random order (for races), its officer (mission officer or admin). */
  const actorFor = (who: Who, candidate: CastCandidate, company: CastCompany, race: { recruiters: [CastPerson, CastPerson]; officer: CastPerson | null } | null): CastPerson => {
    switch (who) {
      case 'referent': {
        if (race) return candidate.referent!;
        const roll = Math.random();
        if (roll < 0.15) return candidate.missionOfficer!;
        if (roll < 0.25) return cast.admin;
        return candidate.referent!;
      }
      case 'officer':
        return race?.officer ?? candidate.missionOfficer!;
      case 'recruiter':
        return race ? race.recruiters[0] : pick(company.recruiters);
      case 'recruiter2':
        return race ? race.recruiters[1] : pick(company.recruiters);
      case 'candidate':
        return candidate.referent && chance(0.25) ? candidate.referent : candidate;
    }
  };

  function applicationPlan(contested: boolean): Plan | null {
    // Paths in turn (so each is run), a candidate that fits it, an offer it has not applied to.
    const paths = contested ? CONTESTED_APPLICATION_PATHS : APPLICATION_PATHS;
    for (let attempt = 0; attempt < 50; attempt++) {
      const path = paths[(contested ? contestedPathTurn++ : pathTurn++) % paths.length]!;
      const candidates = cast.candidates.filter((c) => Boolean(c.referent) === path.referent);
      const candidate = pick(candidates);
      const offerId = pick(cast.companies.flatMap((c) => c.offerIds));
      const pair = `application:${candidate.id}:${offerId}`;
      if (usedPairs.has(pair)) continue;
      usedPairs.add(pair);
      const company = companyOf(offerId);
      const byReferent = candidate.referent && chance(0.25);
      const racing = contested
        ? { recruiters: shuffled([company.recruiters[0]!, company.recruiters[1]!]), officer: candidate.missionOfficer && chance(0.7) ? candidate.missionOfficer : pick(cast.admins) }
        : null;
      const step = (def: StepDef, person: CastPerson): Step => ({
        action: def.action,
        client: client(person),
        to: def.to,
        body: { action: def.action, ...(def.message ? { message: `Motif de ${def.action}.` } : {}), ...(def.reason ? { reason: def.reason } : {}) },
        ...(def.mode
          ? {
              fresh: (leadMs: number) => ({
                action: def.action,
                startsAt: new Date(Date.now() + leadMs).toISOString(),
                durationMinutes: 45,
                mode: def.mode,
                ...(def.mode === 'IN_PERSON' ? { location: '3 rue de la Paix, Lyon' } : {}),
              }),
            }
          : {}),
        ...(def.action === 'confirm_interview' ? { landed: (view: any) => view?.interviews?.at(-1)?.status === 'CONFIRMED' } : {}),
        ...(def.action === 'mark_interview_done' ? { afterInterviewStart: true } : {}),
      });
      const build = (item: StepDef | RaceDef): Step | Race => {
        if (!('race' in item)) return step(item, actorFor(item.who, candidate, company, racing));
        const sides = item.race.map((def) => {
          const person = actorFor(def.who, candidate, company, racing);
          return raceSide(step(def, person), person);
        }) as [RaceSide, RaceSide];
        const then = item.then;
        return { sides, ...(then ? { then: (landed: string[]) => then(landed).map(build) } : {}) };
      };
      return {
        kind: 'application',
        path: path.name,
        contested,
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
        steps: path.steps.map(build),
      };
    }
    return null;
  }

  function sponsorshipPlan(contested: boolean): Plan | null {
    for (let attempt = 0; attempt < 50; attempt++) {
      const candidate = pick(cast.candidates);
      const company = pick(cast.companies);
      const pair = `sponsorship:${candidate.id}:${company.id}`;
      if (usedPairs.has(pair)) continue;
      usedPairs.add(pair);
      const acceptBy = (by: CastPerson, sponsor: CastPerson): Step => ({ action: 'accept', client: client(by), to: 'ACCEPTED', body: { action: 'accept', sponsorUserId: sponsor.id } });
      const refuseBy = (by: CastPerson): Step => ({ action: 'refuse', client: client(by), to: 'REFUSED', body: { action: 'refuse', comment: 'Pas de parrain disponible.' } });
      let path: string;
      let steps: Array<Step | Race>;
      if (contested) {
        // Two recruiters of the company answer at once: each names themselves sponsor, or one refuses.
        const [first, second] = shuffled([company.recruiters[0]!, company.recruiters[1]!]);
        const both = contestedSponsorshipTurn++ % 2 === 0;
        path = both ? 'sponsorship-race-accept-accept' : 'sponsorship-race-accept-refuse';
        steps = [{ sides: [raceSide(acceptBy(first, first), first), raceSide(both ? acceptBy(second, second) : refuseBy(second), second)] }];
      } else {
        const recruiter = pick(company.recruiters);
        const accepted = chance(0.5);
        path = accepted ? 'sponsorship-accepted' : 'sponsorship-refused';
        steps = [accepted ? acceptBy(recruiter, pick(company.recruiters)) : refuseBy(recruiter)];
      }
      return {
        kind: 'sponsorship',
        path,
        contested,
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
        steps,
      };
    }
    return null;
  }

  function offerPlan(contested: boolean): Plan {
    const company = pick(cast.companies);
    const recruiterPerson = pick(company.recruiters);
    const recruiter = client(recruiterPerson);
    const [adminPerson, otherAdmin] = shuffled(cast.admins);
    const admin = client(adminPerson);
    const title = `Offre chaos ${++offerNumber} ${randomUUID().slice(0, 8)} H/F`;
    const submit = { action: 'submit', client: recruiter, to: 'PENDING_MODERATION', body: { action: 'submit' } };
    const approveBy = (by: ChaosClient) => ({ action: 'approve', client: by, to: 'PUBLISHED', body: { action: 'approve' } });
    const rejectBy = (by: ChaosClient) => ({ action: 'reject', client: by, to: 'REJECTED', body: { action: 'reject', reason: 'Précisez les missions.' } });
    const approve = approveBy(admin);
    const reject = rejectBy(admin);
    const archive = (by: ChaosClient) => ({ action: 'archive', client: by, to: 'ARCHIVED', body: { action: 'archive', reason: 'Poste pourvu.' } });
    const paths: Array<[string, Array<Step | Race>]> = contested
      ? [
          // Two moderators at once: whichever wins, the offer goes on (archived once published, resubmitted once rejected).
          [
            'offer-race-approve-reject',
            [
              submit,
              {
                sides: [raceSide(approveBy(admin), adminPerson), raceSide(rejectBy(client(otherAdmin)), otherAdmin)],
                then: (landed) => (landed.includes('approve') ? [archive(recruiter)] : [{ ...submit }, approveBy(admin)]),
              },
            ],
          ],
          // The moderator rejects as the recruiter withdraws the offer: reject then archive are both legal, archive then reject is not.
          ['offer-race-reject-archive', [submit, { sides: [raceSide(rejectBy(admin), adminPerson), raceSide(archive(recruiter), recruiterPerson)] }]],
        ]
      : [
          ['offer-published-archived', [submit, approve, archive(recruiter)]],
          ['offer-rejected-resubmitted', [submit, reject, { ...submit }, approve]],
          ['offer-draft-archived', [archive(recruiter)]],
          ['offer-pending-archived-by-admin', [submit, archive(admin)]],
        ];
    const [path, steps] = paths[(contested ? contestedOfferTurn++ : offerPathTurn++) % paths.length]!;
    return {
      kind: 'offer',
      path,
      contested,
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

  function membershipPlan(contested: boolean): Plan {
    const email = `chaos-fondatrice-${randomUUID().slice(0, 8)}@chaos.test`;
    const name = `Société chaos ${randomUUID().slice(0, 8)}`;
    const [adminPerson, otherAdmin] = shuffled(cast.admins);
    const admin = client(adminPerson);
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
    const verify = (by: ChaosClient): Step => ({ action: 'verify', client: by, body: { action: 'verify' }, to: 'VERIFIED' });
    const reject = (by: ChaosClient): Step => ({ action: 'reject', client: by, body: { action: 'reject', reason: 'SIREN introuvable au répertoire.' }, to: 'REJECTED' });
    // Contested: two admins decide at once, one verifies, the other rejects.
    const decide: Step | Race = contested
      ? { sides: [raceSide(verify(admin), adminPerson), raceSide(reject(client(otherAdmin)), otherAdmin)] }
      : verified
        ? verify(admin)
        : reject(admin);
    return {
      kind: 'membership',
      path: contested ? 'company-race-verify-reject' : verified ? 'company-verified' : 'company-rejected',
      contested,
      creation: {
        client: anonymous,
        path: '/api/auth/register-recruiter',
        body: {
          company: { siren: newSiren(), name, sector: 'Industrie', size: '10-49', address: '3 rue des Artisans', postalCode: '69007', city: 'Lyon' },
          user: { firstName: 'Inès', lastName: 'Chaos', jobTitle: 'Responsable RH', phone: '04 72 11 22 33', email, password: CHAOS_PASSWORD },
          acceptedTermsVersion: TERMS_VERSION,
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

  /** The latest start among the interviews proposed to each case (a retry proposes a later one). */
  const interviewStarts = new WeakMap<CaseRecord, number>();
  /** The body of one attempt: an interview's start is noted for the case. */
  const attemptBody = (record: CaseRecord, step: Step, startRefusals: number): Record<string, unknown> => {
    const body = step.fresh?.(leadAfter(startRefusals)) ?? step.body;
    if (typeof body.startsAt === 'string') interviewStarts.set(record, Math.max(interviewStarts.get(record) ?? 0, Date.parse(body.startsAt)));
    return body;
  };

  async function perform(plan: Plan, record: CaseRecord, step: Step): Promise<boolean> {
    if (step.afterInterviewStart) await sleep(Math.max(0, (interviewStarts.get(record) ?? 0) - Date.now() + 50));
    const deadline = Date.now() + options.stepDeadlineMs;
    let ambiguous = false;
    let delay = 300;
    let startRefusals = 0;
    const url = plan.transitions ? plan.transitions(record.id!) : `${plan.base}/${record.id}/transitions`;
    for (;;) {
      const response = step.send ? await step.send() : await step.client.post(url, attemptBody(record, step, startRefusals));
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
      if (startPassedMeanwhile(step, response) && Date.now() <= deadline) {
        startRefusals++;
        continue;
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

  /** Sends one side of a race until it gets an answer that is not ambiguous (null: none before the deadline). */
  async function sendSide(record: CaseRecord, side: RaceSide, ledger: RaceSideRecord, url: string, deadline: number): Promise<HttpResult | null> {
    let delay = 300;
    let startRefusals = 0;
    for (;;) {
      const response = await side.client.post(url, attemptBody(record, side, startRefusals));
      counters.requests++;
      const error = response.body?.error;
      ledger.answers.push({
        status: response.status,
        code: typeof error?.code === 'string' ? error.code : null,
        state: typeof error?.details?.status === 'string' ? error.details.status : null,
        message: typeof error?.message === 'string' ? error.message : null,
        startedAt: response.startedAt,
        ms: response.ms,
        ...(response.error ? { error: response.error } : {}),
      });
      if (startPassedMeanwhile(side, response) && Date.now() <= deadline) {
        startRefusals++;
        continue;
      }
      if (!isAmbiguous(response)) return response;
      counters.ambiguous++;
      if (Date.now() > deadline) return null;
      await sleep(delay);
      delay = Math.min(delay * 1.6, 3_000);
    }
  }

  /**
   * Both sides of a race leave in the same tick (which one first alternates from race to race); each
   * is sent again after an ambiguous failure, like any step, until it gets a plain answer. Then the
   * entity's history says which actions landed, in which order — the truth against which each
   * answer is judged: a 200 must be its event, once; a 409 must have no event and name the state the
   * winner left; a 409 after an ambiguous failure with its event there landed before its answer was
   * lost; the order must be one the rules allow, and the state the one it leads to. Returns the
   * actions that landed, in order, or null when the case cannot go on.
   */
  async function runRace(plan: Plan, record: CaseRecord, race: Race): Promise<string[] | null> {
    const url = plan.transitions ? plan.transitions(record.id!) : `${plan.base}/${record.id}/transitions`;
    const from = record.expectedStatus!;
    const eventsBefore = record.expectedEvents.length;
    const turn = raceTurn++;
    const sentFirst = (turn % 2) as 0 | 1;
    // Every third race waits for the next fault, so that races meet the faults and not only the load.
    const atFault = options.raceHoldMs > 0 && turn % 3 === 1 ? await Promise.race([options.nextFault(), sleep(options.raceHoldMs).then(() => null)]) : null;
    const deadline = Date.now() + options.stepDeadlineMs;
    const entry: RaceRecord = {
      race: `${plan.kind} ${race.sides[0].action}/${race.sides[1].action}`,
      case: caseName(record),
      kind: plan.kind,
      workflowId: record.workflowId!,
      from,
      eventsBefore,
      sides: race.sides.map((side) => ({ action: side.action, who: side.who, actorId: side.actorId, answers: [], outcome: null })) as unknown as [RaceSideRecord, RaceSideRecord],
      sentFirst,
      atFault,
      landed: [],
      status: null,
      winner: 'none',
      lost: 0,
      duplicated: 0,
      disagreements: [],
    };
    races.push(entry);
    const answers: Array<Promise<HttpResult | null>> = [];
    for (const i of sentFirst ? [1, 0] : [0, 1]) answers[i] = sendSide(record, race.sides[i]!, entry.sides[i]!, url, deadline);
    const hook = options.raceSent?.(plan.kind, record.id!, eventsBefore);
    const finals = await Promise.all(answers);
    await hook;

    const now = await view(plan, record.id!, plan.viewer, Date.now() + options.stepDeadlineMs);
    if (!now) {
      counters.unresolved++;
      record.unresolved = `${entry.race}: the entity never readable after the race`;
      return null;
    }
    entry.status = now.status;
    const history: Array<{ type: string; actor: { id: string } | null }> = now.history ?? [];
    const before = history.slice(0, eventsBefore).map((e) => e.type);
    if (before.join() !== record.expectedEvents.join()) entry.disagreements.push(`history before the race [${before.join(', ')}], ledger [${record.expectedEvents.join(', ')}]`);
    const after = history.slice(eventsBefore);
    const sideOf = after.map((e) => race.sides.findIndex((side) => side.action === e.type && side.actorId === e.actor?.id));
    sideOf.forEach((i, k) => {
      if (i < 0) entry.disagreements.push(`event ${after[k]!.type} (by ${after[k]!.actor?.id ?? 'nobody'}) after the race, from neither side`);
    });
    entry.landed = [...new Set(sideOf.filter((i) => i >= 0))];

    // The order the workflow took them must be one the rules allow, and lead where the API says it is.
    const rules = PROCESSES[plan.kind].rules.rules as Record<string, { from: readonly string[]; to: string | null }>;
    let status = from;
    for (const i of entry.landed) {
      const action = race.sides[i]!.action;
      const rule = rules[action]!;
      if (!rule.from.includes(status)) entry.disagreements.push(`${action} (${race.sides[i]!.who}) landed from ${status}, which the rules forbid: both actions taken [${entry.landed.map((j) => race.sides[j]!.action).join(', ')}]`);
      status = rule.to ?? status;
    }
    if (now.status !== status) entry.disagreements.push(`state ${now.status} after the race, the actions in the history lead to ${status}`);

    const unresolved = finals.some((f) => f === null);
    entry.sides.forEach((side, i) => {
      const final = finals[i];
      const times = sideOf.filter((j) => j === i).length;
      const ambiguous = side.answers.some((a) => a.status === 0 || a.status >= 500);
      if (times > 1) entry.duplicated += times - 1;
      if (!final) {
        side.outcome = 'unresolved';
        counters.unresolved++;
        record.unresolved = `${side.action}: ${side.answers.at(-1)?.status || side.answers.at(-1)?.error}`;
        return;
      }
      if (final.status === 200) {
        side.outcome = ambiguous ? 'won-after-retry' : 'won';
        counters.acknowledged++;
        if (ambiguous) counters.ackAfterRetry++;
        if (!times) entry.lost++;
        return;
      }
      if (final.status === 409) {
        const answer = side.answers.at(-1)!;
        if (times && ambiguous) {
          side.outcome = 'landed-after-ambiguous';
          counters.landed409AfterAmbiguous++;
        } else if (times) {
          side.outcome = 'refused';
          const said = side.answers.map((a) => `${a.status}${a.code ? ` ${a.code}` : ''} « ${a.message ?? ''} » at ${new Date(a.startedAt).toISOString().slice(11, 23)} after ${a.ms} ms`).join(', ');
          entry.disagreements.push(`${side.action} (${side.who}) answered 409 and is in the history (answers: ${said})`);
        } else {
          side.outcome = ambiguous ? 'refused-after-ambiguous' : 'refused';
          // The loser is told the state the winner left (unless an unresolved side leaves it unknown).
          if (!ambiguous && !unresolved && (answer.code !== 'ILLEGAL_TRANSITION' || answer.state !== status || !answer.message?.includes(status))) {
            entry.disagreements.push(`${side.action} (${side.who}) refused with ${answer.code} naming ${answer.state} (« ${answer.message} »), the state is ${status}`);
          }
        }
        return;
      }
      side.outcome = 'unexpected';
      counters.unexpected.push({ case: caseName(record), action: `${side.action} (race ${entry.race})`, status: final.status, body: JSON.stringify(final.body).slice(0, 300) });
    });
    const landed = new Set(entry.landed);
    entry.winner = landed.size === 2 ? 'both' : landed.has(0) ? 'first' : landed.has(1) ? 'second' : 'none';

    // The ledger: what was acknowledged or landed after an ambiguous answer, in the history's order;
    // an acknowledged action the history lacks is kept too, so the final check counts it lost.
    const kept = (i: number) => ['won', 'won-after-retry', 'landed-after-ambiguous'].includes(entry.sides[i]!.outcome!);
    const order = [...entry.landed.filter(kept), ...[0, 1].filter((i) => kept(i) && !landed.has(i))];
    for (const i of order) {
      const side = entry.sides[i]!;
      record.expectedEvents.push(side.action);
      record.landed.push({ action: side.action, how: side.outcome === 'won' ? 'ack' : side.outcome === 'won-after-retry' ? 'ack-after-retry' : 'landed-409-after-ambiguous' });
    }
    record.expectedStatus = status;
    if (entry.lost || entry.duplicated || entry.disagreements.length || entry.sides.some((side) => side.outcome === 'unexpected')) {
      record.abandoned = `race ${entry.race}: ${[entry.lost ? `${entry.lost} lost` : '', entry.duplicated ? `${entry.duplicated} duplicated` : '', ...entry.disagreements].filter(Boolean).join('; ') || 'an unexpected answer'}`;
      return null;
    }
    if (unresolved) return null;
    return entry.landed.map((i) => race.sides[i]!.action);
  }

  async function drive(plan: Plan): Promise<void> {
    const parkAt = !plan.contested && chance(options.parkRatio) ? Math.floor(Math.random() * plan.steps.length) : null;
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
    const queue = [...steps];
    for (let item = queue.shift(); item; item = queue.shift()) {
      await sleep(between(options.thinkMs));
      if (isRace(item)) {
        const landed = await runRace(plan, record, item);
        if (!landed) return;
        queue.unshift(...(item.then?.(landed) ?? []));
        continue;
      }
      if (!(await perform(plan, record, item))) return;
      record.expectedEvents.push(item.action);
      record.expectedStatus = item.to;
    }
  }

  async function runClient(index: number): Promise<void> {
    while (Date.now() < options.until) {
      // Contested cases at a steady share (not by chance: a short run has few cases, and races in each).
      const contested = Math.floor((caseTurn + 1) * options.contestedRatio) > Math.floor(caseTurn * options.contestedRatio);
      caseTurn++;
      const side = [sponsorshipPlan, offerPlan, membershipPlan][sideKindTurn % 3]!;
      // Contested cases go to the other processes twice as often: each has few cases, and two races to run.
      const plan = !chance(options.sideRatio * (contested ? 2 : 1)) ? applicationPlan(contested) : (sideKindTurn++, side(contested));
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
    races,
    run: () => Promise.all(Array.from({ length: options.concurrency }, (_, i) => runClient(i))).then(() => undefined),
  };
}
