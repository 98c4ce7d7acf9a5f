// A référent's candidates end to end on the real harness: the référent creates an account, the
// candidate receives one French mail with a temporary password and a link to the platform, signs in
// with it, must change it before anything else, then uploads a CV and applies with it — the référent
// validates and downloads that CV. Who sees which candidates (référent, mission officer, admin), the
// search, the duplicate e-mail (409 saying no more than needed), and every refused way of creating one.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createCast, createUser, type Cast } from './fixtures.js';
import { ApiClient, apiUrl, eventually, mails, sql } from './support.js';
import { pdfBytes } from './document-fixtures.js';

let cast: Cast;
beforeAll(async () => {
  cast = await createCast();
});

const suffix = randomUUID().slice(0, 6);
const newPerson = (firstName: string, lastName: string) => ({
  firstName,
  lastName: `${lastName}${suffix}`,
  email: `${firstName.normalize('NFD').replace(/[^A-Za-z]/g, '').toLowerCase()}.${lastName.toLowerCase()}-${randomUUID().slice(0, 8)}@test.local`,
});

describe('a référent creates a candidate account', () => {
  it('mails a temporary password; the candidate must change it, then applies with a CV the référent can download', async () => {
    const referent = await cast.referent.client();
    const person = newPerson('Lucie', 'Martin');
    const created = await referent.post('/api/referent/candidates', {
      ...person,
      email: person.email.toUpperCase(),
      phone: '06 12 34 56 78',
      postalCode: '69002',
      city: 'Lyon',
      rqth: true,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toEqual({ id: expect.any(String), firstName: 'Lucie', lastName: person.lastName, email: person.email });
    const id = created.body.id as string;

    const [row] = await sql(
      `SELECT u.role, u.must_change_password, u.phone, p.referent_id, p.rqth, p.postal_code, p.city FROM users u JOIN candidate_profiles p ON p.user_id = u.id WHERE u.id = $1`,
      [id],
    );
    expect(row).toEqual({ role: 'CANDIDATE', must_change_password: true, phone: '06 12 34 56 78', referent_id: cast.referent.id, rqth: true, postal_code: '69002', city: 'Lyon' });

    // One mail, in French, with the identifier, the temporary password and the platform's address.
    const mail = await eventually(async () => (await mails()).find((m) => m.envelopeTo.includes(person.email)), 20_000, 'invitation mail');
    expect(mail.subject).toBe('Votre compte Tremplin est prêt');
    expect(mail.text).toContain('Bonjour Lucie,');
    expect(mail.text).toContain('Referent Test, qui vous accompagne');
    expect(mail.text).toContain(`Identifiant : ${person.email}`);
    expect(mail.text).toContain(`Se connecter à Tremplin : ${apiUrl()}/connexion`);
    expect(mail.html).toContain(`href="${apiUrl()}/connexion"`);
    const temporary = /Mot de passe provisoire : (\S+)/.exec(mail.text)?.[1];
    expect(temporary).toMatch(/^\w{4}-\w{4}-\w{4}-\w{4}$/);
    // The outbox keeps no password once the mail is sent.
    await eventually(async () => {
      const [outbox] = await sql(`SELECT status, text_body FROM email_outbox WHERE to_address = $1`, [person.email]);
      return outbox?.status === 'SENT' && !outbox.text_body.includes(temporary!);
    }, 10_000, 'outbox body removed');

    // Signed in with it: nothing but changing it until it is changed.
    const candidate = new ApiClient();
    const login = await candidate.post('/api/auth/login', { email: person.email, password: temporary });
    expect(login.status, JSON.stringify(login.body)).toBe(200);
    expect(login.body).toMatchObject({ role: 'CANDIDATE', mustChangePassword: true });
    const blocked = await candidate.get('/api/me/documents');
    expect(blocked.status).toBe(403);
    expect(blocked.body.error.details).toEqual({ mustChangePassword: true });
    const changed = await candidate.post('/api/auth/change-password', { currentPassword: temporary, newPassword: 'Mon-Nouveau-Depart-2026!' });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.body.mustChangePassword).toBe(false);
    expect((await ApiClient.login(person.email, 'Mon-Nouveau-Depart-2026!').then((c) => c.get('/api/me'))).body.email).toBe(person.email);

    // Then applies with a CV of their own.
    const cv = await candidate.post('/api/me/documents', { kind: 'CV', filename: 'CV Lucie.pdf', mimeType: 'application/pdf', contentBase64: pdfBytes('Lucie').toString('base64') });
    expect(cv.status, JSON.stringify(cv.body)).toBe(201);
    const applied = await candidate.post('/api/applications', { offerId: cast.company.offerId, cvDocumentId: cv.body.id, message: 'Bonjour, je suis disponible.' });
    expect(applied.status, JSON.stringify(applied.body)).toBe(201);
    expect(applied.body).toMatchObject({ status: 'PENDING_REFERENT_VALIDATION', referent: { id: cast.referent.id } });

    // The référent finds them, with their application, and their CV.
    const detail = await referent.get(`/api/referent/candidates/${id}`);
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({ id, email: person.email, rqth: true, city: 'Lyon', phone: '06 12 34 56 78', applications: 1, accountActivated: true });
    expect(detail.body.documents).toMatchObject([{ id: cv.body.id, kind: 'CV', filename: 'CV Lucie.pdf' }]);
    const documents = await referent.get(`/api/applications/${applied.body.id}/documents`);
    expect(documents.body.items.map((d: { id: string }) => d.id)).toEqual([cv.body.id]);
    const download = await referent.get(cv.body.downloadUrl);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/pdf');

    // Exactly one invitation for this account (the application's own notice comes besides).
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await mails()).filter((m) => m.envelopeTo.includes(person.email) && m.subject === 'Votre compte Tremplin est prêt')).toHaveLength(1);
  });

  it('refuses an e-mail that already has an account, whatever its case, saying no more than needed', async () => {
    const referent = await cast.otherReferent.client();
    const [{ email }] = await sql(`SELECT email FROM users WHERE id = $1`, [cast.candidate.id]);
    for (const taken of [email, email.toUpperCase(), (await sql(`SELECT email FROM users WHERE id = $1`, [cast.recruiter.id]))[0].email]) {
      const refused = await referent.post('/api/referent/candidates', { firstName: 'Dupli', lastName: 'Cata', email: taken, rqth: false });
      expect(refused.status).toBe(409);
      expect(refused.body.error.code).toBe('CONFLICT');
      expect(refused.body.error.message).toContain('Un compte existe déjà avec cette adresse e-mail');
      // Neither who holds it, nor their role, nor who follows them.
      expect(refused.body.error.message).not.toMatch(/candidat\b|recruteur|Referent Test|Candidate/i);
      // The details only tie the same words to the e-mail field, for the form.
      expect(refused.body.error.details).toEqual({ fields: [{ field: 'email', message: refused.body.error.message }] });
    }
  });

  it('names the field of a bad entry, and refuses every other role', async () => {
    const referent = await cast.referent.client();
    const noRqth = await referent.post('/api/referent/candidates', { firstName: 'A', lastName: 'B', email: 'a.b@test.local' });
    expect(noRqth.status).toBe(400);
    expect(noRqth.body.error.message).toMatch(/rqth/);
    const badPostal = await referent.post('/api/referent/candidates', { firstName: 'A', lastName: 'B', email: 'a.b@test.local', rqth: false, postalCode: '123' });
    expect(badPostal.status).toBe(400);
    expect(badPostal.body.error.message).toMatch(/postalCode : code postal à 5 chiffres/);
    const badEmail = await referent.post('/api/referent/candidates', { firstName: 'A', lastName: 'B', email: 'pas-une-adresse', rqth: false });
    expect(badEmail.status).toBe(400);
    expect(badEmail.body.error.message).toMatch(/email/);
    const extra = await referent.post('/api/referent/candidates', { firstName: 'A', lastName: 'B', email: 'a.b@test.local', rqth: false, role: 'ADMIN' });
    expect(extra.status).toBe(400);

    const body = { ...newPerson('Refus', 'Role'), rqth: false };
    for (const person of [cast.missionOfficer, cast.admin, cast.recruiter, cast.candidate]) {
      const refused = await (await person.client()).post('/api/referent/candidates', body);
      expect(refused.status).toBe(403);
    }
    expect((await new ApiClient().post('/api/referent/candidates', body)).status).toBe(401);
    expect(await sql(`SELECT id FROM users WHERE email = $1`, [body.email])).toEqual([]);
  });
});

