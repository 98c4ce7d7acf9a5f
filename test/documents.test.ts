// Candidate documents end to end on the real harness (API, PostgreSQL, Temporal, files on disk): upload
// checked by content (a real small PDF and PNG pass; an executable or an HTML page named .pdf do not),
// the size limit and its status, where the bytes live (under DATA_DIR/documents, by a random key, out
// of every URL but the download route), who may download (a table from PRODUCT.md and the brief:
// 404 for everyone else, including the company's recruiters before the référent validated), each
// download recorded, an application's documents, and deletion (refused while a live application
// carries the document).
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { documentService } from '../api/documents/service.js';
import { newStorageKey } from '../api/documents/storage.js';
import { loadConfig } from '../config/env.js';
import { createLogger } from '../config/logger.js';
import { createDatabase, type User } from '../models/index.js';
import { act } from './drivers.js';
import { createCast, createUser, type Cast, type Person } from './fixtures.js';
import { EXE, HTML, PNG, pdfBytes } from './document-fixtures.js';
import { ApiClient, apiUrl, sql } from './support.js';

/** Where the platform of the harness keeps documents (global-setup passes this environment on). */
const DOCUMENTS_DIR = path.resolve(loadConfig(process.env).DATA_DIR, 'documents');

const upload = (client: ApiClient, bytes: Buffer, filename = 'cv.pdf', kind = 'CV', mimeType = 'application/pdf') =>
  client.post('/api/me/documents', { kind, filename, mimeType, contentBase64: bytes.toString('base64') });

/** A raw GET with a person's session: the bytes and headers as they came. */
async function raw(person: Person | ApiClient, pathname: string): Promise<{ status: number; bytes: Buffer; headers: Headers }> {
  const client = person instanceof ApiClient ? person : await person.client();
  const cookie = (client as unknown as { cookie: string }).cookie;
  const response = await fetch(`${apiUrl()}${pathname}`, { headers: cookie ? { cookie } : {}, redirect: 'manual' });
  return { status: response.status, bytes: Buffer.from(await response.arrayBuffer()), headers: response.headers };
}

const downloadsOf = (documentId: string) =>
  sql<{ user_id: string; user_role: string; ip: string | null }>(`SELECT user_id, user_role, ip FROM document_downloads WHERE document_id = $1 ORDER BY id`, [documentId]);

let cast: Cast;
beforeAll(async () => {
  cast = await createCast();
});

