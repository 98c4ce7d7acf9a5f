// The CVthèque's criteria (api/cvtheque/criteria.ts): what the query string accepts, refused in French
// by field, and the way back to a query string (history relaunch, saved searches) giving the same criteria.
import { describe, expect, it } from 'vitest';
import { criteriaToQuery, cvthequeQuery } from '../../api/cvtheque/criteria.js';

const parse = (query: string) => cvthequeQuery.safeParse(Object.fromEntries(new URLSearchParams(query)));

describe('CVthèque criteria', () => {
  it('parses every criterion, values in any case, lists without repeats', () => {
    const parsed = parse('q=vendeuse "prêt-à-porter" -nuit&near=69266,75011&radiusKm=30&department=rhône,69&metier=d1106&rqth=true&contractType=cdi,CDD&workingTime=part_time&educationLevel=4&experience=1_3,5_PLUS&availability=NOW&language=FR,fsl&drivingLicence=b&activity=30_DAYS&seen=NOT_SEEN&sort=updated&page=2');
    expect(parsed.success).toBe(true);
    expect(parsed.data).toMatchObject({
      q: 'vendeuse "prêt-à-porter" -nuit',
      near: ['69266', '75011'],
      radiusKm: 30,
      department: ['69'],
      metier: ['D1106'],
      rqth: true,
      contractType: ['CDI', 'CDD'],
      workingTime: ['PART_TIME'],
      educationLevel: 4,
      experience: ['1_3', '5_PLUS'],
      language: ['fr', 'fsl'],
      drivingLicence: ['B'],
      seen: 'NOT_SEEN',
      sort: 'updated',
      page: 2,
    });
  });

  it('refuses by field with a French reason', () => {
    const refused = parse('radiusKm=150&near=lyon&contractType=CDI,FREELANCE&educationLevel=2&unknown=1');
    expect(refused.success).toBe(false);
    const messages = Object.fromEntries(refused.error!.issues.map((i) => [i.path.join('.') || i.code, i.message]));
    expect(messages.radiusKm).toBe('100 km au plus');
    expect(messages.near).toMatch(/code INSEE ou code postal/);
    expect(messages.contractType).toMatch(/type de contrat inconnu : FREELANCE/);
    expect(messages.educationLevel).toMatch(/niveau d’études inconnu/);
  });

  it('gives back a query string that parses to the same criteria', () => {
    const first = parse('q=aide soignante OR infirmière&near=69123&radiusKm=10&language=en&seen=SEEN&rqth=false');
    const { page: _page, pageSize: _size, ...criteria } = first.data!;
    const again = parse(criteriaToQuery(criteria));
    expect(again.data).toEqual(first.data);
  });
});

describe('a search in words (describeCriteria)', () => {
  const criteria = (query: string) => {
    const parsed = parse(query);
    if (!parsed.success) throw new Error(parsed.error.message);
    const { page: _page, pageSize: _size, ...rest } = parsed.data;
    return rest;
  };
  const named = new Map([
    ['69123', { name: 'Lyon', department: '69' }],
    ['75011', { name: 'Paris', department: '75' }],
  ]);
  it.each([
    ['', 'Tous les profils'],
    ['sort=updated', 'Tous les profils'],
    ['q=vendeuse', '« vendeuse »'],
    ['q=cariste interim&mode=any', '« cariste interim » (l’un des mots)'],
    ['near=69123', 'Lyon (69) à 10 km'],
    ['near=69123,75011&radiusKm=30', 'Lyon (69) et Paris (75) à 30 km'],
    ['near=13055', '13055 à 10 km'],
    ['department=69', 'département 69'],
    ['department=69,33', 'départements 69 et 33'],
    ['metier=D1106,M1607', 'Vente en alimentation ou Secrétariat'],
    ['contractType=CDI,CDD,INTERIM', 'CDI, CDD ou Intérim'],
    ['workingTime=PART_TIME', 'temps partiel'],
    ['educationLevel=5', 'Bac + 2 : BTS, DEUST (niveau 5) au moins'],
    ['experience=1_3,3_5', 'expérience de 1 à 3 ans ou de 3 à 5 ans'],
    ['availability=1_MONTH', 'disponible sous un mois'],
    ['language=en,fsl', 'anglais et langue des signes française (LSF)'],
    ['drivingLicence=B', 'permis B (voiture)'],
    ['rqth=true', 'RQTH partagée'],
    ['rqth=false', 'Tous les profils'],
    ['activity=30_DAYS', 'actif il y a moins d’un mois'],
    ['seen=NOT_SEEN', 'jamais consultés'],
    ['q=vendeuse&near=69123&radiusKm=20&contractType=CDI', '« vendeuse », Lyon (69) à 20 km, CDI'],
  ])('%s → %s', async (query, words) => {
    const { describeCriteria } = await import('../../api/cvtheque/describe.js');
    expect(describeCriteria(criteria(query), named)).toBe(words);
  });
});
