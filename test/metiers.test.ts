// GET /api/metiers on the real harness (issue #17, item 1): the pickers' search of the ROME list answers
// anyone signed in — feminine and unaccented typings, the exact appellation first, chosen codes read
// back in their order — and refuses in French, under the field, a limit out of bounds or a malformed code.
import { beforeAll, describe, expect, it } from 'vitest';
import { METIERS } from '../workflows/metiers.js';
import { ApiClient, DEMO } from './support.js';

let recruiter: ApiClient;
let candidate: ApiClient;

beforeAll(async () => {
  recruiter = await ApiClient.login(DEMO.recruiter);
  candidate = await ApiClient.login(DEMO.candidate);
});

describe('GET /api/metiers', () => {
  it('is for signed-in people only', async () => {
    const response = await new ApiClient().get('/api/metiers?q=vendeuse');
    expect(response.status).toBe(401);
  });

  it('finds « vendeuse » with the fiche, its family and its appellations in both genders', async () => {
    const response = await recruiter.get('/api/metiers?q=vendeuse%20en%20boulangerie');
    expect(response.status).toBe(200);
    const first = response.body.items[0];
    expect(first).toMatchObject({
      code: 'D1106',
      title: 'Vente en alimentation',
      family: 'D11',
      familyLabel: 'Commerce alimentaire et métiers de bouche',
      domain: 'D',
      matched: 'Vendeuse en boulangerie',
    });
    expect(first.appellations).toContainEqual({ masculine: 'Vendeur en boulangerie', feminine: 'Vendeuse en boulangerie' });
  });

  it('takes what a person types: no accent, no hyphen, capitals; at most `limit`', async () => {
    const soignante = await candidate.get('/api/metiers?q=AIDE%20SOIGNANTE');
    expect(soignante.body.items[0]).toMatchObject({ code: 'J1501', matched: 'Aide-soignante' });
    const developpeuse = await candidate.get('/api/metiers?q=developpeuse&limit=3');
    expect(developpeuse.body.items[0].code).toBe('M1805');
    const agents = await candidate.get('/api/metiers?q=agent&limit=4');
    expect(agents.body.items).toHaveLength(4);
    expect((await candidate.get('/api/metiers?q=xqzwv')).body.items).toEqual([]);
    expect((await candidate.get('/api/metiers')).body.items).toEqual([]);
  });

  it('reads chosen codes back in their order, leaving out a code not in the list', async () => {
    const response = await recruiter.get('/api/metiers?codes=k2204,D1106,D9999');
    expect(response.status).toBe(200);
    expect(response.body.items.map((i: { code: string }) => i.code)).toEqual(['K2204', 'D1106']);
    expect(response.body.items[0]).toMatchObject({ title: METIERS.find((m) => m.code === 'K2204')!.title, matched: null });
  });

  it('refuses a bad limit or a malformed code in French, under the field', async () => {
    for (const [query, field, reason] of [
      ['limit=0', 'limit', /1 au moins/],
      ['limit=51', 'limit', /50 au plus/],
      ['limit=beaucoup', 'limit', /nombre attendu/],
      ['codes=D11', 'codes', /code de métier ROME attendu/],
      [`q=${'a'.repeat(101)}`, 'q', /100 caractères au plus/],
      ['page=2', '', /page/],
    ] as const) {
      const response = await candidate.get(`/api/metiers?${query}`);
      expect(response.status, query).toBe(400);
      expect(response.body.error.code).toBe('VALIDATION_FAILED');
      expect(response.body.error.message, query).toMatch(reason);
      if (field) expect(response.body.error.details.fields, query).toContainEqual(expect.objectContaining({ field }));
    }
  });
});
