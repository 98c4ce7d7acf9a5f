// GET /api/cvtheque on the real harness (issue #17, items 3–5 and 7): the search syntax (AND, phrase,
// exclusion, OR, plurals, feminine job titles, accents, CV text), the relevance mode, places (radius
// with known distances, the candidate's own radius, a commune placed by approximation, several places,
// départements), every facet value's count equal to the total of its results, RQTH only when shared,
// consent withdrawal and disabled accounts leaving the next answer, seen / not seen per company, sorts and
// pages, refusals by field, who may search, and the history. Every search names a word of this file's
// own profiles (`tag`), so profiles of other tests never change what is expected.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { splitTerms } from '../api/cvtheque/service.js';
import { createCast, createCompany, createUser, type Cast, type Person } from './fixtures.js';
import { addCvText, createProfile, ensureWordForms, uniqueWord, type ProfilePerson } from './cvtheque-drivers.js';
import { ApiClient, sql } from './support.js';

let cast: Cast;
const tag = uniqueWord();
const placesTag = uniqueWord();
const facetTag = uniqueWord();

let vendeur: ProfilePerson;
let vendeuse: ProfilePerson;
let caissiere: ProfilePerson;
let infirmier: ProfilePerson;
let electricien: ProfilePerson;
let soudeur: ProfilePerson;
const words: ProfilePerson[] = [];

async function search(person: Person, query: string) {
  const response = await (await person.client()).get(`/api/cvtheque?${query}`);
  expect(response.status, `${query}: ${JSON.stringify(response.body)}`).toBe(200);
  return response.body as {
    items: Array<Record<string, any>>;
    total: number;
    page: number;
    pageSize: number;
    facets: Record<string, Array<{ value: string; label: string; count: number }>>;
  };
}
const q = (text: string) => `q=${encodeURIComponent(text)}&pageSize=100`;
/** The ids found, among `among` (all of this file's profiles when not said), in the answer's order. */
async function found(query: string, among: ProfilePerson[] = words, as: Person = cast.recruiter): Promise<string[]> {
  const answer = await search(as, query);
  const ids = new Set(among.map((p) => p.id));
  return answer.items.map((i) => i.candidateId).filter((id) => ids.has(id));
}
const idsOf = (...people: ProfilePerson[]) => people.map((p) => p.id).sort();
const sorted = (ids: string[]) => [...ids].sort();

beforeAll(async () => {
  cast = await createCast();
  await ensureWordForms();
  vendeur = await createProfile({
    headline: 'Vendeur en boulangerie',
    skills: [tag, 'encaissement'],
    summary: 'Vente de pain et de viennoiseries, accueil des clients.',
  });
  vendeuse = await createProfile({ headline: 'Vendeuse en prêt-à-porter', skills: [tag, 'conseil client', 'merchandising'] });
  caissiere = await createProfile({ headline: 'Caissière', skills: [tag, 'encaissement', 'inventaire'] });
  infirmier = await createProfile({
    headline: 'Infirmier de bloc opératoire',
    skills: [tag],
    experiences: [{ title: 'Infirmier anesthésiste', start: '2015-01', end: '2020-12', description: 'Soins intensifs en réanimation.' }],
  });
  electricien = await createProfile({ headline: 'Électricienne du bâtiment', skills: [tag, 'habilitations électriques'] });
  soudeur = await createProfile({ headline: 'Chaudronnier', skills: [tag], cvText: 'Soudure TIG et MIG sur acier inoxydable, lecture de plans.' });
  words.push(vendeur, vendeuse, caissiere, infirmier, electricien, soudeur);
}, 120_000);

