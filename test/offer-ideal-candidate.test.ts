// The offer's ideal candidate (issue #18, item 1) through the API, on the real PostgreSQL and Temporal:
// created and edited with the offer (a draft by PATCH, a published offer through the workflow's `edit`,
// back to moderation and published again with it), each refusal in French under its own field with
// nothing written, and what `offerMatchCriteria` makes of the stored row.
import { beforeAll, describe, expect, it } from 'vitest';
import { act, offerBody, offerIn } from './drivers.js';
import { createCast, type Cast } from './fixtures.js';
import { ApiClient, sql } from './support.js';
import { offerMatchCriteria } from '../workflows/offer-ideal-candidate.js';

let cast: Cast;
let recruiter: ApiClient;

beforeAll(async () => {
  cast = await createCast();
  recruiter = await cast.recruiter.client();
});

/** Every criterion asked, two of them indispensable; the place by a postal code, skills repeated. */
const FULL = {
  metier: 'd1106',
  experienceYears: 3,
  educationLevel: 4,
  workingTimes: ['PART_TIME'],
  place: { insee: '75011', radiusKm: 30 },
  drivingLicences: ['B'],
  languages: [{ code: 'en', level: 'B2' }],
  skills: ['  Caisse ', 'Accueil client', 'caisse', 'ACCUEIL CLIÉNT', 'Étiquetage'],
  indispensable: ['metier', 'drivingLicence', 'contractType'],
};

const storedOf = async (id: string) => (await sql<{ ideal_candidate: Record<string, unknown> }>('SELECT ideal_candidate FROM offers WHERE id = $1', [id]))[0]!.ideal_candidate;

