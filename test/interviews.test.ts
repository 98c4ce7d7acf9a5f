// GET /api/interviews on the real harness: the interviews of the applications each role may see, in
// the order they take place, within a bounded period (62 days at most, with a clear 400 otherwise).
import { beforeAll, describe, expect, it } from 'vitest';
import { act } from './drivers.js';
import { createCast, createUser, inDays, insertPublishedOffer, type Cast, type Person } from './fixtures.js';
import { ApiClient, sql } from './support.js';

let cast: Cast;
let candidate: Person;
const ids: { soon: string; later: string; soonApplication: string; laterApplication: string } = { soon: '', later: '', soonApplication: '', laterApplication: '' };

/** An application of `candidate` to `offerId`, validated, accepted, with an interview at `startsAt`. */
async function interviewAt(offerId: string, recruiter: Person, startsAt: string, mode: string) {
  const applied = await (await candidate.client()).post('/api/applications', { offerId });
  expect(applied.status, JSON.stringify(applied.body)).toBe(201);
  const id = applied.body.id as string;
  await act('application', cast.referent, id, { action: 'validate' }, 'PENDING_RECRUITER');
  await act('application', recruiter, id, { action: 'accept' }, 'ACCEPTED');
  const proposed = await act(
    'application',
    recruiter,
    id,
    { action: 'propose_interview', startsAt, durationMinutes: 45, mode, location: mode === 'IN_PERSON' ? '3 rue de la Paix, Lyon' : null },
    'INTERVIEW_PROPOSED',
  );
  return { applicationId: id, interviewId: proposed.interviews.at(-1).id as string };
}

beforeAll(async () => {
  cast = await createCast();
  candidate = await createUser('CANDIDATE', { referentId: cast.referent.id });
  // Made in the reverse order of their dates: the list sorts them.
  const later = await interviewAt(cast.otherCompany.offerId, cast.otherRecruiter, inDays(20), 'IN_PERSON');
  const soon = await interviewAt(cast.company.offerId, cast.recruiter, inDays(3), 'VIDEO');
  Object.assign(ids, { soon: soon.interviewId, later: later.interviewId, soonApplication: soon.applicationId, laterApplication: later.applicationId });
});

const listOf = async (person: Person | ApiClient, query = '') => {
  const client = person instanceof ApiClient ? person : await person.client();
  return client.get(`/api/interviews${query}`);
};
const interviewIds = (body: { items: Array<{ id: string }> }) => body.items.map((i) => i.id).filter((id) => id === ids.soon || id === ids.later);

