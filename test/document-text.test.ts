// Text read from uploaded documents for the CVthèque (issue #17, item 2), on the real harness (API,
// PostgreSQL, Temporal and its worker, files on disk): a real PDF, DOCX and ODT are read by their
// libraries into documents.text_content; a scan-like PDF, a damaged PDF and an image are flagged
// UNREADABLE in one attempt while the upload and the download still work; the workflow's history holds
// no word of the CV, decrypted or not; a document deleted before its reading leaves nothing behind and
// no failure; two uploads at once each get their own text; a second run writes nothing; a document
// whose start was lost is read once restarted (what the platform's start-up and reconcile --repair do).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDocumentTextActivities } from '../activities/document-text.js';
import { createMailTransport } from '../activities/mail.js';
import { restartPendingDocumentTexts } from '../api/documents/text.js';
import { loadConfig } from '../config/env.js';
import { createLogger } from '../config/logger.js';
import { createDatabase } from '../models/index.js';
import { documentTextWorkflowId } from '../workflows/document-text.js';
import { workflowHistoryOf, type HistoryEvent } from './drivers.js';
import { DAMAGED_PDF, PNG, pdfBytes, pdfWithoutText } from './document-fixtures.js';
import { createUser, type Person } from './fixtures.js';
import { docxBytes, odtBytes } from './office-fixtures.js';
import { ApiClient, apiUrl, decodePayloads, eventually, sql, temporalClient } from './support.js';

const PDF = 'application/pdf';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const ODT = 'application/vnd.oasis.opendocument.text';

const upload = (client: ApiClient, bytes: Buffer, filename: string, mimeType: string, kind = 'CV') =>
  client.post('/api/me/documents', { kind, filename, mimeType, contentBase64: bytes.toString('base64') });

interface TextRow {
  text_status: string | null;
  text_content: string | null;
  text_extracted_at: Date | null;
}
const textOf = async (id: string): Promise<TextRow | undefined> =>
  (await sql<TextRow>(`SELECT text_status, text_content, text_extracted_at FROM documents WHERE id = $1`, [id]))[0];

/** The document once read (a bounded wait on PostgreSQL), with the status it ended in. */
const readDocument = (id: string, status: 'EXTRACTED' | 'UNREADABLE' = 'EXTRACTED') =>
  eventually(async () => {
    const row = await textOf(id);
    return row?.text_status === status ? row : undefined;
  }, 45_000, `document ${id} ${status}`);

/** The workflow's result once it closed (it may still be finishing its last task when the row is written). */
async function resultOf(documentId: string): Promise<string> {
  return (await temporalClient()).workflow.getHandle(documentTextWorkflowId(documentId)).result();
}

/** Every payload of a history, decrypted as the worker reads them, as text. */
async function decodedPayloadsOf(events: HistoryEvent[]): Promise<string[]> {
  const found: { metadata?: Record<string, Uint8Array> | null; data?: Uint8Array | null }[] = [];
  const walk = (value: unknown) => {
    if (!value || typeof value !== 'object') return;
    if (Array.isArray(value)) return value.forEach(walk);
    const record = value as Record<string, unknown>;
    if (Array.isArray(record.payloads)) found.push(...(record.payloads as typeof found));
    for (const [key, child] of Object.entries(record)) if (key !== 'payloads') walk(child);
  };
  walk(events);
  const decoded = await decodePayloads(found as never);
  return decoded.map((p) => Buffer.from(p.data ?? []).toString('utf8'));
}

let candidate: Person;
let client: ApiClient;
const sequelize = createDatabase(inject('databaseUrl'), { poolMax: 2 });
const config = loadConfig({ ...process.env, PUBLIC_URL: inject('apiUrl') });
const activities = createDocumentTextActivities({ sequelize, config, logger: createLogger('silent'), mailTransport: createMailTransport(inject('smtpUrl')) });

beforeAll(async () => {
  candidate = await createUser('CANDIDATE');
  client = await candidate.client();
});

afterAll(async () => {
  await sequelize.close();
});

