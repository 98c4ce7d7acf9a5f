// GET /api/feed on the real harness (issue #16, item 10): each role reads the latest events of what it
// follows, newest first, with the rules' labels, who acted, on what, and the link mails carry — and
// nothing of what it may not see (another company's application, an application the référent has not
// validated yet for the company, another network's).
import { beforeAll, describe, expect, it } from 'vitest';
import { applicationEventLabel } from '../workflows/application-rules.js';
import { offerEventLabel } from '../workflows/offer-rules.js';
import { act, offerIn } from './drivers.js';
import { createCast, type Cast, type Person } from './fixtures.js';

interface FeedItem {
  at: string;
  kind: string;
  label: string;
  actor: { id: string; firstName: string; lastName: string; role: string } | null;
  entity: { type: string; id: string; title: string };
  link: string;
}

async function feedOf(person: Person, query = 'pageSize=50'): Promise<FeedItem[]> {
  const response = await (await person.client()).get(`/api/feed?${query}`);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body.items;
}

/** The (entity, kind) pairs of a feed, in its order. */
const pairs = (items: FeedItem[]) => items.map((i) => `${i.entity.id}:${i.kind}`);

let cast: Cast;
let appA = ''; // candidate (référent A) → company A: created, validate, accept
let appPending = ''; // candidate → company A, not yet validated
let appB = ''; // otherCandidate (référent B) → company B: created, validate
let offerA = '';

beforeAll(async () => {
  cast = await createCast();
  const applied = await (await cast.candidate.client()).post('/api/applications', { offerId: cast.company.offerId });
  expect(applied.status).toBe(201);
  appA = applied.body.id;
  await act('application', cast.referent, appA, { action: 'validate' }, 'PENDING_RECRUITER');
  await act('application', cast.recruiter, appA, { action: 'accept' }, 'ACCEPTED');
  const other = await (await cast.otherCandidate.client()).post('/api/applications', { offerId: cast.otherCompany.offerId });
  appB = other.body.id;
  await act('application', cast.otherReferent, appB, { action: 'validate' }, 'PENDING_RECRUITER');
  offerA = await offerIn(cast, 'DRAFT');
  const pending = await (await cast.candidate.client()).post('/api/applications', { companyId: cast.company.id, message: 'Candidature spontanée.' });
  expect(pending.status, JSON.stringify(pending.body)).toBe(201);
  appPending = pending.body.id;
}, 120_000);

describe('GET /api/feed', () => {
  it('gives the recruiter their company’s applications once sent and its offers, newest first, labelled, with who and a link', async () => {
    const items = await feedOf(cast.recruiter);
    expect(pairs(items)).toEqual([`${offerA}:created`, `${appA}:accept`, `${appA}:validate`, `${appA}:created`]);
    expect([...items.map((i) => i.at)].sort().reverse()).toEqual(items.map((i) => i.at));
    const accepted = items[1]!;
    expect(accepted).toMatchObject({
      label: applicationEventLabel.accept,
      actor: { id: cast.recruiter.id, firstName: 'Recruiter', lastName: 'Test', role: 'RECRUITER' },
      entity: { type: 'application', id: appA, title: 'Candidate Test — Technicien de maintenance H/F' },
      link: `/candidatures/${appA}`,
    });
    expect(items[0]).toMatchObject({ label: offerEventLabel.created, entity: { type: 'offer', id: offerA }, link: `/offres/${offerA}` });
    // A colleague follows the same company.
    expect(pairs(await feedOf(cast.colleague))).toEqual(pairs(items));
  });

  it('gives each other role only what it follows', async () => {
    // The référent: their candidate's applications, the one waiting for them too; no offer.
    expect(pairs(await feedOf(cast.referent))).toEqual([`${appPending}:created`, `${appA}:accept`, `${appA}:validate`, `${appA}:created`]);
    expect(pairs(await feedOf(cast.missionOfficer))).toEqual(pairs(await feedOf(cast.referent)));
    // The candidate: their own, named by company.
    const mine = await feedOf(cast.candidate);
    expect(pairs(mine)).toEqual([`${appPending}:created`, `${appA}:accept`, `${appA}:validate`, `${appA}:created`]);
    expect(mine[0]!.entity.title).toBe('Candidature spontanée — Entreprise A');
    // The other side of the world never meets company A's events, and the other way round.
    for (const person of [cast.otherRecruiter, cast.otherReferent, cast.otherMissionOfficer, cast.otherCandidate]) {
      expect(pairs(await feedOf(person)), person.email).toEqual([`${appB}:validate`, `${appB}:created`]);
    }
    expect(await feedOf(cast.loneCandidate)).toEqual([]);
  });

  it('gives admins every event, and pages', async () => {
    const seen = new Set<string>();
    for (let page = 1; page <= 10 && !(seen.has(`${appA}:accept`) && seen.has(`${appB}:validate`)); page++) {
      for (const pair of pairs(await feedOf(cast.admin, `page=${page}&pageSize=50`))) seen.add(pair);
    }
    expect(seen.has(`${appA}:accept`) && seen.has(`${appB}:validate`) && seen.has(`${offerA}:created`)).toBe(true);

    const client = await cast.referent.client();
    const first = await client.get('/api/feed?page=1&pageSize=3');
    const second = await client.get('/api/feed?page=2&pageSize=3');
    expect(first.body).toMatchObject({ total: 4, page: 1, pageSize: 3 });
    expect([...pairs(first.body.items), ...pairs(second.body.items)]).toEqual(pairs(await feedOf(cast.referent)));
    const refused = await client.get('/api/feed?pageSize=0');
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('VALIDATION_FAILED');
    expect(JSON.stringify(refused.body.error.details)).toContain('pageSize');
  });
});
