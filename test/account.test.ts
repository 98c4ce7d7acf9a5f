// « Mon compte » and the directories (issue #15, items 3 and 9) on the real harness: PATCH /api/me
// validates every field in French next to it and persists only what was sent; the e-mail is not
// editable there; the directory consent keeps the time it was first given and its withdrawal removes
// the person from the next directory answer; the directories of référents and of companies search
// without regard to accents and case, filter by département, list only who consented (and only
// verified companies, with their offers online), and are read by professionals only.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createCompany, createUser, insertPublishedOffer, type Person } from './fixtures.js';
import { ApiClient, sql } from './support.js';

/** Letters only (a name takes no digit-only word): this run's word, in every name written here. */
const tag = randomUUID().replace(/[^a-f]/g, '').slice(0, 6).padEnd(6, 'q');
const Tag = tag.charAt(0).toUpperCase() + tag.slice(1);

const fieldsOf = (body: any): Record<string, string> => Object.fromEntries((body?.error?.details?.fields ?? []).map((f: { field: string; message: string }) => [f.field, f.message]));

async function consenting(role: 'REFERENT' | 'MISSION_OFFICER', firstName: string, lastName: string, fields: Record<string, unknown>): Promise<Person & { api: ApiClient }> {
  const person = await createUser(role, { firstName, lastName });
  const api = await person.client();
  const response = await api.patch('/api/me', { ...fields, directoryConsent: true });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return { ...person, api };
}

const namesIn = (body: any) => (body.items as Array<{ firstName: string; lastName: string }>).map((i) => `${i.firstName} ${i.lastName}`);