describe('who sees which candidates', () => {
  let mine: { id: string; lastName: string };
  beforeAll(async () => {
    const person = newPerson('Zoé', 'Suivie');
    const created = await (await cast.referent.client()).post('/api/referent/candidates', { ...person, city: 'Villeurbanne', rqth: false });
    expect(created.status).toBe(201);
    mine = { id: created.body.id, lastName: person.lastName };
  });

  const ids = (body: { items: Array<{ id: string }> }) => body.items.map((c) => c.id);

  it('a référent: their own candidates, with their applications counted, sorted by name, searchable', async () => {
    const referent = await cast.referent.client();
    const list = await referent.get('/api/referent/candidates?pageSize=100');
    expect(list.status).toBe(200);
    expect(ids(list.body)).toEqual(expect.arrayContaining([cast.candidate.id, mine.id]));
    expect(ids(list.body)).not.toContain(cast.otherCandidate.id);
    expect(ids(list.body)).not.toContain(cast.loneCandidate.id);
    expect(list.body).toMatchObject({ page: 1, pageSize: 100, total: list.body.items.length });
    const item = list.body.items.find((c: { id: string }) => c.id === mine.id);
    expect(item).toEqual({
      id: mine.id,
      firstName: 'Zoé',
      lastName: mine.lastName,
      email: expect.stringContaining('@test.local'),
      rqth: false,
      postalCode: null,
      city: 'Villeurbanne',
      applications: 0,
      referent: { id: cast.referent.id, firstName: 'Referent', lastName: 'Test' },
      accountActivated: false,
      createdAt: expect.any(String),
    });
    const names = list.body.items.map((c: { lastName: string }) => c.lastName.toLowerCase());
    expect(names).toEqual([...names].sort());

    const searched = await referent.get(`/api/referent/candidates?q=${encodeURIComponent(mine.lastName.toUpperCase())}`);
    expect(ids(searched.body)).toEqual([mine.id]);
    expect((await referent.get('/api/referent/candidates?q=villeurb')).body.items.map((c: { id: string }) => c.id)).toContain(mine.id);
    expect((await referent.get('/api/referent/candidates?q=%25')).body.total).toBe(0);
    const paged = await referent.get('/api/referent/candidates?pageSize=1&page=2');
    expect(paged.body).toMatchObject({ page: 2, pageSize: 1, total: list.body.total });
    expect(paged.body.items).toHaveLength(1);

    expect((await referent.get(`/api/referent/candidates/${cast.otherCandidate.id}`)).status).toBe(404);
    expect((await referent.get('/api/referent/candidates?pageSize=1000')).status).toBe(400);
  });

  it('a mission officer: their référents’ candidates; an admin: all; the others: 403', async () => {
    const officer = await (await cast.missionOfficer.client()).get('/api/referent/candidates?pageSize=100');
    expect(ids(officer.body)).toEqual(expect.arrayContaining([cast.candidate.id, mine.id]));
    expect(ids(officer.body)).not.toContain(cast.otherCandidate.id);
    expect((await (await cast.missionOfficer.client()).get(`/api/referent/candidates/${mine.id}`)).status).toBe(200);
    const otherOfficer = await (await cast.otherMissionOfficer.client()).get('/api/referent/candidates?pageSize=100');
    expect(ids(otherOfficer.body)).toEqual([cast.otherCandidate.id]);
    expect((await (await cast.otherMissionOfficer.client()).get(`/api/referent/candidates/${mine.id}`)).status).toBe(404);
    expect(ids((await (await cast.otherReferent.client()).get('/api/referent/candidates')).body)).toEqual([cast.otherCandidate.id]);

    const admin = await (await cast.admin.client()).get(`/api/referent/candidates?q=${encodeURIComponent(mine.lastName)}`);
    expect(ids(admin.body)).toEqual([mine.id]);
    expect((await (await cast.admin.client()).get(`/api/referent/candidates?q=${cast.loneCandidate.email}`)).body.total).toBe(1);

    for (const person of [cast.recruiter, cast.candidate]) expect((await (await person.client()).get('/api/referent/candidates')).status).toBe(403);
    expect((await new ApiClient().get('/api/referent/candidates')).status).toBe(401);
  });

  it('counts applications per candidate', async () => {
    const candidate = await createUser('CANDIDATE', { referentId: cast.referent.id });
    expect((await (await candidate.client()).post('/api/applications', { offerId: cast.company.offerId })).status).toBe(201);
    expect((await (await candidate.client()).post('/api/applications', { offerId: cast.otherCompany.offerId })).status).toBe(201);
    const list = await (await cast.referent.client()).get(`/api/referent/candidates?q=${encodeURIComponent(candidate.email)}`);
    expect(list.body.items).toMatchObject([{ id: candidate.id, applications: 2, accountActivated: true }]);
  });
});
