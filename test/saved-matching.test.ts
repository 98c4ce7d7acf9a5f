// Saved matching searches (issue #18, item 3, last part) on the real harness (API, Temporal Schedules,
// PostgreSQL, SMTP catcher): saved from criteria (method 2) and from an offer (method 1), refused field by
// field in French, an offer of another company a 404, an alert only on a published offer; listed with
// their kind, a French summary and the page that relaunches them. Their alert runs the matching among
// the profiles new since the last run: ONE mail listing each new profile with its score, nothing when
// nothing is new, nothing under the threshold; an offer's edits followed; its archive pauses the alert.
// Every criteria set asks this file's own skill (`tag`) as indispensable: other files' profiles never match.
import type { Sequelize } from 'sequelize';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { savedSearchScheduleId } from '../api/cvtheque-lists/schedules.js';
import { matchingFromQuery } from '../api/matching/query.js';
import { matchProfileOf } from '../api/matching/service.js';
import { createDatabase } from '../models/index.js';
import type { MatchCriteria } from '../workflows/matching-criteria.js';
import { scoreMatch } from '../workflows/matching.js';
import { createProfile, savedSearchAlertMails, sellerCriteria, triggerSavedSearchAlert, uniqueWord } from './cvtheque-drivers.js';
import { createCast, createUser, insertPublishedOffer, type Cast, type Person } from './fixtures.js';
import { eventually, sql, temporalClient } from './support.js';

let cast: Cast;
let sequelize: Sequelize;
const tag = uniqueWord();

beforeAll(async () => {
  cast = await createCast();
  sequelize = createDatabase(inject('databaseUrl'), { poolMax: 2 });
}, 60_000);
afterAll(() => sequelize?.close());

const criteria = (extra: MatchCriteria = {}) => sellerCriteria(tag, extra);
const fieldsOf = (body: { error: { details: { fields: Array<{ field: string; message: string }> } } }) => Object.fromEntries(body.error.details.fields.map((f) => [f.field, f.message]));
const paused = async (id: string) => (await (await temporalClient()).schedule.getHandle(savedSearchScheduleId(id)).describe()).state.paused;
/** The score the matching gives this profile for these criteria (scoreMatch, as the API's items). */
const scoreOf = async (person: Person, asked: MatchCriteria) => scoreMatch(asked, (await matchProfileOf(sequelize, person.id, asked))!).score;
const seller = (headline: string, more: { metiers?: string[]; experienceMonths?: number } = {}) =>
  createProfile({ headline, metiers: more.metiers ?? ['D1106'], experienceMonths: more.experienceMonths ?? 48, skills: [tag], places: [{ insee: '69123', radiusKm: 5 }] });
/** A profile under any threshold but the lowest: only the skill meets the criteria. */
const faraway = (headline: string) => createProfile({ headline, metiers: ['N1101'], experienceMonths: 0, skills: [tag], places: [{ insee: '13055' }] });

async function alertMail(email: string, name: string, count: number) {
  const found = await eventually(async () => {
    const mails = await savedSearchAlertMails(email, name);
    return mails.length >= count ? mails : null;
  });
  expect(found).toHaveLength(count);
  return found;
}

