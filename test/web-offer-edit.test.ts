// Editing a published offer in the browser (issue #15, item 8): « Modifier l’offre » on a published
// offer opens the form prefilled, says that the offer goes back to moderation and keeps its end date,
// shows the wording warnings again while typing; once sent, the status reads « En attente de
// modération » with the changes listed, candidates no longer find it, and the moderator's page shows
// what changed (before / now) and the warnings. axe-core on every page; 320 px reflow of the form.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { act, offerBody, reach } from './drivers.js';
import { createCast, type Cast } from './fixtures.js';
import { checkPage, launchBrowser, newPage, poll, signIn, visit } from './web-support.js';

let browser: Browser;
let cast: Cast;

beforeAll(async () => {
  browser = await launchBrowser({ keepScreenshots: true });
  cast = await createCast();
});

afterAll(async () => {
  await browser?.close();
});

describe('editing a published offer in the web app', () => {
  it('sends the changes to moderation from « Mes offres », keeps the end date, and shows the moderator what changed', async () => {
    const offer = await reach('offer', 'PUBLISHED', cast);
    const recruiterApi = await cast.recruiter.client();
    const before = (await recruiterApi.get(`/api/offers/${offer.id}`)).body;
    expect(before.status).toBe('PUBLISHED');

    const { context, page } = await newPage(browser);
    await signIn(page, cast.recruiter.email);
    await visit(page, `/recruteur/offres/${offer.id}`);
    await page.getByRole('link', { name: 'Modifier l’offre' }).click();
    await page.getByRole('heading', { level: 1, name: 'Modifier l’offre' }).waitFor();
    // Prefilled, with what happens next; the end date is not offered.
    expect(await page.getByLabel('Intitulé du poste (obligatoire)').inputValue()).toBe(before.title);
    await page.getByRole('heading', { name: 'Cette offre est en ligne' }).waitFor();
    const note = await page.getByRole('note').innerText();
    expect(note).toMatch(/repasse en modération/);
    expect(note).toMatch(/garde sa date de fin/);
    expect(await page.getByLabel('Fin de publication').count()).toBe(0);
    await checkPage(page, 'offre-publiee-modifier');

    // The warnings are computed again while typing.
    const title = `Magasinier ${offer.id.slice(0, 6)}`;
    await page.getByLabel('Intitulé du poste (obligatoire)').fill(title);
    await page.getByLabel('Description du poste (obligatoire)').fill(`${offerBody().description} Jeune homme dynamique.`);
    const warnings = page.getByRole('region', { name: 'Points à revoir avant l’envoi à la modération' });
    await poll(async () => (await warnings.innerText()).includes('mention H/F')).toBe(true);
    await poll(async () => /âge/.test(await warnings.innerText())).toBe(true);
    await page.setViewportSize({ width: 320, height: 800 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await checkPage(page, 'offre-publiee-modifier-320');
    await page.setViewportSize({ width: 1280, height: 900 });

    await page.getByRole('button', { name: 'Envoyer les modifications à la modération' }).click();
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    await page.getByText('En attente de modération').first().waitFor();
    const changes = page.getByRole('region', { name: 'Modifications depuis la publication' });
    expect(await changes.getByRole('heading', { name: 'Intitulé du poste' }).count()).toBe(1);
    expect(await changes.innerText()).toContain(before.title);
    await checkPage(page, 'offre-publiee-envoyee');

    const after = (await recruiterApi.get(`/api/offers/${offer.id}`)).body;
    expect(after).toMatchObject({ status: 'PENDING_MODERATION', title, expiresAt: before.expiresAt });
    expect(after.history.at(-1)).toMatchObject({ type: 'edit', message: 'Champs modifiés : Intitulé du poste, Description du poste.' });
    expect((await (await cast.candidate.client()).get(`/api/offers/${offer.id}`)).status).toBe(404);
    await context.close();

    // The moderator's page (a mail's link): before and now, and the warnings.
    const admin = await newPage(browser);
    await signIn(admin.page, cast.admin.email);
    await visit(admin.page, `/administration/offres/${offer.id}`);
    const seen = admin.page.getByRole('region', { name: 'Modifications depuis la publication' });
    await seen.waitFor();
    const text = await seen.innerText();
    expect(text).toContain(before.title);
    expect(text).toContain(title);
    expect(await admin.page.getByRole('region', { name: 'Points à vérifier (vérification automatique)' }).innerText()).toMatch(/âge/);
    await checkPage(admin.page, 'administration-offre-modifiee');
    await admin.context.close();

    // Approved, it is online again until the same end.
    const approved = await act('offer', cast.admin, offer.id, { action: 'approve' }, 'PUBLISHED');
    expect(approved.expiresAt).toBe(before.expiresAt);
  });
});
