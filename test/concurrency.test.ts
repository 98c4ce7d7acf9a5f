// PRODUCT.md, Wave 2, « Concurrency »: two actions on one entity at the same instant — exactly one wins;
// every 200 is exactly one event in the database and in the workflow, the other gets 409 with the state.
//
// For each conflicting pair below, RACE_ROUNDS rounds (default 50), each on a fresh entity: both
// requests are prepared by two separate sessions, then released together (which one leaves first
// alternates), RACE_PARALLEL rounds at a time. Each round is judged by an oracle that knows nothing of
// the product's code, only the process tables of PRODUCT.md (written again below):
//   - every answer is 200 or 409 ILLEGAL_TRANSITION (never a 500, never no answer);
//   - each 200 is exactly one new event in the database history (its action, by its actor) and exactly
//     one successful Update completion in the workflow's history; a 409 is neither;
//   - the new events, in their order, are a legal sequence of the process from the starting state and
//     lead to the row's status; each 409 names a state on that sequence where its action is illegal;
//     each 200 answers a state reached at or after its own action;
//   - the workflow (`snapshot` query) agrees with the row: status, number of events, interviews; so
//     does its status search attribute;
//   - the entity still moves: when the race left it in a non-final state, a further action (the
//     référent withdraws the application; the recruiter archives the offer) answers 200 in time;
//   - every MAIL_EVERY-th round, once its outbox has drained: the mails the recorded outcome sends were
//     received, once each, and those of the request that lost were not.
// At the end, scripts/reconcile.ts over every entity touched must find no difference.
// Each pair prints how often each side won: if one side always wins, the requests are not racing.
import { randomUUID } from 'node:crypto';
import type { Sequelize } from 'sequelize';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDatabase } from '../models/index.js';
import { formatReport, reconcile, type ProcessName } from '../scripts/reconcile.js';
import {
  NoAnswerError,
  eventsOf,
  interviewsOf,
  mailbox,
  mailsAbout,
  outboxDrained,
  reach,
  rowOf,
  searchAttributes,
  snapshotOf,
  transition,
  updatesIn,
  within,
  workflowHistoryOf,
  type Entity,
  type HistoryRow,
  type Process,
} from './drivers.js';
import { createCast, createUser, type Cast, type Person } from './fixtures.js';
import { sql, temporalClient } from './support.js';

const ROUNDS = Number(process.env.RACE_ROUNDS ?? 50);
const PARALLEL = Number(process.env.RACE_PARALLEL ?? 6);
const MAIL_EVERY = Number(process.env.RACE_MAIL_EVERY ?? 10);
/** A request unanswered after this is a stalled workflow, not a slow machine (the slowest answer, 6 rounds at once: ~2 s). */
const ANSWER_TIMEOUT_MS = 20_000;
/** Set-up, race and every check of one round. */
const ROUND_TIMEOUT_MS = 180_000;
/** Below this many rounds, one side always winning proves nothing. */
const RACING_EVIDENCE_ROUNDS = 20;

// ---------------------------------------------------------------------------------------------------
// The processes, from PRODUCT.md (only what the pairs below touch is needed, but each table is whole).

interface ModelState {
  status: string;
  /** Applications: the current interview is confirmed by the candidate. */
  confirmed: boolean;
}
type Rules = Record<string, { from: readonly string[]; to: string | null }>;

const APPLICATION_NON_FINAL = ['PENDING_REFERENT_VALIDATION', 'PENDING_RECRUITER', 'ACCEPTED', 'INTERVIEW_PROPOSED', 'INTERVIEW_DONE'];
const RULES: Record<Process, Rules> = {
  application: {
    validate: { from: ['PENDING_REFERENT_VALIDATION'], to: 'PENDING_RECRUITER' },
    reject: { from: ['PENDING_REFERENT_VALIDATION'], to: 'REJECTED_BY_REFERENT' },
    accept: { from: ['PENDING_RECRUITER'], to: 'ACCEPTED' },
    propose_interview: { from: ['ACCEPTED', 'INTERVIEW_DONE'], to: 'INTERVIEW_PROPOSED' },
    confirm_interview: { from: ['INTERVIEW_PROPOSED'], to: null },
    cancel_interview: { from: ['INTERVIEW_PROPOSED'], to: 'ACCEPTED' },
    mark_interview_done: { from: ['INTERVIEW_PROPOSED'], to: 'INTERVIEW_DONE' },
    hire: { from: ['INTERVIEW_DONE'], to: 'HIRED' },
    not_hire: { from: ['INTERVIEW_DONE'], to: 'NOT_HIRED' },
    refuse: { from: ['PENDING_RECRUITER', 'ACCEPTED', 'INTERVIEW_PROPOSED', 'INTERVIEW_DONE'], to: 'REFUSED' },
    withdraw: { from: APPLICATION_NON_FINAL, to: 'WITHDRAWN' },
  },
  offer: {
    submit: { from: ['DRAFT', 'REJECTED'], to: 'PENDING_MODERATION' },
    approve: { from: ['PENDING_MODERATION'], to: 'PUBLISHED' },
    reject: { from: ['PENDING_MODERATION'], to: 'REJECTED' },
    archive: { from: ['DRAFT', 'PENDING_MODERATION', 'PUBLISHED', 'REJECTED'], to: 'ARCHIVED' },
  },
  company: {
    verify: { from: ['PENDING_ADMIN_VERIFICATION'], to: 'VERIFIED' },
    reject: { from: ['PENDING_ADMIN_VERIFICATION'], to: 'REJECTED' },
  },
  sponsorship: {
    accept: { from: ['PENDING'], to: 'ACCEPTED' },
    refuse: { from: ['PENDING'], to: 'REFUSED' },
  },
};