describe('saving a matching search', () => {
  it('saves criteria and a threshold (method 2), listed with its kind, its summary and the link that relaunches it', async () => {
    const client = await cast.recruiter.client();
    const asked = criteria({ contractTypes: ['CDI', 'CDD'], indispensable: ['metier'] });
    const saved = await client.post('/api/cvtheque/saved-searches', { kind: 'matching', name: `Vendeurs ${tag}`, criteria: asked, minScore: 60 });
    expect(saved.status, JSON.stringify(saved.body)).toBe(201);
    expect(saved.body).toMatchObject({ kind: 'matching', minScore: 60, offer: null, alert: false, criteria: asked });
    expect(saved.body.summary).toBe(`Vente en alimentation, 3 ans d’expérience au moins, CDI ou CDD, Lyon (69) à 10 km, compétences « ${tag} » ; indispensables : compétences et métier, score ≥ 60 %`);
    // The link opens the matching page with these criteria and this threshold.
    const link = new URL(saved.body.link, 'http://x');
    expect(link.pathname).toBe('/recruteur/matching');
    expect(matchingFromQuery(link.searchParams)).toEqual({ criteria: asked, minScore: 60 });
    expect(await paused(saved.body.id)).toBe(true);

    const listed = (await client.get('/api/cvtheque/saved-searches')).body.items.find((s: { id: string }) => s.id === saved.body.id);
    expect(listed).toMatchObject({ kind: 'matching', summary: saved.body.summary, link: saved.body.link });
    // Renamed, its threshold changed, its alert on: the link and the Schedule follow.
    const changed = await client.patch(`/api/cvtheque/saved-searches/${saved.body.id}`, { name: `Vendeurs confirmés ${tag}`, minScore: 80, alert: true });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.body).toMatchObject({ name: `Vendeurs confirmés ${tag}`, minScore: 80, alert: true });
    expect(changed.body.link).toMatch(/[?&]min=80(&|$)/);
    expect(await paused(saved.body.id)).toBe(false);
    expect((await client.request('DELETE', `/api/cvtheque/saved-searches/${saved.body.id}`)).status).toBe(204);
  });

  it('saves an offer of the company and a threshold (method 1); another company’s offer is a 404; the alert only for a published offer', async () => {
    const client = await cast.recruiter.client();
    const offerId = await insertPublishedOffer(cast.company.id, `Vendeur ${tag} H/F`);
    const saved = await client.post('/api/cvtheque/saved-searches', { kind: 'offer-matching', name: `Offre vendeur ${tag}`, offerId, minScore: 60, alert: true });
    expect(saved.status, JSON.stringify(saved.body)).toBe(201);
    expect(saved.body).toMatchObject({ kind: 'offer-matching', minScore: 60, offer: { id: offerId, title: `Vendeur ${tag} H/F` }, alert: true, criteria: {} });
    expect(saved.body.summary).toBe(`Candidats compatibles avec l’offre « Vendeur ${tag} H/F », score ≥ 60 %`);
    expect(saved.body.link).toBe(`/recruteur/offres/${offerId}/candidats-compatibles?min=60`);
    expect(await paused(saved.body.id)).toBe(false);

    const theirs = await insertPublishedOffer(cast.otherCompany.id, `Leur offre ${tag}`);
    for (const id of [theirs, '00000000-0000-4000-8000-000000000000']) {
      const refused = await client.post('/api/cvtheque/saved-searches', { kind: 'offer-matching', name: `Pas la nôtre ${tag}`, offerId: id });
      expect(refused.status).toBe(404);
      expect(refused.body.error.message).toBe('Offre introuvable.');
    }

    // An archived offer: saved without its alert, never with it.
    const archived = await insertPublishedOffer(cast.company.id, `Archivée ${tag}`);
    await sql(`UPDATE offers SET status = 'ARCHIVED' WHERE id = $1`, [archived]);
    const withAlert = await client.post('/api/cvtheque/saved-searches', { kind: 'offer-matching', name: `Archivée ${tag}`, offerId: archived, alert: true });
    expect(withAlert.status).toBe(409);
    expect(fieldsOf(withAlert.body)).toEqual({ alert: expect.stringMatching(/^L’alerte suit une offre publiée/) });
    const quiet = await client.post('/api/cvtheque/saved-searches', { kind: 'offer-matching', name: `Archivée ${tag}`, offerId: archived });
    expect(quiet.status).toBe(201);
    expect(quiet.body.minScore).toBe(50);
    const turnOn = await client.patch(`/api/cvtheque/saved-searches/${quiet.body.id}`, { alert: true });
    expect(turnOn.status).toBe(409);
    expect(fieldsOf(turnOn.body)).toHaveProperty('alert');
    // An offer's search has no criteria of its own: its offer's are edited on the offer.
    const criteriaRefused = await client.patch(`/api/cvtheque/saved-searches/${quiet.body.id}`, { criteria: { metier: 'D1106' } });
    expect(criteriaRefused.status).toBe(400);
    expect(fieldsOf(criteriaRefused.body)).toHaveProperty('criteria');

    // Deleting the offer takes its saved searches with it.
    await sql(`DELETE FROM offers WHERE id = $1`, [archived]);
    expect((await client.get('/api/cvtheque/saved-searches')).body.items.map((s: { id: string }) => s.id)).not.toContain(quiet.body.id);
  });

  it('refuses bad input under its field, in French', async () => {
    const client = await cast.recruiter.client();
    const refused = async (body: unknown, status = 400) => {
      const response = await client.post('/api/cvtheque/saved-searches', body);
      expect(response.status, JSON.stringify(response.body)).toBe(status);
      return fieldsOf(response.body);
    };
    expect(await refused({ kind: 'matching', name: '', criteria: { metier: 'vendeur', place: { insee: '69123', radiusKm: 500 } }, minScore: 120, alert: 'oui' })).toMatchObject({
      name: 'Donnez un nom à la recherche.',
      'criteria.metier': expect.stringMatching(/^Code ROME attendu/),
      'criteria.place.radiusKm': expect.stringMatching(/km/),
      minScore: 'Score minimal de 0 à 100.',
      alert: 'True ou false attendu.',
    });
    expect(await refused({ kind: 'matching', name: `Nulle part ${tag}`, criteria: { place: { insee: '99999', radiusKm: 5 } } })).toEqual({ 'criteria.place.insee': expect.stringMatching(/^Aucune commune/) });
    expect(await refused({ kind: 'matching', name: `Sans critères ${tag}` })).toHaveProperty('criteria');
    expect(await refused({ kind: 'offer-matching', name: `Sans offre ${tag}`, offerId: 'pas-un-id', criteria: {} })).toMatchObject({
      offerId: 'Identifiant d’offre attendu (UUID).',
      criteria: expect.any(String),
    });
    expect(await refused({ kind: 'autre', name: 'x' })).toEqual({ kind: 'Type de recherche attendu : cvtheque, matching, offer-matching.' });
    // The table holds each kind to its own fields.
    await expect(
      sql(`INSERT INTO saved_searches (id, company_id, user_id, name, kind, criteria) VALUES (gen_random_uuid(), $1, $2, 'Incohérente', 'matching', '{}')`, [cast.company.id, cast.recruiter.id]),
    ).rejects.toThrow(/saved_searches_kind_fields/);
  });
});