describe('upload: the type read from the content, the size bounded, the bytes on disk', () => {
  it('stores a real PDF and a real PNG, under DATA_DIR/documents by a random key, row and file consistent', async () => {
    const candidate = await cast.loneCandidate.client();
    const bytes = pdfBytes('Camille');
    const created = await upload(candidate, bytes, 'Mon CV.pdf');
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ kind: 'CV', filename: 'Mon CV.pdf', mimeType: 'application/pdf', sizeBytes: bytes.length, liveApplications: 0 });
    expect(created.body.downloadUrl).toBe(`/api/documents/${created.body.id}/download`);

    const [row] = await sql(`SELECT * FROM documents WHERE id = $1`, [created.body.id]);
    expect(row).toMatchObject({ candidate_id: cast.loneCandidate.id, mime_type: 'application/pdf', size_bytes: bytes.length });
    expect(row.storage_key).toMatch(/^[0-9a-f]{48}$/);
    const file = path.join(DOCUMENTS_DIR, row.storage_key);
    expect(readFileSync(file).equals(bytes)).toBe(true);
    // Nothing of the name a person typed reaches the disk, and no temporary file stays behind.
    expect(readdirSync(DOCUMENTS_DIR).some((name) => name.includes('CV'))).toBe(false);

    // A PNG whose name says .pdf: stored as the PNG it is, its name given the right extension.
    const png = await upload(candidate, PNG, 'photo.pdf', 'OTHER', 'application/pdf');
    expect(png.status, JSON.stringify(png.body)).toBe(201);
    expect(png.body).toMatchObject({ kind: 'OTHER', mimeType: 'image/png', filename: 'photo.pdf.png', sizeBytes: PNG.length });

    const list = await candidate.get('/api/me/documents');
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ total: 2, page: 1 });
    expect(list.body.items.map((d: { id: string }) => d.id)).toEqual([png.body.id, created.body.id]);
  });

  it('refuses a .pdf that is really an executable or an HTML page, naming what the content is; nothing is stored', async () => {
    const person = await createUser('CANDIDATE');
    const candidate = await person.client();
    const exe = await upload(candidate, EXE, 'cv.pdf');
    expect(exe.status).toBe(415);
    expect(exe.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(exe.body.error.message).toContain('application/x-msdownload');
    expect(exe.body.error.message).toContain('PDF, Word (DOCX)');

    const html = await upload(candidate, HTML, 'cv.pdf');
    expect(html.status).toBe(415);
    expect(html.body.error.message).toMatch(/aucun format de document reconnu/);

    expect(await sql(`SELECT id FROM documents WHERE candidate_id = $1`, [person.id])).toEqual([]);
  });

  it('refuses a file over 5 MB with 413 and a message about the file; other routes keep their 100 KB bound', async () => {
    const candidate = await cast.loneCandidate.client();
    const pdf = pdfBytes();
    const tooBig = Buffer.concat([pdf, Buffer.alloc(5 * 1024 * 1024 + 1 - pdf.length, 0x20)]);
    const refused = await upload(candidate, tooBig, 'gros.pdf');
    expect(refused.status).toBe(413);
    expect(refused.body.error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    expect(refused.body.error.message).toMatch(/Fichier trop volumineux : 5 Mo au plus/);

    // Exactly 5 MB goes through.
    const limit = Buffer.concat([pdf, Buffer.alloc(5 * 1024 * 1024 - pdf.length, 0x20)]);
    const accepted = await upload(candidate, limit, 'limite.pdf');
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(201);
    await candidate.request('DELETE', `/api/me/documents/${accepted.body.id}`);

    // A body beyond what a 5 MB file can make: refused while reading it, same message.
    const huge = await candidate.post('/api/me/documents', { kind: 'CV', filename: 'x.pdf', mimeType: 'application/pdf', contentBase64: 'A'.repeat(8 * 1024 * 1024) });
    expect(huge.status).toBe(413);
    expect(huge.body.error.message).toMatch(/Fichier trop volumineux/);

    // Everywhere else: 100 KB.
    const [offer] = await sql(`SELECT id FROM offers WHERE company_id = $1`, [cast.company.id]);
    const big = await candidate.post('/api/applications', { offerId: offer.id, message: 'x'.repeat(200 * 1024) });
    expect(big.status).toBe(413);
  });

  it('takes JSON only (the CSRF rule), from a signed-in candidate only', async () => {
    const candidate = await cast.loneCandidate.client();
    const form = await candidate.request('POST', '/api/me/documents', '--x\r\nContent-Disposition: form-data; name="file"; filename="cv.pdf"\r\n\r\n%PDF-1.4\r\n--x--', {
      'content-type': 'multipart/form-data; boundary=x',
    });
    expect(form.status).toBe(415);
    const foreign = await candidate.post('/api/me/documents', { kind: 'CV', filename: 'cv.pdf', contentBase64: pdfBytes().toString('base64') }, { origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);

    expect((await upload(new ApiClient(), pdfBytes())).status).toBe(401);
    const recruiter = await upload(await cast.recruiter.client(), pdfBytes());
    expect(recruiter.status).toBe(403);
    expect((await (await cast.recruiter.client()).get('/api/me/documents')).status).toBe(403);

    const invalid = await candidate.post('/api/me/documents', { kind: 'PHOTO', filename: '', contentBase64: '***' });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.message).toMatch(/kind/);
  });

  it('keeps a safe file name: no directory, no control characters, one attachment header', async () => {
    const candidate = await cast.loneCandidate.client();
    const created = await upload(candidate, pdfBytes(), '../../etc/pa"ss\r\nX-Injected: oui.pdf');
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.filename).toBe('pa_ss X-Injected_ oui.pdf');
    const file = await raw(candidate, created.body.downloadUrl);
    expect(file.status).toBe(200);
    expect(file.headers.get('x-injected')).toBeNull();
    expect(file.headers.get('content-disposition')).toBe('attachment; filename="pa_ss X-Injected_ oui.pdf"');
    await candidate.request('DELETE', `/api/me/documents/${created.body.id}`);
  });

  it('bounds how many documents one candidate keeps', async () => {
    const person = await createUser('CANDIDATE');
    const candidate = await person.client();
    for (let i = 0; i < 20; i++) expect((await upload(candidate, PNG, `image-${i}.png`, 'OTHER', 'image/png')).status).toBe(201);
    const refused = await upload(candidate, PNG, 'une-de-trop.png', 'OTHER', 'image/png');
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toMatch(/20 documents/);
  });
});