/** The state after the action, or null when the action is illegal there. */
function next(process: Process, state: ModelState, action: string): ModelState | null {
  const rule = RULES[process][action];
  if (!rule || !rule.from.includes(state.status)) return null;
  if (process === 'application' && action === 'confirm_interview' && state.confirmed) return null;
  return {
    status: rule.to ?? state.status,
    confirmed: action === 'confirm_interview' ? true : action === 'propose_interview' ? false : state.confirmed,
  };
}

// ---------------------------------------------------------------------------------------------------
// The pairs.

interface RaceCast extends Cast {
  admin2: Person;
}

/** The mail only this side's success sends: to whom, its subject, and whether its text quotes the side's marker. */
interface MailSignature {
  to: (cast: RaceCast, entity: Entity) => string;
  subject: RegExp;
  marked: boolean;
}

interface Side {
  label: string;
  action: string;
  by: (cast: RaceCast, entity: Entity) => Person;
  /** The request; `marker` is unique to this side of this round (put in its message when it has one). */
  body: (marker: string, cast: RaceCast) => Record<string, unknown>;
  /** null: this side's success tells nobody by mail. */
  mail: MailSignature | null;
}

interface Judged {
  entity: Entity;
  actors: Person[];
  bodies: Record<string, unknown>[];
  /** The side of each new database event, in order (-1: neither). */
  dbSides: number[];
  row: { status: string };
  snapshot: Record<string, any> | null;
}

interface Pair {
  name: string;
  process: Process;
  from: string;
  /** The application's interview has started when the round begins (it may be marked done). */
  interviewStarted?: boolean;
  sides: [Side, Side];
  /** Checks of this pair only, on a judged round; returns problems. */
  extra?: (round: Judged) => Promise<string[]>;
}

/** A time `days` ahead, on the minute (so the database's and the request's instants compare exactly). */
const daysAhead = (days: number, hour: number) => {
  const at = new Date(Date.now() + days * 86_400_000);
  at.setUTCHours(hour, 0, 0, 0);
  return at.toISOString();
};

const candidateOf = (_: RaceCast, e: Entity) => e.candidate!.email;
const founderOf = (_: RaceCast, e: Entity) => e.founder!.email;