describe('the search syntax (mode all: websearch_to_tsquery on tremplin_fr)', () => {
  it('ANDs words, keeps "phrases" in order, excludes -words, and ORs with OR', async () => {
    expect(await found(q(`${tag} vendeur boulangerie`))).toEqual([vendeur.id]);
    expect(await found(q(`${tag} encaissement inventaire`))).toEqual([caissiere.id]);
    expect(await found(q(`${tag} "conseil client"`))).toEqual([vendeuse.id]);
    expect(await found(q(`${tag} "client conseil"`))).toEqual([]);
    expect(sorted(await found(q(`${tag} vendeur -boulangerie`)))).toEqual([vendeuse.id]);
    expect(sorted(await found(q(`${tag} boulangerie OR réanimation`)))).toEqual(idsOf(vendeur, infirmier));
    expect(sorted(await found(q(`${tag} boulangerie or soudure`)))).toEqual(idsOf(vendeur, soudeur));
  });

  it('finds plurals through stemming and accents either way', async () => {
    expect(sorted(await found(q(`${tag} vendeurs`)))).toEqual(idsOf(vendeur, vendeuse));
    expect(await found(q(`${tag} infirmiers`))).toEqual([infirmier.id]);
    expect(await found(q(`${tag} ELECTRICIENS`))).toEqual([electricien.id]);
    expect(await found(q(`${tag} habilitation electrique`))).toEqual([electricien.id]);
    expect(await found(q(`${tag} réanimations`))).toEqual([infirmier.id]);
  });

  it('finds feminine job titles through the métier list, both ways', async () => {
    expect(sorted(await found(q(`${tag} vendeuse`)))).toEqual(idsOf(vendeur, vendeuse));
    expect(sorted(await found(q(`${tag} vendeuses`)))).toEqual(idsOf(vendeur, vendeuse));
    expect(await found(q(`${tag} caissier`))).toEqual([caissiere.id]);
    expect(await found(q(`${tag} Infirmière`))).toEqual([infirmier.id]);
    expect(await found(q(`${tag} électricien`))).toEqual([electricien.id]);
    // inside a phrase and an exclusion too
    expect(await found(q(`${tag} "vendeuse en boulangerie"`))).toEqual([vendeur.id]);
    expect(await found(q(`${tag} encaissement -caissier`))).toEqual([vendeur.id]);
  });

  it('searches the text of the newest readable CV, and forgets it when it is no longer readable', async () => {
    expect(await found(q(`${tag} soudure inoxydable`))).toEqual([soudeur.id]);
    await sql(`UPDATE documents SET text_status = 'UNREADABLE', text_content = NULL WHERE candidate_id = $1`, [soudeur.id]);
    expect(await found(q(`${tag} soudure`))).toEqual([]);
    const cv = await addCvText(soudeur.id, 'Soudure à l’arc, tuyauterie industrielle.');
    expect(await found(q(`${tag} tuyauterie`))).toEqual([soudeur.id]);
    await sql(`DELETE FROM documents WHERE id = $1`, [cv]);
    expect(await found(q(`${tag} tuyauterie`))).toEqual([]);
  });

  it('keeps the document up to date when the profile changes', async () => {
    await sql(`UPDATE candidate_profiles SET skills = skills || ARRAY['pâtisserie'] WHERE user_id = $1`, [vendeuse.id]);
    expect(await found(q(`${tag} patisseries`))).toEqual([vendeuse.id]);
    await sql(`UPDATE candidate_profiles SET skills = array_remove(skills, 'pâtisserie') WHERE user_id = $1`, [vendeuse.id]);
    expect(await found(q(`${tag} patisserie`))).toEqual([]);
  });

  it('takes only stop words as no text at all, and a text of nothing known as no result', async () => {
    // (polled: profiles of other test files may appear between the two answers)
    await expect
      .poll(async () => (await search(cast.recruiter, q('le la de et'))).total - (await search(cast.recruiter, 'pageSize=1')).total)
      .toBe(0);
    expect(await found(q(`${tag} xylophoniste`))).toEqual([]);
  });
});