describe('download: who may, with which headers, each download recorded', () => {
  let candidate: Person;
  let documentId = '';
  let applicationId = '';
  const bytes = pdfBytes('Dossier');

  beforeAll(async () => {
    candidate = await createUser('CANDIDATE', { referentId: cast.referent.id });
    const created = await upload(await candidate.client(), bytes, 'CV Léa Durand.pdf');
    expect(created.status).toBe(201);
    documentId = created.body.id;
    const applied = await (await candidate.client()).post('/api/applications', { offerId: cast.company.offerId, cvDocumentId: documentId, message: 'Bonjour' });
    expect(applied.status, JSON.stringify(applied.body)).toBe(201);
    expect(applied.body.status).toBe('PENDING_REFERENT_VALIDATION');
    applicationId = applied.body.id;
  });

  it('serves the owner the file as an attachment, with its stored type and nosniff', async () => {
    const file = await raw(candidate, `/api/documents/${documentId}/download`);
    expect(file.status).toBe(200);
    expect(file.bytes.equals(bytes)).toBe(true);
    expect(file.headers.get('content-type')).toBe('application/pdf');
    expect(file.headers.get('x-content-type-options')).toBe('nosniff');
    expect(file.headers.get('content-disposition')).toBe(`attachment; filename="CV L?a Durand.pdf"; filename*=UTF-8''CV%20L%C3%A9a%20Durand.pdf`);
    expect(file.headers.get('cache-control')).toBe('private, no-store');
    expect(file.headers.get('content-security-policy')).toContain('sandbox');
  });

  it('before the référent validated: the candidate’s side may, the company may not (404), nor anyone else', async () => {
    const outcomes: Record<string, number> = {};
    for (const [name, person] of Object.entries({
      referent: cast.referent,
      missionOfficer: cast.missionOfficer,
      admin: cast.admin,
      recruiter: cast.recruiter,
      colleague: cast.colleague,
      otherRecruiter: cast.otherRecruiter,
      otherReferent: cast.otherReferent,
      otherMissionOfficer: cast.otherMissionOfficer,
      otherCandidate: cast.otherCandidate,
    })) {
      outcomes[name] = (await raw(person, `/api/documents/${documentId}/download`)).status;
    }
    expect(outcomes).toEqual({
      referent: 200,
      missionOfficer: 200,
      admin: 200,
      recruiter: 404,
      colleague: 404,
      otherRecruiter: 404,
      otherReferent: 404,
      otherMissionOfficer: 404,
      otherCandidate: 404,
    });
    expect((await raw(new ApiClient(), `/api/documents/${documentId}/download`)).status).toBe(401);
    const recruiterView = await (await cast.recruiter.client()).get(`/api/applications/${applicationId}/documents`);
    expect(recruiterView.status).toBe(404);
    const referentView = await (await cast.referent.client()).get(`/api/applications/${applicationId}/documents`);
    expect(referentView.status).toBe(200);
    expect(referentView.body.items).toMatchObject([{ id: documentId, kind: 'CV', filename: 'CV Léa Durand.pdf', liveApplications: 1 }]);
  });

  it('once the référent validated: the company’s recruiters may, other companies still may not', async () => {
    await act('application', cast.referent, applicationId, { action: 'validate' }, 'PENDING_RECRUITER');
    for (const person of [cast.recruiter, cast.colleague]) {
      const file = await raw(person, `/api/documents/${documentId}/download`);
      expect(file.status).toBe(200);
      expect(file.bytes.equals(bytes)).toBe(true);
    }
    expect((await raw(cast.otherRecruiter, `/api/documents/${documentId}/download`)).status).toBe(404);
    const listed = await (await cast.recruiter.client()).get(`/api/applications/${applicationId}/documents`);
    expect(listed.status).toBe(200);
    expect(listed.body).toMatchObject({ total: 1, items: [{ id: documentId, downloadUrl: `/api/documents/${documentId}/download` }] });
    expect((await (await cast.otherRecruiter.client()).get(`/api/applications/${applicationId}/documents`)).status).toBe(404);
    // A document of this candidate that no application carries stays out of the company's reach.
    const other = await upload(await candidate.client(), PNG, 'autre.png', 'OTHER', 'image/png');
    expect((await raw(cast.recruiter, other.body.downloadUrl)).status).toBe(404);
    expect((await raw(cast.referent, other.body.downloadUrl)).status).toBe(200);
  });

  it('records every download (who, role, when, from where), and none of the refused ones', async () => {
    const rows = await downloadsOf(documentId);
    const byRole = rows.reduce<Record<string, number>>((counts, row) => ({ ...counts, [row.user_role]: (counts[row.user_role] ?? 0) + 1 }), {});
    expect(byRole).toEqual({ CANDIDATE: 1, REFERENT: 1, MISSION_OFFICER: 1, ADMIN: 1, RECRUITER: 2 });
    expect(rows.map((r) => r.user_id)).toEqual([candidate.id, cast.referent.id, cast.missionOfficer.id, cast.admin.id, cast.recruiter.id, cast.colleague.id]);
    expect(rows.every((r) => typeof r.ip === 'string' && r.ip.length > 0)).toBe(true);
    const [{ at }] = await sql(`SELECT max(at) AS at FROM document_downloads WHERE document_id = $1`, [documentId]);
    expect(Date.now() - new Date(at).getTime()).toBeLessThan(5 * 60_000);
  });

  it('is reachable by no URL but the download route', async () => {
    const [{ storage_key: key }] = await sql(`SELECT storage_key FROM documents WHERE id = $1`, [documentId]);
    const dataDir = loadConfig(process.env).DATA_DIR;
    const guesses = [
      `/${key}`,
      `/documents/${key}`,
      `/${dataDir}/documents/${key}`,
      `/${path.basename(path.resolve(dataDir))}/documents/${key}`,
      `/api/documents/${key}`,
      `/api/documents/${key}/download`,
      `/api/documents/${documentId}`,
      `/api/documents/..%2f..%2f${key}/download`,
      `/assets/../../${dataDir}/documents/${key}`,
    ];
    for (const guess of guesses) {
      const answer = await raw(candidate, guess);
      expect(answer.bytes.includes(Buffer.from('%PDF-1.4')), guess).toBe(false);
      expect(answer.headers.get('content-type') ?? '', guess).not.toContain('application/pdf');
    }
  });
});