describe('the alert of a saved matching search', () => {
  it('mails ONE mail listing each new profile at the threshold with its score, none under it, nothing when nothing is new', async () => {
    const recruiter = await createUser('RECRUITER', { companyId: cast.company.id });
    const name = `Alerte vendeurs ${tag}`;
    const asked = criteria();
    const saved = await (await recruiter.client()).post('/api/cvtheque/saved-searches', { kind: 'matching', name, criteria: asked, minScore: 60, alert: true });
    expect(saved.status).toBe(201);
    const id = saved.body.id as string;

    const good = await seller(`Vendeuse confirmée ${tag}`);
    const under = await faraway(`Cariste ${tag}`);
    const goodScore = await scoreOf(good, asked);
    expect(goodScore).toBeGreaterThanOrEqual(60);
    expect(await scoreOf(under, asked)).toBeLessThan(60);

    expect((await triggerSavedSearchAlert(id)).outcome).toBe('sent');
    const [mail] = await alertMail(recruiter.email, name, 1);
    expect(mail!.subject).toBe(`Un nouveau profil — « ${name} »`);
    expect(mail!.text).toContain(`${goodScore} % — Vendeuse confirmée ${tag}`);
    expect(mail!.text).toContain(`/recruteur/cvtheque/profils/${good.id}`);
    expect(mail!.text).toContain('score ≥ 60 %');
    expect(mail!.text).toContain('/recruteur/matching?');
    expect(mail!.text).not.toContain(under.id);
    expect(mail!.text).not.toContain('Cariste');
    expect(await sql(`SELECT candidate_id, score FROM saved_search_alerts WHERE saved_search_id = $1`, [id])).toEqual([{ candidate_id: good.id, score: goodScore }]);

    // Nothing new (the one under the threshold still is): no mail.
    expect((await triggerSavedSearchAlert(id)).outcome).toBe('nothing-new');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await savedSearchAlertMails(recruiter.email, name)).toHaveLength(1);
  });

  it('follows its offer’s ideal candidate as edited, and pauses once the offer is archived', async () => {
    const recruiter = await createUser('RECRUITER', { companyId: cast.company.id });
    const offerId = await insertPublishedOffer(cast.company.id, `Vendeur ${tag} (alerte)`);
    const ideal = criteria();
    await sql(`UPDATE offers SET ideal_candidate = $2::jsonb WHERE id = $1`, [offerId, JSON.stringify(ideal)]);
    const name = `Alerte offre ${tag}`;
    const saved = await (await recruiter.client()).post('/api/cvtheque/saved-searches', { kind: 'offer-matching', name, offerId, minScore: 60, alert: true });
    expect(saved.status).toBe(201);
    const id = saved.body.id as string;

    const first = await seller(`Vendeur en boulangerie ${tag}`);
    expect((await triggerSavedSearchAlert(id)).outcome).toBe('sent');
    const [mail] = await alertMail(recruiter.email, name, 1);
    expect(mail!.text).toContain(`% — Vendeur en boulangerie ${tag}`);
    expect(mail!.text).toContain(`Candidats compatibles avec l’offre « Vendeur ${tag} (alerte) », score ≥ 60 %`);
    expect(mail!.text).toContain(`/recruteur/offres/${offerId}/candidats-compatibles?min=60`);
    expect(mail!.text).toContain(first.id);

    // The ideal candidate now a cashier: a new cashier is announced, a new seller no longer.
    await sql(`UPDATE offers SET ideal_candidate = $2::jsonb WHERE id = $1`, [offerId, JSON.stringify(criteria({ metier: 'D1505', indispensable: ['metier'] }))]);
    const cashier = await seller(`Caissière ${tag}`, { metiers: ['D1505'] });
    const lateSeller = await seller(`Vendeur tardif ${tag}`);
    expect((await triggerSavedSearchAlert(id)).outcome).toBe('sent');
    const latest = (await alertMail(recruiter.email, name, 2)).find((m) => m.id !== mail!.id)!;
    expect(latest.text).toContain(cashier.id);
    expect(latest.text).not.toContain(lateSeller.id);

    // Archived: no mail, the alert off in the row and its Schedule paused.
    await sql(`UPDATE offers SET status = 'ARCHIVED' WHERE id = $1`, [offerId]);
    await seller(`Caissier ${tag}`, { metiers: ['D1505'] });
    expect((await triggerSavedSearchAlert(id)).outcome).toBe('offer-not-published');
    expect(await paused(id)).toBe(true);
    expect((await sql(`SELECT alert FROM saved_searches WHERE id = $1`, [id]))[0].alert).toBe(false);
    expect(await savedSearchAlertMails(recruiter.email, name)).toHaveLength(2);
  });
});
