// The anti-CV (issue #19, item 4; seed 002) on the real harness: the PDF read back with unpdf — its
// sections, the pseudonym and no name, e-mail or phone while the application is anonymous, the name
// and contact details once the company lifted it; who may read it (another company, another candidate:
// 404); the short list's PDF holds exactly the favourites of the offer, oldest application first.
import { randomUUID } from 'node:crypto';
import { extractText, getDocumentProxy } from 'unpdf';
import { beforeAll, describe, expect, it } from 'vitest';
import { act, offerIn, rawGet } from './drivers.js';
import { createCast, createUser, type Cast, type Person } from './fixtures.js';
import { sql } from './support.js';
import { SOFT_SKILL_DEFINITION } from '../workflows/soft-skills.js';

const QUESTION = 'Que retenez-vous de votre dernière expérience ?';

interface Candidate extends Person {
  firstName: string;
  lastName: string;
  phone: string;
}

let cast: Cast;
let offerId: string;
const people: Candidate[] = [];
const applications: string[] = [];

/** A candidate whose name appears nowhere else, with a profile that signs its summary. */
async function candidateWithProfile(index: number): Promise<Candidate> {
  const token = randomUUID().replace(/[^a-f]/g, '').slice(0, 6);
  const firstName = `Séverine${token}`;
  const lastName = `Oubliette${token}`;
  const phone = `06 11 22 33 4${index}`;
  const person = await createUser('CANDIDATE', { referentId: cast.referent.id, firstName, lastName });
  await sql('UPDATE users SET phone = $2 WHERE id = $1', [person.id, phone]);
  const saved = await (await person.client()).put('/api/me/profile', {
    headline: `Cariste polyvalente ${index}`,
    summary: `Rigoureuse et ponctuelle. ${firstName} ${lastName}`,
    metiers: ['N1101'],
    skills: [`Conduite de chariot ${index}`, 'Gestion des stocks'],
    softSkills: ['RIGOUR', 'STRESS_MANAGEMENT'],
    experiences: [{ title: 'Préparatrice de commandes', employer: 'Entrepôt du Rhône', start: '2020-01', end: '2023-12', description: null }],
    diplomas: [{ title: 'CACES R489', level: 3, year: 2019 }],
    educationLevel: 3,
    languages: [{ code: 'fr', level: 'NATIVE' }],
    drivingLicences: ['B'],
    contractTypes: ['CDI', 'INTERIM'],
    workingTimes: ['FULL_TIME'],
    remote: 'NONE',
    availableFrom: null,
    communeInsee: '69123',
    places: [{ insee: '69123', radiusKm: 25 }],
    rqth: true,
    cvthequeVisible: false,
    rqthShared: false,
  });
  expect(saved.status, JSON.stringify(saved.body)).toBe(200);
  return { ...person, firstName, lastName, phone };
}

/** The PDF's text, page by page, and its headers. */
async function antiCv(who: Person, path: string) {
  const response = await rawGet(who, path);
  if (response.status !== 200) return { status: response.status, pages: [] as string[], text: response.bytes.toString('utf8'), headers: response.headers };
  const pdf = await getDocumentProxy(new Uint8Array(response.bytes));
  const { text } = await extractText(pdf, { mergePages: false });
  return { status: 200, pages: text, text: text.join('\n'), headers: response.headers };
}

const numberOf = async (applicationId: string) => (await sql<{ n: number }>('SELECT candidate_number AS n FROM applications WHERE id = $1', [applicationId]))[0]!.n;
const identityIn = (text: string, who: Candidate) => [who.firstName, who.lastName, who.email, who.phone].filter((word) => text.toLowerCase().includes(word.toLowerCase()));

beforeAll(async () => {
  cast = await createCast();
  offerId = await offerIn(cast, 'PUBLISHED', { anonymous: true, screeningQuestion: QUESTION });
  for (const index of [1, 2, 3]) {
    const who = await candidateWithProfile(index);
    const applied = await (await who.client()).post('/api/applications', { offerId, screeningAnswer: `La rigueur, ${who.firstName}.` });
    expect(applied.status, JSON.stringify(applied.body)).toBe(201);
    await act('application', cast.referent, applied.body.id, { action: 'validate' }, 'PENDING_RECRUITER');
    people.push(who);
    applications.push(applied.body.id);
  }
});

