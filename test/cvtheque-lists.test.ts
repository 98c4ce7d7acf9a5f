// CVthèque lists and saved searches through the API (issue #17, item 7), against the running platform
// (real API, Temporal with its Schedules, PostgreSQL, SMTP catcher): lists shared within a company and
// invisible to another, an item added twice (one after the other and at once), a withdrawn profile shown
// without its data; saved searches' refusals by field, personal to their author; each alert a Schedule
// `saved-search-<id>` (described through the Temporal client), paused with the alert, deleted with the
// search; a triggered run mails ONE mail listing a new matching profile, a second run nothing, a
// withdrawn profile is never announced, a retried activity sends nothing twice.
//
// The profiles are matched by the CVthèque's own search (searchProfiles) on their headline, each carrying
// a word of this run so other files' profiles never match.
import { randomUUID } from 'node:crypto';
import nodemailer from 'nodemailer';
import { ScheduleNotFoundError } from '@temporalio/client';
import type { Sequelize } from 'sequelize';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createSavedSearchAlertActivities } from '../activities/saved-search-alert.js';
import { savedSearchScheduleId } from '../api/cvtheque-lists/schedules.js';
import { createLogger } from '../config/logger.js';
import { connectTemporal } from '../config/temporal.js';
import { createDatabase } from '../models/index.js';
import { historyText } from './drivers.js';
import { createCast, createUser, type Cast, type Person } from './fixtures.js';
import { savedSearchAlertMails, triggerSavedSearchAlert } from './cvtheque-drivers.js';
import { eventually, platformConfig, sql, temporalClient } from './support.js';

let cast: Cast;
let sequelize: Sequelize;
const word = `zq${randomUUID().replaceAll('-', '').slice(0, 10)}`;

beforeAll(async () => {
  cast = await createCast();
  sequelize = createDatabase(inject('databaseUrl'), { poolMax: 2 });
});
afterAll(async () => {
  await sequelize?.close();
});

/** A candidate whose profile is in the CVthèque (consent given now), living in Lyon and wishing to work there. */
async function visibleProfile(headline: string, more: { contractTypes?: string[] } = {}): Promise<Person> {
  const candidate = await createUser('CANDIDATE', { referentId: cast.referent.id, firstName: 'Nadia', lastName: `Secret${randomUUID().slice(0, 6)}` });
  await sql(
    `UPDATE candidate_profiles SET headline = $2, summary = 'Expérience en atelier.', metiers = '{H2913}', commune_insee = '69123',
            contract_types = $3, cvtheque_visible_at = clock_timestamp() WHERE user_id = $1`,
    [candidate.id, headline, more.contractTypes ?? ['CDI']],
  );
  // Where they wish to work (the search's places and départements are wished places).
  await sql(
    `INSERT INTO candidate_places (candidate_id, insee, radius_km, latitude, longitude)
     SELECT $1, insee, 10, latitude, longitude FROM communes WHERE insee = '69123'`,
    [candidate.id],
  );
  return candidate;
}
const withdraw = (candidate: Person) => sql(`UPDATE candidate_profiles SET cvtheque_visible_at = NULL WHERE user_id = $1`, [candidate.id]);

const as = (person: Person) => person.client();