describe('the query syntax under fuzzing', () => {
  it('answers every text made of the syntax’s pieces with 200, in both modes, counts never above the total', async () => {
    const client = await cast.recruiter.client();
    const piece = fc.oneof(
      fc.constantFrom('"', '-', 'OR', 'or', '&', '|', '!', ':*', '(', ')', '<->', "'", '\\', ' ', '  ', 'é', 'œ', 'ß', '€', '%', '_', '*', ':', ';', ',', '.', '«', '»', '’'),
      fc.constantFrom(tag, 'vendeuse', 'Caissières', 'infirmier', 'le', 'de', '"conseil client"', '-boulangerie', 'aide-soignante', 'électricien'),
      fc.string({ maxLength: 8 }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(piece, { maxLength: 12 }), fc.constantFrom('all', 'any'), async (pieces, mode) => {
        const text = pieces.join(' ').slice(0, 300);
        const response = await client.get(`/api/cvtheque?q=${encodeURIComponent(text)}&mode=${mode}&pageSize=5`);
        expect(response.status, `${mode} « ${text} »: ${JSON.stringify(response.body)}`).toBe(200);
        expect(response.body.items.length).toBeLessThanOrEqual(Math.min(5, response.body.total));
        for (const values of Object.values(response.body.facets) as Array<Array<{ count: number }>>) {
          for (const v of values) expect(v.count).toBeLessThanOrEqual(response.body.total);
        }
      }),
      { numRuns: 120, seed: 20261204 },
    );
  }, 120_000);

  it('splits the relevance mode’s text into optional words and phrases and mandatory exclusions', () => {
    expect(splitTerms('vendeuse "conseil client" -boulangerie OR -"grande surface" caisse')).toEqual({
      positive: ['vendeuse', '"conseil client"', 'caisse'],
      negative: ['boulangerie', '"grande surface"'],
    });
    expect(splitTerms('"non fermé')).toEqual({ positive: ['"non fermé"'], negative: [] });
    expect(splitTerms(' - -- "" OR ')).toEqual({ positive: [], negative: [] });
  });
});

describe('the relevance mode (mode any)', () => {
  it('makes words optional and puts the profiles with the most of them first; exclusions still exclude', async () => {
    const text = `${tag} vendeuse encaissement boulangerie`;
    expect(await found(q(text))).toEqual([vendeur.id]); // mode all: every word
    const ranked = await found(`${q(text)}&mode=any`);
    expect(sorted(ranked)).toEqual(sorted(words.map((w) => w.id)));
    expect(ranked[0]).toBe(vendeur.id); // vendeur, encaissement, boulangerie
    const position = (p: ProfilePerson) => ranked.indexOf(p.id);
    for (const second of [vendeuse, caissiere]) {
      for (const last of [infirmier, electricien, soudeur]) expect(position(second)).toBeLessThan(position(last));
    }
    // the sort defaults to relevance with a text; without a tag, words alone are optional too
    expect(await found(`${q('vendeuse encaissement boulangerie')}&mode=any`, [vendeur, vendeuse, caissiere])).toContain(vendeur.id);
    const excluded = await found(`${q(`${tag} vendeuse -boulangerie`)}&mode=any`);
    expect(excluded).not.toContain(vendeur.id);
    expect(excluded[0]).toBe(vendeuse.id);
  });
});

