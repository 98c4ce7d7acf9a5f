// GET /api/statistics on the real platform: applications driven through real transitions (API and
// workflows) in a fresh mission officer's network, then the statistics that officer reads checked
// against the history rows themselves — entries per state and month, hires, medians of the stays,
// référent validations within the SLA (3 days: DEFAULT_TIMERS.referentReminderMs), refusal reasons —
// and who may read them.
//
// Days-old cases are started through the workflow with an earlier creation time (startApplication's
// `createdAt`), as the API would have started them then: their creation event carries that time and
// their référent timers, already due, fire at once (the oldest one is escalated). No row is backdated.
import { beforeAll, describe, expect, it } from 'vitest';
import { REFUSAL_REASONS } from '../workflows/refusal-reasons.js';
import { REFUSAL_REASON, act, eventsOf, reach, startApplication, type HistoryRow } from './drivers.js';
import { createCast, type Cast } from './fixtures.js';
import { eventually, type ApiClient } from './support.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY);
const parisMonth = (at: Date | string) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date(at)).slice(0, 7);
const round1 = (value: number) => Math.round(value * 10) / 10;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length / 2;
  return sorted.length % 2 ? sorted[Math.floor(middle)]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** The stays of one application: each state entered, until the next state change (null: still there). */
function staysOf(events: HistoryRow[]) {
  const changes = events.filter((e) => e.toStatus && e.toStatus !== e.fromStatus);
  return changes.map((e, i) => ({ status: e.toStatus!, enteredAt: new Date(e.at), leftAt: changes[i + 1] ? new Date(changes[i + 1]!.at) : null }));
}

let cast: Cast;
let officer: ApiClient;
/** Every application of the officer's network, with its history once driven. */
let histories: HistoryRow[][];
let otherNetwork: string;

beforeAll(async () => {
  cast = await createCast();
  officer = await cast.missionOfficer.client();
  const validateLater = async (days: number) => {
    const started = await startApplication(cast, { createdAt: daysAgo(days), message: `Candidature créée il y a ${days} jours.` });
    await act('application', cast.referent, started.id, { action: 'validate' }, 'PENDING_RECRUITER');
    return started.id;
  };
  const [hired, refused, notHired, pending, ...slow] = await Promise.all([
    reach('application', 'HIRED', cast).then((e) => e.id),
    reach('application', 'REFUSED', cast).then((e) => e.id),
    reach('application', 'NOT_HIRED', cast).then((e) => e.id),
    reach('application', 'PENDING_REFERENT_VALIDATION', cast).then((e) => e.id),
    validateLater(2), // within the 3 days
    validateLater(4), // late
    validateLater(5), // late
    // Still waiting after 8 days: reminded, then escalated to the mission officer, at once.
    startApplication(cast, { createdAt: daysAgo(8) }).then((s) => s.id),
  ]);
  const escalated = slow.at(-1)!;
  await eventually(async () => (await eventsOf('application', escalated)).some((e) => e.type === 'referent_escalation'), 20_000, 'escalation of the 8-day-old application');
  histories = await Promise.all([hired, refused, notHired, pending, ...slow].map((id) => eventsOf('application', id!)));

  // Another network's application: never in this officer's statistics.
  const created = await (await cast.otherReferent.client()).post('/api/applications', { offerId: cast.company.offerId, candidateId: cast.otherCandidate.id });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  otherNetwork = created.body.id;
}, 180_000);

