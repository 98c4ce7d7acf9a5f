// The company page (issue #15, item 4): its recruiters edit it — description as rich text sanitized on
// the server, https links, advantages, spontaneous applications, publication — and its logo and banner,
// processed by sharp (size, WebP, no metadata left); its settings (not the SIREN); the public reads it
// once published, and only then. Real API, PostgreSQL and sharp.
import { randomUUID } from 'node:crypto';
import { get } from 'node:http';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { PDF_BASE64 } from './authorization-table.js';
import { createCompany, createUser, insertPublishedOffer, type Person } from './fixtures.js';
import { ApiClient, apiUrl, sql } from './support.js';

let companyA: string;
let companyB: string;
let offerA: string;
let recruiter: ApiClient;
let colleague: ApiClient;
let otherRecruiter: ApiClient;
let candidate: ApiClient;
let admin: ApiClient;
let candidatePerson: Person;

/** A photo as a phone takes it: JPEG with EXIF, its GPS position among it. */
async function jpegWithGps(width = 800, height = 600): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: '#3366cc' } })
    .withExif({ IFD0: { Make: 'TelephoneTest', Copyright: 'Photo privée' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '48/1 51/1 24/1', GPSLongitudeRef: 'E', GPSLongitude: '2/1 21/1 7/1' } })
    .jpeg()
    .toBuffer();
}

/** The raw bytes of an image address, as `who` (nobody: no cookie). */
async function fetchImage(path: string, who?: ApiClient) {
  const response = await fetch(`${apiUrl()}${path}`, { headers: who ? { cookie: who.cookie } : {} });
  return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
}

const page = (overrides: Record<string, unknown> = {}) => ({
  description: '<p>Une entreprise <strong>engagée</strong>.</p>',
  website: 'https://www.exemple.fr',
  socialLinks: { linkedin: 'https://www.linkedin.com/company/exemple' },
  advantages: ['Tickets restaurant', 'Télétravail deux jours par semaine'],
  spontaneousApplications: true,
  published: false,
  ...overrides,
});

beforeAll(async () => {
  ({ id: companyA, offerId: offerA } = await createCompany('Menuiserie Publique'));
  ({ id: companyB } = await createCompany('Entreprise Voisine'));
  const referent = await createUser('REFERENT');
  candidatePerson = await createUser('CANDIDATE', { referentId: referent.id });
  [recruiter, colleague, otherRecruiter, candidate, admin] = await Promise.all([
    createUser('RECRUITER', { companyId: companyA }).then((p) => p.client()),
    createUser('RECRUITER', { companyId: companyA }).then((p) => p.client()),
    createUser('RECRUITER', { companyId: companyB }).then((p) => p.client()),
    candidatePerson.client(),
    createUser('ADMIN').then((p) => p.client()),
  ]);
});

describe('who edits a company page', () => {
  it('its recruiters read and write it; other roles are refused; another company’s recruiter edits only their own', async () => {
    const mine = await recruiter.get('/api/company/page');
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({ company: { id: companyA, name: 'Menuiserie Publique' }, published: false, publicPath: `/entreprises/${companyA}` });
    expect(mine.headers.get('cache-control')).toContain('no-store');
    for (const who of [candidate, admin]) {
      expect((await who.get('/api/company/page')).status).toBe(403);
      expect((await who.put('/api/company/page', page())).status).toBe(403);
    }
    expect((await new ApiClient().get('/api/company/page')).status).toBe(401);

    const saved = await otherRecruiter.put('/api/company/page', page({ description: '<p>Page de B</p>' }));
    expect(saved.status).toBe(200);
    expect(saved.body.company.id).toBe(companyB);
    expect((await recruiter.get('/api/company/page')).body.description ?? '').not.toContain('Page de B');
  });

  it('a recruiter of a company not verified yet is refused', async () => {
    const { id } = await createCompany('Entreprise en attente');
    // Signed in while verified; the company's verification then taken back (the session stays).
    const waiting = await (await createUser('RECRUITER', { companyId: id })).client();
    await sql(`UPDATE companies SET status = 'PENDING_ADMIN_VERIFICATION' WHERE id = $1`, [id]);
    expect((await waiting.get('/api/company/page')).status).toBe(403);
    expect((await waiting.put('/api/company/page', page())).status).toBe(403);
  });
});