const PAIRS: Pair[] = [
  {
    name: 'company verification: verify / reject (two admins)',
    process: 'company',
    from: 'PENDING_ADMIN_VERIFICATION',
    sides: [
      { label: 'verify (admin)', action: 'verify', by: (c) => c.admin, body: () => ({ action: 'verify' }), mail: { to: founderOf, subject: /^Votre compte recruteur est activé/, marked: false } },
      {
        label: 'reject (admin 2)',
        action: 'reject',
        by: (c) => c.admin2,
        body: (m) => ({ action: 'reject', reason: `Justificatif manquant ${m}` }),
        mail: { to: founderOf, subject: /^Votre demande d’inscription n’a pas été acceptée/, marked: true },
      },
    ],
  },
  {
    name: 'application: refuse / withdraw (recruiter vs candidate)',
    process: 'application',
    from: 'PENDING_RECRUITER',
    sides: [
      { label: 'refuse (recruiter)', action: 'refuse', by: (c) => c.recruiter, body: (m) => ({ action: 'refuse', reason: 'COMPETENCES_NON_ADAPTEES', message: `Profil trop éloigné ${m}` }), mail: { to: candidateOf, subject: /^Réponse à votre candidature/, marked: true } },
      { label: 'withdraw (candidate)', action: 'withdraw', by: (_, e) => e.candidate!, body: (m) => ({ action: 'withdraw', message: `J’ai trouvé un poste ${m}` }), mail: { to: (c) => c.referent.email, subject: /^Candidature retirée/, marked: true } },
    ],
  },
  {
    name: 'application: accept / accept (two recruiters)',
    process: 'application',
    from: 'PENDING_RECRUITER',
    sides: [
      { label: 'accept (recruiter)', action: 'accept', by: (c) => c.recruiter, body: (m) => ({ action: 'accept', message: `Bienvenue ${m}` }), mail: { to: candidateOf, subject: /^Votre candidature intéresse le recruteur/, marked: true } },
      { label: 'accept (colleague)', action: 'accept', by: (c) => c.colleague, body: (m) => ({ action: 'accept', message: `Bienvenue ${m}` }), mail: { to: candidateOf, subject: /^Votre candidature intéresse le recruteur/, marked: true } },
    ],
  },
  {
    name: 'application: propose_interview / propose_interview (two recruiters, different times)',
    process: 'application',
    from: 'ACCEPTED',
    sides: [
      {
        label: 'propose (recruiter)',
        action: 'propose_interview',
        by: (c) => c.recruiter,
        body: (m) => ({ action: 'propose_interview', startsAt: daysAhead(5, 8), durationMinutes: 30, mode: 'PHONE', message: `Premier créneau ${m}` }),
        mail: { to: candidateOf, subject: /^Proposition d’entretien/, marked: true },
      },
      {
        label: 'propose (colleague)',
        action: 'propose_interview',
        by: (c) => c.colleague,
        body: (m) => ({ action: 'propose_interview', startsAt: daysAhead(6, 13), durationMinutes: 60, mode: 'PHONE', message: `Second créneau ${m}` }),
        mail: { to: candidateOf, subject: /^Proposition d’entretien/, marked: true },
      },
    ],
    // The interview the database keeps is the one of the request it recorded.
    extra: async ({ entity, dbSides, bodies, actors }) => {
      const winner = dbSides.find((s) => s >= 0);
      if (winner === undefined) return [];
      const latest = (await interviewsOf(entity.id)).at(-1);
      const wanted = new Date(String(bodies[winner]!.startsAt)).toISOString();
      return latest?.startsAt === wanted && latest.proposedBy === actors[winner]!.id
        ? []
        : [`interview in the database starts ${latest?.startsAt} proposed by ${latest?.proposedBy}, but the recorded request proposed ${wanted} by ${actors[winner]!.id}`];
    },
  },
  {
    name: 'application: confirm_interview / cancel_interview (candidate vs recruiter)',
    process: 'application',
    from: 'INTERVIEW_PROPOSED',
    sides: [
      // reach() has the cast's recruiter propose the interview: they are the one told of the confirmation.
      { label: 'confirm (candidate)', action: 'confirm_interview', by: (_, e) => e.candidate!, body: () => ({ action: 'confirm_interview' }), mail: { to: (c) => c.recruiter.email, subject: /^Entretien confirmé/, marked: false } },
      { label: 'cancel (recruiter)', action: 'cancel_interview', by: (c) => c.recruiter, body: (m) => ({ action: 'cancel_interview', message: `Empêchement ${m}` }), mail: { to: candidateOf, subject: /^Entretien annulé/, marked: true } },
    ],
  },
  {
    name: 'application: mark_interview_done / refuse (two recruiters)',
    process: 'application',
    from: 'INTERVIEW_PROPOSED',
    interviewStarted: true,
    sides: [
      { label: 'mark done (recruiter)', action: 'mark_interview_done', by: (c) => c.recruiter, body: () => ({ action: 'mark_interview_done' }), mail: { to: candidateOf, subject: /^Entretien effectué/, marked: false } },
      { label: 'refuse (colleague)', action: 'refuse', by: (c) => c.colleague, body: (m) => ({ action: 'refuse', reason: 'POSTE_POURVU', message: `Poste pourvu ${m}` }), mail: { to: candidateOf, subject: /^Réponse à votre candidature/, marked: true } },
    ],
  },
  {
    name: 'application: validate / reject (référent vs mission officer)',
    process: 'application',
    from: 'PENDING_REFERENT_VALIDATION',
    sides: [
      { label: 'validate (référent)', action: 'validate', by: (c) => c.referent, body: (m) => ({ action: 'validate', message: `Bonne candidature ${m}` }), mail: { to: candidateOf, subject: /^Candidature validée par votre référent/, marked: true } },
      { label: 'reject (mission officer)', action: 'reject', by: (c) => c.missionOfficer, body: (m) => ({ action: 'reject', message: `Dossier incomplet ${m}` }), mail: { to: candidateOf, subject: /^Candidature non validée/, marked: true } },
    ],
  },
  {
    name: 'application: hire / not_hire (two recruiters)',
    process: 'application',
    from: 'INTERVIEW_DONE',
    sides: [
      { label: 'hire (recruiter)', action: 'hire', by: (c) => c.recruiter, body: (m) => ({ action: 'hire', message: `Bienvenue ${m}` }), mail: { to: candidateOf, subject: /^Félicitations/, marked: true } },
      { label: 'not_hire (colleague)', action: 'not_hire', by: (c) => c.colleague, body: (m) => ({ action: 'not_hire', reason: 'POSTE_POURVU', message: `Autre profil retenu ${m}` }), mail: { to: candidateOf, subject: /^Réponse après votre entretien/, marked: true } },
    ],
  },
  {
    name: 'offer: approve / reject (two admins)',
    process: 'offer',
    from: 'PENDING_MODERATION',
    sides: [
      { label: 'approve (admin)', action: 'approve', by: (c) => c.admin, body: () => ({ action: 'approve' }), mail: { to: (c) => c.recruiter.email, subject: /^Votre offre est publiée/, marked: false } },
      { label: 'reject (admin 2)', action: 'reject', by: (c) => c.admin2, body: (m) => ({ action: 'reject', reason: `Mention H/F absente ${m}` }), mail: { to: (c) => c.recruiter.email, subject: /^Votre offre n’a pas été validée/, marked: true } },
    ],
  },
  {
    name: 'offer: reject / archive (admin vs recruiter)',
    process: 'offer',
    from: 'PENDING_MODERATION',
    sides: [
      { label: 'reject (admin)', action: 'reject', by: (c) => c.admin, body: (m) => ({ action: 'reject', reason: `Formulation à revoir ${m}` }), mail: { to: (c) => c.recruiter.email, subject: /^Votre offre n’a pas été validée/, marked: true } },
      // A recruiter who archives is told nothing (they know): no mail of its own.
      { label: 'archive (recruiter)', action: 'archive', by: (c) => c.recruiter, body: (m) => ({ action: 'archive', reason: `Poste pourvu ${m}` }), mail: null },
    ],
  },
  {
    name: 'offer: submit / archive (recruiter vs admin)',
    process: 'offer',
    from: 'DRAFT',
    sides: [
      { label: 'submit (recruiter)', action: 'submit', by: (c) => c.recruiter, body: () => ({ action: 'submit' }), mail: { to: (c) => c.admin.email, subject: /^Offre à modérer/, marked: false } },
      { label: 'archive (admin)', action: 'archive', by: (c) => c.admin, body: (m) => ({ action: 'archive', reason: `Offre en double ${m}` }), mail: { to: (c) => c.recruiter.email, subject: /^Votre offre a été archivée/, marked: true } },
    ],
  },
  {
    name: 'sponsorship: accept / accept (two recruiters, each naming themself)',
    process: 'sponsorship',
    from: 'PENDING',
    sides: [
      { label: 'accept (recruiter)', action: 'accept', by: (c) => c.recruiter, body: (_, c) => ({ action: 'accept', sponsorUserId: c.recruiter.id }), mail: { to: (c) => c.recruiter.email, subject: /^Vous parrainez/, marked: false } },
      { label: 'accept (colleague)', action: 'accept', by: (c) => c.colleague, body: (_, c) => ({ action: 'accept', sponsorUserId: c.colleague.id }), mail: { to: (c) => c.colleague.email, subject: /^Vous parrainez/, marked: false } },
    ],
    // The sponsor the database keeps is the one of the request it recorded, and the workflow's.
    extra: async ({ entity, dbSides, bodies, snapshot }) => {
      const winner = dbSides.find((s) => s >= 0);
      if (winner === undefined) return [];
      const [{ sponsor_id: sponsorId } = { sponsor_id: null }] = await sql(`SELECT sponsor_id FROM sponsorship_requests WHERE id = $1`, [entity.id]);
      const problems: string[] = [];
      if (sponsorId !== bodies[winner]!.sponsorUserId) problems.push(`sponsor in the database ${sponsorId}, but the recorded request named ${String(bodies[winner]!.sponsorUserId)}`);
      if (snapshot && snapshot.sponsorId !== sponsorId) problems.push(`sponsor in the database ${sponsorId}, in the workflow ${snapshot.sponsorId}`);
      return problems;
    },
  },
  {
    name: 'sponsorship: accept / refuse (two recruiters)',
    process: 'sponsorship',
    from: 'PENDING',
    sides: [
      { label: 'accept (recruiter)', action: 'accept', by: (c) => c.recruiter, body: (_, c) => ({ action: 'accept', sponsorUserId: c.recruiter.id }), mail: { to: candidateOf, subject: /^Votre demande de parrainage est acceptée/, marked: false } },
      { label: 'refuse (colleague)', action: 'refuse', by: (c) => c.colleague, body: (m) => ({ action: 'refuse', comment: `Pas de parrain disponible ${m}` }), mail: { to: candidateOf, subject: /^Réponse à votre demande de parrainage/, marked: true } },
    ],
  },
];

