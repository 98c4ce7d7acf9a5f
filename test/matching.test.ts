// Matching (issue #18, item 3) on the real harness. First the proof that the ranking in PostgreSQL
// (api/matching/engine.ts) is workflows/matching.ts's scoring: for a varied set of profiles and of
// criteria, every criterion's result, the indispensable filter and the score computed by SQL equal
// scoreMatch's and meetsIndispensable's, and matching_skill_key equals skillKey on accents, case,
// ligatures, quotes and odd spaces. Then POST /api/matching: ordered by score with scoreMatch's
// explanation, the threshold, the indispensable filter, the CVthèque's visibility and RQTH rules, the
// company's « seen », pages, refusals under their fields and who may call. Every API criteria set asks
// this file's own skill (`tag`) as indispensable, so other tests' profiles never change what is expected.
import fc from 'fast-check';
import type { Sequelize } from 'sequelize';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { matchProfileOf, rateInSql } from '../api/matching/service.js';
import { createDatabase } from '../models/index.js';
import { MATCH_RESULTS, type MatchCriteria, type MatchProfile } from '../workflows/matching-criteria.js';
import { MATCH_DEFAULT_MIN_SCORE, meetsIndispensable, scoreMatch, skillKey } from '../workflows/matching.js';
import { createCast, createCompany, createUser, insertPublishedOffer, type Cast, type Person } from './fixtures.js';
import { offerMatchCriteria } from '../workflows/offer-ideal-candidate.js';
import { transition } from './drivers.js';
import { createProfile, sellerCriteria, uniqueWord, type ProfileFixture, type ProfilePerson } from './cvtheque-drivers.js';
import { sql } from './support.js';

let sequelize: Sequelize;
let cast: Cast;
const tag = uniqueWord();

beforeAll(async () => {
  sequelize = createDatabase(inject('databaseUrl'), { poolMax: 2 });
  cast = await createCast();
}, 60_000);
afterAll(() => sequelize.close());

// ---- SQL = TypeScript ----------------------------------------------------------------------------------