describe('one application’s anti-CV', () => {
  it('gives the company the profile under the candidate’s number, with no name, e-mail or phone', async () => {
    const number = await numberOf(applications[0]!);
    const [cv, again] = await Promise.all([antiCv(cast.recruiter, `/api/applications/${applications[0]}/anti-cv.pdf`), antiCv(cast.colleague, `/api/applications/${applications[0]}/anti-cv.pdf`)]);
    expect(cv.status, cv.text).toBe(200);
    expect(again.text).toBe(cv.text);
    expect(cv.headers.get('content-type')).toBe('application/pdf');
    expect(cv.headers.get('content-disposition')).toBe(`attachment; filename="anti-cv-candidat-${number}.pdf"`);
    expect(cv.headers.get('cache-control')).toBe('private, no-store');
    for (const part of [`Candidat·e n° ${number}`, 'Cariste polyvalente 1', 'Candidature anonyme', 'Métiers recherchés', 'Compétences', 'Conduite de chariot 1', 'Gestion des stocks', 'Souhaits', 'Disponible immédiatement', 'CDI, Intérim', 'Lyon (69) et 25 km autour', 'Expérience', '4 ans', 'Préparatrice de commandes — Entrepôt du Rhône', 'Formation', 'CACES R489, 2019', 'Langues', 'Français (langue maternelle)', 'Permis B (voiture)', QUESTION]) {
      expect(cv.text).toContain(part);
    }
    // The savoir-être right after the skills, each with its definition, in the vocabulary's order.
    const [skills, softSkills, wishes] = ['Compétences', 'Savoir-être', 'Souhaits'].map((heading) => cv.text.indexOf(heading));
    expect(skills).toBeLessThan(softSkills!);
    expect(softSkills).toBeLessThan(wishes!);
    const section = cv.text.slice(softSkills, wishes).replace(/\s+/g, ' ');
    expect(section).toContain(`Gestion du stress — ${SOFT_SKILL_DEFINITION.STRESS_MANAGEMENT}`);
    expect(section).toContain(`Rigueur — ${SOFT_SKILL_DEFINITION.RIGOUR}`);
    expect(section.indexOf('Gestion du stress')).toBeLessThan(section.indexOf('Rigueur'));
    // The signed summary and answer read the number in place of the name.
    expect(cv.text).toContain(`Rigoureuse et ponctuelle. Candidat·e n° ${number}`);
    expect(identityIn(cv.text, people[0]!)).toEqual([]);
    // RQTH is in the profile (not shared): never in the anti-CV.
    expect(cv.text).not.toMatch(/RQTH|handicap/i);
  });

  it('gives the candidate and their référent the name and contact details', async () => {
    const who = people[1]!;
    for (const reader of [who, cast.referent]) {
      const cv = await antiCv(reader, `/api/applications/${applications[1]}/anti-cv.pdf`);
      expect(cv.status, cv.text).toBe(200);
      expect(identityIn(cv.text, who).sort()).toEqual([who.firstName, who.lastName, who.email, who.phone].sort());
      expect(cv.headers.get('content-disposition')).toMatch(/^attachment; filename="anti-cv-severine[a-f]*-oubliette[a-f]*\.pdf"$/);
    }
  });

  it('is 404 for another company, another candidate and another référent, as the application is', async () => {
    for (const reader of [cast.otherRecruiter, cast.otherCandidate, people[2]!, cast.otherReferent]) {
      const refused = await antiCv(reader, `/api/applications/${applications[0]}/anti-cv.pdf`);
      expect(refused.status).toBe(404);
      expect(JSON.parse(refused.text).error.message).toBe('Candidature introuvable.');
    }
    expect((await antiCv(cast.recruiter, `/api/applications/${randomUUID()}/anti-cv.pdf`)).status).toBe(404);
    expect((await antiCv(cast.recruiter, `/api/applications/pas-un-id/anti-cv.pdf`)).status).toBe(404);
  });
});

describe('the short list’s anti-CVs', () => {
  const path = () => `/api/offers/${offerId}/favourites/anti-cv.pdf`;

  it('says so in French when no application is a favourite', async () => {
    const none = await antiCv(cast.recruiter, path());
    expect(none.status).toBe(409);
    expect(JSON.parse(none.text).error).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/^Aucune candidature .* n’est en favori/) });
  });

  it('holds exactly the favourites, one per page, oldest application first; the offer’s insiders only', async () => {
    // The star (PUT …/favourite, another item of #19) writes these columns; set here directly.
    await sql(`UPDATE applications SET favourite_at = now(), favourite_by = $2 WHERE id = ANY($1::uuid[])`, [[applications[2], applications[0]], cast.recruiter.id]);
    const [first, third, second] = [await numberOf(applications[0]!), await numberOf(applications[2]!), await numberOf(applications[1]!)];
    const cv = await antiCv(cast.colleague, path());
    expect(cv.status, cv.text).toBe(200);
    expect(cv.headers.get('content-disposition')).toMatch(/^attachment; filename="anti-cv-favoris-[a-z0-9-]+\.pdf"$/);
    const titles = cv.pages.map((page) => /Candidat·e n° (\d+)/.exec(page)?.[1]).filter(Boolean);
    expect(titles).toEqual([String(first), String(third)]);
    expect(cv.pages[0]).toMatch(/^Candidat·e n°/);
    expect(cv.text).not.toContain(`Candidat·e n° ${second}`);
    for (const who of people) expect(identityIn(cv.text, who)).toEqual([]);
    for (const reader of [cast.otherRecruiter, cast.candidate, cast.referent]) expect((await antiCv(reader, path())).status).toBe(404);
    expect((await antiCv(cast.admin, path())).status).toBe(200);
  });

  it('names the candidate whose anonymity was lifted, and only them', async () => {
    await act('application', cast.recruiter, applications[0]!, { action: 'lift_anonymity', commitment: true, contactNow: false }, 'PENDING_RECRUITER');
    const one = await antiCv(cast.colleague, `/api/applications/${applications[0]}/anti-cv.pdf`);
    expect(identityIn(one.text, people[0]!).sort()).toEqual([people[0]!.firstName, people[0]!.lastName, people[0]!.email, people[0]!.phone].sort());
    expect(one.text).not.toContain('Candidature anonyme');
    expect(one.headers.get('content-disposition')).not.toMatch(/candidat-\d/);
    const all = await antiCv(cast.recruiter, `/api/offers/${offerId}/favourites/anti-cv.pdf`);
    expect(all.pages[0]).toContain(`${people[0]!.firstName} ${people[0]!.lastName}`);
    expect(identityIn(all.text, people[2]!)).toEqual([]);
  });
});