describe('places', () => {
  let villeurbanne: ProfilePerson; // 3 km from Lyon, no radius of their own
  let villeurbanneFar: ProfilePerson; // same place, going 2 km around
  let paris: ProfilePerson;
  let abergement: ProfilePerson; // L'Abergement-Clémenciat: no GeoNames point, approximate
  let twoPlaces: ProfilePerson; // Marseille and Bordeaux
  let placed: ProfilePerson[];
  const p = (query: string) => `q=${placesTag}&pageSize=100&${query}`;

  beforeAll(async () => {
    villeurbanne = await createProfile({ headline: 'Magasinier', skills: [placesTag], places: [{ insee: '69266', radiusKm: 0 }] });
    villeurbanneFar = await createProfile({ headline: 'Préparateur de commandes', skills: [placesTag], places: [{ insee: '69266', radiusKm: 2 }] });
    paris = await createProfile({ headline: 'Comptable', skills: [placesTag], places: [{ insee: '75056', radiusKm: 100 }] });
    abergement = await createProfile({ headline: 'Agent agricole', skills: [placesTag], places: [{ insee: '01001', radiusKm: 0 }] });
    twoPlaces = await createProfile({
      headline: 'Serveur',
      skills: [placesTag],
      places: [
        { insee: '13055', radiusKm: 0 },
        { insee: '33063', radiusKm: 5 },
      ],
    });
    placed = [villeurbanne, villeurbanneFar, paris, abergement, twoPlaces];
  });

  it('finds a profile 3 km away within 5 km and not within 2 — unless its own radius makes up the difference', async () => {
    expect(sorted(await found(p('near=69123&radiusKm=5'), placed))).toEqual(idsOf(villeurbanne, villeurbanneFar));
    expect(await found(p('near=69123&radiusKm=2'), placed)).toEqual([villeurbanneFar.id]); // 3.2 ≤ 2 + 2
    expect(await found(p('near=69123&radiusKm=1'), placed)).toEqual([]); // 3.2 > 1 + 2
    const answer = await search(cast.recruiter, p('near=69123&radiusKm=5'));
    const item = answer.items.find((i) => i.candidateId === villeurbanne.id)!;
    expect(item.distanceKm).toBeGreaterThan(2);
    expect(item.distanceKm).toBeLessThan(4);
    expect(item.distanceKm * 10).toBe(Math.round(item.distanceKm * 10)); // one decimal
    expect(item.approximate).toBe(false);
    expect(item.places).toEqual([{ insee: '69266', name: 'Villeurbanne', department: '69', radiusKm: 0 }]);
  });

  it('does not bring Paris within 100 km of Lyon (≈ 390 km), even with the candidate’s own 100 km', async () => {
    expect(await found(p('near=69123&radiusKm=100'), [paris])).toEqual([]);
    // a postal code names its commune: Paris 11e
    const answer = await search(cast.recruiter, p('near=75011&radiusKm=0'));
    expect(answer.items.find((i) => i.candidateId === paris.id)).toMatchObject({ distanceKm: 0 });
    // 110 km from Paris: Paris's 100 km and the recruiter's 10 km meet (Orléans ≈ 111 km: not)
    expect(await found(p('near=45234&radiusKm=10'), [paris])).toEqual([]);
    expect(await found(p('near=45234&radiusKm=15'), [paris])).toEqual([paris.id]);
  });

  it('finds a commune without a GeoNames point by its approximate point, and says so', async () => {
    const answer = await search(cast.recruiter, p('near=01093&radiusKm=15')); // Châtillon-sur-Chalaronne, same postal code
    const item = answer.items.find((i) => i.candidateId === abergement.id);
    expect(item).toBeDefined();
    expect(item!.approximate).toBe(true);
    expect(item!.distanceKm).toBeLessThan(15);
  });

  it('matches any of a profile’s places and any of the searched communes, with the nearest distance', async () => {
    expect(await found(p('near=33063&radiusKm=0'), placed)).toEqual([twoPlaces.id]);
    expect(await found(p('near=13055&radiusKm=0'), placed)).toEqual([twoPlaces.id]);
    const both = await search(cast.recruiter, p('near=69123,13055&radiusKm=5'));
    expect(sorted(both.items.map((i) => i.candidateId).filter((id) => placed.some((x) => x.id === id)))).toEqual(idsOf(villeurbanne, villeurbanneFar, twoPlaces));
    expect(both.items.find((i) => i.candidateId === twoPlaces.id)).toMatchObject({ distanceKm: 0 });
    expect(both.items.find((i) => i.candidateId === twoPlaces.id)!.places.map((x: any) => x.name)).toEqual(['Bordeaux', 'Marseille']);
  });

  it('finds places by département, one or several, or near a commune', async () => {
    expect(await found(p('department=13'), placed)).toEqual([twoPlaces.id]);
    expect(sorted(await found(p('department=13,69'), placed))).toEqual(idsOf(villeurbanne, villeurbanneFar, twoPlaces));
    expect(sorted(await found(p('department=01&near=75056&radiusKm=0'), placed))).toEqual(idsOf(abergement, paris));
  });

  it('refuses an unknown commune, a wrong code and a radius out of bounds under their field', async () => {
    const client = await cast.recruiter.client();
    for (const [query, field] of [
      ['near=99999', 'near'],
      ['near=Lyon', 'near'],
      ['radiusKm=101', 'radiusKm'],
      ['radiusKm=-1', 'radiusKm'],
      ['department=999', 'department'],
      ['contractType=CDX', 'contractType'],
      ['educationLevel=2', 'educationLevel'],
      ['sort=name', 'sort'],
      ['mode=some', 'mode'],
      ['page=0', 'page'],
      ['unknown=1', 'unknown'],
    ]) {
      const response = await client.get(`/api/cvtheque?${query}`);
      expect(response.status, query).toBe(400);
      expect(response.body.error.details.fields.map((f: { field: string }) => f.field), query).toContain(field);
      expect(response.body.error.message).toMatch(/[a-zé]/);
    }
  });
});