describe('PATCH /api/me', () => {
  it('saves what was sent and only that, GET /api/me returns it, an empty text clears a field', async () => {
    const referent = await createUser('REFERENT');
    const api = await referent.client();
    const saved = await api.patch('/api/me', {
      firstName: ' Marie-Hélène ',
      lastName: 'N’Diaye',
      phone: '06 12 34 56 78',
      jobTitle: 'Référente handicap',
      videoInterviews: true,
      function: 'Chargée d’insertion',
      establishment: 'Lycée Ampère',
      department: 'Rhône',
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body).toMatchObject({
      email: referent.email,
      firstName: 'Marie-Hélène',
      lastName: 'N’Diaye',
      phone: '06 12 34 56 78',
      jobTitle: 'Référente handicap',
      videoInterviews: true,
      function: 'Chargée d’insertion',
      establishment: 'Lycée Ampère',
      department: '69',
      directoryConsent: false,
      directoryConsentAt: null,
    });
    expect((await api.get('/api/me')).body).toEqual(saved.body);
    const [row] = await sql(`SELECT first_name, phone, video_interviews, directory_department, directory_consent_at FROM users WHERE id = $1`, [referent.id]);
    expect(row).toEqual({ first_name: 'Marie-Hélène', phone: '06 12 34 56 78', video_interviews: true, directory_department: '69', directory_consent_at: null });

    // Only the fields sent change; an empty text is no value.
    const cleared = await api.patch('/api/me', { phone: '', establishment: '  ' });
    expect(cleared.status).toBe(200);
    expect(cleared.body).toMatchObject({ firstName: 'Marie-Hélène', phone: null, establishment: null, function: 'Chargée d’insertion', department: '69', videoInterviews: true });
    // Nothing sent, nothing changed.
    expect((await api.patch('/api/me', {})).body).toEqual(cleared.body);
  });

  it('refuses bad input with a French reason next to each field, 400 never 500, and changes nothing', async () => {
    const recruiter = await createUser('RECRUITER', { companyId: (await createCompany(`Refus ${Tag}`)).id });
    const api = await recruiter.client();
    const before = (await api.get('/api/me')).body;
    const refused = await api.patch('/api/me', {
      firstName: '<script>',
      lastName: '',
      phone: 'appelez-moi',
      jobTitle: 'x'.repeat(151),
      videoInterviews: 'oui',
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('VALIDATION_FAILED');
    const fields = fieldsOf(refused.body);
    expect(fields.firstName).toMatch(/^Caractère refusé : « < »/);
    expect(fields.lastName).toMatch(/^Obligatoire/);
    expect(fields.phone).toMatch(/^Numéro de téléphone attendu/);
    expect(fields.jobTitle).toBe('150 caractères au plus.');
    expect(fields.videoInterviews).toBe('Oui ou non attendu.');

    const department = await (await (await createUser('REFERENT')).client()).patch('/api/me', { department: 'Atlantide' });
    expect(department.status).toBe(400);
    expect(fieldsOf(department.body).department).toMatch(/Département inconnu : « Atlantide »/);
    const lineBreak = await api.patch('/api/me', { jobTitle: 'Responsable\nRH' });
    expect(fieldsOf(lineBreak.body).jobTitle).toMatch(/^Une seule ligne de texte/);
    // U+202E would turn the text around on screen.
    expect(fieldsOf((await api.patch('/api/me', { jobTitle: 'Responsable \u202eHR' })).body).jobTitle).toMatch(/caractère invisible/);

    // The e-mail is how one signs in: not here.
    const email = await api.patch('/api/me', { email: 'autre@test.local', firstName: 'Romane' });
    expect(email.status).toBe(400);
    expect(fieldsOf(email.body).email).toMatch(/ne se modifie pas depuis « Mon compte »/);
    expect(fieldsOf((await api.patch('/api/me', { role: 'ADMIN' })).body).role).toBe('Ce champ n’est pas attendu.');
    for (const body of ['[1,2]', '"texte"', 'null', '{"firstName": 3}']) {
      const response = await api.request('PATCH', '/api/me', body, { 'content-type': 'application/json' });
      expect(response.status, body).toBe(400);
    }
    expect((await api.get('/api/me')).body).toEqual(before);
  });

  it('keeps directory fields to the roles whose directory shows them', async () => {
    const candidate = await (await createUser('CANDIDATE')).client();
    const byCandidate = await candidate.patch('/api/me', { directoryConsent: true, videoInterviews: true });
    expect(byCandidate.status).toBe(400);
    expect(fieldsOf(byCandidate.body).directoryConsent).toMatch(/ne présentent que les référents, les chargés de mission et les recruteurs/);
    expect(fieldsOf((await candidate.patch('/api/me', { establishment: 'Lycée' })).body).establishment).toMatch(/ne concerne que les référents/);
    // A candidate says whether video interviews suit them; withdrawing a consent never given is no harm.
    expect((await candidate.patch('/api/me', { videoInterviews: true, directoryConsent: false })).body).toMatchObject({ videoInterviews: true, directoryConsent: false });

    const recruiter = await (await createUser('RECRUITER', { companyId: (await createCompany(`Rôles ${Tag}`)).id })).client();
    expect(fieldsOf((await recruiter.patch('/api/me', { function: 'RH' })).body).function).toMatch(/ne concerne que les référents/);
    expect((await recruiter.patch('/api/me', { directoryConsent: true })).body.directoryConsent).toBe(true);
  });

  it('is refused while the password is temporary', async () => {
    const person = await createUser('REFERENT');
    const api = await person.client();
    await sql(`UPDATE users SET must_change_password = true WHERE id = $1`, [person.id]);
    const response = await api.patch('/api/me', { jobTitle: 'Référente' });
    expect(response.status).toBe(403);
    expect(response.body.error.details.mustChangePassword).toBe(true);
    expect((await sql(`SELECT job_title FROM users WHERE id = $1`, [person.id]))[0].job_title).toBeNull();
  });

  it('keeps the time consent was first given, even when two saves give it at once; withdrawing clears it', async () => {
    const person = await createUser('REFERENT');
    const api = await person.client();
    const before = Date.now();
    // Two tabs saving at once, each its own field: both stay, and the consent has one time.
    const [a, b] = await Promise.all([
      api.patch('/api/me', { directoryConsent: true, function: 'Conseillère' }),
      api.patch('/api/me', { directoryConsent: true, establishment: 'Mission locale' }),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    const [row] = await sql(`SELECT directory_consent_at, directory_function, directory_establishment FROM users WHERE id = $1`, [person.id]);
    expect(row.directory_function).toBe('Conseillère');
    expect(row.directory_establishment).toBe('Mission locale');
    const at = new Date(row.directory_consent_at).toISOString();
    expect(a.body.directoryConsentAt === at || b.body.directoryConsentAt === at).toBe(true);
    expect(new Date(at).getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(new Date(at).getTime()).toBeLessThanOrEqual(Date.now() + 1000);

    const again = await api.patch('/api/me', { directoryConsent: true });
    expect(again.body.directoryConsentAt).toBe(at);
    const withdrawn = await api.patch('/api/me', { directoryConsent: false });
    expect(withdrawn.body).toMatchObject({ directoryConsent: false, directoryConsentAt: null });
    const given = await api.patch('/api/me', { directoryConsent: true });
    expect(new Date(given.body.directoryConsentAt).getTime()).toBeGreaterThan(new Date(at).getTime());
  });
});

describe('the directory of référents', () => {
  let reader: ApiClient;
  let helene: Person & { api: ApiClient };
  beforeAll(async () => {
    reader = await (await createUser('RECRUITER', { companyId: (await createCompany(`Lecteur ${Tag}`)).id })).client();
    helene = await consenting('REFERENT', 'Hélène', `Dupré ${Tag}`, { function: 'Référente handicap', establishment: 'Lycée Ampère', department: '69', phone: '04 72 11 22 33' });
    await consenting('REFERENT', 'Héloïse', `Martin ${Tag}`, { establishment: 'Université Lumière', department: '75' });
    await consenting('MISSION_OFFICER', 'Étienne', `Chargé ${Tag}`, { function: 'Chargé de mission', department: 'Paris' });
    // Not listed: no consent; a disabled account.
    await createUser('REFERENT', { firstName: 'Hélène', lastName: `Sansaccord ${Tag}` });
    const disabled = await consenting('REFERENT', 'Hélène', `Partie ${Tag}`, { department: '69' });
    await sql(`UPDATE users SET disabled_at = now() WHERE id = $1`, [disabled.id]);
  });

  it('lists who consented, with their function, establishment, département, e-mail and phone', async () => {
    const all = await reader.get(`/api/directory/referents?q=${tag}`);
    expect(all.status).toBe(200);
    expect(namesIn(all.body)).toEqual([`Étienne Chargé ${Tag}`, `Hélène Dupré ${Tag}`, `Héloïse Martin ${Tag}`]);
    expect(all.body).toMatchObject({ total: 3, page: 1, pageSize: 20 });
    // Sorted by last name, accents folded (« Étienne Chargé » before « Dupré »).
    expect(all.body.items.map((i: any) => i.lastName)).toEqual([`Chargé ${Tag}`, `Dupré ${Tag}`, `Martin ${Tag}`]);
    expect(all.body.items[1]).toEqual({
      id: helene.id,
      role: 'REFERENT',
      firstName: 'Hélène',
      lastName: `Dupré ${Tag}`,
      function: 'Référente handicap',
      establishment: 'Lycée Ampère',
      department: '69',
      departmentName: 'Rhône',
      email: helene.email,
      phone: '04 72 11 22 33',
    });
    expect(all.body.items[0].role).toBe('MISSION_OFFICER');
  });

  it('searches names and establishments without regard to accents or case, and filters by département', async () => {
    const search = async (query: string) => namesIn((await reader.get(`/api/directory/referents?${query}`)).body);
    expect(await search(`q=helene ${tag}`)).toEqual([`Hélène Dupré ${Tag}`]);
    expect(await search(`q=${encodeURIComponent(`DUPRE ${tag.toUpperCase()}`)}`)).toEqual([`Hélène Dupré ${Tag}`]);
    expect(await search(`q=${encodeURIComponent(`lycée ampere ${tag}`)}`)).toEqual([`Hélène Dupré ${Tag}`]);
    expect(await search(`q=hel ${tag}`)).toEqual([`Hélène Dupré ${Tag}`, `Héloïse Martin ${Tag}`]);
    expect(await search(`q=${tag}&department=75`)).toEqual([`Étienne Chargé ${Tag}`, `Héloïse Martin ${Tag}`]);
    expect(await search(`q=${tag}&department=${encodeURIComponent('rhone')}`)).toEqual([`Hélène Dupré ${Tag}`]);
    expect(await search(`q=${tag}&department=69,Paris`)).toHaveLength(3);
    const unknown = await reader.get(`/api/directory/referents?department=Atlantide`);
    expect(unknown.status).toBe(400);
    expect(fieldsOf(unknown.body).department).toMatch(/Département inconnu/);
    expect((await reader.get(`/api/directory/referents?q=${'x'.repeat(101)}`)).status).toBe(400);
    expect((await reader.get(`/api/directory/referents?tri=nom`)).status).toBe(400);
    // A LIKE wildcard is a character like any other.
    expect(await search(`q=${encodeURIComponent('%')} ${tag}`)).toEqual([]);
    const paged = await reader.get(`/api/directory/referents?q=${tag}&pageSize=2&page=2`);
    expect(paged.body).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(namesIn(paged.body)).toEqual([`Héloïse Martin ${Tag}`]);
  });

  it('drops a person at once when they withdraw their consent, and lists them again when they give it', async () => {
    const person = await consenting('REFERENT', 'Noémie', `Retrait ${Tag}`, { department: '13' });
    const listed = async () => namesIn((await reader.get(`/api/directory/referents?q=retrait ${tag}`)).body);
    expect(await listed()).toEqual([`Noémie Retrait ${Tag}`]);
    expect((await person.api.patch('/api/me', { directoryConsent: false })).status).toBe(200);
    expect(await listed()).toEqual([]);
    expect((await reader.get(`/api/directory/referents?q=retrait ${tag}`)).body.total).toBe(0);
    await person.api.patch('/api/me', { directoryConsent: true });
    expect(await listed()).toEqual([`Noémie Retrait ${Tag}`]);
  });
});

describe('the directory of companies', () => {
  let company: { id: string; offerId: string };
  let recruiter: Person & { api: ApiClient };
  beforeAll(async () => {
    company = await createCompany(`Société d’Éclairage ${Tag}`);
    await sql(`UPDATE companies SET city = 'Lyon', sector = 'Industrie' WHERE id = $1`, [company.id]);
    const second = await insertPublishedOffer(company.id, `Électricienne ${Tag} H/F`);
    await sql(`UPDATE offers SET published_at = now() + interval '1 minute' WHERE id = $1`, [second]);
    // Not online: a draft and an expired offer.
    const draft = await insertPublishedOffer(company.id, 'Brouillon');
    await sql(`UPDATE offers SET status = 'DRAFT', published_at = NULL, expires_at = NULL WHERE id = $1`, [draft]);
    const expired = await insertPublishedOffer(company.id, 'Expirée');
    await sql(`UPDATE offers SET expires_at = now() - interval '1 day' WHERE id = $1`, [expired]);
    const person = await createUser('RECRUITER', { companyId: company.id, firstName: 'Inès', lastName: `Éclair ${Tag}` });
    recruiter = { ...person, api: await person.client() };
    expect((await recruiter.api.patch('/api/me', { directoryConsent: true, jobTitle: 'Responsable RH', phone: '04 78 00 00 01' })).status).toBe(200);
    await createUser('RECRUITER', { companyId: company.id, firstName: 'Paul', lastName: `Discret ${Tag}` });
    // Not verified: never listed.
    await sql(`UPDATE companies SET status = 'PENDING_ADMIN_VERIFICATION' WHERE id = $1`, [(await createCompany(`Éclairage en attente ${Tag}`)).id]);
  });

  it('lists verified companies with their offers online and the recruiters who consented, searched without accents', async () => {
    const referent = await (await createUser('REFERENT')).client();
    const found = await referent.get(`/api/directory/companies?q=${encodeURIComponent(`eclairage ${tag}`)}`);
    expect(found.status).toBe(200);
    expect(found.body.total).toBe(1);
    const [item] = found.body.items;
    expect(item).toMatchObject({ id: company.id, name: `Société d’Éclairage ${Tag}`, city: 'Lyon', sector: 'Industrie', publishedOffers: 2 });
    expect(item.offers.map((o: any) => o.title)).toEqual([`Électricienne ${Tag} H/F`, 'Technicien de maintenance H/F']);
    expect(item.offers[1]).toEqual({ id: company.offerId, title: 'Technicien de maintenance H/F', city: 'Paris', link: `/offres/${company.offerId}` });
    expect(item.recruiters).toEqual([{ id: recruiter.id, firstName: 'Inès', lastName: `Éclair ${Tag}`, jobTitle: 'Responsable RH', email: recruiter.email, phone: '04 78 00 00 01' }]);
    expect((await referent.get(`/api/directory/companies?q=${encodeURIComponent(`SOCIÉTÉ ${tag}`)}`)).body.total).toBe(1);

    // Withdrawn: the company stays, the recruiter goes at once.
    await recruiter.api.patch('/api/me', { directoryConsent: false });
    const after = await referent.get(`/api/directory/companies?q=${encodeURIComponent(`eclairage ${tag}`)}`);
    expect(after.body.items[0].recruiters).toEqual([]);
    await recruiter.api.patch('/api/me', { directoryConsent: true });
  });
});

describe('who reads the directories', () => {
  it('professionals and admins; a candidate gets 403; nobody signed in 401', async () => {
    const companyId = (await createCompany(`Accès ${Tag}`)).id;
    const readers = await Promise.all(
      (['REFERENT', 'MISSION_OFFICER', 'ADMIN'] as const).map((role) => createUser(role)).concat([createUser('RECRUITER', { companyId })]),
    );
    for (const path of ['/api/directory/referents', '/api/directory/companies']) {
      for (const person of readers) expect((await (await person.client()).get(path)).status, `${path} ${person.email}`).toBe(200);
      const candidate = await (await createUser('CANDIDATE')).client();
      const refused = await candidate.get(path);
      expect(refused.status).toBe(403);
      expect(refused.body.error.message).toMatch(/réservé aux référents, aux chargés de mission, aux recruteurs et aux administrateurs/);
      expect((await new ApiClient().get(path)).status).toBe(401);
    }
  });
});