describe('delete: the owner only, never under a live application', () => {
  it('refuses while a live application carries it, then deletes it (file too) once the application is closed', async () => {
    const candidate = await createUser('CANDIDATE', { referentId: cast.referent.id });
    const client = await candidate.client();
    const created = await upload(client, pdfBytes('Supprime'), 'cv.pdf');
    const applied = await client.post('/api/applications', { offerId: cast.company.offerId, cvDocumentId: created.body.id });
    expect(applied.status, JSON.stringify(applied.body)).toBe(201);
    expect((await client.get('/api/me/documents')).body.items[0]).toMatchObject({ id: created.body.id, liveApplications: 1 });

    // Someone else's document: as if it did not exist.
    expect((await (await cast.loneCandidate.client()).request('DELETE', `/api/me/documents/${created.body.id}`)).status).toBe(404);
    expect((await (await cast.referent.client()).request('DELETE', `/api/me/documents/${created.body.id}`)).status).toBe(403);

    const refused = await client.request('DELETE', `/api/me/documents/${created.body.id}`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('CONFLICT');
    expect(refused.body.error.message).toContain('Technicien de maintenance H/F (Entreprise A)');
    expect(refused.body.error.details.applicationIds).toEqual([applied.body.id]);

    const [{ storage_key: key }] = await sql(`SELECT storage_key FROM documents WHERE id = $1`, [created.body.id]);
    expect(existsSync(path.join(DOCUMENTS_DIR, key))).toBe(true);
    await act('application', client, applied.body.id, { action: 'withdraw' }, 'WITHDRAWN');
    const deleted = await client.request('DELETE', `/api/me/documents/${created.body.id}`);
    expect(deleted.status).toBe(204);
    expect(existsSync(path.join(DOCUMENTS_DIR, key))).toBe(false);
    expect(await sql(`SELECT id FROM documents WHERE id = $1`, [created.body.id])).toEqual([]);
    const [application] = await sql(`SELECT cv_document_id FROM applications WHERE id = $1`, [applied.body.id]);
    expect(application.cv_document_id).toBeNull();
    expect((await raw(candidate, created.body.downloadUrl)).status).toBe(404);
    expect((await client.get(`/api/applications/${applied.body.id}/documents`)).body.items).toEqual([]);
  });
});

describe('under faults: the row and the file together or neither', () => {
  const sequelize = createDatabase(inject('databaseUrl'), { poolMax: 2 });
  const logger = createLogger('silent');
  afterAll(() => sequelize.close());

  it('leaves no row when the file cannot be written', async () => {
    const person = await createUser('CANDIDATE');
    // A data directory whose "documents" is a file: every write fails (even as root).
    const dataDir = mkdtempSync(path.join(tmpdir(), 'tremplin-faults-'));
    writeFileSync(path.join(dataDir, 'documents'), 'not a directory');
    const service = documentService({ sequelize, config: { DATA_DIR: dataDir }, logger });
    const user = { id: person.id, role: 'CANDIDATE' } as User;
    await expect(service.upload(user, { kind: 'CV', filename: 'cv.pdf', mimeType: 'application/pdf', contentBase64: pdfBytes().toString('base64') })).rejects.toThrow(
      /ENOTDIR|EEXIST|not a directory/i,
    );
    expect(await sql(`SELECT id FROM documents WHERE candidate_id = $1`, [person.id])).toEqual([]);
  });

  it('sweeps what a crash left: stale temporary files and files without a row, never a file that has one', async () => {
    const person = await createUser('CANDIDATE');
    const dataDir = mkdtempSync(path.join(tmpdir(), 'tremplin-sweep-'));
    const service = documentService({ sequelize, config: { DATA_DIR: dataDir }, logger });
    const created = await service.upload({ id: person.id, role: 'CANDIDATE' } as User, {
      kind: 'CV',
      filename: 'cv.pdf',
      mimeType: 'application/pdf',
      contentBase64: pdfBytes().toString('base64'),
    });
    const [{ storage_key: kept }] = await sql(`SELECT storage_key FROM documents WHERE id = $1`, [created.id]);
    const dir = path.join(dataDir, 'documents');
    mkdirSync(dir, { recursive: true });
    const orphan = newStorageKey();
    const fresh = newStorageKey();
    writeFileSync(path.join(dir, orphan), 'orphan');
    writeFileSync(path.join(dir, fresh), 'being written right now');
    writeFileSync(path.join(dir, `.tmp-${orphan}-dead`), 'half a file');
    const old = new Date(Date.now() - 2 * 3_600_000);
    for (const name of [kept, orphan, `.tmp-${orphan}-dead`]) utimesSync(path.join(dir, name), old, old);

    expect(await service.sweep()).toBe(2);
    expect(readdirSync(dir).sort()).toEqual([kept, fresh].sort());
  });
});

describe('the OpenAPI document', () => {
  it('documents the document routes', async () => {
    const doc = (await new ApiClient().get('/api/openapi.json')).body;
    expect(Object.keys(doc.paths['/me/documents'])).toEqual(expect.arrayContaining(['get', 'post']));
    expect(doc.paths['/me/documents'].post.responses).toHaveProperty('413');
    expect(doc.paths['/me/documents/{id}']).toHaveProperty('delete');
    expect(doc.paths['/documents/{id}/download']).toHaveProperty('get');
    expect(doc.paths['/applications/{id}/documents']).toHaveProperty('get');
    expect(inject('apiUrl')).toBeTruthy();
  });
});
