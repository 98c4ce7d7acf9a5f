// The short list (issue #19, item 3; seed 002) through the API, on the real PostgreSQL and Temporal:
// the company's star (PUT|DELETE /api/applications/:id/favourite) — who may, idempotent, two recruiters
// at the same instant, a star against an unstar — never shown to the candidate's side; and the oracle
// « the counters equal the lists »: each counter of « Mes offres » (GET /api/company/offers, counts) is
// the length of the list it links to (GET /api/applications?offerId=&stage=), with applications in every
// stage, a refused favourite and an anonymous one lifted among them, each where the stages say.
import { beforeAll, describe, expect, it } from 'vitest';
import { act, offerIn } from './drivers.js';
import { createCast, createUser, type Cast, type Person } from './fixtures.js';
import { ApiClient, sql } from './support.js';
import { APPLICATION_STATUSES } from '../workflows/application-rules.js';
import { SHORTLIST_STAGES, processStageOf, processStageSql, type ShortlistStage } from '../workflows/shortlist.js';

let cast: Cast;
let recruiter: ApiClient;
let colleague: ApiClient;

beforeAll(async () => {
  cast = await createCast();
  // Two names, to tell whose star it is.
  await sql(`UPDATE users SET first_name = 'Colette' WHERE id = $1`, [cast.colleague.id]);
  recruiter = await cast.recruiter.client();
  colleague = await cast.colleague.client();
});
const NAME_OF = () => ({ [cast.recruiter.id]: 'Recruiter Test', [cast.colleague.id]: 'Colette Test' });

const QUESTION = 'Qu’attendez-vous de ce poste ?';
const star = (client: ApiClient, id: string) => client.put(`/api/applications/${id}/favourite`);
const unstar = (client: ApiClient, id: string) => client.request('DELETE', `/api/applications/${id}/favourite`);
const starRow = async (id: string) =>
  (await sql<{ favourite_at: Date | null; favourite_by: string | null }>('SELECT favourite_at, favourite_by FROM applications WHERE id = $1', [id]))[0]!;

/** A new candidate of the cast's référent applies to `offerId` through the API; validated (sent to the company) unless told not to. */
async function applied(offerId: string, options: { validated?: boolean; answer?: string } = {}): Promise<{ id: string; candidate: Person }> {
  const candidate = await createUser('CANDIDATE', { referentId: cast.referent.id, firstName: 'Aurélie', lastName: `Short${Math.random().toString(36).slice(2, 8)}` });
  const response = await (await candidate.client()).post('/api/applications', { offerId, screeningAnswer: options.answer ?? 'Apprendre le métier.' });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  const id = response.body.id as string;
  if (options.validated !== false) await act('application', cast.referent, id, { action: 'validate' }, 'PENDING_RECRUITER');
  return { id, candidate };
}