describe('CV lists', () => {
  it('are shared by the company’s recruiters, invisible to another company, read by admins, refused to others', async () => {
    const recruiter = await as(cast.recruiter);
    const created = await recruiter.post('/api/cvtheque/lists', { name: `Soudeurs ${word}` });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.id as string;
    expect(created.body).toMatchObject({ name: `Soudeurs ${word}`, itemCount: 0, createdBy: { id: cast.recruiter.id } });

    // A colleague reads and renames it.
    const colleague = await as(cast.colleague);
    expect((await colleague.get('/api/cvtheque/lists')).body.items.map((l: { id: string }) => l.id)).toContain(id);
    const renamed = await colleague.patch(`/api/cvtheque/lists/${id}`, { name: `Soudeurs confirmés ${word}` });
    expect(renamed.status).toBe(200);
    expect((await recruiter.get(`/api/cvtheque/lists/${id}`)).body.name).toBe(`Soudeurs confirmés ${word}`);

    // The same name in another case: refused under the field, in French.
    const twice = await colleague.post('/api/cvtheque/lists', { name: `SOUDEURS CONFIRMÉS ${word}` });
    expect(twice.status).toBe(409);
    expect(twice.body.error.details.fields).toEqual([{ field: 'name', message: 'Une liste de votre entreprise porte déjà ce nom.' }]);
    const empty = await colleague.post('/api/cvtheque/lists', { name: '   ' });
    expect(empty.status).toBe(400);
    expect(empty.body.error.details.fields[0]).toMatchObject({ field: 'name', message: 'Donnez un nom à la liste.' });

    // Another company: as if it did not exist.
    const other = await as(cast.otherRecruiter);
    expect((await other.get('/api/cvtheque/lists')).body.items.map((l: { id: string }) => l.id)).not.toContain(id);
    const profile = await visibleProfile(`Soudeur ${word}`);
    for (const response of [
      await other.get(`/api/cvtheque/lists/${id}`),
      await other.patch(`/api/cvtheque/lists/${id}`, { name: 'Pris' }),
      await other.post(`/api/cvtheque/lists/${id}/items`, { candidateId: profile.id }),
      await other.request('DELETE', `/api/cvtheque/lists/${id}`),
    ]) {
      expect(response.status).toBe(404);
      expect(response.body.error.message).toBe('Liste introuvable.');
    }
    // Admins read; candidates, référents, admins writing: 403.
    const admin = await as(cast.admin);
    expect((await admin.get(`/api/cvtheque/lists/${id}`)).status).toBe(200);
    expect((await admin.post('/api/cvtheque/lists', { name: 'Admin' })).status).toBe(403);
    expect((await (await as(cast.candidate)).get('/api/cvtheque/lists')).status).toBe(403);
    expect((await (await as(cast.referent)).get(`/api/cvtheque/lists/${id}`)).status).toBe(403);

    expect((await colleague.request('DELETE', `/api/cvtheque/lists/${id}`)).status).toBe(204);
    expect((await recruiter.get(`/api/cvtheque/lists/${id}`)).status).toBe(404);
  });

  it('holds a profile once, whether added twice in a row or by two colleagues at the same time', async () => {
    const recruiter = await as(cast.recruiter);
    const colleague = await as(cast.colleague);
    const id = (await recruiter.post('/api/cvtheque/lists', { name: `Caristes ${word}` })).body.id as string;
    const profile = await visibleProfile(`Cariste ${word}`);

    const first = await recruiter.post(`/api/cvtheque/lists/${id}/items`, { candidateId: profile.id });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ added: true, item: { candidateId: profile.id, withdrawn: false, label: `Cariste ${word}`, profile: { headline: `Cariste ${word}`, metiers: ['H2913'], place: 'Lyon (69)' } } });
    const again = await colleague.post(`/api/cvtheque/lists/${id}/items`, { candidateId: profile.id });
    expect(again.status).toBe(200);
    expect(again.body.added).toBe(false);

    const second = await visibleProfile(`Cariste ${word}`);
    const both = await Promise.all([recruiter, colleague].map((c) => c.post(`/api/cvtheque/lists/${id}/items`, { candidateId: second.id })));
    expect(both.map((r) => r.status).sort()).toEqual([200, 201]);
    expect((await sql(`SELECT count(*)::int AS n FROM cvtheque_list_items WHERE list_id = $1`, [id]))[0].n).toBe(2);

    // A profile not in the CVthèque cannot be added.
    const hidden = await createUser('CANDIDATE', { referentId: cast.referent.id });
    const refused = await recruiter.post(`/api/cvtheque/lists/${id}/items`, { candidateId: hidden.id });
    expect(refused.status).toBe(404);
    expect(refused.body.error.message).toMatch(/^Profil introuvable dans la CVthèque/);
    const bad = await recruiter.post(`/api/cvtheque/lists/${id}/items`, { candidateId: 'pas-un-id' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.fields[0].field).toBe('candidateId');
  });

  it('shows a profile whose consent was withdrawn as « Profil retiré de la CVthèque », without its data, and lets it be removed', async () => {
    const recruiter = await as(cast.recruiter);
    const id = (await recruiter.post('/api/cvtheque/lists', { name: `Retirés ${word}` })).body.id as string;
    const profile = await visibleProfile(`Électricienne ${word}`);
    expect((await recruiter.post(`/api/cvtheque/lists/${id}/items`, { candidateId: profile.id })).status).toBe(201);
    await withdraw(profile);

    const list = await recruiter.get(`/api/cvtheque/lists/${id}`);
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([expect.objectContaining({ candidateId: profile.id, withdrawn: true, label: 'Profil retiré de la CVthèque', profile: null })]);
    // Nothing of the profile anywhere in the answer.
    expect(JSON.stringify(list.body)).not.toMatch(/Électricienne|Secret|Lyon|H2913/);
    // It cannot be added again, and it can be removed.
    expect((await recruiter.post(`/api/cvtheque/lists/${id}/items`, { candidateId: profile.id })).status).toBe(404);
    expect((await recruiter.request('DELETE', `/api/cvtheque/lists/${id}/items/${profile.id}`)).status).toBe(204);
    expect((await recruiter.get(`/api/cvtheque/lists/${id}`)).body.items).toEqual([]);
    expect((await recruiter.request('DELETE', `/api/cvtheque/lists/${id}/items/${profile.id}`)).status).toBe(404);
  });
});

