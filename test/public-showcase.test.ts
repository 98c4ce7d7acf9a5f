// Issue #15, item 5 (API): the public showcase without sign-in. Only offers published and still online,
// found by the very search signed-in people use (feminine and plural forms), each answer holding exactly
// the fields of an ad (no status, history, moderation, warnings, workflow or author); a ceiling of
// requests per address with a French 429; answers public-cacheable a minute, with an ETag, never a cookie.
import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createApp } from '../api/app.js';
import { createSessionPool } from '../api/session.js';
import { createDatabase } from '../models/index.js';
import { listen } from '../scripts/services/process.js';
import { act, offerIn } from './drivers.js';
import { createCast, createCompany, insertPublishedOffer, writeCompanyPage, type Cast } from './fixtures.js';
import { ApiClient, apiUrl, harnessConfig, sql, temporalClient } from './support.js';

let cast: Cast;
const anonymous = new ApiClient();

const LIST_KEYS = ['items', 'page', 'pageSize', 'total'];
const ITEM_KEYS = [
  // Seed 002: an ad says « Candidature anonyme ».
  'anonymous',
  'city',
  'company',
  'contractDurationMonths',
  'contractType',
  'departments',
  'expiresAt',
  'id',
  'job',
  'jobFamily',
  'postalCode',
  'publishedAt',
  'remote',
  'salaryMax',
  'salaryMin',
  'summary',
  'title',
];
const OFFER_KEYS = [
  'anonymous',
  'city',
  'company',
  'contractDurationMonths',
  'contractType',
  'departments',
  'description',
  'education',
  'expiresAt',
  'experience',
  'id',
  'job',
  'jobFamily',
  'postalCode',
  'publishedAt',
  'remote',
  'salaryMax',
  'salaryMin',
  'screeningQuestion',
  'startDate',
  'title',
];
const keysOf = (value: object) => Object.keys(value).sort();
ITEM_KEYS.sort();
OFFER_KEYS.sort();

beforeAll(async () => {
  cast = await createCast();
});