/** A small deterministic generator: the same varied profiles on every run. */
function generator(seed: number) {
  let state = seed;
  const next = () => ((state = (state * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const some = <T>(items: readonly T[]): T[] => (next() < 0.25 ? [] : items.filter(() => next() < 0.4));
  return { pick, some };
}

const SKILL_SPELLINGS = ['Œnologie', 'oenologie', 'ÉLECTRICITÉ', '  electricite ', 'Cœur de  métier', 'coeur de\u00a0metier', 'prise d’initiative', "Prise d'initiative", 'Excel avancé', 'excel', 'Naïveté', 'ÆSTHÉTIQUE'];
const PLACES = ['69123', '69266', '75056', '01001', '42218', '13055', '69387'];

function variedProfile(i: number): ProfileFixture {
  const g = generator(i + 7);
  const languages = g.some(['en', 'de', 'es', 'ar'] as const).map((code) => ({ code, level: g.pick(['A1', 'A2', 'B1', 'B2', 'C1', 'C2', 'NATIVE']) }));
  return {
    headline: `Profil varié ${i}`,
    metiers: g.pick([[], ['D1106'], ['D1105'], ['K2204'], ['K2204', 'D1101'], ['M1607', 'D1106']]),
    experienceMonths: g.pick([0, 6, 11, 17, 18, 35, 36, 37, 120]),
    educationLevel: g.pick([null, 0, 3, 4, 5, 6, 7, 8]),
    contractTypes: g.some(['CDI', 'CDD', 'INTERIM', 'ALTERNANCE', 'STAGE']),
    workingTimes: g.some(['FULL_TIME', 'PART_TIME']),
    drivingLicences: g.some(['B', 'C', 'CE', 'D']),
    languages,
    skills: g.pick([true, true, false]) ? [...new Set(g.some(SKILL_SPELLINGS))] : [],
    places: [...new Set(g.some(PLACES))].map((insee) => ({ insee, radiusKm: g.pick([0, 0, 5, 10, 30, 100]) })),
  };
}

const CRITERIA_SETS: MatchCriteria[] = [
  {},
  { metier: 'D1106', experienceYears: 3, place: { insee: '69123', radiusKm: 10 }, skills: ['oenologie', 'Électricité'], indispensable: ['metier'] },
  { metier: 'K2204', educationLevel: 5, contractTypes: ['CDI', 'CDD'], workingTimes: ['FULL_TIME'], remote: 'PARTIAL', indispensable: ['education', 'contractType'] },
  { place: { insee: '69266', radiusKm: 0 }, drivingLicences: ['B', 'C'], languages: [{ code: 'en', level: 'B2' }, { code: 'de', level: 'A1' }], indispensable: ['place', 'language'] },
  { place: { insee: '75056', radiusKm: 200 }, skills: ['cœur de métier', 'PRISE D’INITIATIVE', 'excel', 'naivete', 'aesthetique'], experienceYears: 1.5, indispensable: ['skills'] },
  { place: { insee: '01001', radiusKm: 30 }, educationLevel: 3, remote: 'FULL', languages: [{ code: 'ar', level: 'NATIVE' }], drivingLicences: ['CE'], skills: ['soudure', 'Œnologie'] },
  { metier: 'M1607', experienceYears: 10, educationLevel: 8, contractTypes: ['STAGE'], workingTimes: ['PART_TIME', 'FULL_TIME'], remote: 'NONE', indispensable: ['experience', 'remote', 'workingTime'] },
  { place: { insee: '42218', radiusKm: 50 }, metier: 'D1101', skills: ['Excel avancé'], drivingLicences: ['D'], indispensable: ['drivingLicence'] },
  // The place alone indispensable: the pre-filter by the places' index (ratedCtes), near and far.
  { place: { insee: '69123', radiusKm: 10 }, metier: 'D1106', languages: [{ code: 'en', level: 'B1' }], indispensable: ['place'] },
  { place: { insee: '42218', radiusKm: 0 }, skills: ['excel'], indispensable: ['place'] },
];

describe('the ranking in SQL is the scoring of workflows/matching.ts', () => {
  let varied: ProfilePerson[];
  beforeAll(async () => {
    varied = [];
    for (let i = 0; i < 48; i++) {
      const person = await createProfile(variedProfile(i));
      // The remote mode the profile fixtures do not write.
      await sql(`UPDATE candidate_profiles SET remote = $2 WHERE user_id = $1`, [person.id, [null, 'NONE', 'PARTIAL', 'FULL'][i % 4]]);
      varied.push(person);
    }
  }, 120_000);

  it('gives every profile, for every criteria set, the results, indispensable verdict and score of scoreMatch', async () => {
    const seen = new Map<string, Set<string>>();
    for (const criteria of CRITERIA_SETS) {
      const rows = new Map((await rateInSql(sequelize, criteria, varied.map((p) => p.id))).map((r) => [r.id, r]));
      expect(rows.size).toBe(varied.length);
      for (const person of varied) {
        const profile = (await matchProfileOf(sequelize, person.id, criteria))!;
        const match = scoreMatch(criteria, profile);
        const row = rows.get(person.id)!;
        const what = `${JSON.stringify(criteria)} × ${JSON.stringify(person.fixture)}`;
        expect(Object.fromEntries(match.criteria.map((m) => [m.criterion, m.result])), what).toEqual(
          Object.fromEntries(Object.entries(row.results).map(([k, v]) => [k, MATCH_RESULTS[v]])),
        );
        expect(row.score, what).toBe(match.score);
        expect(row.indispensable, what).toBe(meetsIndispensable(match));
        for (const m of match.criteria) seen.set(m.criterion, (seen.get(m.criterion) ?? new Set()).add(m.result));
      }
      // The ranking's pre-filters keep exactly the profiles scoreMatch keeps, at each threshold.
      for (const minScore of [0, 50, 75]) {
        const kept = (await rateInSql(sequelize, criteria, varied.map((p) => p.id), { filterMinScore: minScore })).filter((r) => r.indispensable && r.score >= minScore);
        const expected = varied.filter((p) => {
          const row = rows.get(p.id)!;
          return row.indispensable && row.score >= minScore;
        });
        expect(kept.map((r) => r.id).sort(), `${JSON.stringify(criteria)} ≥ ${minScore}`).toEqual(expected.map((p) => p.id).sort());
      }
    }
    // The set is varied enough to mean something: each criterion met with at least three outcomes.
    for (const [criterion, results] of seen) expect(results.size, criterion).toBeGreaterThanOrEqual(criterion === 'contractType' || criterion === 'workingTime' || criterion === 'experience' ? 3 : 4);
  }, 120_000);

  it('loads a profile as the fixture wrote it (matchProfileOf), its place measured from the commune asked', async () => {
    const person = varied.find((p) => p.fixture.places!.length > 1 && p.fixture.skills!.length)!;
    const profile = (await matchProfileOf(sequelize, person.id, { place: { insee: '69123', radiusKm: 0 } })) as MatchProfile;
    expect(profile).toMatchObject({
      metiers: person.fixture.metiers,
      experienceMonths: person.fixture.experienceMonths,
      educationLevel: person.fixture.educationLevel,
      skills: person.fixture.skills,
      languages: person.fixture.languages,
    });
    const [nearest] = await sql(
      `SELECT c.name, cp.radius_km, earth_distance(cp.point, ll_to_earth(l.latitude, l.longitude)) / 1000 AS km
         FROM candidate_places cp JOIN communes c ON c.insee = cp.insee, communes l WHERE l.insee = '69123' AND cp.candidate_id = $1 ORDER BY km LIMIT 1`,
      [person.id],
    );
    expect(profile.place).toMatchObject({ name: nearest.name, candidateRadiusKm: nearest.radius_km });
    expect(profile.place!.distanceKm).toBeCloseTo(Number(nearest.km), 6);
    expect(await matchProfileOf(sequelize, '00000000-0000-4000-8000-000000000000', {})).toBeNull();
  });

  it('compares skills in SQL as skillKey does: accents, case, ligatures, quotes, every kind of space', async () => {
    const curated = [...SKILL_SPELLINGS, 'Straße', 'İstanbul', 'ÇA VA', '\u2003tab\tbed\u3000', 'a\u200ab', 'l`outil', 'e\u0301cole', 'Œuf ŒUF œuf'];
    const french = fc.string({
      unit: fc.constantFrom(...'aeEÉéèêëàÀâçÇœŒæÆîïôùûüÿ’‘`\' -\t\u00a0\u202f\u2009xyzXYZ0'.split('')),
      maxLength: 24,
    });
    const samples = [...curated, ...fc.sample(french, { numRuns: 300, seed: 18 })];
    const rows = await sql<{ key: string }>(`SELECT matching_skill_key(s) AS key FROM unnest($1::text[]) WITH ORDINALITY AS t(s, n) ORDER BY n`, [samples]);
    expect(rows.map((r) => r.key)).toEqual(samples.map(skillKey));
  });
});

// ---- POST /api/matching -------------------------------------------------------------------------------

describe('POST /api/matching', () => {
  let perfect: ProfilePerson;
  let near: ProfilePerson;
  let family: ProfilePerson;
  let weak: ProfilePerson;
  let hidden: ProfilePerson;
  let disabled: ProfilePerson;
  let rqthShared: ProfilePerson;

  const criteria = (extra: MatchCriteria = {}) => sellerCriteria(tag, extra);
  async function match(person: Person, body: Record<string, unknown>) {
    const response = await (await person.client()).post('/api/matching', { pageSize: 100, ...body });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return response.body as { items: Array<Record<string, any>>; total: number; page: number; pageSize: number; minScore: number };
  }

  beforeAll(async () => {
    perfect = await createProfile({ headline: 'Vendeuse confirmée', metiers: ['D1106'], experienceMonths: 48, skills: [tag.toUpperCase()], places: [{ insee: '69266', radiusKm: 0 }] });
    near = await createProfile({ headline: 'Vendeur débutant', metiers: ['D1106'], experienceMonths: 20, skills: [tag], places: [{ insee: '42218', radiusKm: 10 }] });
    family = await createProfile({ headline: 'Vendeur en alimentation', metiers: ['D1105'], experienceMonths: 40, skills: [tag], places: [{ insee: '69123' }], rqth: true });
    weak = await createProfile({ headline: 'Cariste', metiers: ['N1101'], experienceMonths: 0, skills: [tag], places: [{ insee: '13055' }] });
    hidden = await createProfile({ headline: 'Sans consentement', metiers: ['D1106'], experienceMonths: 60, skills: [tag], visible: false });
    disabled = await createProfile({ headline: 'Compte désactivé', metiers: ['D1106'], experienceMonths: 60, skills: [tag] });
    await sql(`UPDATE users SET disabled_at = now() WHERE id = $1`, [disabled.id]);
    await sql(`UPDATE users SET first_name = $2, last_name = $2 WHERE id = $1`, [perfect.id, `${tag}nom`]);
    rqthShared = await createProfile({ headline: 'RQTH partagée', metiers: ['D1106'], experienceMonths: 36, skills: [tag], rqth: true, rqthShared: true });
  }, 60_000);

  it('lists the consenting profiles best first, each with scoreMatch’s explanation, no name, RQTH only when shared', async () => {
    const asked = criteria();
    const answer = await match(cast.recruiter, { criteria: asked, minScore: 0 });
    const ids = answer.items.map((i) => i.candidateId);
    expect(answer).toMatchObject({ page: 1, pageSize: 100, minScore: 0 });
    expect(ids).toHaveLength(answer.total);
    expect(ids).not.toContain(hidden.id);
    expect(ids).not.toContain(disabled.id);
    expect([...ids].sort()).toEqual([perfect, near, family, weak, rqthShared].map((p) => p.id).sort());
    const scores = answer.items.map((i) => i.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    for (const item of answer.items) {
      const expected = scoreMatch(asked, (await matchProfileOf(sequelize, item.candidateId, asked))!);
      expect(item.score).toBe(expected.score);
      expect(item.criteria).toEqual(expected.criteria);
    }
    const byId = new Map(answer.items.map((i) => [i.candidateId, i]));
    expect(byId.get(perfect.id)).toMatchObject({ score: 100, headline: 'Vendeuse confirmée', metierTitles: [expect.any(String)], place: { name: 'Villeurbanne' } });
    expect(byId.get(perfect.id)!.criteria.map((c: any) => c.result)).toEqual(['FOUND', 'FOUND', 'FOUND', 'FOUND']);
    expect(byId.get(perfect.id)!.place.distanceKm).toBeGreaterThan(2);
    expect(byId.get(family.id)!.criteria[0]).toMatchObject({ criterion: 'metier', result: 'APPROXIMATE' });
    expect(byId.get(weak.id)!.criteria.map((c: any) => c.result)).toEqual(['NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND', 'FOUND']);
    expect(byId.get(weak.id)!.score).toBe(Math.round((100 * 12) / (25 + 20 + 15 + 12)));
    expect(byId.get(family.id)!.rqth).toBeNull();
    expect(byId.get(rqthShared.id)!.rqth).toBe(true);
    const raw = JSON.stringify(answer);
    for (const p of [perfect, family, weak]) expect(raw).not.toContain(p.email);
    expect(raw).not.toContain(`${tag}nom`);
    expect(Object.keys(answer.items[0]!)).not.toContain('firstName');
  });

  it('keeps profiles from the threshold up (50 by default), and the indispensable criteria even at 0', async () => {
    const all = await match(cast.recruiter, { criteria: criteria(), minScore: 0 });
    const byDefault = await match(cast.recruiter, { criteria: criteria() });
    expect(byDefault.minScore).toBe(MATCH_DEFAULT_MIN_SCORE);
    expect(byDefault.items.map((i) => i.candidateId)).toEqual(all.items.filter((i) => i.score >= MATCH_DEFAULT_MIN_SCORE).map((i) => i.candidateId));
    expect(byDefault.items.map((i) => i.candidateId)).not.toContain(weak.id);
    const high = await match(cast.recruiter, { criteria: criteria(), minScore: 100 });
    expect(high.items.map((i) => i.candidateId)).toContain(perfect.id);
    expect(high.items.every((i) => i.score === 100)).toBe(true);
    // Métier indispensable: the same family passes (approximate), another métier does not.
    const metier = await match(cast.recruiter, { criteria: criteria({ indispensable: ['metier'] }), minScore: 0 });
    expect(metier.items.map((i) => i.candidateId)).toContain(family.id);
    expect(metier.items.map((i) => i.candidateId)).not.toContain(weak.id);
    // Place indispensable: Saint-Étienne (about 50 km, radius 10 + 10) is beyond even the margin.
    const place = await match(cast.recruiter, { criteria: criteria({ indispensable: ['place'] }), minScore: 0 });
    expect(place.items.map((i) => i.candidateId)).not.toContain(near.id);
    expect(place.items.map((i) => i.candidateId)).toContain(perfect.id);
    // A profile that does not say (no place) does not pass an indispensable place.
    expect(place.items.map((i) => i.candidateId)).not.toContain(rqthShared.id);
  });

  it('orders ties by the latest update, pages, and tells each company what it has seen', async () => {
    const all = await match(cast.recruiter, { criteria: criteria(), minScore: 0 });
    const second = await match(cast.recruiter, { criteria: criteria(), minScore: 0, page: 2, pageSize: 2 });
    expect(second.items.map((i) => i.candidateId)).toEqual(all.items.slice(2, 4).map((i) => i.candidateId));
    expect(second.total).toBe(all.total);
    await sql(`INSERT INTO cvtheque_company_candidates (company_id, candidate_id, first_seen_at, last_seen_at) VALUES ($1, $2, now(), now())`, [cast.company.id, near.id]);
    const mine = await match(cast.recruiter, { criteria: criteria(), minScore: 0 });
    const theirs = await match(cast.otherRecruiter, { criteria: criteria(), minScore: 0 });
    expect(mine.items.find((i) => i.candidateId === near.id)!.seen).toBe(true);
    expect(theirs.items.find((i) => i.candidateId === near.id)!.seen).toBe(false);
    const admin = await match(cast.admin, { criteria: criteria(), minScore: 0 });
    expect(admin.total).toBe(all.total);
  });

  it('refuses bad criteria under their fields, in French', async () => {
    const client = await cast.recruiter.client();
    const refused = async (body: unknown) => {
      const response = await client.post('/api/matching', body);
      expect(response.status, JSON.stringify(response.body)).toBe(400);
      return Object.fromEntries((response.body.error.details.fields as Array<{ field: string; message: string }>).map((f) => [f.field, f.message]));
    };
    expect(await refused({ criteria: { metier: 'vendeur' } })).toMatchObject({ 'criteria.metier': expect.stringMatching(/code ROME/i) });
    expect(await refused({ criteria: { place: { insee: '69123', radiusKm: 500 } } })).toMatchObject({ 'criteria.place.radiusKm': expect.stringMatching(/km/i) });
    expect(await refused({ criteria: { place: { insee: '99999', radiusKm: 10 } } })).toMatchObject({ 'criteria.place.insee': expect.stringMatching(/aucune commune/i) });
    expect(await refused({ criteria: { contractTypes: ['CDI', 'CDI'] } })).toHaveProperty(['criteria.contractTypes']);
    expect(await refused({ criteria: { languages: [{ code: 'en', level: 'Z9' }] } })).toHaveProperty(['criteria.languages.0.level']);
    expect(await refused({ criteria: { skills: ['  '] } })).toHaveProperty(['criteria.skills.0']);
    expect(await refused({ criteria: { metier: 'D1106', indispensable: ['place'] } })).toMatchObject({ 'criteria.indispensable': expect.stringMatching(/Lieu/i) });
    expect(await refused({ criteria: { colour: 'bleu' } })).toHaveProperty(['criteria.colour']);
    // A refused value among others (an unknown diploma level) never reaches the rating: 400, not 500.
    expect(await refused({ criteria: { educationLevel: 1, place: { insee: "\\'", radiusKm: 0 }, indispensable: ['education'] } })).toMatchObject({
      'criteria.educationLevel': expect.stringMatching(/niveau de diplôme/i),
      'criteria.place.insee': expect.stringMatching(/code INSEE/i),
    });
    expect(await refused({ criteria: {}, minScore: 101 })).toMatchObject({ minScore: expect.stringMatching(/0 à 100/i) });
    expect(await refused({})).toHaveProperty(['criteria']);
  });

  it('is for the CVthèque’s viewers: verified companies’ recruiters and admins; 403 others, 401 anonymous', async () => {
    const body = { criteria: criteria() };
    for (const person of [cast.candidate, cast.referent, cast.missionOfficer]) {
      expect((await (await person.client()).post('/api/matching', body)).status).toBe(403);
    }
    // A recruiter signed in while the company was verified, whose company is no longer: 403 at once.
    const company = await createCompany('Entreprise bientôt suspendue');
    const recruiter = await createUser('RECRUITER', { companyId: company.id });
    const client = await recruiter.client();
    expect((await client.post('/api/matching', body)).status).toBe(200);
    await sql(`UPDATE companies SET status = 'PENDING_ADMIN_VERIFICATION' WHERE id = $1`, [company.id]);
    expect((await client.post('/api/matching', body)).status).toBe(403);
    const anonymous = await fetch(`${inject('apiUrl')}/api/matching`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(anonymous.status).toBe(401);
  });
});

describe('an offer’s matches (GET /api/offers/:id/matches) and an application’s match', () => {
  let offerId: string;
  let seller: ProfilePerson;
  let other: ProfilePerson;
  const ideal = () => ({ metier: 'D1106', experienceYears: 3, place: { insee: '69123', radiusKm: 10 }, skills: [tag], indispensable: ['skills'] });

  beforeAll(async () => {
    offerId = await insertPublishedOffer(cast.company.id, `Vendeur ${tag} H/F`);
    await sql(`UPDATE offers SET ideal_candidate = $2::jsonb, remote = 'NONE' WHERE id = $1`, [offerId, JSON.stringify(ideal())]);
    seller = await createProfile({ headline: 'Vendeuse en boutique', metiers: ['D1106'], experienceMonths: 30, skills: [tag], places: [{ insee: '69123', radiusKm: 5 }] });
    other = await createProfile({ headline: 'Agent d’entretien', metiers: ['K2204'], experienceMonths: 6, skills: [tag], places: [{ insee: '13055' }] });
  }, 60_000);

  it('ranks by the offer’s own criteria (its ideal candidate, contract and remote mode) as POST /api/matching does', async () => {
    const [row] = await sql(`SELECT ideal_candidate, contract_type, remote FROM offers WHERE id = $1`, [offerId]);
    const criteria = offerMatchCriteria(row);
    expect(criteria).toMatchObject({ metier: 'D1106', contractTypes: ['CDI'], remote: 'NONE', indispensable: ['skills'] });
    const client = await cast.recruiter.client();
    const fromOffer = await client.get(`/api/offers/${offerId}/matches?min=0&pageSize=100`);
    expect(fromOffer.status, JSON.stringify(fromOffer.body)).toBe(200);
    const fromCriteria = await client.post('/api/matching', { criteria, minScore: 0, pageSize: 100 });
    expect(fromOffer.body).toEqual(fromCriteria.body);
    const ids = fromOffer.body.items.map((i: { candidateId: string }) => i.candidateId);
    expect(ids.indexOf(seller.id)).toBeLessThan(ids.indexOf(other.id));
    // The threshold: the default is 50, `other` is below it.
    const defaults = await client.get(`/api/offers/${offerId}/matches`);
    expect(defaults.body.minScore).toBe(MATCH_DEFAULT_MIN_SCORE);
    expect(defaults.body.items.every((i: { score: number }) => i.score >= MATCH_DEFAULT_MIN_SCORE)).toBe(true);
    expect(defaults.body.items.map((i: { candidateId: string }) => i.candidateId)).toContain(seller.id);
    expect(defaults.body.items.map((i: { candidateId: string }) => i.candidateId)).not.toContain(other.id);
    // Another company's offer is a 404, a candidate a 403, a bad threshold a 400 under `min`.
    expect((await (await cast.otherRecruiter.client()).get(`/api/offers/${offerId}/matches`)).status).toBe(404);
    expect((await (await cast.candidate.client()).get(`/api/offers/${offerId}/matches`)).status).toBe(403);
    const refused = await client.get(`/api/offers/${offerId}/matches?min=120`);
    expect(refused.status).toBe(400);
    expect(refused.body.error.details.fields[0].field).toBe('min');
  });

  it('gives an application its match for the company, never to the candidate, the same as the matches', async () => {
    const applied = await (await seller.client()).post('/api/applications', { offerId, message: 'Je suis intéressée.' });
    expect(applied.status, JSON.stringify(applied.body)).toBe(201);
    expect(applied.body.match).toBeUndefined();
    const [row] = await sql(`SELECT ideal_candidate, contract_type, remote FROM offers WHERE id = $1`, [offerId]);
    const criteria = offerMatchCriteria(row);
    const expected = scoreMatch(criteria, (await matchProfileOf(sequelize, seller.id, criteria))!);
    const asRecruiter = await (await cast.recruiter.client()).get(`/api/applications/${applied.body.id}`);
    expect(asRecruiter.status).toBe(200);
    expect(asRecruiter.body.match).toEqual({ score: expected.score, criteria: expected.criteria });
    // An action answers without it (GET only: the web keeps the one it read), and costs no scoring.
    expect(applied.body.status).toBe('PENDING_RECRUITER');
    const accepted = await transition('application', cast.recruiter, applied.body.id, { action: 'accept' });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    expect(accepted.body.status).toBe('ACCEPTED');
    expect(accepted.body).not.toHaveProperty('match');
    const listed = (await (await cast.recruiter.client()).get(`/api/offers/${offerId}/matches?min=0&pageSize=100`)).body.items.find((i: { candidateId: string }) => i.candidateId === seller.id);
    expect(listed.score).toBe(expected.score);
    expect((await (await seller.client()).get(`/api/applications/${applied.body.id}`)).body).not.toHaveProperty('match');
    // A spontaneous application has no offer to be measured against.
    await sql(`UPDATE companies SET spontaneous_applications = true WHERE id = $1`, [cast.company.id]);
    const spontaneous = await (await other.client()).post('/api/applications', { companyId: cast.company.id, message: 'Candidature spontanée.' });
    expect(spontaneous.status, JSON.stringify(spontaneous.body)).toBe(201);
    expect((await (await cast.recruiter.client()).get(`/api/applications/${spontaneous.body.id}`)).body.match).toBeNull();
  });
});