describe('filters and their counts', () => {
  let profiles: ProfilePerson[] = [];
  const base = `q=${facetTag}&pageSize=100`;

  beforeAll(async () => {
    const variety = [
      { contractTypes: ['CDI'], workingTimes: ['FULL_TIME'], educationLevel: 3, experienceMonths: 6, languages: [{ code: 'fr', level: 'NATIVE' }], drivingLicences: ['B'], rqth: true, rqthShared: true, lastActivityDaysAgo: 1, places: [{ insee: '69123' }] },
      { contractTypes: ['CDI', 'CDD'], workingTimes: ['PART_TIME'], educationLevel: 4, experienceMonths: 24, languages: [{ code: 'fr', level: 'NATIVE' }, { code: 'en', level: 'B2' }], drivingLicences: ['B', 'C'], rqth: true, rqthShared: false, lastActivityDaysAgo: 20, availableFrom: inDaysDate(20), places: [{ insee: '69266' }] },
      { contractTypes: ['INTERIM'], educationLevel: 5, experienceMonths: 40, languages: [{ code: 'en', level: 'C1' }], rqth: false, rqthShared: true, lastActivityDaysAgo: 60, availableFrom: inDaysDate(60), places: [{ insee: '13055' }] },
      { contractTypes: ['ALTERNANCE', 'STAGE'], educationLevel: 0, experienceMonths: 0, lastActivityDaysAgo: 150, availableFrom: inDaysDate(200), places: [{ insee: '69123' }] },
      { contractTypes: ['CDD'], workingTimes: ['FULL_TIME', 'PART_TIME'], educationLevel: 7, experienceMonths: 90, languages: [{ code: 'es', level: 'B1' }, { code: 'en', level: 'A2' }], drivingLicences: ['A', 'B'], rqth: true, rqthShared: true, lastActivityDaysAgo: 400, places: [{ insee: '75056' }] },
      { contractTypes: ['CDI'], educationLevel: 6, experienceMonths: 12, languages: [{ code: 'fsl', level: 'C2' }], availableFrom: inDaysDate(-10), lastActivityDaysAgo: 3, places: [{ insee: '69123', radiusKm: 20 }] },
    ];
    profiles = [];
    for (const [i, v] of variety.entries()) profiles.push(await createProfile({ headline: `Profil ${i}`, skills: [facetTag], ...v }));
    // Company A's recruiters opened two of them.
    for (const p of profiles.slice(0, 2)) {
      await sql(`INSERT INTO cvtheque_company_candidates (company_id, candidate_id, first_seen_at, last_seen_at) VALUES ($1, $2, now(), now())`, [cast.company.id, p.id]);
    }
  });

  /** For every facet value: the count shown equals the total one gets by selecting it, the other criteria kept. */
  async function countsMatch(criteria: string) {
    const answer = await search(cast.recruiter, `${base}&${criteria}`);
    const params = new URLSearchParams(criteria);
    let nonTrivial = 0;
    for (const [facet, values] of Object.entries(answer.facets)) {
      for (const value of values) {
        const selected = new URLSearchParams(params);
        selected.set(facet, value.value);
        const total = (await search(cast.recruiter, `${base}&${selected.toString()}`)).total;
        expect(value.count, `${criteria} → ${facet}=${value.value}`).toBe(total);
        if (value.count > 0 && value.count < answer.total) nonTrivial++;
      }
    }
    return { answer, nonTrivial };
  }

  it('gives every facet value the count of its results, with no filter, with filters, and with a place', async () => {
    const none = await countsMatch('');
    expect(none.answer.total).toBe(profiles.length);
    expect(none.nonTrivial).toBeGreaterThan(20);
    expect(Object.keys(none.answer.facets).sort()).toEqual(
      ['activity', 'availability', 'contractType', 'drivingLicence', 'educationLevel', 'experience', 'language', 'rqth', 'seen', 'workingTime'].sort(),
    );
    expect(none.answer.facets.contractType.find((v) => v.value === 'CDI')).toEqual({ value: 'CDI', label: 'CDI', count: 3 });
    expect((await countsMatch('contractType=CDI,CDD&language=en')).answer.total).toBe(2);
    expect((await countsMatch('near=69123&radiusKm=5&educationLevel=3')).answer.total).toBe(3);
    await countsMatch('seen=NOT_SEEN&activity=90_DAYS&drivingLicence=B');
  });

  it('applies each filter as the README says', async () => {
    const ids = async (criteria: string) => sorted((await search(cast.recruiter, `${base}&${criteria}`)).items.map((i) => i.candidateId));
    const of = (...indexes: number[]) => sorted(indexes.map((i) => profiles[i]!.id));
    expect(await ids('contractType=CDI')).toEqual(of(0, 1, 5));
    expect(await ids('contractType=INTERIM,STAGE')).toEqual(of(2, 3)); // any of
    expect(await ids('language=en,es')).toEqual(of(4)); // all of
    expect(await ids('drivingLicence=B,C')).toEqual(of(1));
    expect(await ids('educationLevel=6')).toEqual(of(4, 5)); // at least
    expect(await ids('experience=1_3,5_PLUS')).toEqual(of(1, 4, 5));
    expect(await ids('availability=NOW')).toEqual(of(0, 4, 5)); // no date, or a date passed
    expect(await ids('availability=1_MONTH')).toEqual(of(0, 1, 4, 5));
    expect(await ids('activity=30_DAYS')).toEqual(of(0, 1, 5));
    expect(await ids('workingTime=PART_TIME')).toEqual(of(1, 4));
  });

  it('filters and counts RQTH only where the candidate shared it, and shows it on nobody else', async () => {
    const answer = await search(cast.recruiter, base);
    expect(answer.facets.rqth).toEqual([{ value: 'true', label: 'RQTH partagée', count: 2 }]);
    const rqth = await search(cast.recruiter, `${base}&rqth=true`);
    expect(sorted(rqth.items.map((i) => i.candidateId))).toEqual(sorted([profiles[0]!.id, profiles[4]!.id]));
    const byId = new Map(answer.items.map((i) => [i.candidateId, i]));
    expect(byId.get(profiles[0]!.id)!.rqth).toBe(true);
    expect(byId.get(profiles[1]!.id)!.rqth).toBeNull(); // RQTH, not shared
    expect(byId.get(profiles[2]!.id)!.rqth).toBe(false); // shared: no RQTH
    expect(byId.get(profiles[3]!.id)!.rqth).toBeNull();
    // rqth=false filters nothing (nobody is searched for not having one)
    expect((await search(cast.recruiter, `${base}&rqth=false`)).total).toBe(profiles.length);
  });

  it('says seen / not seen for the searching company only', async () => {
    const mine = await search(cast.recruiter, base);
    const seen = mine.items.filter((i) => i.seen).map((i) => i.candidateId);
    expect(sorted(seen)).toEqual(sorted([profiles[0]!.id, profiles[1]!.id]));
    expect(mine.facets.seen).toEqual([
      { value: 'NOT_SEEN', label: 'Jamais consulté', count: 4 },
      { value: 'SEEN', label: 'Déjà consulté', count: 2 },
    ]);
    expect((await search(cast.colleague, `${base}&seen=SEEN`)).total).toBe(2);
    const other = await search(cast.otherRecruiter, base);
    expect(other.items.filter((i) => i.seen)).toEqual([]);
    expect((await search(cast.otherRecruiter, `${base}&seen=NOT_SEEN`)).total).toBe(profiles.length);
  });

  it('never gives a name, an e-mail or a phone', async () => {
    const answer = await search(cast.recruiter, base);
    const text = JSON.stringify(answer);
    for (const key of ['email', 'phone', 'firstName', 'lastName']) expect(text).not.toContain(`"${key}"`);
    const [user] = await sql(`SELECT email FROM users WHERE id = $1`, [profiles[0]!.id]);
    expect(text).not.toContain(user.email);
  });

  it('sorts by creation (default without a text), last update or relevance (default with a text), and pages', async () => {
    await sql(`UPDATE candidate_profiles SET updated_at = now() + interval '1 minute' WHERE user_id = $1`, [profiles[2]!.id]);
    const created = (await search(cast.recruiter, `${base}&sort=created`)).items.map((i) => i.candidateId);
    // without a text, creation is the default
    expect((await search(cast.recruiter, 'department=69&pageSize=100')).items.map((i) => i.candidateId).filter((id) => profiles.some((p) => p.id === id))).toEqual(
      [0, 1, 3, 5].reverse().map((i) => profiles[i]!.id),
    );
    expect(created).toEqual([...profiles].reverse().map((p) => p.id));
    expect((await search(cast.recruiter, base)).items).toEqual((await search(cast.recruiter, `${base}&sort=relevance`)).items);
    const updated = (await search(cast.recruiter, `${base}&sort=updated`)).items.map((i) => i.candidateId);
    expect(updated[0]).toBe(profiles[2]!.id);
    const first = await search(cast.recruiter, `q=${facetTag}&sort=created&pageSize=4&page=1`);
    const second = await search(cast.recruiter, `q=${facetTag}&sort=created&pageSize=4&page=2`);
    expect(first).toMatchObject({ total: 6, page: 1, pageSize: 4 });
    expect(second.items.length).toBe(2);
    expect([...first.items, ...second.items].map((i) => i.candidateId)).toEqual(created);
    expect(second.facets).toEqual(first.facets);
  });
});