describe('text read from a real PDF, DOCX and ODT', () => {
  const word = randomUUID().slice(0, 6);
  const files = [
    { format: 'PDF', mime: PDF, name: 'cv.pdf', words: [`Soudeur${word}`, 'chaudronnerie', 'TIG'], bytes: async () => pdfBytes(`Soudeur${word} TIG   chaudronnerie`) },
    {
      format: 'DOCX',
      mime: DOCX,
      name: 'cv.docx',
      words: [`Vendeuse${word}`, 'boulangerie', 'Responsable', 'diplômée'],
      bytes: () => docxBytes([`Vendeuse${word} en boulangerie`, '', 'Responsable de rayon,   diplômée']),
    },
    { format: 'ODT', mime: ODT, name: 'cv.odt', words: [`Cariste${word}`, 'CACES', 'Entrepôt'], bytes: () => odtBytes([`Cariste${word}`, 'CACES 3 — Entrepôt logistique']) },
  ];

  it.each(files)('$format: uploaded (201, PENDING), then EXTRACTED with its words, whitespace normalised; the list says so', async ({ mime, name, words, bytes }) => {
    const before = new Date();
    const created = await upload(client, await bytes(), name, mime);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.mimeType).toBe(mime);
    expect(['PENDING', 'EXTRACTED']).toContain(created.body.textStatus);

    const row = await readDocument(created.body.id);
    for (const w of words) expect(row.text_content).toContain(w);
    expect(row.text_content).not.toMatch(/ {2}|\n\n|^\s|\s$/);
    expect(row.text_extracted_at).not.toBeNull();
    expect(await resultOf(created.body.id)).toBe('EXTRACTED');

    const list = await client.get('/api/me/documents');
    expect(list.body.items.find((d: { id: string }) => d.id === created.body.id)).toMatchObject({ textStatus: 'EXTRACTED' });
    expect(JSON.stringify(list.body)).not.toContain(words[0]);
    // The upload is the candidate's « dernière activité ».
    const [{ last_activity_at }] = await sql(`SELECT last_activity_at FROM candidate_profiles WHERE user_id = $1`, [candidate.id]);
    expect(new Date(last_activity_at).getTime()).toBeGreaterThanOrEqual(before.getTime() - 1_000);
  });

  it('keeps the text out of the workflow’s history: decrypted, its payloads hold the document id and the status, no word of the CV', async () => {
    const secret = `Fauteuil${randomUUID().slice(0, 6)}`;
    const created = await upload(client, await docxBytes([`${secret} RQTH reconnaissance travailleur handicapé`, 'Magasinier']), 'cv-prive.docx', DOCX);
    expect(created.status).toBe(201);
    expect((await readDocument(created.body.id)).text_content).toContain(secret);
    expect(await resultOf(created.body.id)).toBe('EXTRACTED');

    const events = await workflowHistoryOf(documentTextWorkflowId(created.body.id));
    const payloads = await decodedPayloadsOf(events);
    expect(payloads.length).toBeGreaterThanOrEqual(3); // input, activity input and result, workflow result
    expect(payloads.some((p) => p.includes(created.body.id))).toBe(true);
    expect(payloads.some((p) => p.includes('EXTRACTED'))).toBe(true);
    for (const p of payloads) {
      expect(p).not.toContain(secret);
      expect(p).not.toContain('Magasinier');
      expect(p).not.toContain('RQTH');
    }
    // Nor in clear anywhere in the raw history (payloads are encrypted, failures would carry messages).
    const raw = JSON.stringify(events);
    expect(raw).not.toContain(secret);
    expect(raw).not.toContain(Buffer.from(secret).toString('base64').slice(0, 8));
  });
});

describe('a file without readable text is flagged, not fatal', () => {
  it.each([
    { what: 'a PDF of shapes only (as a scan reads)', bytes: pdfWithoutText(), name: 'scan.pdf', mime: PDF },
    { what: 'a damaged PDF', bytes: DAMAGED_PDF, name: 'abime.pdf', mime: PDF },
    { what: 'an image', bytes: PNG, name: 'photo-du-cv.png', mime: 'image/png' },
  ])('$what: 201, then UNREADABLE in one attempt (no retry), the workflow completed, the file still downloadable', async ({ bytes, name, mime }) => {
    const created = await upload(client, bytes, name, mime);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const row = await readDocument(created.body.id, 'UNREADABLE');
    expect(row.text_content).toBeNull();
    expect(row.text_extracted_at).not.toBeNull();
    expect(await resultOf(created.body.id)).toBe('UNREADABLE');

    const events = await workflowHistoryOf(documentTextWorkflowId(created.body.id));
    const started = events.filter((e) => e.activityTaskStartedEventAttributes);
    expect(started).toHaveLength(1);
    expect(started[0]!.activityTaskStartedEventAttributes!.attempt).toBe(1);
    expect(events.some((e) => e.activityTaskFailedEventAttributes || e.workflowExecutionFailedEventAttributes)).toBe(false);

    const list = await client.get('/api/me/documents');
    expect(list.body.items.find((d: { id: string }) => d.id === created.body.id)).toMatchObject({ textStatus: 'UNREADABLE' });
    const cookie = client.cookie;
    const download = await fetch(`${apiUrl()}${created.body.downloadUrl}`, { headers: { cookie } });
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).equals(bytes)).toBe(true);
  });
});

