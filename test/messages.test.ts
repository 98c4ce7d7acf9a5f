// Application threads through the API (issue #16, item 3): who reads and who writes, when a thread
// opens and closes, a document attached and downloaded by the recruiter, unread counts and read
// markers, two posts at once, and the digest mail (signal-with-start, MESSAGE_DIGEST_DELAY = 3 s on the
// harness): one mail for three messages in a row, none for a thread read before the delay.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { messageDigestWorkflowId } from '../workflows/message-digest.js';
import { pdfBytes } from './document-fixtures.js';
import { act, digestsTo, postMessage, reach, runStatus } from './drivers.js';
import { createCast, createUser, type Cast } from './fixtures.js';
import { eventually, sql } from './support.js';

let cast: Cast;
beforeAll(async () => {
  cast = await createCast();
});

const sent = async () => reach('application', 'PENDING_RECRUITER', cast);

describe('an application thread', () => {
  it('is read by whoever sees the application, written by the candidate, their référent and the company’s recruiters', async () => {
    const app = await sent();
    const mine = await postMessage(app.candidate!, app.id, 'Bonjour, je suis disponible le matin.');
    expect(mine.status, JSON.stringify(mine.body)).toBe(201);
    expect(mine.body).toMatchObject({ mine: true, body: 'Bonjour, je suis disponible le matin.', author: { role: 'CANDIDATE' } });
    // Each message says who can read it.
    expect(mine.body.readers).toMatch(/^Lisible par : les recruteurs d’Entreprise A, .*\(personne candidate\), .*\(référent\), .*\(chargé de mission\) et l’équipe Tremplin\.$/);
    expect((await postMessage(cast.referent, app.id, 'Je confirme, le référent.')).status).toBe(201);
    expect((await postMessage(cast.recruiter, app.id, 'Merci, nous revenons vers vous.')).status).toBe(201);

    for (const reader of [app.candidate!, cast.referent, cast.recruiter, cast.colleague, cast.missionOfficer, cast.admin]) {
      const thread = await (await reader.client()).get(`/api/applications/${app.id}/messages`);
      expect(thread.status).toBe(200);
      expect(thread.body.items.map((m: { body: string }) => m.body)).toEqual(['Bonjour, je suis disponible le matin.', 'Je confirme, le référent.', 'Merci, nous revenons vers vous.']);
      expect(thread.body.readers.map((r: { role: string }) => r.role)).toEqual(['RECRUITER', 'CANDIDATE', 'REFERENT', 'MISSION_OFFICER', 'ADMIN']);
    }
    // Readers who write nothing: 403 with the reason; others: 404, as for an application they may not see.
    for (const reader of [cast.missionOfficer, cast.admin]) {
      const refused = await postMessage(reader, app.id, 'Puis-je écrire ?');
      expect(refused.status).toBe(403);
      expect(refused.body.error.message).toMatch(/seuls l’entreprise, la personne candidate et son référent/);
      expect((await (await reader.client()).get(`/api/applications/${app.id}/messages`)).body.cannotPost).toMatch(/lire ce fil/);
    }
    for (const stranger of [cast.otherRecruiter, cast.otherReferent, cast.otherCandidate, cast.otherMissionOfficer]) {
      expect((await (await stranger.client()).get(`/api/applications/${app.id}/messages`)).status).toBe(404);
      expect((await postMessage(stranger, app.id, 'Intrus')).status).toBe(404);
    }
    // « Lu par » : the candidate's message was read by everyone who opened the thread since.
    const seen = await (await app.candidate!.client()).get(`/api/applications/${app.id}/messages`);
    expect(seen.body.items[0].readBy.join(' ; ')).toMatch(/\(Entreprise A\)/);
    expect(seen.body.items[0].readBy.join(' ; ')).toMatch(/\(référent\)/);
    expect((await sql(`SELECT count(*)::int AS n FROM application_messages WHERE application_id = $1`, [app.id]))[0].n).toBe(3);
  });

  it('refuses bad bodies in French under their field, and opens only once the company has the application', async () => {
    const app = await sent();
    for (const [body, reason] of [['   ', /^Écrivez votre message/], ['x'.repeat(5_001), /5\s000 caractères au plus/]] as const) {
      const refused = await postMessage(app.candidate!, app.id, body);
      expect(refused.status).toBe(400);
      expect(refused.body.error.details.fields).toEqual([{ field: 'body', message: expect.stringMatching(reason) }]);
    }
    const pending = await reach('application', 'PENDING_REFERENT_VALIDATION', cast);
    const early = await postMessage(pending.candidate!, pending.id, 'Déjà là ?');
    expect(early.status).toBe(409);
    expect(early.body.error).toMatchObject({ code: 'CONFLICT', details: { state: 'NOT_YET' } });
    expect(early.body.error.message).toMatch(/transmise à l’entreprise/);
    expect((await (await cast.recruiter.client()).get(`/api/applications/${pending.id}/messages`)).status).toBe(404);
    expect((await sql(`SELECT count(*)::int AS n FROM application_messages WHERE application_id = $1`, [pending.id]))[0].n).toBe(0);
  });

  it('stays writable 7 days after the application closed, then is read-only', async () => {
    const app = await sent();
    await act('application', app.candidate!, app.id, { action: 'withdraw' }, 'WITHDRAWN');
    expect((await postMessage(cast.recruiter, app.id, 'Merci de nous avoir prévenus.')).status).toBe(201);
    await sql(`UPDATE applications SET status_changed_at = now() - interval '8 days' WHERE id = $1`, [app.id]);
    const late = await postMessage(app.candidate!, app.id, 'Encore un mot');
    expect(late.status).toBe(409);
    expect(late.body.error.details.state).toBe('CLOSED');
    const thread = await (await app.candidate!.client()).get(`/api/applications/${app.id}/messages`);
    expect(thread.body).toMatchObject({ state: 'CLOSED', cannotPost: expect.stringMatching(/7 jours ou plus/) });
    expect(thread.body.items).toHaveLength(1);
  });

  it('carries a document of the candidate’s that the recruiter downloads (recorded)', async () => {
    const app = await sent();
    const candidate = await app.candidate!.client();
    const uploaded = await candidate.post('/api/me/documents', { kind: 'OTHER', filename: 'attestation.pdf', contentBase64: pdfBytes('Attestation').toString('base64') });
    expect(uploaded.status).toBe(201);
    expect((await (await cast.recruiter.client()).get(uploaded.body.downloadUrl)).status).toBe(404);
    // The référent offers it too; the recruiter may not attach; another's document is refused.
    expect((await (await cast.referent.client()).get(`/api/applications/${app.id}/messages`)).body.attachable.map((d: { id: string }) => d.id)).toContain(uploaded.body.id);
    const byRecruiter = await postMessage(cast.recruiter, app.id, 'Voici', { documentId: uploaded.body.id });
    expect(byRecruiter.status).toBe(400);
    expect(byRecruiter.body.error.details.fields[0].field).toBe('documentId');
    const other = await createUser('CANDIDATE', { referentId: cast.referent.id });
    const foreign = await (await other.client()).post('/api/me/documents', { kind: 'CV', filename: 'cv.pdf', contentBase64: pdfBytes('CV').toString('base64') });
    expect((await postMessage(cast.referent, app.id, 'Mauvais document', { documentId: foreign.body.id })).body.error.details.fields[0].field).toBe('documentId');

    const posted = await postMessage(app.candidate!, app.id, 'Mon attestation, comme demandé.', { documentId: uploaded.body.id });
    expect(posted.status).toBe(201);
    expect(posted.body.document).toMatchObject({ id: uploaded.body.id, filename: 'attestation.pdf' });
    const download = await (await cast.recruiter.client()).get(posted.body.document.downloadUrl);
    expect(download.status).toBe(200);
    expect(await sql(`SELECT user_role FROM document_downloads WHERE document_id = $1 AND user_id = $2`, [uploaded.body.id, cast.recruiter.id])).toEqual([{ user_role: 'RECRUITER' }]);
    expect((await (await cast.otherRecruiter.client()).get(posted.body.document.downloadUrl)).status).toBe(404);
  });

  it('counts unread messages per thread in « Mes messages », with a notification each, and marks them read when opened', async () => {
    const app = await sent();
    const recruiter = await cast.colleague.client();
    for (const body of ['Premier message', 'Second message']) expect((await postMessage(app.candidate!, app.id, body)).status).toBe(201);
    const threadOf = async () => (await recruiter.get('/api/messages?pageSize=100')).body.items.find((t: { applicationId: string }) => t.applicationId === app.id);
    expect(await threadOf()).toMatchObject({ unread: 2, messages: 2, company: { name: 'Entreprise A' }, lastMessage: { excerpt: 'Second message', author: expect.stringMatching(/personne candidate/) } });
    // The candidate's own messages are no unread ones for them.
    expect((await (await app.candidate!.client()).get('/api/messages')).body.items.find((t: { applicationId: string }) => t.applicationId === app.id).unread).toBe(0);
    const notes = await sql(`SELECT kind, link, read_at FROM notifications WHERE user_id = $1 AND entity_id = $2 AND kind = 'message.posted'`, [cast.colleague.id, app.id]);
    expect(notes).toHaveLength(2);
    expect(notes[0]).toMatchObject({ kind: 'message.posted', link: `/candidatures/${app.id}#messages`, read_at: null });

    const opened = await recruiter.get(`/api/applications/${app.id}/messages`);
    expect(opened.body.items).toHaveLength(2);
    expect((await threadOf()).unread).toBe(0);
    expect((await sql(`SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND entity_id = $2 AND kind = 'message.posted' AND read_at IS NULL`, [cast.colleague.id, app.id]))[0].n).toBe(0);
    // `after`: only what is new since a message; marked read as well.
    expect((await postMessage(app.candidate!, app.id, 'Troisième message')).status).toBe(201);
    expect((await threadOf()).unread).toBe(1);
    const newer = await recruiter.get(`/api/applications/${app.id}/messages?after=${opened.body.items[1].id}`);
    expect(newer.body.items.map((m: { body: string }) => m.body)).toEqual(['Troisième message']);
    expect((await threadOf()).unread).toBe(0);
    expect((await recruiter.get(`/api/applications/${app.id}/messages?after=${randomUUID()}`)).status).toBe(400);
  });

  it('keeps two posts sent at once as two messages, in the order they were written', async () => {
    const app = await sent();
    const [a, b] = await Promise.all([postMessage(app.candidate!, app.id, 'Message A'), postMessage(cast.recruiter, app.id, 'Message B')]);
    expect([a.status, b.status]).toEqual([201, 201]);
    const rows = await sql(`SELECT body, position, created_at FROM application_messages WHERE application_id = $1 ORDER BY position`, [app.id]);
    expect(rows.map((r) => r.body).sort()).toEqual(['Message A', 'Message B']);
    expect(rows[0].created_at.getTime()).toBeLessThanOrEqual(rows[1].created_at.getTime());
    const thread = await (await cast.referent.client()).get(`/api/applications/${app.id}/messages`);
    expect(thread.body.items.map((m: { body: string }) => m.body)).toEqual(rows.map((r) => r.body));
    // The same post retried with its Idempotency-Key is one message.
    const key = randomUUID();
    const [first, again] = [await postMessage(cast.recruiter, app.id, 'Une fois', { idempotencyKey: key }), await postMessage(cast.recruiter, app.id, 'Une fois', { idempotencyKey: key })];
    expect(again.body.id).toBe(first.body.id);
    expect((await sql(`SELECT count(*)::int AS n FROM application_messages WHERE application_id = $1`, [app.id]))[0].n).toBe(3);
  });
});