describe('who is found, and who may search', () => {
  it('drops a profile from the very next answer when its consent is withdrawn or its account disabled', async () => {
    const gone = uniqueWord();
    const withdrawn = await createProfile({ headline: 'Agent de nettoyage', skills: [gone], contractTypes: ['CDI'] });
    const disabled = await createProfile({ headline: 'Agent de nettoyage', skills: [gone], contractTypes: ['CDI'] });
    const never = await createProfile({ headline: 'Agent de nettoyage', skills: [gone], visible: false });
    const everyone = [withdrawn, disabled, never];
    expect(sorted(await found(q(gone), everyone))).toEqual(idsOf(withdrawn, disabled));
    await sql(`UPDATE candidate_profiles SET cvtheque_visible_at = NULL WHERE user_id = $1`, [withdrawn.id]);
    const next = await search(cast.recruiter, q(gone));
    expect(next.items.map((i) => i.candidateId)).toEqual([disabled.id]);
    expect(next.facets.contractType.find((v) => v.value === 'CDI')!.count).toBe(1);
    await sql(`UPDATE users SET disabled_at = now() WHERE id = $1`, [disabled.id]);
    expect((await search(cast.recruiter, q(gone))).total).toBe(0);
  });

  it('lets admins and recruiters of a verified company search; 403 for everyone else, 401 anonymous', async () => {
    expect((await (await cast.admin.client()).get(`/api/cvtheque?${q(tag)}`)).status).toBe(200);
    for (const person of [cast.candidate, cast.referent, cast.missionOfficer]) {
      const response = await (await person.client()).get(`/api/cvtheque?${q(tag)}`);
      expect(response.status).toBe(403);
      expect(response.body.error.message).toContain('CVthèque');
      expect((await (await person.client()).get('/api/cvtheque/history')).status).toBe(403);
    }
    expect((await new ApiClient().get('/api/cvtheque')).status).toBe(401);
    // A recruiter signed in while the company was verified, whose company is no longer: 403 at once.
    const company = await createCompany('Entreprise suspendue');
    const recruiter = await createUser('RECRUITER', { companyId: company.id });
    const client = await recruiter.client();
    expect((await client.get('/api/cvtheque')).status).toBe(200);
    await sql(`UPDATE companies SET status = 'PENDING_ADMIN_VERIFICATION' WHERE id = $1`, [company.id]);
    expect((await client.get('/api/cvtheque')).status).toBe(403);
    // A recruiter whose own membership is not verified: refused too.
    await sql(`UPDATE companies SET status = 'VERIFIED' WHERE id = $1`, [company.id]);
    expect((await client.get('/api/cvtheque')).status).toBe(200);
    await sql(`INSERT INTO company_memberships (id, company_id, user_id, kind, status) VALUES (gen_random_uuid(), $1, $2, 'MEMBER', 'PENDING_ADMIN_VERIFICATION')`, [company.id, recruiter.id]);
    expect((await client.get('/api/cvtheque')).status).toBe(403);
  });
});

