// Saved matching searches in Chromium (issue #18, item 3, last part): a recruiter saves a matching search
// from the matching page (its criteria now in the address) with its e-mail alert, and an offer's
// « Candidats compatibles » at a threshold read from the address; « Listes et alertes » lists both with
// their kind, and « Relancer » brings back the form filled (the commune named, the box ticked), the
// search run, the back button returning to the list; the offer's page at its saved threshold. axe 0
// serious/critical at each step, 320 px without sideways scrolling.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { savedSearchScheduleId } from '../api/cvtheque-lists/schedules.js';
import { createProfile, uniqueWord } from './cvtheque-drivers.js';
import { createCast, createUser, insertPublishedOffer, type Cast, type Person } from './fixtures.js';
import { sql, temporalClient } from './support.js';
import { checkPage, expectNoSidewaysScroll, launchBrowser, poll, signedInPage, visit } from './web-support.js';


let browser: Browser;
let cast: Cast;
let recruiter: Person;
const tag = uniqueWord();

beforeAll(async () => {
  cast = await createCast();
  // A recruiter of their own: « Listes et alertes » shows this file's searches only.
  recruiter = await createUser('RECRUITER', { companyId: cast.company.id });
  browser = await launchBrowser({ keepScreenshots: true });
  await createProfile({ headline: 'Vendeuse expérimentée', skills: [tag], experienceMonths: 60, places: [{ insee: '69266', radiusKm: 5 }] });
  await createProfile({ headline: 'Vendeur débutant', skills: [tag], experienceMonths: 20, places: [{ insee: '69123' }] });
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

const savedSearches = async () => (await (await recruiter.client()).get('/api/cvtheque/saved-searches')).body.items as Array<Record<string, any>>;

describe('saved matching searches', () => {
  it('are saved from the matching page and an offer’s compatible candidates, listed with their kind, and relaunched', async () => {
    const page = await signedInPage(browser, recruiter.email);
    await visit(page, '/recruteur/matching');
    await page.getByRole('heading', { level: 1, name: 'Recherche matching' }).waitFor();
    await page.getByLabel('Compétences (séparées par des virgules)').fill(tag);
    await page.getByRole('checkbox', { name: 'Indispensable : Compétences' }).check();
    await page.getByLabel('Années d’expérience au moins').fill('3');
    await page.getByLabel('Commune du poste : nom ou code postal').fill('Lyon');
    await page.getByRole('radio', { name: /^Lyon — 69001/ }).click();
    await page.getByLabel('Rayon autour (km)').fill('10');
    await page.getByRole('button', { name: 'Trouver les profils' }).click();
    const status = page.locator('.matching-results [role="status"]');
    await poll(() => status.textContent()).toBe('2 profils compatibles à 50 % ou plus');
    // The criteria searched are the address.
    const address = new URL(page.url()).searchParams;
    expect(Object.fromEntries(address)).toEqual({ experienceYears: '3', place: '69123', radiusKm: '10', skill: tag, indispensable: 'skills', min: '50' });

    // « Enregistrer la recherche »: its name and the alert, in a dialog.
    await page.getByRole('button', { name: 'Enregistrer la recherche' }).click();
    const dialog = page.getByRole('dialog', { name: 'Enregistrer la recherche' });
    await dialog.getByLabel('Nom de la recherche').fill(`Vendeurs Lyon ${tag}`);
    await dialog.getByRole('checkbox', { name: 'M’envoyer un e-mail quand de nouveaux profils correspondent' }).check();
    await checkPage(page, 'matching-enregistrer');
    await dialog.getByRole('button', { name: 'Enregistrer' }).click();
    await dialog.waitFor({ state: 'detached' });
    await poll(async () => (await savedSearches()).find((s) => s.name === `Vendeurs Lyon ${tag}`)).toMatchObject({
      kind: 'matching',
      alert: true,
      minScore: 50,
      criteria: { experienceYears: 3, place: { insee: '69123', radiusKm: 10 }, skills: [tag], indispensable: ['skills'] },
    });
    const matchingId = (await savedSearches()).find((s) => s.name === `Vendeurs Lyon ${tag}`)!.id as string;
    expect((await (await temporalClient()).schedule.getHandle(savedSearchScheduleId(matchingId)).describe()).state.paused).toBe(false);

    // An offer's compatible candidates, opened at 60 % by its address: the slider says so; saved without alert.
    const offerId = await insertPublishedOffer(cast.company.id, `Vendeur ${tag} H/F`);
    await sql(`UPDATE offers SET ideal_candidate = $2::jsonb WHERE id = $1`, [offerId, JSON.stringify({ experienceYears: 3, skills: [tag], indispensable: ['skills'] })]);
    await visit(page, `/recruteur/offres/${offerId}/candidats-compatibles?min=60`);
    const offerStatus = page.locator('.matching-results [role="status"]');
    await poll(() => offerStatus.textContent()).toMatch(/^\d+ profils? à 60 % au moins$/);
    expect(await page.getByRole('slider', { name: 'Score minimal' }).getAttribute('aria-valuetext')).toBe('60 %');
    await page.getByRole('button', { name: 'Enregistrer la recherche' }).click();
    await dialog.getByLabel('Nom de la recherche').fill(`Offre vendeur ${tag}`);
    await dialog.getByRole('button', { name: 'Enregistrer' }).click();
    await dialog.waitFor({ state: 'detached' });
    await poll(async () => (await savedSearches()).find((s) => s.name === `Offre vendeur ${tag}`)).toMatchObject({ kind: 'offer-matching', alert: false, minScore: 60, offer: { id: offerId } });
    await checkPage(page, 'offre-candidats-compatibles-enregistree');

    // « Listes et alertes »: both, each with its kind and summary.
    await visit(page, '/recruteur/cvtheque/listes');
    const card = (name: string) => page.locator('li.card', { has: page.getByRole('heading', { level: 3, name }) });
    const matchingCard = card(`Vendeurs Lyon ${tag}`);
    await matchingCard.waitFor();
    expect(await matchingCard.textContent()).toContain('Recherche matching');
    expect(await matchingCard.textContent()).toContain(`3 ans d’expérience au moins, Lyon (69) à 10 km, compétences « ${tag} » ; indispensable : compétences, score ≥ 50 %`);
    const offerCard = card(`Offre vendeur ${tag}`);
    expect(await offerCard.textContent()).toContain('Candidats compatibles d’une offre');
    expect(await offerCard.textContent()).toContain(`Candidats compatibles avec l’offre « Vendeur ${tag} H/F », score ≥ 60 %`);
    await checkPage(page, 'listes-recherches-matching');

    // Relaunched: the form filled from the address, the search run; back to the list.
    await matchingCard.getByRole('link', { name: `Relancer la recherche « Vendeurs Lyon ${tag} »` }).click();
    await page.getByRole('heading', { level: 1, name: 'Recherche matching' }).waitFor();
    await poll(() => status.textContent()).toBe('2 profils compatibles à 50 % ou plus');
    expect(await page.getByLabel('Compétences (séparées par des virgules)').inputValue()).toBe(tag);
    expect(await page.getByLabel('Années d’expérience au moins').inputValue()).toBe('3');
    expect(await page.getByLabel('Rayon autour (km)').inputValue()).toBe('10');
    expect(await page.getByRole('checkbox', { name: 'Indispensable : Compétences' }).isChecked()).toBe(true);
    await poll(async () => (await page.locator('.matching-form').textContent()) ?? '').toContain('Choisie : Lyon');
    await checkPage(page, 'matching-relance');
    await page.goBack();
    await matchingCard.waitFor();

    await offerCard.getByRole('link', { name: `Relancer la recherche « Offre vendeur ${tag} »` }).click();
    await page.getByRole('heading', { level: 1, name: 'Candidats compatibles' }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/recruteur/offres/${offerId}/candidats-compatibles`);
    expect(await page.getByRole('slider', { name: 'Score minimal' }).getAttribute('aria-valuetext')).toBe('60 %');
    await poll(() => offerStatus.textContent()).toMatch(/à 60 % au moins$/);

    await page.goBack();
    await matchingCard.waitFor();
    await page.setViewportSize({ width: 320, height: 800 });
    await expectNoSidewaysScroll(page, 'listes et alertes (matching) à 320 px');
    await checkPage(page, 'listes-recherches-matching-320');
    await page.context().close();
  });
});