describe('the digest mail', () => {
  it('is one mail after the delay for three messages in a row, and none for a reader who read them in time', { timeout: 60_000 }, async () => {
    const app = await sent();
    for (const body of ['Un', 'Deux', 'Trois']) expect((await postMessage(app.candidate!, app.id, body)).status).toBe(201);
    // The référent reads the thread before the delay: nothing to tell them.
    expect((await (await cast.referent.client()).get(`/api/applications/${app.id}/messages`)).body.items).toHaveLength(3);

    const [digest] = await eventually(async () => {
      const found = (await digestsTo(cast.recruiter.email)).filter((m) => m.text.includes(`/candidatures/${app.id}#messages`));
      return found.length ? found : null;
    }, 20_000, 'the recruiter’s digest');
    expect(digest!.subject).toBe('Nouveaux messages — Technicien de maintenance H/F (Entreprise A)');
    expect(digest!.text).toContain('3 nouveaux messages non lus');
    // Who and when, never what: the bodies stay on the platform.
    expect(digest!.text).not.toMatch(/\bDeux\b|\bTrois\b/);
    const workflowId = messageDigestWorkflowId(app.id, cast.recruiter.id);
    await eventually(async () => (await runStatus(workflowId)) === 'COMPLETED', 10_000, 'the digest run to end');
    // Still one mail a few seconds later, for each recruiter; none for the référent.
    await new Promise((resolve) => setTimeout(resolve, 4_000));
    for (const recruiter of [cast.recruiter, cast.colleague]) {
      expect((await digestsTo(recruiter.email)).filter((m) => m.text.includes(`/candidatures/${app.id}#messages`))).toHaveLength(1);
    }
    expect((await digestsTo(cast.referent.email)).filter((m) => m.text.includes(`/candidatures/${app.id}#messages`))).toHaveLength(0);

    // A later message starts a new run, and a new digest.
    expect((await postMessage(app.candidate!, app.id, 'Quatre')).status).toBe(201);
    await eventually(async () => (await digestsTo(cast.recruiter.email)).filter((m) => m.text.includes(`/candidatures/${app.id}#messages`)).length === 2, 20_000, 'a second digest');
  });
});