describe('what the public sees', () => {
  const tag = `vit${randomUUID().slice(0, 6)}`;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    const about = (title: string) => ({ title, description: `Accueil des clients, mise en rayon et encaissement en magasin. ${tag}` });
    ids.published = await offerIn(cast, 'PUBLISHED', { ...about('Vendeur en boulangerie H/F'), screeningQuestion: 'Disponible le samedi ?' });
    ids.draft = await offerIn(cast, 'DRAFT', about('Vendeur brouillon H/F'));
    ids.pending = await offerIn(cast, 'PENDING_MODERATION', about('Vendeur en attente H/F'));
    ids.rejected = await offerIn(cast, 'REJECTED', about('Vendeur refusé H/F'));
    ids.archived = await offerIn(cast, 'PUBLISHED', about('Vendeur archivé H/F'));
    await act('offer', cast.recruiter, ids.archived, { action: 'archive' }, 'ARCHIVED');
    // Past its end but not yet closed by its workflow: offline already.
    ids.expired = await offerIn(cast, 'PUBLISHED', about('Vendeur expiré H/F'));
    await sql(`UPDATE offers SET expires_at = now() - interval '1 minute' WHERE id = $1`, [ids.expired]);
    // Refused once with a reason, fixed, then published: the reason stays the company's.
    ids.republished = await offerIn(cast, 'REJECTED', about('Assistant administratif H/F'));
    await act('offer', cast.recruiter, ids.republished, { action: 'submit' }, 'PENDING_MODERATION');
    await act('offer', cast.admin, ids.republished, { action: 'approve' }, 'PUBLISHED');
  });

  it('lists only the published offers still online, without signing in', async () => {
    const response = await anonymous.get(`/api/public/offers?q=${tag}&pageSize=100`);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(keysOf(response.body)).toEqual(LIST_KEYS);
    expect(response.body.items.map((i: { id: string }) => i.id).sort()).toEqual([ids.published, ids.republished].sort());
    expect(response.body.total).toBe(2);
    for (const item of response.body.items) {
      expect(keysOf(item)).toEqual(ITEM_KEYS);
      expect(keysOf(item.company)).toEqual(['id', 'name', 'pagePublished']);
    }
  });

  it('opens a published offer and answers 404 for every other one, whoever asks', async () => {
    const response = await anonymous.get(`/api/public/offers/${ids.published}`);
    expect(response.status).toBe(200);
    expect(keysOf(response.body)).toEqual(OFFER_KEYS);
    expect(response.body).toMatchObject({
      id: ids.published,
      title: 'Vendeur en boulangerie H/F',
      screeningQuestion: 'Disponible le samedi ?',
      company: { id: cast.company.id, name: 'Entreprise A', pagePublished: false },
    });
    expect(keysOf(response.body.company)).toEqual(['id', 'name', 'pagePublished']);

    const recruiter = await cast.recruiter.client();
    const admin = await cast.admin.client();
    for (const name of ['draft', 'pending', 'rejected', 'archived', 'expired'] as const) {
      for (const [who, client] of [['anonymous', anonymous], ['recruiter of the company', recruiter], ['admin', admin]] as const) {
        const refused = await client.get(`/api/public/offers/${ids[name]}`);
        expect(refused.status, `${name}, ${who}`).toBe(404);
        expect(refused.body.error).toMatchObject({ code: 'NOT_FOUND', message: 'Offre introuvable.' });
      }
    }
    expect((await anonymous.get(`/api/public/offers/${randomUUID()}`)).status).toBe(404);
    expect((await anonymous.get('/api/public/offers/pas-un-identifiant')).status).toBe(404);
  });

  it('says whether the company’s page is public: published and the company verified (the company pages’ own rule)', async () => {
    const company = await createCompany(`Entreprise vitrine ${tag}`);
    const offerId = await insertPublishedOffer(company.id, `Magasinier ${tag} H/F`);
    const flag = async () => {
      const detail = await anonymous.get(`/api/public/offers/${offerId}`);
      const list = await anonymous.get(`/api/public/offers?q=magasinier ${tag}`);
      const signedIn = await (await cast.candidate.client()).get(`/api/offers/${offerId}`);
      const signedInList = await (await cast.candidate.client()).get(`/api/offers?q=magasinier ${tag}`);
      expect(list.body.items.map((i: { id: string }) => i.id)).toEqual([offerId]);
      const flags = [detail.body.company, list.body.items[0].company, signedIn.body.company, signedInList.body.items[0].company].map((c) => c.pagePublished);
      // The answers are public-cacheable a minute (ETag): each read here is a fresh request, not a 304.
      expect(new Set(flags).size, JSON.stringify(flags)).toBe(1);
      return flags[0];
    };
    expect(await flag()).toBe(false);
    await writeCompanyPage(company.id, { published: false, images: false });
    expect(await flag()).toBe(false);
    await writeCompanyPage(company.id, { published: true, images: false });
    expect(await flag()).toBe(true);
    expect((await anonymous.get(`/api/public/companies/${company.id}`)).status).toBe(200);
    // Published, but the company no longer verified (as the back office leaves it): its page is not public, and the offer says so.
    await sql(`UPDATE companies SET status = 'PENDING_ADMIN_VERIFICATION' WHERE id = $1`, [company.id]);
    expect((await anonymous.get(`/api/public/companies/${company.id}`)).status).toBe(404);
    const signedIn = await (await cast.admin.client()).get(`/api/offers/${offerId}`);
    expect(signedIn.body.company).toEqual({ id: company.id, name: `Entreprise vitrine ${tag}`, pagePublished: false });
  });

  it('holds nothing but the ad: no moderation reason, no author, no history', async () => {
    const [row] = await sql<{ created_by: string; workflow_id: string }>(`SELECT created_by, workflow_id FROM offers WHERE id = $1`, [ids.republished]);
    const detail = await anonymous.get(`/api/public/offers/${ids.republished}`);
    const list = await anonymous.get(`/api/public/offers?q=${tag}`);
    for (const text of [JSON.stringify(detail.body), JSON.stringify(list.body)]) {
      expect(text).not.toContain('Motif de refus');
      expect(text).not.toContain(row!.created_by);
      expect(text).not.toContain(cast.recruiter.id);
      expect(text).not.toContain(row!.workflow_id);
      expect(text).not.toMatch(/PUBLISHED|REJECTED|history|warnings|allowedActions/);
    }
  });

  it('searches as signed-in people do: « vendeuse » finds « vendeur », plurals too, with the same filters', async () => {
    const candidate = await cast.candidate.client();
    const both = async (query: string) => {
      const open = await anonymous.get(`/api/public/offers?q=${tag}+${query}`);
      const signedIn = await candidate.get(`/api/offers?q=${tag}+${query}`);
      expect(open.status, `${query}: ${JSON.stringify(open.body)}`).toBe(200);
      const found = open.body.items.map((i: { id: string }) => i.id);
      expect(found, `${query}: the same as signed in`).toEqual(signedIn.body.items.map((i: { id: string }) => i.id));
      return found;
    };
    expect(await both('Vendeuse')).toEqual([ids.published]);
    expect(await both('vendeuses')).toEqual([ids.published]);
    expect(await both('VENDEURS')).toEqual([ids.published]);
    expect(await both(encodeURIComponent('assistantes administratives'))).toEqual([ids.republished]);
    expect(await both('boulang')).toEqual([ids.published]);
    expect(await both('&department=Rh%C3%B4ne&contractType=CDI&remote=NONE')).toHaveLength(2);
    expect(await both('&department=75')).toEqual([]);
    expect(await both('&contractType=CDD')).toEqual([]);

    const bad = await anonymous.get('/api/public/offers?department=Lyon&pageSize=500');
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
    expect(bad.body.error.details.fields.map((f: { field: string }) => f.field).sort()).toEqual(['department', 'pageSize']);
    expect(bad.headers.get('cache-control') ?? '').not.toMatch(/public/);
  });

  it('is cacheable a minute by anyone, revalidated by its ETag, and never sets a cookie', async () => {
    for (const path of [`/api/public/offers?q=${tag}`, `/api/public/offers/${ids.published}`]) {
      const first = await fetch(`${apiUrl()}${path}`);
      expect(first.status).toBe(200);
      expect(first.headers.get('cache-control'), path).toBe('public, max-age=60');
      const etag = first.headers.get('etag');
      expect(etag, path).toMatch(/^(W\/)?"[^"]+"$/);
      // As a browser revalidates (fetch would add « no-cache » to a conditional request of its own).
      const again = await fetch(`${apiUrl()}${path}`, { headers: { 'if-none-match': etag!, 'cache-control': 'max-age=0' } });
      expect(again.status, path).toBe(304);
      expect(await again.text()).toBe('');

      // Signed in, the same answer, and the session is not extended by it: nothing private to cache.
      const recruiter = await cast.recruiter.client();
      const signedIn = await fetch(`${apiUrl()}${path}`, { headers: { cookie: recruiter.cookie } });
      expect(signedIn.headers.getSetCookie(), path).toEqual([]);
      expect(signedIn.headers.get('etag')).toBe(etag);
    }
    // A refusal is not cached as the page.
    const missing = await fetch(`${apiUrl()}/api/public/offers/${ids.draft}`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('cache-control') ?? '').not.toMatch(/public/);

    // An offer archived since: the next revalidation gets the 404, not the old ad.
    const soon = await offerIn(cast, 'PUBLISHED', { title: 'Vendeur bientôt archivé H/F' });
    const before = await fetch(`${apiUrl()}/api/public/offers/${soon}`);
    await act('offer', cast.recruiter, soon, { action: 'archive' }, 'ARCHIVED');
    const after = await fetch(`${apiUrl()}/api/public/offers/${soon}`, { headers: { 'if-none-match': before.headers.get('etag')!, 'cache-control': 'max-age=0' } });
    expect(after.status).toBe(404);
  });

  it('is documented in the OpenAPI document', async () => {
    const document = await anonymous.get('/api/openapi.json');
    expect(document.body.paths['/public/offers'].get).toBeTruthy();
    expect(document.body.paths['/public/offers/{id}'].get).toBeTruthy();
    expect(keysOf(document.body.components.schemas.PublicOffer.properties)).toEqual(OFFER_KEYS);
    expect(keysOf(document.body.components.schemas.PublicOfferListItem.properties)).toEqual(ITEM_KEYS);
  });
});