describe('the star', () => {
  let offerId: string;
  beforeAll(async () => {
    offerId = await offerIn(cast, 'PUBLISHED', { screeningQuestion: QUESTION });
  });

  it('only the company’s recruiters star and unstar; others get what the note gives them, and nothing changes', async () => {
    const { id, candidate } = await applied(offerId);
    const refusals: Array<[string, ApiClient, number]> = [
      ['candidate', await candidate.client(), 403],
      ['référent', await cast.referent.client(), 403],
      ['mission officer', await cast.missionOfficer.client(), 403],
      ['admin', await cast.admin.client(), 403],
      ['other company', await cast.otherRecruiter.client(), 404],
      ['another référent', await cast.otherReferent.client(), 404],
      ['anonymous', new ApiClient(), 401],
    ];
    for (const [who, client, status] of refusals) {
      expect((await star(client, id)).status, `PUT by ${who}`).toBe(status);
      expect((await unstar(client, id)).status, `DELETE by ${who}`).toBe(status);
    }
    expect(await starRow(id)).toEqual({ favourite_at: null, favourite_by: null });
    // Not visible to the company before the référent validated: 404 for its recruiters too.
    const early = await applied(offerId, { validated: false });
    expect((await star(recruiter, early.id)).status).toBe(404);
    expect((await star(recruiter, '00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await star(recruiter, 'pas-un-id')).status).toBe(404);
  });

  it('is idempotent: a star kept as it was (who, when), an absent one stays absent', async () => {
    const { id } = await applied(offerId);
    const first = await star(recruiter, id);
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body).toEqual({ favourite: true, favouriteAt: expect.any(String), favouriteBy: { name: 'Recruiter Test' } });
    const stored = await starRow(id);
    expect(stored.favourite_by).toBe(cast.recruiter.id);
    expect(new Date(stored.favourite_at!).toISOString()).toBe(first.body.favouriteAt);
    // A colleague stars it again: the same star, not rewritten.
    const again = await star(colleague, id);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(await starRow(id)).toEqual(stored);
    const removed = await unstar(colleague, id);
    expect(removed.status).toBe(200);
    expect(removed.body).toEqual({ favourite: false, favouriteAt: null, favouriteBy: null });
    const removedAgain = await unstar(recruiter, id);
    expect(removedAgain.status).toBe(200);
    expect(removedAgain.body).toEqual(removed.body);
    expect(await starRow(id)).toEqual({ favourite_at: null, favourite_by: null });
  });

  it('is the company’s: its recruiters read it on the application and in the list, the candidate and the référent never', async () => {
    const { id, candidate } = await applied(offerId);
    expect((await star(recruiter, id)).status).toBe(200);
    const own = await recruiter.get(`/api/applications/${id}`);
    expect(own.body.favourite).toBe(true);
    const listed = await recruiter.get(`/api/applications?offerId=${offerId}&pageSize=100`);
    expect(listed.body.items.find((a: { id: string }) => a.id === id).favourite).toBe(true);
    for (const client of [await candidate.client(), await cast.referent.client(), await cast.missionOfficer.client()]) {
      const read = await client.get(`/api/applications/${id}`);
      expect(read.status).toBe(200);
      expect(read.body).not.toHaveProperty('favourite');
      const list = await client.get(`/api/applications?status=all&offerId=${offerId}&pageSize=100`);
      const item = list.body.items.find((a: { id: string }) => a.id === id);
      expect(item).toBeDefined();
      expect(item).not.toHaveProperty('favourite');
      // Nor through the short list's filter: it is the company's.
      const filtered = await client.get(`/api/applications?offerId=${offerId}&stage=favourite`);
      expect(filtered.status).toBe(403);
      expect(filtered.body.error.details.fields).toEqual([{ field: 'stage', message: expect.stringMatching(/recruteurs/) }]);
    }
    const bad = await recruiter.get(`/api/applications?offerId=${offerId}&stage=star`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.fields).toEqual([{ field: 'stage', message: expect.stringMatching(/pending, toContact/) }]);
  });

  it('two recruiters starring at the same instant make one star, both told the same', async () => {
    for (let round = 0; round < 6; round++) {
      const { id } = await applied(offerId);
      const [a, b] = await Promise.all([star(recruiter, id), star(colleague, id)]);
      expect([a.status, b.status]).toEqual([200, 200]);
      expect(a.body).toEqual(b.body);
      const stored = await starRow(id);
      expect([cast.recruiter.id, cast.colleague.id]).toContain(stored.favourite_by);
      expect(a.body.favouriteBy).toEqual({ name: NAME_OF()[stored.favourite_by!] });
      expect(new Date(stored.favourite_at!).toISOString()).toBe(a.body.favouriteAt);
    }
  });

  it('a star against an unstar: the end state is the one of the request that came last, each answer the state it left', async () => {
    const { id } = await applied(offerId);
    const ends = new Set<string>();
    for (let round = 0; round < 10; round++) {
      if (round % 2) await star(colleague, id);
      const [put, del] = await Promise.all([star(recruiter, id), unstar(colleague, id)]);
      expect([put.status, del.status]).toEqual([200, 200]);
      expect(put.body.favourite).toBe(true);
      expect(del.body).toEqual({ favourite: false, favouriteAt: null, favouriteBy: null });
      const stored = await starRow(id);
      // Never half a star.
      expect(stored.favourite_at === null).toBe(stored.favourite_by === null);
      if (stored.favourite_at) {
        // The star won last: it is the one the PUT answered.
        expect(new Date(stored.favourite_at).toISOString()).toBe(put.body.favouriteAt);
        expect(put.body.favouriteBy).not.toBeNull();
        ends.add('starred');
      } else ends.add('unstarred');
      const read = await recruiter.get(`/api/applications/${id}`);
      expect(read.body.favourite).toBe(stored.favourite_at !== null);
    }
    expect(ends.size).toBeGreaterThan(0);
  });
});

describe('the counters equal the lists they link to', () => {
  it('their SQL places every status and contact stage where the pure rules do (test/rules/shortlist.test.ts)', async () => {
    const rows = APPLICATION_STATUSES.flatMap((status) => ([null, 'TO_CONTACT', 'CONTACTED'] as const).map((contactStage) => ({ status, contactStage })));
    const values = rows.map((_, i) => `($${2 * i + 1}::text, $${2 * i + 2}::text)`).join(', ');
    const placed = await sql<{ stage: string | null }>(
      `SELECT ${processStageSql('a')} AS stage FROM (VALUES ${values}) AS a(status, contact_stage)`,
      rows.flatMap((r) => [r.status, r.contactStage]),
    );
    expect(placed.map((p) => p.stage)).toEqual(rows.map((r) => processStageOf(r)));
  });

  let plainOffer: string;
  let anonymousOffer: string;
  /** Where each application must be, by offer: the oracle written from seed 002, not from the code. */
  const expected: Record<string, Record<ShortlistStage, string[]>> = {};

  beforeAll(async () => {
    plainOffer = await offerIn(cast, 'PUBLISHED', { screeningQuestion: QUESTION });
    anonymousOffer = await offerIn(cast, 'PUBLISHED', { anonymous: true, screeningQuestion: QUESTION });
    const empty = (): Record<ShortlistStage, string[]> => ({ pending: [], toContact: [], contacted: [], favourite: [], refused: [] });
    expected[plainOffer] = empty();
    expected[anonymousOffer] = empty();
    const inStage = (offer: string, id: string, ...stages: ShortlistStage[]) => stages.forEach((s) => expected[offer]![s].push(id));
    const interview = { action: 'propose_interview', startsAt: new Date(Date.now() + 3 * 86_400_000).toISOString(), durationMinutes: 30, mode: 'PHONE' };
    const refusal = { action: 'refuse', reason: 'POSTE_POURVU', message: 'Le poste est pourvu, merci.' };

    // An offer made openly.
    const pending = await applied(plainOffer);
    inStage(plainOffer, pending.id, 'pending', 'favourite');
    expect((await star(recruiter, pending.id)).status).toBe(200);
    const accepted = await applied(plainOffer);
    await act('application', cast.recruiter, accepted.id, { action: 'accept' }, 'ACCEPTED');
    inStage(plainOffer, accepted.id, 'toContact');
    const met = await applied(plainOffer);
    await act('application', cast.recruiter, met.id, { action: 'accept' }, 'ACCEPTED');
    await act('application', cast.recruiter, met.id, interview, 'INTERVIEW_PROPOSED');
    inStage(plainOffer, met.id, 'contacted');
    const refusedFavourite = await applied(plainOffer);
    expect((await star(colleague, refusedFavourite.id)).status).toBe(200);
    await act('application', cast.recruiter, refusedFavourite.id, refusal, 'REFUSED');
    inStage(plainOffer, refusedFavourite.id, 'refused', 'favourite');
    const withdrawn = await applied(plainOffer);
    await act('application', withdrawn.candidate, withdrawn.id, { action: 'withdraw' }, 'WITHDRAWN');
    // Counted nowhere: withdrawn; and one the référent has not validated (the company does not see it).
    await applied(plainOffer, { validated: false });

    // An anonymous offer: hidden, lifted « plus tard », lifted « maintenant », lifted then refused, accepted unlifted.
    const hidden = await applied(anonymousOffer);
    inStage(anonymousOffer, hidden.id, 'pending');
    const later = await applied(anonymousOffer);
    await act('application', cast.recruiter, later.id, { action: 'lift_anonymity', commitment: true, contactNow: false }, 'PENDING_RECRUITER');
    inStage(anonymousOffer, later.id, 'toContact');
    const now = await applied(anonymousOffer);
    await act('application', cast.recruiter, now.id, { action: 'lift_anonymity', commitment: true, contactNow: true }, 'PENDING_RECRUITER');
    expect((await star(recruiter, now.id)).status).toBe(200);
    inStage(anonymousOffer, now.id, 'contacted', 'favourite');
    const liftedRefused = await applied(anonymousOffer);
    await act('application', cast.recruiter, liftedRefused.id, { action: 'lift_anonymity', commitment: true, contactNow: false }, 'PENDING_RECRUITER');
    await act('application', cast.recruiter, liftedRefused.id, refusal, 'REFUSED');
    inStage(anonymousOffer, liftedRefused.id, 'refused');
    const acceptedHidden = await applied(anonymousOffer);
    await act('application', cast.recruiter, acceptedHidden.id, { action: 'accept' }, 'ACCEPTED');
    inStage(anonymousOffer, acceptedHidden.id, 'toContact');
  }, 240_000);

  it('for each offer and each of the five stages, in « Mes offres » and for every recruiter of the company', async () => {
    for (const client of [recruiter, colleague]) {
      const offers = await client.get('/api/company/offers?pageSize=100');
      expect(offers.status).toBe(200);
      for (const offerId of [plainOffer, anonymousOffer]) {
        const item = offers.body.items.find((o: { id: string }) => o.id === offerId);
        const want = Object.fromEntries(SHORTLIST_STAGES.map((s) => [s, expected[offerId]![s].length]));
        expect(item.counts, `counts of ${offerId === plainOffer ? 'the open offer' : 'the anonymous offer'}`).toEqual(want);
        for (const stage of SHORTLIST_STAGES) {
          const list = await client.get(`/api/applications?offerId=${offerId}&stage=${stage}&pageSize=100`);
          expect(list.status).toBe(200);
          expect(list.body.total, `${stage}: the counter is the list's length`).toBe(item.counts[stage]);
          expect(list.body.items.map((a: { id: string }) => a.id).sort(), stage).toEqual([...expected[offerId]![stage]].sort());
        }
      }
    }
    // Another company's recruiter: none of these offers, none of these applications.
    const other = await (await cast.otherRecruiter.client()).get('/api/company/offers?pageSize=100');
    expect(other.body.items.map((o: { id: string }) => o.id)).not.toContain(plainOffer);
    expect((await (await cast.otherRecruiter.client()).get(`/api/applications?offerId=${plainOffer}&stage=favourite`)).body.total).toBe(0);
  });

  it('lists oldest application first, with the date, the availability and the answer (the pseudonym kept until the lift)', async () => {
    const first = await applied(anonymousOffer, { answer: 'Je suis Aurélie, je veux apprendre.' });
    await sql(`UPDATE candidate_profiles SET available_from = DATE '2031-02-03' WHERE user_id = $1`, [first.candidate.id]);
    await sql(`UPDATE applications SET created_at = created_at - interval '30 days' WHERE id = $1`, [first.id]);
    const list = await recruiter.get(`/api/applications?offerId=${anonymousOffer}&stage=pending&pageSize=100`);
    const created = list.body.items.map((a: { createdAt: string }) => a.createdAt);
    expect(created).toEqual([...created].sort());
    const head = list.body.items[0];
    expect(head.id).toBe(first.id);
    expect(head.availability).toEqual({ from: '2031-02-03' });
    expect(head.candidate).toMatchObject({ firstName: 'Candidat·e', identityHidden: true });
    expect(head.screeningAnswer).toMatch(/^Je suis Candidat·e n° \d+, je veux apprendre\.$/);
    expect(head.favourite).toBe(false);
    expect(list.body.items.find((a: { id: string }) => a.id !== first.id).availability).toEqual({ from: null });
  });
});