describe('the description and links', () => {
  it('keeps the allowed rich text and drops scripts, event attributes and javascript: links, whatever the client sends', async () => {
    const hostile =
      '<h3 onclick="alert(1)">Qui sommes-nous</h3><p>Une <b>équipe</b> <em>inclusive</em><script>alert(document.cookie)</script></p>' +
      '<img src=x onerror="alert(1)"><iframe src="https://evil.example"></iframe><style>body{display:none}</style>' +
      '<ul><li>Atelier</li></ul><p><a href="javascript:alert(1)">piège</a> <a href="https://www.exemple.fr" target="_blank" onmouseover="x()">notre site</a> ' +
      '<a href="mailto:rh@exemple.fr">écrire</a> <a href="data:text/html,<script>alert(1)</script>">données</a></p>';
    const saved = await recruiter.put('/api/company/page', page({ description: hostile }));
    expect(saved.status).toBe(200);
    const [row] = await sql<{ description: string }>('SELECT description FROM companies WHERE id = $1', [companyA]);
    for (const stored of [saved.body.description as string, row!.description]) {
      expect(stored).not.toMatch(/<script|<img|<iframe|<style|onclick|onerror|onmouseover|javascript:|data:|target=/i);
      expect(stored).toContain('<h3>Qui sommes-nous</h3>');
      expect(stored).toContain('<strong>équipe</strong>');
      expect(stored).toContain('<em>inclusive</em>');
      expect(stored).toContain('<ul><li>Atelier</li></ul>');
      expect(stored).toContain('<a href="https://www.exemple.fr" rel="noopener nofollow">notre site</a>');
      expect(stored).toContain('<a href="mailto:rh@exemple.fr" rel="noopener nofollow">écrire</a>');
      // A refused link keeps its words, without the link.
      expect(stored).toContain('piège');
    }
  });

  it('refuses links that are not https, social links on another site, and too many advantages, next to the field', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ website: 'http://www.exemple.fr' }, 'website'],
      [{ website: 'javascript:alert(1)' }, 'website'],
      [{ socialLinks: { linkedin: 'https://www.facebook.com/exemple' } }, 'socialLinks.linkedin'],
      [{ socialLinks: { myspace: 'https://myspace.com/x' } }, 'socialLinks.myspace'],
      [{ advantages: Array.from({ length: 13 }, (_, i) => `Avantage ${i}`) }, 'advantages'],
      [{ advantages: ['x'.repeat(121)] }, 'advantages.0'],
      [{ published: 'oui' }, 'published'],
    ];
    const before = await sql('SELECT * FROM companies WHERE id = $1', [companyA]);
    for (const [change, field] of cases) {
      const refused = await recruiter.put('/api/company/page', page(change));
      expect(refused.status, JSON.stringify(change)).toBe(400);
      expect(refused.body.error.details.fields.map((f: { field: string }) => f.field), JSON.stringify(refused.body)).toContain(field);
    }
    expect(await sql('SELECT * FROM companies WHERE id = $1', [companyA])).toEqual(before);
    const saved = await recruiter.put('/api/company/page', page({ website: '', socialLinks: { linkedin: 'https://fr.linkedin.com/company/x', youtube: 'https://youtu.be/abc' } }));
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ website: null, socialLinks: { linkedin: 'https://fr.linkedin.com/company/x', youtube: 'https://youtu.be/abc' } });
  });
});

