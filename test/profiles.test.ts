// The CVthèque profile (issue #17, item 1) through the API, on the real platform: the whole PUT/GET round
// trip as PostgreSQL holds it, each refusal under its field with nothing written, who reads and writes
// (candidate, their référent, another référent, mission officer, admin, recruiter, anonymous), the two
// consents (given, withdrawn, logged with their times; the référent withdraws but never gives), two
// saves at once, places (unknown commune, a postal code is not an INSEE code, an approximate commune),
// and the communes' picker.
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { createCast, createUser, type Cast, type Person } from './fixtures.js';
import { DEMO_PROFILES, demoProfileEmail } from '../models/seed-profiles.js';
import { ApiClient, sql } from './support.js';

const anonymous = () => new ApiClient();

let cast: Cast;
beforeAll(async () => {
  cast = await createCast();
});

const followed = (id: string) => `/api/referent/candidates/${id}/profile`;

/** A whole profile; both consents not given unless said. */
const body = (overrides: Record<string, unknown> = {}) => ({
  headline: 'Vendeuse en boulangerie',
  summary: 'Dix ans de vente, dont trois en responsabilité.',
  metiers: ['D1106', 'D1505'],
  skills: ['Encaissement', 'Accueil client'],
  softSkills: ['TEAMWORK', 'RIGOUR', 'STRESS_MANAGEMENT'],
  experiences: [
    { title: 'Vendeuse', employer: 'Boulangerie du marché', start: '2015-01', end: '2018-12', description: 'Vente et mise en rayon.' },
    { title: 'Responsable de rayon', employer: null, start: '2018-06', end: '2020-05', description: null },
  ],
  diplomas: [{ title: 'CAP Vente', level: 3, year: 2014 }],
  educationLevel: 3,
  languages: [
    { code: 'fr', level: 'NATIVE' },
    { code: 'fsl', level: 'B2' },
  ],
  drivingLicences: ['B'],
  contractTypes: ['CDI', 'CDD'],
  workingTimes: ['PART_TIME'],
  remote: 'NONE',
  availableFrom: '2027-02-01',
  communeInsee: '69266',
  places: [
    { insee: '69123', radiusKm: 15 },
    { insee: '69266', radiusKm: 0 },
  ],
  rqth: true,
  cvthequeVisible: false,
  rqthShared: false,
  ...overrides,
});

async function put(person: Person, path: string, payload: unknown) {
  return (await person.client()).put(path, payload);
}
async function saved(person: Person, payload: unknown, path = '/api/me/profile') {
  const response = await put(person, path, payload);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body;
}
const consentLog = (id: string) => sql(`SELECT consent, granted, recorded_by FROM profile_consents WHERE candidate_id = $1 ORDER BY id`, [id]);
const stored = async (id: string) =>
  (
    await sql(
      `SELECT headline, metiers, skills, soft_skills, experience_months, language_codes, commune_insee, city, rqth, cvtheque_visible_at, rqth_shared_at, updated_at
         FROM candidate_profiles WHERE user_id = $1`,
      [id],
    )
  )[0];

