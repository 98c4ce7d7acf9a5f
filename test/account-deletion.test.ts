// Account deletion at second scale (ACCOUNT_DELETION_GRACE is 6 s in the test harness): DELETE /api/me
// schedules accountDeletionWorkflow; cancelled once (nothing changed), carried out once (the
// candidate's live applications withdrawn through their own workflows — asked to Temporal, not only
// read from the database —, the pending sponsorship request withdrawn, documents gone from disk and
// database, personal data anonymised in place, history kept under « Compte supprimé », the last mail
// received, sign-in refused), and a cancellation racing the carry-out: exactly one of them wins.
import { access } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { DocumentStorage } from '../api/documents/storage.js';
import { deletedEmailOf } from '../workflows/account-deletion-rules.js';
import { act, mailsTo, runStatus, searchAttributes, snapshotOf } from './drivers.js';
import { pdfBytes } from './document-fixtures.js';
import { createCast, createUser, insertPublishedOffer } from './fixtures.js';
import { ApiClient, apiUrl, eventually, platformConfig, sql, temporalClient } from './support.js';
import { checkPage, isFocused, launchBrowser, newPage, signIn, visit } from './web-support.js';

const workflowIdOf = (userId: string) => `account-deletion-${userId}`;

async function deletionResult(userId: string): Promise<{ status: string; reason: string | null }> {
  return (await temporalClient()).workflow.getHandle(workflowIdOf(userId)).result();
}

const deleteMe = (client: ApiClient) => client.request('DELETE', '/api/me');