describe('deletion, concurrency, idempotence, restart', () => {
  it('a document deleted before its reading: nothing written, the run completes (GONE), no failure', async () => {
    // Deterministic: the activity and the workflow for a document that no longer exists.
    const person = await createUser('CANDIDATE');
    const own = await person.client();
    const created = await upload(own, pdfBytes('Boulanger'), 'cv.pdf', PDF);
    expect(created.status).toBe(201);
    expect((await own.request('DELETE', `/api/me/documents/${created.body.id}`)).status).toBe(204);
    expect(await activities.extractDocumentText({ documentId: created.body.id })).toBe('GONE');
    expect(await textOf(created.body.id)).toBeUndefined();
    // Its own run (started at the upload) ended without failure, whichever of the two came first.
    expect(['GONE', 'EXTRACTED']).toContain(await resultOf(created.body.id));

    const missing = randomUUID();
    const handle = await (await temporalClient()).workflow.start('documentTextWorkflow', {
      workflowId: documentTextWorkflowId(missing),
      taskQueue: inject('taskQueue'),
      args: [{ documentId: missing }],
    });
    expect(await handle.result()).toBe('GONE');
    expect(await sql(`SELECT 1 FROM documents WHERE id = $1`, [missing])).toHaveLength(0);

    // Deleted right after the upload, racing its reading: no row comes back, no run fails.
    const racing = await upload(own, await odtBytes(['Pâtissière']), 'cv.odt', ODT);
    expect(racing.status).toBe(201);
    expect((await own.request('DELETE', `/api/me/documents/${racing.body.id}`)).status).toBe(204);
    expect(['GONE', 'EXTRACTED']).toContain(await resultOf(racing.body.id));
    expect(await textOf(racing.body.id)).toBeUndefined();
  });

  it('two uploads at once: each document gets its own text', async () => {
    const person = await createUser('CANDIDATE');
    const own = await person.client();
    const [a, b] = await Promise.all([
      upload(own, await docxBytes(['Jardinier paysagiste', 'Élagage']), 'jardin.docx', DOCX),
      upload(own, pdfBytes('Electricien batiment habilitation'), 'elec.pdf', PDF),
    ]);
    expect([a.status, b.status]).toEqual([201, 201]);
    const [ra, rb] = await Promise.all([readDocument(a.body.id), readDocument(b.body.id)]);
    expect(ra.text_content).toContain('Jardinier paysagiste');
    expect(ra.text_content).not.toContain('Electricien');
    expect(rb.text_content).toContain('Electricien batiment');
    expect(rb.text_content).not.toContain('Jardinier');
  });

  it('a second run writes nothing (same text, same time), and says the same', async () => {
    const created = await upload(client, await odtBytes(['Agent de propreté', 'Autolaveuse']), 'cv-2.odt', ODT);
    const first = await readDocument(created.body.id);
    expect(await activities.extractDocumentText({ documentId: created.body.id })).toBe('EXTRACTED');
    const second = await textOf(created.body.id);
    expect(second).toEqual(first);
  });

  it('a document left PENDING (its start lost) is read once restarted; a young PENDING one is left to its own start', async () => {
    const created = await upload(client, pdfBytes('Menuisier agenceur'), 'menuisier.pdf', PDF);
    await readDocument(created.body.id);
    await resultOf(created.body.id);
    // As if the start after the upload had failed a while ago.
    await sql(`UPDATE documents SET text_status = 'PENDING', text_content = NULL, text_extracted_at = NULL, created_at = now() - interval '2 minutes' WHERE id = $1`, [created.body.id]);
    const young = await upload(client, pdfBytes('Plombier'), 'plombier.pdf', PDF);
    await readDocument(young.body.id);
    await sql(`UPDATE documents SET text_status = 'PENDING', text_content = NULL WHERE id = $1`, [young.body.id]);

    const outcome = await restartPendingDocumentTexts({ sequelize, temporal: await temporalClient(), taskQueue: inject('taskQueue') });
    expect(outcome.started).toBeGreaterThanOrEqual(1);
    expect(outcome.failed).toBe(0);
    expect((await readDocument(created.body.id)).text_content).toBe('Menuisier agenceur');
    expect(await textOf(young.body.id)).toMatchObject({ text_status: 'PENDING', text_content: null });
  });
});