// ---------------------------------------------------------------------------------------------------
// A server of this file's own, on the harness's database and Temporal, with a ceiling of 4 requests a
// minute (the harness's server allows every test file's browsing from one address).

describe('a ceiling per address', () => {
  let own: { url: string; stop(): Promise<void> };

  beforeAll(async () => {
    const config = harnessConfig({ PUBLIC_REQUESTS_PER_MINUTE: '4' });
    const sequelize = createDatabase(inject('databaseUrl'));
    const sessionPool = createSessionPool(inject('databaseUrl'));
    const server = await listen(createApp({ config, sequelize, temporal: await temporalClient(), logger: pino({ level: 'silent' }), sessionPool, webDir: '/nonexistent' }), 0);
    own = {
      url: `http://localhost:${server.port}`,
      stop: async () => {
        await server.close();
        await sessionPool.end();
        await sequelize.close();
      },
    };
  });

  afterAll(async () => {
    await own?.stop();
  });

  it('answers 429 in French past the limit, per address, list and offer pages together; other routes are not counted', async () => {
    // The source of a request is its X-Forwarded-For from the loopback proxy (api/app.ts, `trust proxy`).
    const from = (ip: string, path: string) => fetch(`${own.url}${path}`, { headers: { 'x-forwarded-for': ip } });
    const ip = `198.18.${Math.floor(Math.random() * 256)}.${1 + Math.floor(Math.random() * 254)}`;
    const offerPath = `/api/public/offers/${cast.company.offerId}`;
    const statuses = [];
    for (const path of ['/api/public/offers', offerPath, '/api/public/offers?q=vendeuse', offerPath]) statuses.push((await from(ip, path)).status);
    expect(statuses).toEqual([200, 200, 200, 200]);

    const refused = await from(ip, '/api/public/offers');
    expect(refused.status).toBe(429);
    const body = await refused.json();
    expect(body.error).toEqual({ code: 'RATE_LIMITED', message: 'Trop de requêtes depuis votre connexion : patientez une minute avant de reprendre votre recherche.' });
    expect(refused.headers.get('cache-control') ?? '').not.toMatch(/public/);
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    expect((await from(ip, offerPath)).status).toBe(429);

    // Another address is not held back; the signed-in API is not counted.
    expect((await from(`198.19.${Math.floor(Math.random() * 256)}.7`, '/api/public/offers')).status).toBe(200);
    expect((await from(ip, '/api/me')).status).toBe(401);
  });
});