/** The search attribute holding each process's status (PRODUCT.md names ApplicationStatus; the others alike). */
const STATUS_ATTRIBUTE: Record<Process, string> = { application: 'ApplicationStatus', offer: 'OfferStatus', company: 'CompanyStatus', sponsorship: 'SponsorshipStatus' };

/** An action legal from every non-final state, to check the entity still moves after the race. */
const FOLLOW_UP: Partial<Record<Process, (entity: Entity, status: string) => { by: Person; body: Record<string, unknown>; to: string } | null>> = {
  // Their référent withdraws for the candidate (PRODUCT.md allows it; their session is already open).
  application: (_, status) => (APPLICATION_NON_FINAL.includes(status) ? { by: cast.referent, body: { action: 'withdraw' }, to: 'WITHDRAWN' } : null),
  offer: (_, status) => (RULES.offer.archive!.from.includes(status) ? { by: cast.recruiter, body: { action: 'archive' }, to: 'ARCHIVED' } : null),
};

// ---------------------------------------------------------------------------------------------------
// One round.

interface Answer {
  /** HTTP status, or null when no answer came within ANSWER_TIMEOUT_MS. */
  status: number | null;
  body: any;
  /** When the request left and when its answer came (performance.now()). */
  sent: number;
  answered: number;
}