describe('the history of searches', () => {
  it('records each search once, newest first, moves a search made again to the top, and relaunches it', async () => {
    const recruiter = await createUser('RECRUITER', { companyId: cast.company.id });
    const client = await recruiter.client();
    await client.get(`/api/cvtheque?q=${tag}+vendeur&near=69123&radiusKm=20`);
    await client.get(`/api/cvtheque?q=${tag}&contractType=CDD,CDI`);
    await client.get(`/api/cvtheque?q=${tag}+vendeur&radiusKm=20&near=69123&page=2`); // the first one again (another page)
    await client.get('/api/cvtheque'); // no criteria: not a search worth keeping
    const history = await client.get('/api/cvtheque/history');
    expect(history.status).toBe(200);
    expect(history.body.items.map((i: any) => i.criteria.q)).toEqual([`${tag} vendeur`, tag]);
    const [first, second] = history.body.items;
    expect(first.query).toBe(`q=${tag}+vendeur&near=69123&radiusKm=20`);
    expect(first.summary).toBe(`« ${tag} vendeur », Lyon (69) à 20 km`);
    expect(second.criteria.contractType).toEqual(['CDD', 'CDI']);
    expect(second.summary).toBe(`« ${tag} », CDD ou CDI`);
    // A postal code is named as the search resolved it: 75011 is Paris.
    await client.get('/api/cvtheque?near=75011&department=33');
    expect((await client.get('/api/cvtheque/history')).body.items[0].summary).toBe('Paris (75) à 10 km, département 33');
    await client.request('DELETE', `/api/cvtheque/history/${(await client.get('/api/cvtheque/history')).body.items[0].id}`);
    // relaunch: the same answer as the search itself
    const relaunched = await client.get(`/api/cvtheque?${second.query}`);
    expect(relaunched.body.total).toBe(second.total);
    expect((await client.get('/api/cvtheque/history')).body.items.map((i: any) => i.criteria.q)).toEqual([tag, `${tag} vendeur`]);
    // nobody else's
    expect((await (await cast.recruiter.client()).get('/api/cvtheque/history')).body.items.map((i: any) => i.id)).not.toContain(first.id);
    expect((await (await cast.recruiter.client()).request('DELETE', `/api/cvtheque/history/${first.id}`)).status).toBe(404);
    // forget one, then all
    expect((await client.request('DELETE', `/api/cvtheque/history/${first.id}`)).status).toBe(204);
    expect((await client.get('/api/cvtheque/history')).body.items).toHaveLength(1);
    expect((await client.request('DELETE', '/api/cvtheque/history')).status).toBe(204);
    expect((await client.get('/api/cvtheque/history')).body.items).toEqual([]);
    // a body on a removal is a request misunderstood
    expect((await client.request('DELETE', '/api/cvtheque/history', {})).status).toBe(400);
  });

  it('keeps one row when the same search is sent several times at once', async () => {
    const recruiter = await createUser('RECRUITER', { companyId: cast.company.id });
    const client = await recruiter.client();
    const answers = await Promise.all(Array.from({ length: 6 }, () => client.get(`/api/cvtheque?q=${tag}&contractType=CDI`)));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200, 200]);
    const history = (await client.get('/api/cvtheque/history')).body.items;
    expect(history).toHaveLength(1);
    const [row] = await sql(`SELECT count(*)::int AS n FROM cvtheque_searches WHERE user_id = $1`, [recruiter.id]);
    expect(row.n).toBe(1);
  });
});

function inDaysDate(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}
