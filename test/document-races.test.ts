// Documents raced against themselves (api/documents/service.ts, api/applications/service.ts): each race
// run 30 times at once, each side in a session of its own, and each ending in a clean answer — never a
// 500, never an application pointing at a deleted document, never a truncated file.
//   - applying with a CV while the candidate deletes it: either the application is created with its
//     CV and the deletion is refused (409, « joint à une candidature en cours »), or the deletion wins
//     and the application is refused (400 naming cvDocumentId), with nothing written;
//   - downloading a document while it is deleted: the whole file, or 404;
//   - deleting a document twice at once: one 204, one 404;
//   - deleting a document while an application carrying it takes long to be submitted (Temporal slow
//     to start its workflow, the CV's row held meanwhile): 409 within seconds, the document kept —
//     before, the deletion waited for the statement timeout and answered 500.
import { existsSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { DELETE_LOCK_WAIT_MS } from '../api/documents/service.js';
import { loadConfig } from '../config/env.js';
import { createCast, createUser, type Cast } from './fixtures.js';
import { pdfBytes } from './document-fixtures.js';
import { ApiClient, apiUrl, eventually, sql, type ApiResponse } from './support.js';

const RUNS = 30;
const DOCUMENTS_DIR = path.resolve(loadConfig(process.env).DATA_DIR, 'documents');

let cast: Cast;
beforeAll(async () => {
  cast = await createCast();
});

/** A fresh candidate with `sessions` sessions of their own (each its own sign-in), and one CV uploaded. */
async function candidateWithCv(sessions: number, bytes: Buffer, referentId: string | null = null) {
  const person = await createUser('CANDIDATE', { referentId });
  const clients = await Promise.all(Array.from({ length: sessions }, () => ApiClient.login(person.email)));
  const uploaded = await clients[0]!.post('/api/me/documents', { kind: 'CV', filename: 'cv.pdf', mimeType: 'application/pdf', contentBase64: bytes.toString('base64') });
  expect(uploaded.status, JSON.stringify(uploaded.body)).toBe(201);
  const [{ storage_key }] = await sql<{ storage_key: string }>(`SELECT storage_key FROM documents WHERE id = $1`, [uploaded.body.id]);
  return { person, clients, documentId: uploaded.body.id as string, storageKey: storage_key };
}

/** A few milliseconds either way, so that each side sometimes comes first. */
const jitter = (i: number) => sleep((i * 7) % 13);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const statusCount = (statuses: number[]) => statuses.reduce<Record<number, number>>((acc, s) => ({ ...acc, [s]: (acc[s] ?? 0) + 1 }), {});

function envelope(response: ApiResponse) {
  expect(response.body?.error?.code, JSON.stringify(response.body)).toBeTypeOf('string');
  expect(response.body.error.message).toBeTypeOf('string');
}

describe('applying with a CV while it is deleted', () => {
  it(`ends, ${RUNS} times at once, in one of two clean outcomes, never both nor a 500`, { timeout: 180_000 }, async () => {
    const cases = await Promise.all(Array.from({ length: RUNS }, () => candidateWithCv(2, pdfBytes('CV à la course'))));
    const results = await Promise.all(
      cases.map(async ({ clients: [applier, deleter], documentId }, i) => {
        // The application has more to check before its transaction than the deletion: the deletion
        // sets off later and later along the runs, so that each side wins some and some meet.
        const [apply, remove] = await Promise.all([
          applier!.post('/api/applications', { offerId: cast.company.offerId, cvDocumentId: documentId, message: 'Candidature pendant une suppression.' }),
          (async () => {
            await sleep(i * 12);
            return deleter!.request('DELETE', `/api/me/documents/${documentId}`);
          })(),
        ]);
        return { apply, remove };
      }),
    );

    for (const [i, { apply, remove }] of results.entries()) {
      const { person, documentId, storageKey } = cases[i]!;
      const context = `run ${i}: apply ${apply.status} ${JSON.stringify(apply.body?.error ?? '')}, delete ${remove.status} ${JSON.stringify(remove.body?.error ?? '')}`;
      const applications = await sql(`SELECT id, cv_document_id FROM applications WHERE candidate_id = $1`, [person.id]);
      const document = await sql(`SELECT id FROM documents WHERE id = $1`, [documentId]);
      if (apply.status === 201) {
        // The application won: it carries the CV, which is still there, and the deletion was refused.
        expect(remove.status, context).toBe(409);
        envelope(remove);
        expect(remove.body.error.code).toBe('CONFLICT');
        expect(remove.body.error.message).toMatch(/joint à une candidature en cours/);
        expect(applications, context).toEqual([{ id: apply.body.id, cv_document_id: documentId }]);
        expect(document, context).toHaveLength(1);
        expect(existsSync(path.join(DOCUMENTS_DIR, storageKey)), context).toBe(true);
      } else {
        // The deletion won: the application was refused naming the field, and nothing was written.
        expect(remove.status, context).toBe(204);
        expect([400, 409], context).toContain(apply.status);
        envelope(apply);
        expect(apply.body.error.message, context).toMatch(/^cvDocumentId : /);
        expect(applications, context).toEqual([]);
        expect(document, context).toEqual([]);
      }
    }
    // Never an application whose CV is gone.
    const ids = cases.map((c) => c.person.id);
    const dangling = await sql(`SELECT a.id FROM applications a WHERE a.candidate_id = ANY($1) AND (a.cv_document_id IS NULL OR NOT EXISTS (SELECT 1 FROM documents d WHERE d.id = a.cv_document_id))`, [ids]);
    expect(dangling).toEqual([]);
    console.info(`apply × delete: applications ${JSON.stringify(statusCount(results.map((r) => r.apply.status)))}, deletions ${JSON.stringify(statusCount(results.map((r) => r.remove.status)))}`);
  });
});

describe('downloading a document while it is deleted', () => {
  it(`gives the whole file or a 404, ${RUNS} times at once, never a 500 or a truncated file`, { timeout: 180_000 }, async () => {
    // About 1.5 MB each, so that a download is still streaming when the deletion goes through.
    const bytes = pdfBytes(`CV ${'x'.repeat(1_500_000)}`);
    const cases = await Promise.all(Array.from({ length: RUNS }, () => candidateWithCv(1, bytes, cast.referent.id)));
    // The référent downloads (their own session), each candidate deletes theirs.
    const referent = await ApiClient.login(cast.referent.email);
    const cookie = (referent as unknown as { cookie: string }).cookie;
    const results = await Promise.all(
      cases.map(async ({ clients: [owner], documentId }, i) => {
        const [download, remove] = await Promise.all([
          (async () => {
            if (i % 2) await jitter(i);
            const response = await fetch(`${apiUrl()}/api/documents/${documentId}/download`, { headers: { cookie } });
            const body = Buffer.from(await response.arrayBuffer());
            return { status: response.status, body, length: response.headers.get('content-length') };
          })(),
          (async () => {
            if (!(i % 2)) await jitter(i);
            return owner!.request('DELETE', `/api/me/documents/${documentId}`);
          })(),
        ]);
        return { download, remove };
      }),
    );
    for (const [i, { download, remove }] of results.entries()) {
      const context = `run ${i}: download ${download.status}, delete ${remove.status}`;
      expect(remove.status, context).toBe(204);
      expect([200, 404], context).toContain(download.status);
      if (download.status === 200) {
        expect(download.length, context).toBe(String(bytes.length));
        expect(download.body.equals(bytes), `${context}: ${download.body.length} bytes of ${bytes.length}`).toBe(true);
      } else {
        const error = JSON.parse(download.body.toString('utf8'));
        expect(error.error.code, context).toBe('NOT_FOUND');
      }
      expect(await sql(`SELECT id FROM documents WHERE id = $1`, [cases[i]!.documentId]), context).toEqual([]);
    }
    // Each file goes once its deletion is through (row first, then the file).
    await eventually(async () => cases.every((c) => !existsSync(path.join(DOCUMENTS_DIR, c.storageKey))), 10_000, 'files removed');
    const downloads = await sql(`SELECT count(*)::int AS n FROM document_downloads WHERE document_id = ANY($1)`, [cases.map((c) => c.documentId)]);
    expect(downloads[0].n).toBe(0);
    console.info(`download × delete: downloads ${JSON.stringify(statusCount(results.map((r) => r.download.status)))}`);
  });
});

describe('deleting a document twice at once', () => {
  it(`answers one 204 and one 404, ${RUNS} times at once`, { timeout: 180_000 }, async () => {
    const cases = await Promise.all(Array.from({ length: RUNS }, () => candidateWithCv(2, pdfBytes('CV supprimé deux fois'))));
    const results = await Promise.all(
      cases.map(async ({ clients: [first, second], documentId }) =>
        Promise.all([first!.request('DELETE', `/api/me/documents/${documentId}`), second!.request('DELETE', `/api/me/documents/${documentId}`)]),
      ),
    );
    for (const [i, answers] of results.entries()) {
      const context = `run ${i}: ${answers.map((a) => `${a.status} ${JSON.stringify(a.body ?? '')}`).join(', ')}`;
      expect(answers.map((a) => a.status).sort(), context).toEqual([204, 404]);
      envelope(answers.find((a) => a.status === 404)!);
      expect(await sql(`SELECT id FROM documents WHERE id = $1`, [cases[i]!.documentId])).toEqual([]);
    }
    await eventually(async () => cases.every((c) => !existsSync(path.join(DOCUMENTS_DIR, c.storageKey))), 10_000, 'files removed');
  });
});

describe('deleting a document while an application carrying it takes long to be submitted', () => {
  it('answers 409 « en cours d’envoi » within seconds and keeps the document, then deletes it once the submission is through', { timeout: 60_000 }, async () => {
    const { clients: [owner], documentId, storageKey } = await candidateWithCv(1, pdfBytes('CV pendant un envoi'));
    // What POST /api/applications holds from its check of the CV until Temporal has started the
    // workflow: the document's row, FOR KEY SHARE. Held here for longer than the statement timeout (15 s).
    const submission = new pg.Client({ connectionString: inject('databaseUrl') });
    await submission.connect();
    try {
      await submission.query('BEGIN');
      await submission.query('SELECT id FROM documents WHERE id = $1 FOR KEY SHARE', [documentId]);
      const started = Date.now();
      const refused = await owner!.request('DELETE', `/api/me/documents/${documentId}`);
      const waited = Date.now() - started;
      expect(refused.status, JSON.stringify(refused.body)).toBe(409);
      envelope(refused);
      expect(refused.body.error.code).toBe('CONFLICT');
      expect(refused.body.error.message).toMatch(/joint à une candidature en cours d’envoi.*Réessayez/);
      expect(waited).toBeGreaterThanOrEqual(DELETE_LOCK_WAIT_MS - 200);
      expect(waited).toBeLessThan(DELETE_LOCK_WAIT_MS + 5_000);
      expect(await sql(`SELECT id FROM documents WHERE id = $1`, [documentId])).toHaveLength(1);
      expect(existsSync(path.join(DOCUMENTS_DIR, storageKey))).toBe(true);
    } finally {
      await submission.query('ROLLBACK').catch(() => undefined);
      await submission.end();
    }
    // The submission gave up (or went through without this CV): the deletion goes through.
    expect((await owner!.request('DELETE', `/api/me/documents/${documentId}`)).status).toBe(204);
    expect(await sql(`SELECT id FROM documents WHERE id = $1`, [documentId])).toEqual([]);
  });
});

describe('applying while the deletion of its CV is under way', () => {
  it('waits for the deletion, then refuses naming cvDocumentId: the deletion is not broken as a deadlock', { timeout: 60_000 }, async () => {
    const { person, clients: [applier], documentId } = await candidateWithCv(1, pdfBytes('CV supprimé pendant une candidature'));
    // What DELETE /api/me/documents/:id does, held open: the document FOR UPDATE, then its deletion, whose
    // trigger rewrites the profile's search document. An application that locked the profile before
    // the CV waited here on the CV while the deletion waited on it for the profile: a deadlock, 503.
    const deletion = new pg.Client({ connectionString: inject('databaseUrl') });
    await deletion.connect();
    try {
      await deletion.query('BEGIN');
      await deletion.query('SELECT id FROM documents WHERE id = $1 FOR UPDATE', [documentId]);
      const applying = applier!.post('/api/applications', { offerId: cast.company.offerId, cvDocumentId: documentId, message: 'Candidature pendant une suppression.' });
      // The application now waits on the document's row.
      await eventually(
        async () => (await sql(`SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%FROM documents WHERE id = ''' || $1 || '''%FOR KEY SHARE'`, [documentId])).length > 0,
        10_000,
        'the application waits on the CV',
      );
      await deletion.query('DELETE FROM documents WHERE id = $1', [documentId]);
      await deletion.query('COMMIT');
      const apply = await applying;
      expect(apply.status, JSON.stringify(apply.body)).toBe(400);
      envelope(apply);
      expect(apply.body.error.message).toMatch(/^cvDocumentId : ce document vient d’être supprimé/);
      expect(await sql(`SELECT id FROM applications WHERE candidate_id = $1`, [person.id])).toEqual([]);
    } finally {
      await deletion.query('ROLLBACK').catch(() => undefined);
      await deletion.end();
    }
  });
});