interface Problem {
  kind: string;
  detail: string;
}

interface Round {
  index: number;
  entity?: Entity;
  answers?: Answer[];
  markers: string[];
  dbSides: number[];
  problems: Problem[];
}

let cast: RaceCast;
let sequelize: Sequelize;
const started = Date.now();
/** Every projected row touched, per reconcile process name. */
const touched: Record<ProcessName, string[]> = { application: [], offer: [], membership: [], sponsorship: [], contactRequest: [] };
const RECONCILE_NAME: Record<Process, ProcessName> = { application: 'application', offer: 'offer', company: 'membership', sponsorship: 'sponsorship' };

const short = (value: unknown, max = 300) => {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text && text.length > max ? `${text.slice(0, max)}…` : text;
};

async function runRound(pair: Pair, index: number): Promise<Round> {
  const markers = pair.sides.map((_, side) => `course-${index}${'AB'[side]}-${randomUUID().slice(0, 6)}`);
  const round: Round = { index, markers, dbSides: [], problems: [] };
  const problem = (kind: string, detail: string) => round.problems.push({ kind, detail });
  try {
    await within(play(pair, round, problem), ROUND_TIMEOUT_MS, `round ${index}`);
  } catch (error) {
    problem(error instanceof NoAnswerError ? 'round timed out' : 'round failed', (error as Error).message);
  }
  return round;
}