describe('saved searches', () => {
  const describeSchedule = async (savedSearchId: string) => (await temporalClient()).schedule.getHandle(savedSearchScheduleId(savedSearchId)).describe();

  it('are refused field by field in French, personal to their author, read by admins', async () => {
    const recruiter = await as(cast.recruiter);
    const refused = await recruiter.post('/api/cvtheque/saved-searches', { name: '', criteria: { contractType: 'CDI,PIGISTE', radiusKm: '500', unknown: 'x' }, alert: 'oui' });
    expect(refused.status).toBe(400);
    const fields = Object.fromEntries((refused.body.error.details.fields as Array<{ field: string; message: string }>).map((f) => [f.field, f.message]));
    expect(fields).toMatchObject({
      name: 'Donnez un nom à la recherche.',
      'criteria.contractType': expect.stringMatching(/^Type de contrat inconnu : PIGISTE/),
      'criteria.radiusKm': '100 km au plus.',
      'criteria.unknown': 'Ce champ n’est pas attendu.',
      alert: 'True ou false attendu.',
    });

    const saved = await recruiter.post('/api/cvtheque/saved-searches', { name: `Magasiniers ${word}`, criteria: { q: `magasinier ${word}`, contractType: 'cdi,CDD', department: '69' }, alert: false });
    expect(saved.status, JSON.stringify(saved.body)).toBe(201);
    expect(saved.body).toMatchObject({ alert: false, criteria: { q: `magasinier ${word}`, contractType: 'CDI,CDD', department: '69' }, owner: { id: cast.recruiter.id } });
    expect(new URLSearchParams(saved.body.query).get('contractType')).toBe('CDI,CDD');
    expect(saved.body.summary).toBe(`« magasinier ${word} », département 69, CDI ou CDD`);
    const id = saved.body.id as string;
    const same = await recruiter.post('/api/cvtheque/saved-searches', { name: `MAGASINIERS ${word}`, criteria: {} });
    expect(same.status).toBe(409);
    expect(same.body.error.details.fields[0].field).toBe('name');

    // A colleague does not see it (404 as for anything one may not see); an admin reads it, changes nothing.
    const colleague = await as(cast.colleague);
    expect((await colleague.get('/api/cvtheque/saved-searches')).body.items.map((s: { id: string }) => s.id)).not.toContain(id);
    expect((await colleague.patch(`/api/cvtheque/saved-searches/${id}`, { alert: true })).status).toBe(404);
    expect((await colleague.request('DELETE', `/api/cvtheque/saved-searches/${id}`)).status).toBe(404);
    const admin = await as(cast.admin);
    expect((await admin.get('/api/cvtheque/saved-searches?pageSize=200')).body.items.map((s: { id: string }) => s.id)).toContain(id);
    expect((await admin.patch(`/api/cvtheque/saved-searches/${id}`, { alert: true })).status).toBe(403);
    expect((await (await as(cast.candidate)).get('/api/cvtheque/saved-searches')).status).toBe(403);

    const renamed = await recruiter.patch(`/api/cvtheque/saved-searches/${id}`, { name: `Préparateurs ${word}`, criteria: { q: `préparateur ${word}` } });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: `Préparateurs ${word}`, criteria: { q: `préparateur ${word}` }, query: `q=pr%C3%A9parateur+${word}` });
    expect((await recruiter.request('DELETE', `/api/cvtheque/saved-searches/${id}`)).status).toBe(204);
  });

  it('keep their alert as a Schedule saved-search-<id>: running with the alert, paused without, deleted with the search', async () => {
    const recruiter = await as(cast.recruiter);
    const saved = await recruiter.post('/api/cvtheque/saved-searches', { name: `Cuisiniers ${word}`, criteria: { q: `cuisinier ${word}` }, alert: true });
    expect(saved.status).toBe(201);
    const id = saved.body.id as string;

    const described = await describeSchedule(id);
    expect(described.scheduleId).toBe(`saved-search-${id}`);
    expect(described.state.paused).toBe(false);
    expect(described.action).toMatchObject({ type: 'startWorkflow', workflowType: 'savedSearchAlertWorkflow', workflowId: `saved-search-alert-${id}`, args: [{ savedSearchId: id }] });
    expect(described.policies.overlap).toBe('SKIP');
    expect(described.spec.intervals?.[0]?.every).toBe(86_400_000);
    // Operators find it by the saved search and the company.
    expect(described.typedSearchAttributes.getAll().map((p) => [p.key.name, p.value])).toEqual(expect.arrayContaining([['CompanyId', cast.company.id]]));
    expect(described.memo).toEqual({ savedSearchId: id, companyId: cast.company.id });

    expect((await recruiter.patch(`/api/cvtheque/saved-searches/${id}`, { alert: false })).body.alert).toBe(false);
    expect((await describeSchedule(id)).state.paused).toBe(true);
    expect((await recruiter.patch(`/api/cvtheque/saved-searches/${id}`, { alert: true })).body.alert).toBe(true);
    expect((await describeSchedule(id)).state.paused).toBe(false);

    // Saved without an alert: its Schedule exists, paused.
    const quiet = await recruiter.post('/api/cvtheque/saved-searches', { name: `Plongeurs ${word}`, criteria: { q: `plongeur ${word}` } });
    expect((await describeSchedule(quiet.body.id)).state.paused).toBe(true);

    for (const searchId of [id, quiet.body.id]) {
      expect((await recruiter.request('DELETE', `/api/cvtheque/saved-searches/${searchId}`)).status).toBe(204);
      await expect(describeSchedule(searchId)).rejects.toBeInstanceOf(ScheduleNotFoundError);
    }
  });

  /** Triggers the Schedule now and waits for that run's outcome (its workflow id kept for its history). */
  let lastRun = '';
  async function runAlertNow(savedSearchId: string): Promise<string> {
    const run = await triggerSavedSearchAlert(savedSearchId);
    lastRun = run.workflowId;
    expect(lastRun.startsWith(`saved-search-alert-${savedSearchId}-`)).toBe(true);
    return run.outcome;
  }
  const alertMails = savedSearchAlertMails;

  it('mails ONE mail listing a new matching profile, then nothing when nothing is new; a withdrawn profile is never announced', async () => {
    const recruiter = await createUser('RECRUITER', { companyId: cast.company.id });
    const client = await recruiter.client();
    const name = `Boulangers ${word}`;
    const saved = await client.post('/api/cvtheque/saved-searches', { name, criteria: { q: `boulanger ${word}`, department: '69' }, alert: true });
    expect(saved.status).toBe(201);
    const id = saved.body.id as string;

    // Matches: one staying, one withdrawn before the run; one not matching (another word).
    const staying = await visibleProfile(`Boulanger ${word} confirmé`);
    const withdrawn = await visibleProfile(`Boulanger ${word} de nuit`);
    await withdraw(withdrawn);
    await visibleProfile(`Pâtissier ${word}`);

    expect(await runAlertNow(id)).toBe('sent');
    const [mail, ...others] = await eventually(async () => {
      const found = await alertMails(recruiter.email, name);
      return found.length ? found : null;
    });
    expect(others).toEqual([]);
    expect(mail!.subject).toBe(`Un nouveau profil — « ${name} »`);
    expect(mail!.text).toContain(`Ses critères : « boulanger ${word} », département 69.`);
    expect(mail!.text).toContain(`Boulanger ${word} confirmé`);
    expect(mail!.text).toContain(`/recruteur/cvtheque/profils/${staying.id}`);
    expect(mail!.text).not.toContain(withdrawn.id);
    expect(mail!.text).not.toMatch(/de nuit|Pâtissier|Nadia|Secret/);
    expect(await sql(`SELECT candidate_id FROM saved_search_alerts WHERE saved_search_id = $1`, [id])).toEqual([{ candidate_id: staying.id }]);
    // The run's history (decrypted) carries ids and the outcome: no criteria, name, headline or address.
    const history = await historyText(lastRun);
    expect(history).toContain(id);
    expect(history).not.toMatch(new RegExp(`boulanger|Boulangers|${recruiter.email}|Nadia`, 'i'));

    // Nothing new: no mail — twice, the second in the same second (the Schedule's run ids are to the second).
    expect(await runAlertNow(id)).toBe('nothing-new');
    expect(await runAlertNow(id)).toBe('nothing-new');
    expect(await alertMails(recruiter.email, name)).toHaveLength(1);

    // The withdrawn one consents again: announced then (new since), and only it.
    await sql(`UPDATE candidate_profiles SET cvtheque_visible_at = clock_timestamp() WHERE user_id = $1`, [withdrawn.id]);
    expect(await runAlertNow(id)).toBe('sent');
    const second = await eventually(async () => {
      const found = await alertMails(recruiter.email, name);
      return found.length === 2 ? found : null;
    });
    const latest = second.find((m) => m.id !== mail!.id)!;
    expect(latest.text).toContain(`/recruteur/cvtheque/profils/${withdrawn.id}`);
    expect(latest.text).not.toContain(staying.id);
  });

  it('sends nothing twice when its activity is retried, and nothing (schedule paused) once its author is disabled', async () => {
    const recruiter = await createUser('RECRUITER', { companyId: cast.company.id });
    const name = `Couvreurs ${word}`;
    const saved = await (await recruiter.client()).post('/api/cvtheque/saved-searches', { name, criteria: { q: `couvreur ${word}` }, alert: true });
    const id = saved.body.id as string;
    await visibleProfile(`Couvreur ${word}`);

    const activities = createSavedSearchAlertActivities({
      sequelize,
      config: { MAIL_FROM: 'Tremplin <no-reply@tremplin.test>', PUBLIC_URL: inject('apiUrl'), JITSI_BASE_URL: 'https://meet.example.org', TEMPORAL_UI_URL: 'http://localhost:8233' },
      logger: createLogger('silent'),
      mailTransport: nodemailer.createTransport(inject('smtpUrl')),
      temporal: await temporalClient(),
    });
    const batch = `saved-search-alert-${id}-retry`;
    // The same run twice (a retry after the mail went out): one mail.
    expect(await activities.runSavedSearchAlert({ savedSearchId: id, batch })).toBe('sent');
    expect(await activities.runSavedSearchAlert({ savedSearchId: id, batch })).toBe('already-sent');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await alertMails(recruiter.email, name)).toHaveLength(1);
    expect((await sql(`SELECT status FROM email_outbox WHERE idempotency_key = $1`, [`saved-search-alert:${id}:${batch}`]))[0]?.status).toBe('SENT');

    // Its author disabled: a new profile, no mail, the Schedule paused.
    await sql(`UPDATE users SET disabled_at = now() WHERE id = $1`, [recruiter.id]);
    await visibleProfile(`Couvreur ${word} zingueur`);
    expect(await runAlertNow(id)).toBe('recruiter-inactive');
    expect((await describeSchedule(id)).state.paused).toBe(true);
    expect((await sql(`SELECT alert FROM saved_searches WHERE id = $1`, [id]))[0].alert).toBe(false);
    expect(await alertMails(recruiter.email, name)).toHaveLength(1);

    // Started without the API (no seal: as a Schedule starts it), the workflow only does what a run does.
    const unsealed = await connectTemporal(platformConfig(), inject('temporalAddress'), { seal: false });
    try {
      const forged = await unsealed.workflow.start('savedSearchAlertWorkflow', { workflowId: `forged-${id}`, taskQueue: inject('taskQueue'), args: [{ savedSearchId: id }] });
      expect(await forged.result()).toBe('alert-off');
    } finally {
      await unsealed.connection.close();
    }
    expect(await alertMails(recruiter.email, name)).toHaveLength(1);

    // A Schedule whose saved search is gone deletes itself at its next run.
    await sql(`DELETE FROM saved_searches WHERE id = $1`, [id]);
    expect(await activities.runSavedSearchAlert({ savedSearchId: id, batch: `${batch}-2` })).toBe('gone');
    await expect(describeSchedule(id)).rejects.toBeInstanceOf(ScheduleNotFoundError);
  });
});