async function signInStatus(email: string): Promise<number> {
  const response = await fetch(`${apiUrl()}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: platformConfig().DEMO_PASSWORD }),
  });
  return response.status;
}

describe('account deletion', () => {
  it('is scheduled with a date, the same on a second request, and cancelled: nothing changes', { timeout: 60_000 }, async () => {
    const cast = await createCast();
    const person = await createUser('CANDIDATE', { referentId: cast.referent.id, firstName: 'Maëlle', lastName: 'Garnier' });
    const client = await person.client();
    const application = await client.post('/api/applications', { offerId: cast.company.offerId });
    expect(application.status, JSON.stringify(application.body)).toBe(201);

    // Two at once (a double click): one schedule, the same answer to both.
    const [first, twin] = await Promise.all([deleteMe(client), deleteMe(client)]);
    expect(first.status, JSON.stringify(first.body)).toBe(202);
    expect(twin.status, JSON.stringify(twin.body)).toBe(202);
    expect(twin.body.deletion).toEqual(first.body.deletion);
    expect(first.body.deletion).toMatchObject({ status: 'SCHEDULED', reason: null });
    const { requestedAt, dueAt } = first.body.deletion;
    expect(Date.parse(dueAt) - Date.parse(requestedAt)).toBe(6_000);
    // Idempotent: the same schedule, not a new one.
    const again = await deleteMe(client);
    expect(again.status).toBe(202);
    expect(again.body.deletion).toEqual(first.body.deletion);
    expect((await client.get('/api/me/deletion')).body.deletion).toEqual(first.body.deletion);
    expect((await searchAttributes(workflowIdOf(person.id))).AccountDeletionStatus).toBe('SCHEDULED');
    // The mail says when, and how to cancel.
    const scheduled = await eventually(async () => (await mailsTo(person.email, /programmée/))[0], 20_000, 'the scheduling mail');
    expect(scheduled.text).toMatch(/Annuler la suppression/);
    expect(scheduled.text).toMatch(/heure de Paris/);

    const cancelled = await client.post('/api/me/deletion/cancel');
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
    expect(cancelled.body.deletion).toMatchObject({ status: 'CANCELLED', requestedAt, dueAt, reason: null });
    expect(await deletionResult(person.id)).toMatchObject({ status: 'CANCELLED' });
    expect((await searchAttributes(workflowIdOf(person.id))).AccountDeletionStatus).toBe('CANCELLED');
    const twice = await client.post('/api/me/deletion/cancel');
    expect(twice.status).toBe(409);
    expect(twice.body.error.message).toMatch(/déjà annulée/);

    // Past the date: the account, its application and its session are as they were.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, Date.parse(dueAt) - Date.now()) + 1_000));
    const [user] = await sql(`SELECT first_name, last_name, email, disabled_at, deleted_at FROM users WHERE id = $1`, [person.id]);
    expect(user).toMatchObject({ first_name: 'Maëlle', last_name: 'Garnier', email: person.email, disabled_at: null, deleted_at: null });
    expect((await client.get('/api/me')).status).toBe(200);
    expect((await sql(`SELECT status FROM applications WHERE id = $1`, [application.body.id]))[0].status).toBe('PENDING_REFERENT_VALIDATION');
    await eventually(async () => (await mailsTo(person.email, /annulée/)).length === 1, 20_000, 'the cancellation mail');

    // Asked again later: a new schedule (a new run of the same workflow id).
    const later = await deleteMe(client);
    expect(later.status).toBe(202);
    expect(later.body.deletion.requestedAt).not.toBe(requestedAt);
    expect((await client.post('/api/me/deletion/cancel')).status).toBe(200);
  });

  it('is carried out when due: cases closed through their workflows, documents gone, data anonymised, history kept', { timeout: 90_000 }, async () => {
    const cast = await createCast();
    const person = await createUser('CANDIDATE', { referentId: cast.referent.id, firstName: 'Noé', lastName: 'Lefebvre' });
    await sql(`UPDATE users SET phone = '06 12 34 56 78', job_title = 'Magasinier' WHERE id = $1`, [person.id]);
    await sql(`UPDATE candidate_profiles SET headline = 'Cariste', postal_code = '69007', city = 'Lyon' WHERE user_id = $1`, [person.id]);
    const client = await person.client();
    const referent = await cast.referent.client();
    // A CVthèque profile with both consents given and a place wished (test/profiles.test.ts for the rest).
    const profile = await client.put('/api/me/profile', {
      headline: 'Cariste', summary: 'Six ans en entrepôt.', metiers: ['N1103'], skills: ['CACES 3'], softSkills: ['RIGOUR', 'TEAMWORK'],
      experiences: [{ title: 'Cariste', employer: 'Entrepôt Sud', start: '2019-01', end: null, description: null }],
      diplomas: [{ title: 'CAP Opérateur logistique', level: 3, year: 2018 }], educationLevel: 3,
      languages: [{ code: 'fr', level: 'NATIVE' }], drivingLicences: ['B'], contractTypes: ['CDI'], workingTimes: ['FULL_TIME'],
      remote: 'NONE', availableFrom: '2027-01-04', communeInsee: '69123', places: [{ insee: '69123', radiusKm: 30 }],
      rqth: true, cvthequeVisible: true, rqthShared: true,
    });
    expect(profile.status, JSON.stringify(profile.body)).toBe(200);

    const upload = await client.post('/api/me/documents', { kind: 'CV', filename: 'cv-noe.pdf', mimeType: 'application/pdf', contentBase64: pdfBytes('CV de Noé').toString('base64') });
    expect(upload.status, JSON.stringify(upload.body)).toBe(201);
    const waiting = await client.post('/api/applications', { offerId: cast.company.offerId, cvDocumentId: upload.body.id });
    expect(waiting.status, JSON.stringify(waiting.body)).toBe(201);
    const sent = await client.post('/api/applications', { offerId: await insertPublishedOffer(cast.company.id, 'Préparateur de commandes H/F') });
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    await act('application', referent, sent.body.id, { action: 'validate' }, 'PENDING_RECRUITER');
    const sponsorship = await client.post('/api/sponsorships', { companyId: cast.otherCompany.id, message: 'Je cherche un parrain dans la logistique.' });
    expect(sponsorship.status, JSON.stringify(sponsorship.body)).toBe(201);
    const [{ storage_key: storageKey }] = await sql(`SELECT storage_key FROM documents WHERE id = $1`, [upload.body.id]);
    const file = new DocumentStorage(platformConfig().DATA_DIR).pathOf(storageKey);
    await access(file);
    const eventsBefore = await sql(`SELECT application_id, seq, type FROM application_events WHERE actor_id = $1 ORDER BY application_id, seq`, [person.id]);
    expect(eventsBefore.length).toBeGreaterThanOrEqual(2);

    const scheduled = await deleteMe(client);
    expect(scheduled.status, JSON.stringify(scheduled.body)).toBe(202);
    // During the grace period the person still signs in (to cancel, for one).
    expect(await signInStatus(person.email)).toBe(200);

    expect(await deletionResult(person.id)).toMatchObject({ status: 'DONE' });
    expect((await searchAttributes(workflowIdOf(person.id))).AccountDeletionStatus).toBe('DONE');
    expect((await sql(`SELECT status FROM account_deletions WHERE user_id = $1`, [person.id]))[0].status).toBe('DONE');

    // The applications' own workflows say WITHDRAWN, and so do their rows.
    for (const id of [waiting.body.id, sent.body.id]) {
      const [row] = await sql(`SELECT status, workflow_id FROM applications WHERE id = $1`, [id]);
      expect(row.status).toBe('WITHDRAWN');
      expect((await snapshotOf(row.workflow_id)).status).toBe('WITHDRAWN');
      expect((await searchAttributes(row.workflow_id)).ApplicationStatus).toBe('WITHDRAWN');
      expect(await runStatus(row.workflow_id)).toBe('COMPLETED');
    }
    const [spons] = await sql(`SELECT status, workflow_id FROM sponsorship_requests WHERE id = $1`, [sponsorship.body.id]);
    expect(spons.status).toBe('WITHDRAWN');
    expect((await snapshotOf(spons.workflow_id)).status).toBe('WITHDRAWN');
    expect((await searchAttributes(spons.workflow_id)).SponsorshipStatus).toBe('WITHDRAWN');

    // Documents: no row, no file.
    expect(await sql(`SELECT id FROM documents WHERE candidate_id = $1`, [person.id])).toEqual([]);
    await expect(access(file)).rejects.toThrow();
    expect(path.dirname(file)).toBe(path.resolve(platformConfig().DATA_DIR, 'documents'));

    // Personal data anonymised in place; the row stays for the history.
    const [user] = await sql(`SELECT first_name, last_name, email, phone, job_title, password_hash, disabled_at, deleted_at FROM users WHERE id = $1`, [person.id]);
    expect(user).toMatchObject({ first_name: 'Compte', last_name: 'supprimé', email: deletedEmailOf(person.id), phone: null, job_title: null });
    expect(user.password_hash).not.toMatch(/^\$argon2/);
    expect(user.disabled_at).not.toBeNull();
    expect(user.deleted_at).not.toBeNull();
    const [blank] = await sql(
      `SELECT headline, postal_code, city, rqth, summary, metiers, skills, soft_skills, experiences, experience_months, diplomas, education_level, languages,
              language_codes, driving_licences, contract_types, working_times, remote, available_from, commune_insee, cvtheque_visible_at, rqth_shared_at
         FROM candidate_profiles WHERE user_id = $1`,
      [person.id],
    );
    expect(blank).toEqual({
      headline: null, postal_code: null, city: null, rqth: false, summary: null, metiers: [], skills: [], soft_skills: [], experiences: [], experience_months: 0,
      diplomas: [], education_level: null, languages: [], language_codes: [], driving_licences: [], contract_types: [], working_times: [],
      remote: null, available_from: null, commune_insee: null, cvtheque_visible_at: null, rqth_shared_at: null,
    });
    expect(await sql(`SELECT 1 FROM candidate_places WHERE candidate_id = $1`, [person.id])).toEqual([]);
    // Both consents withdrawn, each withdrawal logged after its grant.
    const consents = await sql(`SELECT consent, granted FROM profile_consents WHERE candidate_id = $1 ORDER BY id`, [person.id]);
    expect(consents).toEqual([
      { consent: 'CVTHEQUE', granted: true }, { consent: 'RQTH', granted: true },
      { consent: 'CVTHEQUE', granted: false }, { consent: 'RQTH', granted: false },
    ]);
    expect(await sql(`SELECT 1 FROM email_outbox WHERE to_address = $1`, [person.email])).toEqual([]);
    expect(await sql(`SELECT 1 FROM known_devices WHERE email = $1`, [person.email])).toEqual([]);

    // The history keeps every event, each withdrawal written by the person, now « Compte supprimé ».
    const eventsAfter = await sql(`SELECT application_id, seq, type FROM application_events WHERE actor_id = $1 ORDER BY application_id, seq`, [person.id]);
    expect(eventsAfter.filter((e) => e.type !== 'withdraw')).toEqual(eventsBefore);
    expect(eventsAfter.filter((e) => e.type === 'withdraw')).toHaveLength(2);
    const seen = await referent.get(`/api/applications/${sent.body.id}`);
    expect(seen.status).toBe(200);
    const authors = (seen.body.history as Array<{ type: string; actor: { firstName: string; lastName: string } | null }>).filter((e) => e.actor?.firstName === 'Compte');
    expect(authors.map((e) => e.type)).toEqual(expect.arrayContaining(['created', 'withdraw']));
    expect(JSON.stringify(seen.body)).not.toMatch(/Lefebvre/);

    // The last mail reached the real address; then nobody can sign in, with either address.
    const done = await eventually(async () => (await mailsTo(person.email, /est supprimé/))[0], 20_000, 'the final mail');
    expect(done.text).toMatch(/Bonjour Noé/);
    expect(await signInStatus(person.email)).toBe(401);
    expect(await signInStatus(deletedEmailOf(person.id))).toBe(401);
    expect((await client.get('/api/me')).status).toBe(401);
  });

  it('a cancellation racing the carry-out: exactly one of them wins', { timeout: 90_000 }, async () => {
    const cast = await createCast();
    // Cancellations at once (wins), around the due time (race the timer: whoever takes the workflow's
    // lock first), and once the carry-out has claimed the deletion (loses). null: at once; Infinity: once claimed.
    const offsets = [null, -100, 0, 60, 150, Infinity];
    const outcomes = await Promise.all(
      offsets.map(async (offset, i) => {
        const person = await createUser('CANDIDATE', { referentId: cast.referent.id });
        const client = await person.client();
        const application = await client.post('/api/applications', { offerId: await insertPublishedOffer(cast.company.id, `Agent ${i} H/F`) });
        expect(application.status).toBe(201);
        const { dueAt } = (await deleteMe(client)).body.deletion;
        if (offset === Infinity) {
          await eventually(async () => (await sql(`SELECT status FROM account_deletions WHERE user_id = $1`, [person.id]))[0]?.status !== 'SCHEDULED', 30_000, 'the carry-out');
        } else if (offset !== null) {
          await new Promise((resolve) => setTimeout(resolve, Math.max(0, Date.parse(dueAt) + offset - Date.now())));
        }
        // Two at once, then one more.
        const answers = (await Promise.all([client.post('/api/me/deletion/cancel'), client.post('/api/me/deletion/cancel')])).map((r) => r.status);
        answers.push((await client.post('/api/me/deletion/cancel')).status);
        const result = await deletionResult(person.id);
        const [user] = await sql(`SELECT first_name, deleted_at FROM users WHERE id = $1`, [person.id]);
        const [app] = await sql(`SELECT status FROM applications WHERE id = $1`, [application.body.id]);
        const [row] = await sql(`SELECT status FROM account_deletions WHERE user_id = $1`, [person.id]);
        return { offset, answers, result: result.status, row: row.status, user, application: app.status };
      }),
    );
    for (const outcome of outcomes) {
      const what = JSON.stringify(outcome);
      const won = outcome.answers.filter((s) => s === 200).length;
      expect(won, what).toBeLessThanOrEqual(1);
      // A loser is told why (409), or finds itself signed out once the account is disabled (401).
      expect(outcome.answers.every((s) => s === 200 || s === 409 || s === 401), what).toBe(true);
      expect(outcome.row, what).toBe(outcome.result);
      if (won === 1) {
        expect(outcome.result, what).toBe('CANCELLED');
        expect(outcome.user.deleted_at, what).toBeNull();
        expect(outcome.application, what).toBe('PENDING_REFERENT_VALIDATION');
      } else {
        expect(outcome.result, what).toBe('DONE');
        expect(outcome.user.first_name, what).toBe('Compte');
        expect(outcome.application, what).toBe('WITHDRAWN');
      }
    }
    // Both ends were reached: the early cancellation won, the late one lost.
    expect(outcomes[0]!.result).toBe('CANCELLED');
    expect(outcomes.at(-1)!.result).toBe('DONE');
  });

  it('refuses a référent who still follows candidates (409, in words), and leaves a recruiter’s company and offers', { timeout: 60_000 }, async () => {
    const cast = await createCast();
    const refused = await deleteMe(await cast.referent.client());
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toMatch(/vos candidats doivent d’abord être confiés à un autre référent/i);
    expect(await sql(`SELECT 1 FROM account_deletions WHERE user_id = $1`, [cast.referent.id])).toEqual([]);

    const recruiter = await createUser('RECRUITER', { companyId: cast.company.id });
    const offerId = await insertPublishedOffer(cast.company.id, 'Soudeur H/F');
    await sql(`UPDATE offers SET created_by = $1 WHERE id = $2`, [recruiter.id, offerId]);
    expect((await deleteMe(await recruiter.client())).status).toBe(202);
    expect(await deletionResult(recruiter.id)).toMatchObject({ status: 'DONE' });
    const [offer] = await sql(`SELECT o.status, u.first_name, u.last_name FROM offers o JOIN users u ON u.id = o.created_by WHERE o.id = $1`, [offerId]);
    expect(offer).toEqual({ status: 'PUBLISHED', first_name: 'Compte', last_name: 'supprimé' });
    expect((await sql(`SELECT status FROM companies WHERE id = $1`, [cast.company.id]))[0].status).toBe('VERIFIED');
  });

  describe('« Supprimer mon compte » in the web app', () => {
    let browser: Browser | undefined;
    afterAll(async () => {
      await browser?.close();
    });

    it('explains, confirms in a dialog that opens on the safe choice, shows the date and cancels', { timeout: 90_000 }, async () => {
      const person = await createUser('CANDIDATE', { firstName: 'Inès', lastName: 'Marchand' });
      browser = await launchBrowser({ keepScreenshots: true });
      const { page, context } = await newPage(browser);
      await signIn(page, person.email);
      await visit(page, '/compte');
      const section = page.getByRole('region', { name: 'Supprimer mon compte' });
      await expect.poll(() => section.textContent(), { timeout: 15_000 }).toMatch(/candidatures en cours seront retirées/);
      await checkPage(page, 'compte-suppression');

      const open = section.getByRole('button', { name: 'Supprimer mon compte…' });
      await open.click();
      const dialog = page.getByRole('dialog', { name: 'Supprimer votre compte ?' });
      await dialog.waitFor();
      await expect.poll(() => isFocused(dialog.getByRole('button', { name: 'Non, garder mon compte' }))).toBe(true);
      await checkPage(page, 'compte-suppression-confirmation');
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
      await expect.poll(() => isFocused(open)).toBe(true);
      expect(await sql(`SELECT 1 FROM account_deletions WHERE user_id = $1`, [person.id])).toEqual([]);

      await open.click();
      await dialog.getByRole('button', { name: 'Oui, supprimer mon compte' }).click();
      const cancel = section.getByRole('button', { name: 'Annuler la suppression' });
      await cancel.waitFor();
      expect(await section.textContent()).toMatch(/programmée pour le/);
      await checkPage(page, 'compte-suppression-programmee');
      await cancel.click();
      await section.getByRole('button', { name: 'Supprimer mon compte…' }).waitFor();
      expect((await sql(`SELECT status FROM account_deletions WHERE user_id = $1`, [person.id]))[0].status).toBe('CANCELLED');
      await context.close();
    });
  });
});