async function play(pair: Pair, round: Round, problem: (kind: string, detail: string) => void): Promise<void> {
  const { process, sides } = pair;
  let entity: Entity;
  try {
    entity = await reach(process, pair.from, cast, { timeoutMs: ANSWER_TIMEOUT_MS, interviewStarted: pair.interviewStarted });
  } catch (error) {
    problem('set-up failed', (error as Error).message);
    return;
  }
  round.entity = entity;
  touched[RECONCILE_NAME[process]].push(entity.rowId);

  // Prepared: both sessions open, both bodies written, what was there before the race recorded.
  const actors = sides.map((side) => side.by(cast, entity));
  const sessions = await Promise.all(actors.map((person) => person.client()));
  const bodies = sides.map((side, i) => side.body(round.markers[i]!, cast));
  const eventsBefore = (await eventsOf(process, entity.id)).length;
  const updatesBefore = new Set((await updatesIn(await workflowHistoryOf(entity.workflowId))).map((u) => u.updateId));

  // Released together; which request leaves first alternates from round to round.
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const leaving = round.index % 2 === 0 ? [0, 1] : [1, 0];
  const answers: Answer[] = [];
  const racing = leaving.map(async (i) => {
    await gate;
    const sent = performance.now();
    try {
      const response = await transition(process, sessions[i]!, entity.id, bodies[i]!, { timeoutMs: ANSWER_TIMEOUT_MS });
      answers[i] = { status: response.status, body: response.body, sent, answered: performance.now() };
    } catch (error) {
      if (!(error instanceof NoAnswerError)) throw error;
      answers[i] = { status: null, body: error.message, sent, answered: performance.now() };
    }
  });
  release();
  await Promise.all(racing);
  round.answers = answers;

  // 1. The answers: 200, or 409 ILLEGAL_TRANSITION with the state.
  sides.forEach((side, i) => {
    const answer = answers[i]!;
    if (answer.status === null) problem('no answer', `${side.label}: ${answer.body}`);
    else if (answer.status === 409 && answer.body?.error?.code !== 'ILLEGAL_TRANSITION') problem('409 without ILLEGAL_TRANSITION', `${side.label}: ${short(answer.body)}`);
    else if (answer.status !== 200 && answer.status !== 409) problem(`HTTP ${answer.status}`, `${side.label}: ${short(answer.body?.error ?? answer.body)}`);
  });

  // 2. The database: new events, each the request of one side.
  const row = await rowOf(process, entity.id);
  const events = await eventsOf(process, entity.id);
  const fresh = events.slice(eventsBefore);
  const sideOfEvent = (event: HistoryRow) => sides.findIndex((side, i) => side.action === event.type && event.actorId === actors[i]!.id);
  round.dbSides = fresh.map(sideOfEvent);
  fresh.forEach((event, k) => {
    if (round.dbSides[k] === -1) problem('unexpected event', `seq ${event.seq} ${event.type} by ${event.actorRole} ${event.actorId} is neither request`);
  });

  // 3. The workflow: new Updates, each the request of one side, each completed once at most.
  const updates = (await updatesIn(await workflowHistoryOf(entity.workflowId))).filter((u) => !updatesBefore.has(u.updateId));
  const successes = [0, 0];
  for (const update of updates) {
    const side = sides.findIndex((s, i) => update.request?.action === s.action && update.request?.actor?.id === actors[i]!.id);
    if (side === -1) {
      problem('unexpected update', `update ${update.updateId} ${update.name} ${short(update.request)} is neither request`);
      continue;
    }
    if (update.successes > 1) problem('update completed twice', `${sides[side]!.label}: update ${update.updateId} completed successfully ${update.successes} times`);
    successes[side] += update.successes;
  }

  // 4. Each 200 is one event and one successful Update; a refusal is neither.
  sides.forEach((side, i) => {
    const inDatabase = round.dbSides.filter((s) => s === i).length;
    const status = answers[i]!.status;
    const expected = status === 200 ? 1 : 0;
    if (inDatabase !== expected) problem(status === 200 ? '200 without exactly one event' : 'refused but recorded', `${side.label}: HTTP ${status}, ${inDatabase} event(s) in the database`);
    if (successes[i] !== expected) problem(status === 200 ? '200 without exactly one Update' : 'refused but an Update succeeded', `${side.label}: HTTP ${status}, ${successes[i]} successful Update completion(s) in the workflow`);
  });

  // 5. The recorded events are a legal sequence from the starting state, leading to the row's status.
  const path: ModelState[] = [{ status: pair.from, confirmed: false }];
  let legal = true;
  for (const side of round.dbSides) {
    if (side < 0) continue;
    const after = next(process, path.at(-1)!, sides[side]!.action);
    if (!after) {
      legal = false;
      problem('impossible history', `the database recorded ${round.dbSides.map((s) => sides[s]?.label ?? '?').join(' then ')}: ${sides[side]!.action} is illegal in ${path.at(-1)!.status}`);
      break;
    }
    path.push(after);
  }
  if (legal && row.status !== path.at(-1)!.status) problem('status', `row ${row.status}, but its recorded history leads to ${path.at(-1)!.status}`);
  if (answers.every((a) => a.status !== 200)) problem('nobody won', `answers ${answers.map((a) => a.status).join(', ')}`);

  // 6. Each refusal names a state the entity was in where its action is illegal; each 200 a state at or after its own action.
  sides.forEach((side, i) => {
    const answer = answers[i]!;
    if (answer.status === 409) {
      const named = answer.body?.error?.details?.status;
      const fits = path.some((state) => state.status === named && next(process, state, side.action) === null);
      if (!fits) problem('409 names a wrong state', `${side.label}: 409 names ${named}; the entity went through ${path.map((s) => s.status).join(' → ')}`);
    }
    if (answer.status === 200 && legal) {
      const position = round.dbSides.indexOf(i);
      if (position >= 0) {
        const possible = path.slice(position + 1).map((s) => s.status);
        if (!possible.includes(answer.body?.status)) problem('200 answers a wrong state', `${side.label}: answered ${answer.body?.status}, expected one of ${possible.join(', ')}`);
      }
    }
  });

  // 7. The workflow agrees with the database.
  let snapshot: Record<string, any> | null = null;
  try {
    snapshot = await snapshotOf(entity.workflowId);
  } catch (error) {
    problem('snapshot query failed', (error as Error).message);
  }
  if (snapshot) {
    if (snapshot.status !== row.status) problem('database and workflow disagree on the status', `database ${row.status}, workflow ${snapshot.status}`);
    if (snapshot.events !== events.length) problem('database and workflow disagree on the events', `database ${events.length} events, workflow counts ${snapshot.events}`);
    if (process === 'application') {
      const mine = (await interviewsOf(entity.id)).map((v) => `${v.id}:${v.round}:${v.status}:${v.startsAt}`);
      const theirs = ((snapshot.interviews ?? []) as Array<Record<string, any>>).map((v) => `${v.id}:${v.round}:${v.status}:${new Date(v.startsAt).toISOString()}`);
      if (mine.join(' ') !== theirs.join(' ')) problem('database and workflow disagree on the interviews', `database [${mine.join(', ')}], workflow [${theirs.join(', ')}]`);
    }
  }

  // The status operators filter on in the Temporal UI says the same.
  const attributes = await searchAttributes(entity.workflowId);
  if (attributes[STATUS_ATTRIBUTE[process]] !== row.status) problem('search attribute', `${STATUS_ATTRIBUTE[process]} ${String(attributes[STATUS_ATTRIBUTE[process]])}, database ${row.status}`);

  // 8. The entity still moves afterwards (a workflow wedged by the race would leave every later action hanging).
  const followUp = FOLLOW_UP[process]?.(entity, row.status);
  if (followUp) {
    try {
      const response = await transition(process, await followUp.by.client(), entity.id, followUp.body, { timeoutMs: ANSWER_TIMEOUT_MS });
      if (response.status !== 200 || response.body?.status !== followUp.to) {
        problem('later action refused', `${followUp.body.action} from ${row.status}: HTTP ${response.status} ${short(response.body?.error ?? response.body?.status)}`);
      } else {
        const after = await rowOf(process, entity.id);
        const snapshotAfter = await snapshotOf(entity.workflowId).catch((error: Error) => ({ status: `query failed: ${error.message}` }));
        if (after.status !== followUp.to || snapshotAfter.status !== followUp.to) problem('later action not recorded', `${followUp.body.action}: database ${after.status}, workflow ${snapshotAfter.status}`);
      }
    } catch (error) {
      if (!(error instanceof NoAnswerError)) throw error;
      problem('later action hangs', `${followUp.body.action} from ${row.status}: ${error.message}`);
    }
  }

  // 9. What this pair checks besides.
  if (pair.extra) {
    for (const detail of await pair.extra({ entity, actors, bodies, dbSides: round.dbSides, row, snapshot })) problem('pair check', detail);
  }
}