describe('offer ideal candidate', () => {
  it('is created with the offer, read back with labels, and given to matching with the offer’s contract and remote work', async () => {
    const created = await recruiter.post('/api/offers', offerBody({ contractType: 'CDD', contractDurationMonths: 6, remote: 'PARTIAL', idealCandidate: FULL }));
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.idealCandidate).toEqual({
      metier: 'D1106',
      metierLabel: expect.stringMatching(/Vente en alimentation/),
      experienceYears: 3,
      educationLevel: 4,
      workingTimes: ['PART_TIME'],
      // A postal code becomes its commune (Paris for 75011).
      place: { insee: '75056', radiusKm: 30, commune: expect.objectContaining({ insee: '75056', name: 'Paris' }) },
      drivingLicences: ['B'],
      languages: [{ code: 'en', level: 'B2' }],
      // Trimmed, the first spelling of each kept, case and accents ignored.
      skills: ['Caisse', 'Accueil client', 'Étiquetage'],
      indispensable: ['metier', 'drivingLicence', 'contractType'],
    });
    const [row] = await sql('SELECT ideal_candidate, contract_type, remote FROM offers WHERE id = $1', [created.body.id]);
    expect(offerMatchCriteria(row)).toEqual({
      metier: 'D1106',
      experienceYears: 3,
      educationLevel: 4,
      contractTypes: ['CDD'],
      workingTimes: ['PART_TIME'],
      place: { insee: '75056', radiusKm: 30 },
      remote: 'PARTIAL',
      drivingLicences: ['B'],
      languages: [{ code: 'en', level: 'B2' }],
      skills: ['Caisse', 'Accueil client', 'Étiquetage'],
      indispensable: ['metier', 'drivingLicence', 'contractType'],
    });
    // The free texts stay as they were, beside it.
    expect(created.body).toMatchObject({ experience: null, education: null });
  });

  it('starts empty without one, and an offer without it keeps working (free-text experience and education)', async () => {
    const created = await recruiter.post('/api/offers', offerBody({ experience: '1 à 3 ans', education: 'Bac+2' }));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ experience: '1 à 3 ans', education: 'Bac+2' });
    expect(created.body.idealCandidate).toMatchObject({ metier: null, place: null, skills: [], indispensable: [] });
    expect(await storedOf(created.body.id)).toMatchObject({ metier: null, skills: [] });
    // A row from before migration 0031 holds `{}`: read as nothing asked.
    await sql(`UPDATE offers SET ideal_candidate = '{}' WHERE id = $1`, [created.body.id]);
    const read = await recruiter.get(`/api/offers/${created.body.id}`);
    expect(read.status).toBe(200);
    expect(read.body.idealCandidate).toMatchObject({ metier: null, experienceYears: null, place: null, languages: [], indispensable: [] });
  });

  it('is replaced by a draft’s edit, cleared by null, and left alone by an edit of other fields', async () => {
    const id = (await recruiter.post('/api/offers', offerBody({ idealCandidate: FULL }))).body.id as string;
    const other = await recruiter.patch(`/api/offers/${id}`, { salaryMin: 20000 });
    expect(other.status, JSON.stringify(other.body)).toBe(200);
    expect(other.body.idealCandidate.metier).toBe('D1106');
    const replaced = await recruiter.patch(`/api/offers/${id}`, { idealCandidate: { experienceYears: 1, indispensable: ['experience'] } });
    expect(replaced.status, JSON.stringify(replaced.body)).toBe(200);
    expect(replaced.body.idealCandidate).toMatchObject({ metier: null, experienceYears: 1, place: null, skills: [], indispensable: ['experience'] });
    const cleared = await recruiter.patch(`/api/offers/${id}`, { idealCandidate: null });
    expect(cleared.status).toBe(200);
    expect(cleared.body.idealCandidate).toMatchObject({ experienceYears: null, indispensable: [] });
  });

  const refusals: Array<[string, Record<string, unknown>, string, RegExp]> = [
    ['an unknown ROME code', { metier: 'A9999' }, 'idealCandidate.metier', /pas dans la liste des métiers/],
    ['a malformed ROME code', { metier: 'vendeur' }, 'idealCandidate.metier', /code ROME attendu/],
    ['too many years', { experienceYears: 41 }, 'idealCandidate.experienceYears', /de 0 à 40 ans/],
    ['years not whole', { experienceYears: 1.5 }, 'idealCandidate.experienceYears', /entier/],
    ['an unknown education level', { educationLevel: 2 }, 'idealCandidate.educationLevel', /niveau de diplôme inconnu/],
    ['an unknown working time', { workingTimes: ['NIGHT'] }, 'idealCandidate.workingTimes.0', /temps de travail inconnu/],
    ['a radius too wide', { place: { insee: '69123', radiusKm: 201 } }, 'idealCandidate.place.radiusKm', /de 0 à 200 km/],
    ['a commune that is no code', { place: { insee: 'Lyon', radiusKm: 10 } }, 'idealCandidate.place.insee', /code INSEE ou code postal/],
    ['an unknown commune', { place: { insee: '99999', radiusKm: 10 } }, 'idealCandidate.place.insee', /aucune commune ne porte le code 99999/],
    ['an unknown licence', { drivingLicences: ['Z'] }, 'idealCandidate.drivingLicences.0', /permis inconnu/],
    ['a language twice', { languages: [{ code: 'en', level: 'B1' }, { code: 'en', level: 'C1' }] }, 'idealCandidate.languages', /une seule fois/],
    ['an unknown language level', { languages: [{ code: 'en', level: 'Z9' }] }, 'idealCandidate.languages.0.level', /niveau inconnu/],
    ['a skill too long', { skills: ['x'.repeat(81)] }, 'idealCandidate.skills.0', /80 caractères au plus/],
    ['too many skills', { skills: Array.from({ length: 31 }, (_, i) => `Compétence ${i}`) }, 'idealCandidate.skills', /30 compétences au plus/],
    ['an indispensable criterion not asked', { skills: ['Caisse'], indispensable: ['skills', 'metier', 'place'] }, 'idealCandidate.indispensable', /demandez pour : Métier, Lieu/],
    ['an unknown criterion', { indispensable: ['age'] }, 'idealCandidate.indispensable.0', /critère inconnu/],
    ['an unexpected key', { contractTypes: ['CDI'] }, 'idealCandidate.contractTypes', /pas attendu/],
  ];

  for (const [what, idealCandidate, field, message] of refusals) {
    it(`refuses ${what} under ${field}, writing nothing`, async () => {
      const before = (await sql<{ n: string }>('SELECT count(*) AS n FROM offers WHERE company_id = $1', [cast.company.id]))[0]!.n;
      const refused = await recruiter.post('/api/offers', offerBody({ idealCandidate }));
      expect(refused.status, JSON.stringify(refused.body)).toBe(400);
      expect(refused.body.error.details.fields, JSON.stringify(refused.body.error)).toContainEqual({ field, message: expect.stringMatching(new RegExp(message.source, 'i')) });
      expect((await sql<{ n: string }>('SELECT count(*) AS n FROM offers WHERE company_id = $1', [cast.company.id]))[0]!.n).toBe(before);
    });
  }

  it('refuses a draft’s edit under its field and keeps the offer as it was', async () => {
    const id = (await recruiter.post('/api/offers', offerBody({ idealCandidate: FULL }))).body.id as string;
    const stored = await storedOf(id);
    const refused = await recruiter.patch(`/api/offers/${id}`, { title: 'Vendeur H/F', idealCandidate: { place: { insee: '99999', radiusKm: 5 } } });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details.fields, JSON.stringify(refused.body.error)).toEqual([{ field: 'idealCandidate.place.insee', message: expect.stringMatching(/aucune commune/i) }]);
    expect(await storedOf(id)).toEqual(stored);
    expect((await sql('SELECT title FROM offers WHERE id = $1', [id]))[0].title).not.toBe('Vendeur H/F');
  });

  it('travels with a published offer’s edit through moderation, named in its history, and is published again with it', async () => {
    const id = await offerIn(cast, 'PUBLISHED', { idealCandidate: { metier: 'D1106', indispensable: ['metier'] } });
    const unchanged = await recruiter.post(`/api/offers/${id}/transitions`, { action: 'edit', idealCandidate: { metier: 'd1106', indispensable: ['metier'] } });
    // The same ideal candidate, written otherwise: nothing changes.
    expect(unchanged.status, JSON.stringify(unchanged.body)).toBe(400);
    const refused = await recruiter.post(`/api/offers/${id}/transitions`, { action: 'edit', idealCandidate: { metier: 'A9999' } });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details.fields).toContainEqual({ field: 'idealCandidate.metier', message: expect.any(String) });
    const edited = await act('offer', cast.recruiter, id, { action: 'edit', idealCandidate: { metier: 'M1805', place: { insee: '69123', radiusKm: 20 }, indispensable: ['place'] } }, 'PENDING_MODERATION');
    expect(edited.idealCandidate).toMatchObject({ metier: 'M1805', place: { insee: '69123', radiusKm: 20 }, indispensable: ['place'] });
    expect(edited.history.at(-1)).toMatchObject({ type: 'edit', message: expect.stringMatching(/Profil recherché/) });
    expect(edited.lastEdit.changes).toEqual([
      expect.objectContaining({ field: 'idealCandidate', label: 'Profil recherché', before: expect.objectContaining({ metier: 'D1106' }), after: expect.objectContaining({ metier: 'M1805' }) }),
    ]);
    const published = await act('offer', cast.admin, id, { action: 'approve' }, 'PUBLISHED');
    expect(published.idealCandidate).toMatchObject({ metier: 'M1805', place: { insee: '69123' }, indispensable: ['place'] });
    expect(await storedOf(id)).toMatchObject({ metier: 'M1805', place: { insee: '69123', radiusKm: 20 } });
    // A candidate reads it on the published offer; the public showcase does not show it.
    const seen = await (await cast.candidate.client()).get(`/api/offers/${id}`);
    expect(seen.body.idealCandidate).toMatchObject({ metier: 'M1805' });
    const shown = await new ApiClient().get(`/api/public/offers/${id}`);
    expect(shown.status).toBe(200);
    expect(shown.body).not.toHaveProperty('idealCandidate');
  });

  it('is copied with a duplicated offer', async () => {
    const id = (await recruiter.post('/api/offers', offerBody({ idealCandidate: FULL }))).body.id as string;
    const copy = await recruiter.post(`/api/offers/${id}/duplicate`);
    expect(copy.status, JSON.stringify(copy.body)).toBe(201);
    expect(copy.body.idealCandidate).toMatchObject({ metier: 'D1106', place: { insee: '75056' }, indispensable: ['metier', 'drivingLicence', 'contractType'] });
  });
});