describe('the logo and the banner', () => {
  it('are resized, re-encoded as WebP and stripped of their metadata (EXIF, GPS)', async () => {
    const photo = await jpegWithGps(800, 600);
    expect((await sharp(photo).metadata()).exif?.includes(Buffer.from('TelephoneTest'))).toBe(true);

    const logo = await recruiter.put('/api/company/page/logo', { contentBase64: photo.toString('base64'), filename: 'logo.jpg' });
    expect(logo.status, JSON.stringify(logo.body)).toBe(200);
    expect(logo.body.logo).toMatchObject({ width: 256, height: 256 });
    const banner = await recruiter.put('/api/company/page/banner', { contentBase64: (await jpegWithGps(2000, 1500)).toString('base64') });
    expect(banner.status).toBe(200);

    for (const [image, width, height] of [[banner.body.logo, 256, 256], [banner.body.banner, 1200, 300]] as const) {
      const served = await fetchImage(image.url, recruiter);
      expect(served.status).toBe(200);
      expect(served.headers.get('content-type')).toBe('image/webp');
      const meta = await sharp(served.bytes).metadata();
      expect(meta).toMatchObject({ format: 'webp', width, height });
      expect(meta.exif).toBeUndefined();
      expect(meta.xmp).toBeUndefined();
      expect(served.bytes.includes(Buffer.from('TelephoneTest'))).toBe(false);
      expect(served.bytes.includes(Buffer.from('Photo privée'))).toBe(false);
    }
    const [stored] = await sql<{ content: Buffer }>(`SELECT content FROM company_images WHERE company_id = $1 AND kind = 'LOGO'`, [companyA]);
    expect((await sharp(stored!.content).metadata()).exif).toBeUndefined();
  });

  it('are removed by a DELETE without body (a body is refused), and the old address then answers 404', async () => {
    const { body: before } = await otherRecruiter.get('/api/company/page');
    const uploaded = await otherRecruiter.put('/api/company/page/banner', { contentBase64: (await jpegWithGps(1600, 400)).toString('base64') });
    expect(uploaded.body.banner).not.toBeNull();
    expect((await otherRecruiter.request('DELETE', '/api/company/page/banner', {})).status).toBe(400);
    const removed = await otherRecruiter.request('DELETE', '/api/company/page/banner');
    expect(removed.status).toBe(200);
    expect(removed.body.banner).toBeNull();
    expect((await fetchImage(uploaded.body.banner.url, otherRecruiter)).status).toBe(404);
    expect((await sql(`SELECT 1 FROM company_images WHERE company_id = $1 AND kind = 'BANNER'`, [companyB])).length).toBe(0);
    expect(removed.body.version).toBe(before.version);
  });

  it('refuses what is not an image, and images too large, in French', async () => {
    const pdf = await recruiter.put('/api/company/page/logo', { contentBase64: PDF_BASE64 });
    expect(pdf.status).toBe(415);
    expect(pdf.body.error.message).toMatch(/Ce fichier est un fichier PDF : une image JPEG, PNG, WebP, GIF ou AVIF est attendue/);
    const text = await recruiter.put('/api/company/page/banner', { contentBase64: Buffer.from('pas une image').toString('base64') });
    expect(text.status).toBe(415);
    const big = await recruiter.put('/api/company/page/logo', { contentBase64: Buffer.alloc(4 * 1024 * 1024 + 10, 1).toString('base64') });
    expect(big.status).toBe(413);
    expect(big.body.error.message).toMatch(/4 Mo au plus/);
    expect((await candidate.put('/api/company/page/logo', { contentBase64: PDF_BASE64 })).status).toBe(403);
  });
});

describe('publication', () => {
  it('an unpublished page and its images are seen by nobody outside the company; published, by everyone; unpublished again, by nobody', async () => {
    const anonymous = new ApiClient();
    const { body: mine } = await recruiter.get('/api/company/page');
    expect(mine.logo).not.toBeNull();
    const hidden = async () => {
      for (const who of [anonymous, otherRecruiter, candidate]) {
        expect((await who.get(`/api/public/companies/${companyA}`)).status).toBe(404);
        expect((await fetchImage(mine.logo.url, who === anonymous ? undefined : who)).status).toBe(404);
        const list = await who.get('/api/public/companies?q=menuiserie%20publique');
        expect(list.body.items.map((c: { id: string }) => c.id)).not.toContain(companyA);
      }
    };
    await hidden();
    // Its recruiters preview the images, which no shared cache keeps.
    const preview = await fetchImage(mine.logo.url, colleague);
    expect(preview.status).toBe(200);
    expect(preview.headers.get('cache-control')).toBe('private, no-cache');

    // An offer past its end whose projection still says PUBLISHED (the workflow's timer not run yet): not shown, not counted.
    await sql(`INSERT INTO offers (id, company_id, title, contract_type, postal_code, city, description, status, published_at, expires_at)
               VALUES ($1, $2, 'Offre échue', 'CDI', '75011', 'Paris', 'Texte.', 'PUBLISHED', now() - interval '61 days', now() - interval '1 minute')`, [randomUUID(), companyA]);
    const published = await recruiter.put('/api/company/page', page({ published: true, version: mine.version }));
    expect(published.status).toBe(200);
    const shown = await anonymous.get(`/api/public/companies/${companyA}`);
    expect(shown.status).toBe(200);
    expect(shown.headers.get('cache-control')).toBe('public, max-age=60');
    expect(shown.headers.get('ratelimit-policy') ?? shown.headers.get('ratelimit')).toBeTruthy();
    expect(shown.body).toMatchObject({
      id: companyA,
      name: 'Menuiserie Publique',
      description: '<p>Une entreprise <strong>engagée</strong>.</p>',
      advantages: ['Tickets restaurant', 'Télétravail deux jours par semaine'],
      socialLinks: { linkedin: 'https://www.linkedin.com/company/exemple' },
      offers: [expect.objectContaining({ id: offerA, title: 'Technicien de maintenance H/F' })],
    });
    expect(JSON.stringify(shown.body)).not.toMatch(/siren|page_updated_by|version/i);
    const list = await anonymous.get('/api/public/companies?q=MENUISERIE%20publique');
    expect(list.body.items).toEqual([expect.objectContaining({ id: companyA, summary: 'Une entreprise engagée.', offerCount: 1 })]);
    const image = await fetchImage(shown.body.logo.url);
    expect(image.status).toBe(200);
    expect(image.headers.get('cache-control')).toBe('public, max-age=86400');
    // (node:http: fetch adds « Cache-Control: no-cache » to a conditional request, which asks for the body.)
    const again = await new Promise<number>((resolve, reject) =>
      get(`${apiUrl()}${shown.body.logo.url}`, { headers: { 'if-none-match': image.headers.get('etag')! } }, (res) => resolve(res.resume().statusCode!)).on('error', reject),
    );
    expect(again).toBe(304);

    const unpublished = await recruiter.put('/api/company/page', page({ published: false }));
    expect(unpublished.status).toBe(200);
    await hidden();
  });

  it('a company whose page says no spontaneous applications refuses them', async () => {
    await otherRecruiter.put('/api/company/page', page({ spontaneousApplications: false, published: true }));
    const refused = await candidate.post('/api/applications', { companyId: companyB, message: 'Bonjour' });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toMatch(/ne reçoit pas de candidatures spontanées/);
    expect((await sql('SELECT 1 FROM applications WHERE candidate_id = $1', [candidatePerson.id])).length).toBe(0);
  });
});