/** Mails of sampled rounds, once their outbox has drained: the recorded outcome's, once each, and no other. */
async function checkMails(pair: Pair, rounds: Round[]): Promise<number> {
  const sampled = rounds.filter((r) => r.index % MAIL_EVERY === 0 && r.entity && r.answers);
  await Promise.all(
    sampled.map(async (round) => {
      try {
        await outboxDrained(round.entity!.workflowId, 60_000);
      } catch (error) {
        round.problems.push({ kind: 'mails not drained', detail: (error as Error).message });
      }
    }),
  );
  const all = await mailbox();
  for (const round of sampled) {
    const about = await mailsAbout(pair.process, round.entity!.id, undefined, all);
    const signatures = new Map<string, { sides: number[]; signature: MailSignature; marker: string | null }>();
    pair.sides.forEach((side, i) => {
      if (!side.mail) return;
      const to = side.mail.to(cast, round.entity!);
      const marker = side.mail.marked ? round.markers[i]! : null;
      const key = `${to}|${side.mail.subject.source}|${marker ?? ''}`;
      const entry = signatures.get(key) ?? { sides: [], signature: side.mail, marker };
      entry.sides.push(i);
      signatures.set(key, entry);
    });
    // Nothing quotes what the request that was not recorded said.
    pair.sides.forEach((side, i) => {
      if (round.dbSides.includes(i)) return;
      const quoting = about.filter((m) => m.text.includes(round.markers[i]!));
      if (quoting.length) round.problems.push({ kind: 'mails', detail: `${side.label} was not recorded, yet ${quoting.length} mail(s) quote it: ${quoting.map((m) => `« ${m.subject} » to ${m.envelopeTo.join(', ')}`).join('; ')}` });
    });
    for (const [key, { sides, signature, marker }] of signatures) {
      const to = key.split('|')[0]!;
      const expected = round.dbSides.filter((s) => sides.includes(s)).length;
      const received = about.filter((m) => m.envelopeTo.includes(to) && signature.subject.test(m.subject) && (!marker || m.text.includes(marker)));
      if (received.length !== expected) {
        const labels = sides.map((s) => pair.sides[s]!.label).join(' / ');
        round.problems.push({
          kind: 'mails',
          detail: `${labels}: ${expected} recorded, ${received.length} mail(s) « ${signature.subject.source} » to ${to}${received.length ? ` (${received.map((m) => m.subject).join('; ')})` : ''}`,
        });
      }
    }
  }
  return sampled.length;
}