describe('statistics', () => {
  it('gives a mission officer exactly their network’s applications: entries per state and month, hires, medians', async () => {
    const response = await officer.get('/api/statistics');
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    const stats = response.body;
    expect(stats.months).toHaveLength(12);
    expect(stats.months.at(-1)).toBe(parisMonth(new Date()));

    // Entries: every state change of the histories, by month in Paris.
    const expected = new Map<string, number[]>();
    for (const stay of histories.flatMap(staysOf)) {
      const counts = expected.get(stay.status) ?? stats.months.map(() => 0);
      counts[stats.months.indexOf(parisMonth(stay.enteredAt))]++;
      expected.set(stay.status, counts);
    }
    expect(Object.fromEntries(stats.statusEntries.map((s: { status: string; counts: number[] }) => [s.status, s.counts]))).toEqual(Object.fromEntries(expected));
    const entered = (status: string) => stats.statusEntries.find((s: { status: string }) => s.status === status)?.total;
    expect(entered('PENDING_REFERENT_VALIDATION')).toBe(8);
    expect(entered('HIRED')).toBe(1);
    expect(entered('REFUSED')).toBe(1);
    expect(entered('NOT_HIRED')).toBe(1);
    // The 4- and 5-day-old creations fall in their own month (the previous one early in a month).
    expect(stats.statusEntries[0].counts[stats.months.indexOf(parisMonth(daysAgo(5)))]).toBeGreaterThanOrEqual(1);

    expect(stats.hires.total).toBe(1);
    expect(stats.hires.counts.at(-1)).toBe(1);

    // Medians of the stays that ended, exact to the tenth of an hour; the référent's step: three stays of
    // seconds, then 2, 4 and 5 days: the middle two average to about a day.
    const stays = histories.flatMap(staysOf).filter((s) => s.leftAt);
    const medians = new Map<string, number>();
    for (const status of new Set(stays.map((s) => s.status))) {
      medians.set(status, round1(median(stays.filter((s) => s.status === status).map((s) => (s.leftAt!.getTime() - s.enteredAt.getTime()) / HOUR))));
    }
    expect(Object.fromEntries(stats.timeInStatus.map((s: { status: string; medianHours: number }) => [s.status, s.medianHours]))).toEqual(Object.fromEntries(medians));
    const pendingStep = stats.timeInStatus.find((s: { status: string }) => s.status === 'PENDING_REFERENT_VALIDATION');
    expect(pendingStep.stays).toBe(6);
    expect(pendingStep.medianHours).toBeGreaterThanOrEqual(24);
    expect(pendingStep.medianHours).toBeLessThan(25);
  });

  it('counts the référent’s validations within 3 days, and who waits beyond', async () => {
    const { body } = await officer.get('/api/statistics');
    expect(body.referentValidation).toEqual({ slaHours: 72, validated: 6, withinSla: 4, late: 2, share: 0.667, waitingBeyondSla: 1 });
  });

  it('counts refusals by reason, named by its label', async () => {
    const { body } = await officer.get('/api/statistics');
    expect(body.refusalReasons).toEqual([{ reason: REFUSAL_REASON, label: REFUSAL_REASONS[REFUSAL_REASON].label, refuse: 1, notHire: 1, total: 2 }]);
  });

  it('scopes by period: a period before these applications is empty', async () => {
    const { status, body } = await officer.get('/api/statistics?from=2020-01-01&to=2020-12-31');
    expect(status).toBe(200);
    expect(body.months).toHaveLength(12);
    expect(body.statusEntries).toEqual([]);
    expect(body.hires.total).toBe(0);
    expect(body.referentValidation).toMatchObject({ validated: 0, share: null, waitingBeyondSla: 1 });
  });

  it('shows the other network’s officer only theirs, and admins everything', async () => {
    const other = (await (await cast.otherMissionOfficer.client()).get('/api/statistics')).body;
    expect(other.statusEntries.map((s: { status: string; total: number }) => [s.status, s.total])).toEqual([['PENDING_REFERENT_VALIDATION', 1]]);
    expect(otherNetwork).toBeTruthy();
    const admin = (await (await cast.admin.client()).get('/api/statistics')).body;
    expect(admin.statusEntries.find((s: { status: string }) => s.status === 'PENDING_REFERENT_VALIDATION').total).toBeGreaterThanOrEqual(9);
    expect(admin.hires.total).toBeGreaterThanOrEqual(1);
  });

  it('refuses candidates, référents and recruiters (403), and bad dates by field (400)', async () => {
    for (const person of [cast.candidate, cast.referent, cast.recruiter]) {
      const response = await (await person.client()).get('/api/statistics');
      expect(response.status).toBe(403);
      expect(response.body.error.code).toBe('FORBIDDEN');
    }
    for (const [query, field] of [
      ['from=2026-02-30', 'from'],
      ['from=demain', 'from'],
      ['to=2026-13-01', 'to'],
      ['from=2026-05-01&to=2026-04-01', 'to'],
      ['from=2000-01-01&to=2026-01-01', 'to'],
    ] as const) {
      const response = await officer.get(`/api/statistics?${query}`);
      expect(response.status, query).toBe(400);
      expect(response.body.error.details.fields.map((f: { field: string }) => f.field), query).toEqual([field]);
    }
  });
});