describe('company settings', () => {
  it('its recruiters edit name, sector, size and address; nobody edits the SIREN here', async () => {
    const [before] = await sql<{ siren: string }>('SELECT siren FROM companies WHERE id = $1', [companyA]);
    const changed = await recruiter.request('PATCH', '/api/company', { name: 'Menuiserie Publique SAS', sector: 'Artisanat', size: '10-49', address: '3 rue des Lilas', postalCode: '38000', city: 'Grenoble' });
    expect(changed.status).toBe(200);
    expect(changed.body.company).toMatchObject({ name: 'Menuiserie Publique SAS', sector: 'Artisanat', size: '10-49', address: '3 rue des Lilas', postalCode: '38000', city: 'Grenoble', siren: before!.siren });
    const siren = await recruiter.request('PATCH', '/api/company', { siren: '732829320' });
    expect(siren.status).toBe(400);
    expect(siren.body.error.details.fields).toEqual([{ field: 'siren', message: 'Ce champ n’est pas attendu.' }]);
    const badPostalCode = await recruiter.request('PATCH', '/api/company', { postalCode: '3800' });
    expect(badPostalCode.body.error.details.fields[0].field).toBe('postalCode');
    expect((await candidate.request('PATCH', '/api/company', { name: 'Piratée' })).status).toBe(403);
    expect((await admin.request('PATCH', '/api/company', { name: 'Piratée' })).status).toBe(403);
    const [after] = await sql<{ siren: string; name: string }>('SELECT siren, name FROM companies WHERE id = $1', [companyA]);
    expect(after).toEqual({ siren: before!.siren, name: 'Menuiserie Publique SAS' });
  });
});

describe('two saves at once', () => {
  it('end with one of them whole, never a mix', async () => {
    for (let round = 0; round < 5; round++) {
      const a = page({ description: `<p>Version A${round}</p>`, advantages: [`A${round}-1`, `A${round}-2`], website: `https://a${round}.exemple.fr`, socialLinks: { x: `https://x.com/a${round}` } });
      const b = page({ description: `<p>Version B${round}</p>`, advantages: [`B${round}-1`], website: `https://b${round}.exemple.fr`, socialLinks: { facebook: `https://facebook.com/b${round}` } });
      const answers = await Promise.all([recruiter.put('/api/company/page', a), colleague.put('/api/company/page', b)]);
      expect(answers.map((r) => r.status)).toEqual([200, 200]);
      const { body: final } = await recruiter.get('/api/company/page');
      const whole = [a, b].find((p) => p.description === final.description);
      expect(whole, final.description).toBeDefined();
      expect(final).toMatchObject({ advantages: whole!.advantages, website: whole!.website, socialLinks: whole!.socialLinks });
    }
  });

  it('with the version read, the second one is refused (409) instead of replacing the first', async () => {
    const { body: current } = await recruiter.get('/api/company/page');
    const answers = await Promise.all([
      recruiter.put('/api/company/page', page({ description: '<p>Moi</p>', version: current.version })),
      colleague.put('/api/company/page', page({ description: '<p>Ma collègue</p>', version: current.version })),
    ]);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
    const loser = answers.find((r) => r.status === 409)!;
    expect(loser.body.error).toMatchObject({ code: 'CONFLICT', details: { version: current.version + 1 } });
    const winner = answers.find((r) => r.status === 200)!;
    expect((await recruiter.get('/api/company/page')).body.description).toBe(winner.body.description);
  });
});