describe('GET /api/interviews', () => {
  it('gives the candidate theirs, sorted by date, with what a calendar shows', async () => {
    const response = await listOf(candidate);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.body.items.map((i: { id: string }) => i.id)).toEqual([ids.soon, ids.later]);
    expect(response.body).toMatchObject({ total: 2, page: 1 });
    const [soon, later] = response.body.items;
    expect(soon).toMatchObject({
      round: 1,
      status: 'PROPOSED',
      durationMinutes: 45,
      mode: 'VIDEO',
      location: null,
      icsUrl: `/api/applications/${ids.soonApplication}/interviews/${ids.soon}.ics`,
      application: { id: ids.soonApplication, status: 'INTERVIEW_PROPOSED' },
      offer: { id: cast.company.offerId, title: 'Technicien de maintenance H/F' },
      company: { id: cast.company.id, name: 'Entreprise A' },
      candidate: { id: candidate.id, firstName: 'Candidate', lastName: 'Test' },
    });
    expect(soon.videoUrl).toMatch(/^https:\/\/meet\.jit\.si\/tremplin-/);
    expect(later).toMatchObject({ mode: 'IN_PERSON', location: '3 rue de la Paix, Lyon', videoUrl: null, company: { name: 'Entreprise B' } });
    expect(Date.parse(soon.startsAt)).toBeLessThan(Date.parse(later.startsAt));
    // Default period: a month back, a month ahead.
    expect(Date.parse(response.body.to) - Date.parse(response.body.from)).toBe(62 * 86_400_000);
  });

  it('shows each role the interviews of the applications it may see, and no others', async () => {
    const expected: Array<[string, Person, string[]]> = [
      ['recruiter', cast.recruiter, [ids.soon]],
      ['colleague', cast.colleague, [ids.soon]],
      ['otherRecruiter', cast.otherRecruiter, [ids.later]],
      ['referent', cast.referent, [ids.soon, ids.later]],
      ['missionOfficer', cast.missionOfficer, [ids.soon, ids.later]],
      ['admin', cast.admin, [ids.soon, ids.later]],
      ['otherReferent', cast.otherReferent, []],
      ['otherMissionOfficer', cast.otherMissionOfficer, []],
      ['otherCandidate', cast.otherCandidate, []],
    ];
    for (const [name, person, visible] of expected) {
      const response = await listOf(person, '?pageSize=500');
      expect(response.status, name).toBe(200);
      expect(interviewIds(response.body), name).toEqual(visible);
    }
    expect((await listOf(new ApiClient())).status).toBe(401);
  });

  it('reads the period asked for: dates (midnight in Paris) or date-times, from included, to excluded', async () => {
    const day = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
    expect(interviewIds((await listOf(candidate, `?from=${day(1)}&to=${day(10)}`)).body)).toEqual([ids.soon]);
    expect(interviewIds((await listOf(candidate, `?from=${day(10)}`)).body)).toEqual([ids.later]);
    expect(interviewIds((await listOf(candidate, `?to=${day(1)}`)).body)).toEqual([]);
    const soon = (await listOf(candidate)).body.items[0].startsAt as string;
    expect(interviewIds((await listOf(candidate, `?from=${encodeURIComponent(soon)}&to=${encodeURIComponent(new Date(Date.parse(soon) + 1000).toISOString())}`)).body)).toEqual([ids.soon]);
    expect(interviewIds((await listOf(candidate, `?from=${encodeURIComponent(new Date(Date.parse(soon) - 1000).toISOString())}&to=${encodeURIComponent(soon)}`)).body)).toEqual([]);
    const march = await listOf(candidate, '?from=2026-03-29&to=2026-03-30');
    expect(march.body).toMatchObject({ from: '2026-03-28T23:00:00.000Z', to: '2026-03-29T22:00:00.000Z' });
  });

  it('refuses a period longer than 62 days, reversed, or unreadable, saying why', async () => {
    const tooLong = await listOf(candidate, '?from=2026-01-01&to=2026-03-15');
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(tooLong.body.error.message).toMatch(/62 jours au plus/);
    const reversed = await listOf(candidate, '?from=2026-03-01&to=2026-02-01');
    expect(reversed.status).toBe(400);
    expect(reversed.body.error.message).toMatch(/to : la fin de la période doit être après son début/);
    const unreadable = await listOf(candidate, '?from=demain');
    expect(unreadable.status).toBe(400);
    expect(unreadable.body.error.message).toMatch(/from : date \(AAAA-MM-JJ/);
    expect((await listOf(candidate, '?from=2026-02-30')).status).toBe(400);
    expect((await listOf(candidate, '?status=x')).status).toBe(400);
    expect((await listOf(candidate, '?from=2026-01-01&to=2026-03-04')).status).toBe(200);
    // 62 calendar days across the end of summer time (62 days and one hour): accepted.
    expect((await listOf(candidate, '?from=2026-10-01&to=2026-12-02')).status).toBe(200);
    expect((await listOf(candidate, '?from=2026-10-01&to=2026-12-03')).status).toBe(400);
  });

  it('gives the candidate’s number with a live PHONE interview to who calls — the company’s recruiters and the référent — and to nobody else', async () => {
    const caller = await createUser('CANDIDATE', { referentId: cast.referent.id });
    await sql(`UPDATE users SET phone = '06 12 34 56 78' WHERE id = $1`, [caller.id]);
    const offerId = await insertPublishedOffer(cast.company.id, 'Standardiste H/F');
    const applied = await (await caller.client()).post('/api/applications', { offerId });
    expect(applied.status, JSON.stringify(applied.body)).toBe(201);
    const id = applied.body.id as string;
    await act('application', cast.referent, id, { action: 'validate' }, 'PENDING_RECRUITER');
    await act('application', cast.recruiter, id, { action: 'accept' }, 'ACCEPTED');
    const proposed = await act('application', cast.recruiter, id, { action: 'propose_interview', startsAt: inDays(5), durationMinutes: 30, mode: 'PHONE' }, 'INTERVIEW_PROPOSED');
    const interviewId = proposed.interviews.at(-1).id as string;
    expect(proposed.interviews.at(-1).candidatePhone).toBe('06 12 34 56 78');

    const phoneOf = async (person: Person) => {
      const calendar = (await listOf(person, '?pageSize=500')).body.items.find((i: { id: string }) => i.id === interviewId);
      const application = (await (await person.client()).get(`/api/applications/${id}`)).body;
      return { calendar: calendar?.candidatePhone, page: application.interviews?.at(-1)?.candidatePhone, seen: Boolean(calendar) };
    };
    for (const [name, person] of [['recruiter', cast.recruiter], ['colleague', cast.colleague], ['referent', cast.referent]] as const) {
      expect(await phoneOf(person), name).toEqual({ calendar: '06 12 34 56 78', page: '06 12 34 56 78', seen: true });
    }
    // They see the interview, not the number: it is not theirs to call (the candidate knows their own).
    for (const [name, person] of [['candidate', caller], ['missionOfficer', cast.missionOfficer], ['admin', cast.admin]] as const) {
      expect(await phoneOf(person), name).toEqual({ calendar: undefined, page: undefined, seen: true });
    }
    // Another mode carries no number, even for the recruiter.
    const video = (await listOf(cast.recruiter, '?pageSize=500')).body.items.find((i: { id: string }) => i.id === ids.soon);
    expect(video).not.toHaveProperty('candidatePhone');
    // A number not on file: null, so the page can say so.
    await sql(`UPDATE users SET phone = NULL WHERE id = $1`, [caller.id]);
    expect(await phoneOf(cast.referent)).toEqual({ calendar: null, page: null, seen: true });

    // The list says where the interview stands: CONFIRMED once the candidate confirms; once cancelled, no number any more.
    const statusInList = async () => (await (await cast.recruiter.client()).get(`/api/applications?offerId=${offerId}`)).body.items[0].interviewStatus;
    expect(await statusInList()).toBe('PROPOSED');
    await act('application', caller, id, { action: 'confirm_interview' }, 'INTERVIEW_PROPOSED');
    expect(await statusInList()).toBe('CONFIRMED');
    await act('application', cast.recruiter, id, { action: 'cancel_interview' }, 'ACCEPTED');
    expect(await statusInList()).toBe('CANCELLED');
    expect(await phoneOf(cast.recruiter)).toEqual({ calendar: undefined, page: undefined, seen: true });
  });
});