async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let nextIndex = 0;
  const worker = async () => {
    while (nextIndex < items.length) {
      const i = nextIndex++;
      results[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** Who won each round, in the database's order, with the answers: the tally shows the race happened. */
function tally(pair: Pair, rounds: Round[]) {
  const outcomes = new Map<string, number>();
  const first = [0, 0];
  let overlapped = 0;
  let slowestMs = 0;
  const gaps: number[] = [];
  for (const round of rounds) {
    if (!round.answers) {
      outcomes.set('no race (set-up failed)', (outcomes.get('no race (set-up failed)') ?? 0) + 1);
      continue;
    }
    const recorded = round.dbSides.map((s) => pair.sides[s]?.label ?? '?').join(' → ') || 'nothing';
    const http = pair.sides.map((side, i) => `${side.label} ${round.answers![i]!.status ?? 'no answer'}`).join(', ');
    const key = `${http} ⇒ recorded: ${recorded}`;
    outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
    const winner = round.dbSides.find((s) => s >= 0);
    if (winner !== undefined) first[winner]!++;
    const [a, b] = round.answers;
    if (a!.sent < b!.answered && b!.sent < a!.answered) overlapped++;
    gaps.push(Math.abs(a!.sent - b!.sent));
    for (const answer of round.answers) if (answer.status !== null) slowestMs = Math.max(slowestMs, answer.answered - answer.sent);
  }
  gaps.sort((x, y) => x - y);
  return { outcomes, first, overlapped, maxGapMs: gaps.at(-1) ?? 0, slowestMs };
}

// ---------------------------------------------------------------------------------------------------

beforeAll(async () => {
  const base = await createCast();
  cast = { ...base, admin2: await createUser('ADMIN') };
  await Promise.all([cast.recruiter, cast.colleague, cast.referent, cast.missionOfficer, cast.admin, cast.admin2].map((p) => p.client()));
  sequelize = createDatabase(inject('databaseUrl'), { poolMax: 2 });
});

afterAll(async () => {
  await sequelize?.close();
  console.log(`[race] file ran ${((Date.now() - started) / 1000).toFixed(1)} s (${ROUNDS} rounds per pair, ${PARALLEL} at a time)`);
});

/** Room for a loaded machine: rounds take 2–6 s each, PARALLEL at a time. */
const PAIR_TIMEOUT_MS = Math.max(300_000, ROUNDS * 30_000);

describe('two actions on one entity at the same instant: exactly one wins, and everyone agrees on which', () => {
  for (const pair of PAIRS) {
    it(pair.name, { timeout: PAIR_TIMEOUT_MS }, async () => {
      const pairStarted = Date.now();
      const rounds = await mapLimit(
        Array.from({ length: ROUNDS }, (_, i) => i),
        PARALLEL,
        (i) => runRound(pair, i),
      );
      const mailed = await checkMails(pair, rounds);

      const { outcomes, first, overlapped, maxGapMs, slowestMs } = tally(pair, rounds);
      const bad = rounds.filter((r) => r.problems.length > 0);
      const kinds = new Map<string, number>();
      for (const round of bad) for (const kind of new Set(round.problems.map((p) => p.kind))) kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
      const lines = [
        `[race] ${pair.name}: ${rounds.length} rounds in ${((Date.now() - pairStarted) / 1000).toFixed(1)} s, mails checked on ${mailed}`,
        ...[...outcomes].sort((a, b) => b[1] - a[1]).map(([key, n]) => `    ${String(n).padStart(3)} × ${key}`),
        `    recorded first: ${pair.sides[0].label} ${first[0]}, ${pair.sides[1].label} ${first[1]}; both requests in flight together in ${overlapped} rounds (sent at most ${maxGapMs.toFixed(1)} ms apart; slowest answer ${Math.round(slowestMs)} ms)`,
      ];
      const racing = rounds.length < RACING_EVIDENCE_ROUNDS || (first[0]! > 0 && first[1]! > 0);
      if (!racing) lines.push(`    NOT RACING: one side was recorded first in every round; the requests do not meet`);
      if (bad.length) {
        lines.push(`    ${bad.length} of ${rounds.length} rounds disagree: ${[...kinds].map(([k, n]) => `${k} ×${n}`).join(', ')}`);
        for (const round of bad.slice(0, 5)) {
          lines.push(`    round ${round.index} (${round.entity?.process} ${round.entity?.id}): ${round.problems.map((p) => `[${p.kind}] ${p.detail}`).join(' | ')}`);
        }
      }
      const report = lines.join('\n');
      console.log(report);
      expect(bad.length, report).toBe(0);
      expect(racing, report).toBe(true);
    });
  }

  it('reconcile finds no difference between the workflows and the database over every entity raced', { timeout: 300_000 }, async () => {
    const only = Object.values(touched).flat();
    expect(only.length, 'entities raced').toBeGreaterThan(0);
    const report = await reconcile({
      sequelize,
      temporal: await temporalClient(),
      taskQueue: inject('taskQueue'),
      only,
      processes: (Object.keys(touched) as ProcessName[]).filter((p) => touched[p].length > 0),
      recheckMs: 1_000,
    });
    const text = formatReport(report, false);
    const byKind = new Map<string, number>();
    for (const d of report.differences) byKind.set(`${d.process} ${d.kind}`, (byKind.get(`${d.process} ${d.kind}`) ?? 0) + 1);
    console.log(`[race] reconcile over ${only.length} entities: ${report.differences.length} difference(s)${byKind.size ? ` (${[...byKind].map(([k, n]) => `${k} ×${n}`).join(', ')})` : ''}`);
    expect(report.differences.length, text.split('\n').slice(0, 40).join('\n')).toBe(0);
  });
});