describe.concurrent('candidate profile', () => {
  it('round trip: what is saved is what PostgreSQL holds and what GET answers', async () => {
    const candidate = await createUser('CANDIDATE', { referentId: cast.referent.id });
    const [{ last_activity_at: before }] = await sql(`SELECT last_activity_at FROM candidate_profiles WHERE user_id = $1`, [candidate.id]);
    const view = await saved(candidate, body());
    expect(view).toMatchObject({
      candidateId: candidate.id,
      headline: 'Vendeuse en boulangerie',
      metiers: ['D1106', 'D1505'],
      skills: ['Encaissement', 'Accueil client'],
      // Savoir-être kept in the vocabulary's order, whatever the order sent.
      softSkills: ['STRESS_MANAGEMENT', 'RIGOUR', 'TEAMWORK'],
      // 2015-01…2018-12 and 2018-06…2020-05 overlap: 48 + 17 months, overlap counted once.
      experienceMonths: 65,
      educationLevel: 3,
      languages: [
        { code: 'fr', level: 'NATIVE' },
        { code: 'fsl', level: 'B2' },
      ],
      availableFrom: '2027-02-01',
      communeInsee: '69266',
      commune: { insee: '69266', name: 'Villeurbanne', approximate: false },
      rqth: true,
      consents: { cvtheque: { given: false, at: null }, rqth: { given: false, at: null } },
      consentHistory: [],
    });
    expect(view.places.map((p: { insee: string; name: string; radiusKm: number }) => [p.insee, p.name, p.radiusKm])).toEqual([
      ['69123', 'Lyon', 15],
      ['69266', 'Villeurbanne', 0],
    ]);
    expect(view.places[0].postalCodes).toContain('69001');
    const row = await stored(candidate.id);
    expect(row).toMatchObject({ headline: 'Vendeuse en boulangerie', soft_skills: ['STRESS_MANAGEMENT', 'RIGOUR', 'TEAMWORK'], experience_months: 65, language_codes: ['fr', 'fsl'], commune_insee: '69266', city: 'Villeurbanne', rqth: true });
    const places = await sql(`SELECT insee, radius_km, latitude, longitude FROM candidate_places WHERE candidate_id = $1 ORDER BY insee`, [candidate.id]);
    const [lyon] = await sql(`SELECT latitude, longitude FROM communes WHERE insee = '69123'`);
    expect(places[0]).toEqual({ insee: '69123', radius_km: 15, latitude: lyon.latitude, longitude: lyon.longitude });
    const [{ last_activity_at: after }] = await sql(`SELECT last_activity_at FROM candidate_profiles WHERE user_id = $1`, [candidate.id]);
    expect(new Date(after).getTime()).toBeGreaterThan(new Date(before).getTime());
    expect((await (await candidate.client()).get('/api/me/profile')).body).toEqual(view);

    // The whole profile is replaced: fewer places, no experience, other savoir-être (5, the most allowed).
    const five = ['AUTONOMY', 'CURIOSITY', 'INITIATIVE', 'PERSEVERANCE', 'RESPONSIBILITY'];
    const replaced = await saved(candidate, body({ experiences: [], places: [{ insee: '13055', radiusKm: 100 }], metiers: [], softSkills: five }));
    expect((await stored(candidate.id)).soft_skills).toEqual(five);
    expect(replaced).toMatchObject({ experiences: [], experienceMonths: 0, metiers: [], softSkills: five, places: [{ insee: '13055', name: 'Marseille', radiusKm: 100 }] });
    expect(await sql(`SELECT insee FROM candidate_places WHERE candidate_id = $1`, [candidate.id])).toEqual([{ insee: '13055' }]);
  });

  it('a candidate’s sign-in is activity (last_activity_at)', async () => {
    const candidate = await createUser('CANDIDATE', { referentId: cast.referent.id });
    await sql(`UPDATE candidate_profiles SET last_activity_at = now() - interval '40 days' WHERE user_id = $1`, [candidate.id]);
    await candidate.client();
    const [{ recent }] = await sql(`SELECT last_activity_at > now() - interval '1 minute' AS recent FROM candidate_profiles WHERE user_id = $1`, [candidate.id]);
    expect(recent).toBe(true);
  });

  it('refuses bad input under its field, in French, and writes nothing', async () => {
    const candidate = await createUser('CANDIDATE', { referentId: cast.referent.id });
    await saved(candidate, body());
    const before = await stored(candidate.id);
    const placesBefore = await sql(`SELECT * FROM candidate_places WHERE candidate_id = $1 ORDER BY insee`, [candidate.id]);
    const [{ absent }] = await sql(`SELECT NOT EXISTS (SELECT 1 FROM communes WHERE insee = '75011') AS absent`);
    expect(absent).toBe(true);
    const refused = async (payload: unknown, field: string, message: RegExp, status = 400) => {
      const response = await put(candidate, '/api/me/profile', payload);
      expect(response.status, JSON.stringify(response.body)).toBe(status);
      const problem = response.body.error.details?.fields?.find((f: { field: string }) => f.field === field);
      expect(problem, `${field}: ${JSON.stringify(response.body)}`).toBeDefined();
      expect(problem.message).toMatch(new RegExp(message.source, "i"));
    };
    const experience = { title: 'Caissière', employer: null, start: '2020-01', end: null, description: null };
    await refused(body({ metiers: ['D1106', 'vendeur'] }), 'metiers.1', /code ROME attendu/);
    await refused(body({ metiers: ['D1106', 'D1106'] }), 'metiers', /une seule fois/);
    await refused(body({ metiers: ['D1106', 'N9999'] }), 'metiers.1', /N9999 n’est pas dans la liste des métiers/);
    await refused(body({ metiers: ['A1203', 'D1106', 'D1505', 'M1607', 'M1602', 'K2204'] }), 'metiers', /5 métiers au plus/);
    await refused(body({ experiences: [experience, experience, { ...experience, start: '2021-13' }] }), 'experiences.2.start', /AAAA-MM/);
    await refused(body({ experiences: [{ ...experience, start: '2021-05', end: '2020-01' }] }), 'experiences.0.end', /précéder le début/);
    await refused(body({ experiences: [{ ...experience, start: '2999-01' }] }), 'experiences.0.start', /AAAA-MM|futur/);
    await refused(body({ experiences: [{ ...experience, title: '  ' }] }), 'experiences.0.title', /obligatoire/);
    await refused(body({ diplomas: [{ title: 'BTS', level: 9, year: 2020 }] }), 'diplomas.0.level', /niveau de diplôme inconnu/);
    await refused(body({ educationLevel: 2 }), 'educationLevel', /niveau de diplôme inconnu/);
    await refused(body({ languages: [{ code: 'xx', level: 'B1' }] }), 'languages.0.code', /langue inconnu/);
    await refused(body({ languages: [{ code: 'fr', level: 'B1' }, { code: 'fr', level: 'C1' }] }), 'languages', /une seule fois/);
    await refused(body({ drivingLicences: ['Z'] }), 'drivingLicences.0', /permis inconnu/);
    await refused(body({ contractTypes: ['FREELANCE'] }), 'contractTypes.0', /contrat inconnu/);
    await refused(body({ availableFrom: '2027-02-30' }), 'availableFrom', /n’existe pas/);
    await refused(body({ places: [{ insee: '69123', radiusKm: 101 }] }), 'places.0.radiusKm', /0 à 100 km/);
    await refused(body({ places: [{ insee: '69123', radiusKm: -1 }] }), 'places.0.radiusKm', /0 à 100 km/);
    await refused(body({ places: [1, 2, 3, 4, 5, 6].map((n) => ({ insee: `6900${n}`, radiusKm: 5 })) }), 'places', /5 lieux au plus/);
    await refused(body({ places: [{ insee: '69123', radiusKm: 5 }, { insee: '99999', radiusKm: 5 }] }), 'places.1.insee', /aucune commune/);
    // A postal code is not an INSEE code: 75011 is Paris 11e's postal code, no commune's INSEE code.
    await refused(body({ places: [{ insee: '75011', radiusKm: 5 }] }), 'places.0.insee', /un code postal n’est pas un code INSEE/);
    await refused(body({ communeInsee: '75011' }), 'communeInsee', /un code postal n’est pas un code INSEE/);
    await refused(body({ places: [{ insee: 'Lyon', radiusKm: 5 }] }), 'places.0.insee', /code INSEE/);
    await refused(body({ cvthequeVisible: 'oui' }), 'cvthequeVisible', /oui ou non/);
    // Savoir-être: a word not in the list, a 6th, one twice, none sent (the profile is saved whole).
    await refused(body({ softSkills: ['RIGOUR', 'Ponctualité'] }), 'softSkills.1', /savoir-être inconnu : choisissez dans la liste \(Autonomie/);
    await refused(body({ softSkills: ['AUTONOMY', 'CURIOSITY', 'INITIATIVE', 'PERSEVERANCE', 'RESPONSIBILITY', 'RIGOUR'] }), 'softSkills', /5 savoir-être au plus/);
    await refused(body({ softSkills: ['RIGOUR', 'TEAMWORK', 'RIGOUR'] }), 'softSkills', /chaque savoir-être une seule fois/);
    await refused({ ...body(), softSkills: undefined }, 'softSkills', /liste de savoir-être attendue/);
    await refused({ ...body(), rqthShared: undefined }, 'rqthShared', /oui ou non/);
    await refused({ ...body(), handicap: 'moteur' }, 'handicap', /pas attendu/);
    expect(await stored(candidate.id)).toEqual(before);
    expect(await sql(`SELECT * FROM candidate_places WHERE candidate_id = $1 ORDER BY insee`, [candidate.id])).toEqual(placesBefore);
    expect(await consentLog(candidate.id)).toEqual([]);
  });

  it('who reads and writes: the candidate, their référent; mission officer and admin read; others 404 or 403; anonymous 401', async () => {
    const candidate = await createUser('CANDIDATE', { referentId: cast.referent.id });
    await saved(candidate, body());
    const status = async (person: Person, path: string) => (await (await person.client()).get(path)).status;
    expect(await status(cast.referent, followed(candidate.id))).toBe(200);
    expect(await status(cast.missionOfficer, followed(candidate.id))).toBe(200);
    expect(await status(cast.admin, followed(candidate.id))).toBe(200);
    expect(await status(cast.otherReferent, followed(candidate.id))).toBe(404);
    expect(await status(cast.otherMissionOfficer, followed(candidate.id))).toBe(404);
    for (const person of [cast.recruiter, cast.candidate]) expect(await status(person, followed(candidate.id))).toBe(403);
    for (const person of [cast.recruiter, cast.referent, cast.admin, cast.missionOfficer]) expect(await status(person, '/api/me/profile')).toBe(403);
    expect((await anonymous().get('/api/me/profile')).status).toBe(401);
    expect((await anonymous().get(followed(candidate.id))).status).toBe(401);

    const byReferent = await saved(cast.referent, body({ headline: 'Vendeuse polyvalente' }), followed(candidate.id));
    expect(byReferent.headline).toBe('Vendeuse polyvalente');
    expect((await put(cast.otherReferent, followed(candidate.id), body())).status).toBe(404);
    expect((await put(cast.missionOfficer, followed(candidate.id), body())).status).toBe(403);
    expect((await put(cast.admin, followed(candidate.id), body())).status).toBe(403);
    expect((await put(cast.recruiter, '/api/me/profile', body())).status).toBe(403);
    expect((await stored(candidate.id)).headline).toBe('Vendeuse polyvalente');
  });

  it('consents: given by the candidate with their time, kept on a second yes, withdrawn at once, every change logged; the référent withdraws but never gives', async () => {
    const candidate = await createUser('CANDIDATE', { referentId: cast.referent.id });
    const given = await saved(candidate, body({ cvthequeVisible: true }));
    expect(given.consents.cvtheque.given).toBe(true);
    expect(given.consents.cvtheque.at).toEqual(expect.any(String));
    expect(given.consents.rqth).toEqual({ given: false, at: null });
    expect(given.consentHistory).toEqual([{ consent: 'CVTHEQUE', granted: true, at: given.consents.cvtheque.at, recordedBy: expect.objectContaining({ id: candidate.id }) }]);

    // The same value again: no log row, the time kept. RQTH given on its own.
    const both = await saved(candidate, body({ cvthequeVisible: true, rqthShared: true }));
    expect(both.consents.cvtheque.at).toBe(given.consents.cvtheque.at);
    expect(both.consents.rqth.given).toBe(true);
    expect(await consentLog(candidate.id)).toEqual([
      { consent: 'CVTHEQUE', granted: true, recorded_by: candidate.id },
      { consent: 'RQTH', granted: true, recorded_by: candidate.id },
    ]);
    expect(both.consentHistory.map((h: { consent: string }) => h.consent)).toEqual(['RQTH', 'CVTHEQUE']);

    // The référent may not give a consent the candidate withdrew…
    await saved(candidate, body({ cvthequeVisible: false, rqthShared: true }));
    expect((await stored(candidate.id)).cvtheque_visible_at).toBeNull();
    const refused = await put(cast.referent, followed(candidate.id), body({ cvthequeVisible: true, rqthShared: true, headline: 'Changé' }));
    expect(refused.status, JSON.stringify(refused.body)).toBe(403);
    expect(refused.body.error.details.fields).toEqual([{ field: 'cvthequeVisible', message: expect.stringMatching(/seul le candidat peut donner cet accord/i) }]);
    expect((await stored(candidate.id)).headline).toBe('Vendeuse en boulangerie');
    // …but withdraws one at once, logged as theirs; the candidate sees it with who did it.
    const withdrawn = await saved(cast.referent, body({ cvthequeVisible: false, rqthShared: false }), followed(candidate.id));
    expect(withdrawn.consents.rqth).toEqual({ given: false, at: null });
    expect((await stored(candidate.id)).rqth_shared_at).toBeNull();
    const mine = (await (await candidate.client()).get('/api/me/profile')).body;
    expect(mine.consentHistory[0]).toMatchObject({ consent: 'RQTH', granted: false, recordedBy: { id: cast.referent.id } });
    expect(await consentLog(candidate.id)).toEqual([
      { consent: 'CVTHEQUE', granted: true, recorded_by: candidate.id },
      { consent: 'RQTH', granted: true, recorded_by: candidate.id },
      { consent: 'CVTHEQUE', granted: false, recorded_by: candidate.id },
      { consent: 'RQTH', granted: false, recorded_by: cast.referent.id },
    ]);
    // Given again later: a new time, after the first one.
    const again = await saved(candidate, body({ cvthequeVisible: true }));
    expect(new Date(again.consents.cvtheque.at).getTime()).toBeGreaterThan(new Date(given.consents.cvtheque.at).getTime());
  });

  it('two saves at the same instant leave one whole version and one log row per real change', async () => {
    const candidate = await createUser('CANDIDATE', { referentId: cast.referent.id });
    const client = await candidate.client();
    const referent = await cast.referent.client();
    const [a, b] = await Promise.all([
      client.put('/api/me/profile', body({ cvthequeVisible: true, rqthShared: true, headline: 'Version A', softSkills: ['AUTONOMY'], places: [{ insee: '69123', radiusKm: 10 }] })),
      client.put('/api/me/profile', body({ cvthequeVisible: true, rqthShared: true, headline: 'Version B', softSkills: ['CURIOSITY', 'RIGOUR'], places: [{ insee: '13055', radiusKm: 20 }, { insee: '69266', radiusKm: 5 }] })),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(await consentLog(candidate.id)).toHaveLength(2);
    const row = await stored(candidate.id);
    const places = (await sql(`SELECT insee FROM candidate_places WHERE candidate_id = $1 ORDER BY insee`, [candidate.id])).map((p) => p.insee);
    expect(row.headline === 'Version A' ? ['69123'] : ['13055', '69266']).toEqual(places);
    expect(row.soft_skills).toEqual(row.headline === 'Version A' ? ['AUTONOMY'] : ['CURIOSITY', 'RIGOUR']);

    // The candidate withdraws while the référent saves the profile: the withdrawal stands or the référent's
    // save came first, and the log holds exactly the changes.
    const [withdraw, edit] = await Promise.all([
      client.put('/api/me/profile', body({ cvthequeVisible: false, rqthShared: false })),
      referent.put(followed(candidate.id), body({ cvthequeVisible: true, rqthShared: true, headline: 'Par le référent' })),
    ]);
    expect(withdraw.status).toBe(200);
    const log = await consentLog(candidate.id);
    if (edit.status === 200) {
      // The référent's save (keeping the consents) came first, then the withdrawal.
      expect((await stored(candidate.id)).cvtheque_visible_at).toBeNull();
    } else {
      // The withdrawal came first: the référent's save would have given them back, refused.
      expect(edit.status).toBe(403);
      expect((await stored(candidate.id)).cvtheque_visible_at).toBeNull();
    }
    expect(log.slice(2)).toEqual([
      { consent: 'CVTHEQUE', granted: false, recorded_by: candidate.id },
      { consent: 'RQTH', granted: false, recorded_by: candidate.id },
    ]);
  });

  it('places: an approximate commune is accepted and said approximate; the picker finds communes by name and postal code', async () => {
    const candidate = await createUser('CANDIDATE', { referentId: null });
    const [approx] = await sql(`SELECT insee, name FROM communes WHERE approximate ORDER BY insee LIMIT 1`);
    expect(approx).toBeDefined();
    const view = await saved(candidate, body({ places: [{ insee: approx.insee, radiusKm: 25 }], communeInsee: approx.insee }));
    expect(view.places).toEqual([expect.objectContaining({ insee: approx.insee, name: approx.name, approximate: true, radiusKm: 25 })]);
    expect(view.commune).toMatchObject({ insee: approx.insee, approximate: true });

    const client = await cast.recruiter.client();
    const byName = await client.get('/api/communes?q=villeurb');
    expect(byName.status).toBe(200);
    expect(byName.body.items[0]).toMatchObject({ insee: '69266', name: 'Villeurbanne', department: '69', approximate: false });
    expect(byName.body.items[0].postalCodes).toContain('69100');
    const byPostal = await client.get('/api/communes?q=75011');
    expect(byPostal.body.items[0]).toMatchObject({ insee: '75056', name: 'Paris' });
    const accents = await client.get(`/api/communes?q=${encodeURIComponent('saint etienne')}`);
    expect(accents.body.items.map((c: { name: string }) => c.name)).toContain('Saint-Étienne');
    expect((await client.get('/api/communes?q=')).status).toBe(400);
    expect((await client.get('/api/communes?q=Lyon&x=1')).status).toBe(400);
    expect((await anonymous().get('/api/communes?q=Lyon')).status).toBe(401);
  });

  it('the demo has 36 varied profiles: 33 consenting to the CVthèque, 3 not; RQTH shared by some only; an approximate commune; LSF', async () => {
    const emails = DEMO_PROFILES.map(demoProfileEmail);
    const rows = await sql(
      `SELECT u.email, p.metiers, p.soft_skills, p.commune_insee, p.cvtheque_visible_at IS NOT NULL AS visible, p.rqth, p.rqth_shared_at IS NOT NULL AS rqth_shared,
              p.language_codes, p.experience_months, (SELECT count(*)::int FROM candidate_places cp WHERE cp.candidate_id = u.id) AS places,
              (SELECT count(*)::int FROM profile_consents pc WHERE pc.candidate_id = u.id) AS consents,
              EXISTS (SELECT 1 FROM candidate_places cp JOIN communes c ON c.insee = cp.insee WHERE cp.candidate_id = u.id AND c.approximate) AS approximate
         FROM users u JOIN candidate_profiles p ON p.user_id = u.id WHERE u.email = ANY($1)`,
      [emails],
    );
    expect(rows).toHaveLength(36);
    expect(rows.filter((r) => r.visible)).toHaveLength(33);
    expect(rows.filter((r) => !r.visible).map((r) => r.email).sort()).toEqual(['gabriel.fournier@demo.test', 'moussa.camara@demo.test', 'zoe.blanchard@demo.test']);
    expect(rows.filter((r) => r.rqth_shared).length).toBeGreaterThan(10);
    expect(rows.filter((r) => r.rqth && !r.rqth_shared).length).toBeGreaterThan(2);
    expect(rows.every((r) => !r.rqth_shared || r.rqth)).toBe(true);
    expect(rows.filter((r) => r.approximate)).toHaveLength(1);
    expect(rows.some((r) => r.language_codes.includes('fsl'))).toBe(true);
    expect(rows.every((r) => r.soft_skills.length >= 2 && r.soft_skills.length <= 5 && new Set(r.soft_skills).size === r.soft_skills.length)).toBe(true);
    expect(new Set(rows.flatMap((r) => r.soft_skills)).size).toBe(14);
    expect(rows.every((r) => r.commune_insee && r.places > 0 && r.metiers.length > 0 && r.experience_months > 0)).toBe(true);
    expect(rows.every((r) => r.consents === Number(r.visible) + Number(r.rqth_shared))).toBe(true);
    expect(new Set(rows.flatMap((r) => r.metiers)).size).toBeGreaterThanOrEqual(18);
    // Followed by nobody: the demo référent's list stays as it was.
    expect(await sql(`SELECT 1 FROM candidate_profiles p JOIN users u ON u.id = p.user_id WHERE u.email = ANY($1) AND p.referent_id IS NOT NULL`, [emails])).toEqual([]);
    // A demo profile reads back through the API like any other (its owner signs in with the demo password).
    const client = new ApiClient();
    expect((await client.post('/api/auth/login', { email: 'aicha.benali@demo.test', password: inject('demoPassword') })).status).toBe(200);
    expect((await client.get('/api/me/profile')).body).toMatchObject({ headline: 'Vendeuse en boulangerie', commune: { name: 'Lyon' }, consents: { cvtheque: { given: true } } });
  });
});
