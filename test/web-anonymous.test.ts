// Anonymous applications in Chromium (issue #19, seed 002): the offer form's « Candidature anonyme » (its
// question then required, said under it); the recruiter's application page naming the candidate by their
// number; the lift dialog (commitment, now or later; refused without the commitment, under it; Escape;
// focus back), then the person's name and « Marquer comme contacté »; the candidate told on their page.
// axe on each view.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { act, offerIn } from './drivers.js';
import { createCast, type Cast } from './fixtures.js';
import { ApiClient } from './support.js';
import { checkPage, createNamedCandidate, isFocused, launchBrowser, poll, signedInPage, visit } from './web-support.js';

let browser: Browser;
let cast: Cast;
const QUESTION = 'Que retenez-vous de votre dernière expérience ?';

beforeAll(async () => {
  browser = await launchBrowser();
  cast = await createCast();
});

afterAll(async () => {
  await browser?.close();
});

describe('anonymous applications on the web', () => {
  it('makes an offer anonymous in its form, the question then required under its field', async () => {
    const page = await signedInPage(browser, cast.recruiter.email);
    await visit(page, '/recruteur/offres/nouvelle');
    await page.getByLabel('Intitulé du poste (obligatoire)').fill('Préparateur de commandes H/F');
    await page.getByLabel('Code postal (obligatoire)').fill('69007');
    await page.getByLabel('Ville (obligatoire)').fill('Lyon');
    await page.getByLabel('Description du poste (obligatoire)').fill('Préparation des commandes, contrôle qualité, travail en équipe.');
    const anonymous = page.getByRole('checkbox', { name: 'Candidature anonyme' });
    await anonymous.check();
    await expect(anonymous.getAttribute('aria-describedby')).resolves.toContain('offer-anonymous-hint');
    await page.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
    await poll(() => page.locator('#offer-screeningQuestion-error').textContent()).toMatch(/obligatoire pour une offre anonyme/i);
    await poll(() => isFocused(page.getByLabel('Question aux candidats (obligatoire pour une offre anonyme)'))).toBe(true);
    await checkPage(page, 'offre-anonyme-question-obligatoire');
    await page.getByLabel('Question aux candidats (obligatoire pour une offre anonyme)').fill(QUESTION);
    await page.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
    await poll(() => page.getByText('Candidature anonyme', { exact: true }).first().isVisible()).toBe(true);
    await page.close();
  });

  it('shows the candidate as a number until the lift, then their name; the candidate sees it was shared', async () => {
    const offerId = await offerIn(cast, 'PUBLISHED', { anonymous: true, screeningQuestion: QUESTION });
    const candidate = await createNamedCandidate(cast.referent.id, 'Ysaline', 'Brocéliande');
    const applied = await (await ApiClient.login(candidate.email)).post('/api/applications', { offerId, message: 'Bonjour, Ysaline Brocéliande.', screeningAnswer: 'La rigueur.' });
    expect(applied.status).toBe(201);
    const id = applied.body.id as string;
    await act('application', cast.referent, id, { action: 'validate' }, 'PENDING_RECRUITER');

    const page = await signedInPage(browser, cast.recruiter.email);
    await visit(page, `/recruteur/candidatures/${id}`);
    await poll(() => page.getByText(/Candidature anonyme\./).isVisible()).toBe(true);
    expect(await page.locator('main').textContent()).not.toMatch(/Ysaline|Brocéliande/);
    await poll(() => page.locator('main').textContent()).toMatch(/Candidat·e n° \d+/);
    await checkPage(page, 'candidature-anonyme-recruteur');

    const open = page.getByRole('group', { name: 'Actions possibles' }).getByRole('button', { name: 'Contacter le candidat (lever l’anonymat)' });
    await open.click();
    const dialog = page.getByRole('dialog', { name: 'Contacter le candidat' });
    await poll(() => isFocused(dialog.getByRole('checkbox', { name: 'Je m’engage à contacter ce candidat' }))).toBe(true);
    await checkPage(page, 'dialogue-lever-anonymat');
    // Escape closes it, the focus back on the button that opened it.
    await page.keyboard.press('Escape');
    await poll(() => dialog.isVisible()).toBe(false);
    await poll(() => isFocused(open)).toBe(true);

    // Without the commitment: refused, said under the checkbox, which takes the focus.
    await open.click();
    await dialog.getByRole('radio', { name: /Plus tard/ }).check();
    await dialog.getByRole('button', { name: 'Lever l’anonymat' }).click();
    await poll(() => dialog.locator('#lift-commitment-error').textContent()).toMatch(/Je m’engage à contacter ce candidat/);
    await poll(() => isFocused(dialog.getByRole('checkbox', { name: 'Je m’engage à contacter ce candidat' }))).toBe(true);
    await checkPage(page, 'dialogue-lever-anonymat-engagement');
    await dialog.getByRole('checkbox', { name: 'Je m’engage à contacter ce candidat' }).check();
    await dialog.getByRole('button', { name: 'Lever l’anonymat' }).click();
    await poll(() => dialog.isVisible()).toBe(false);
    await poll(() => page.locator('main').textContent()).toMatch(/Ysaline Brocéliande/);
    expect(await page.locator('main').textContent()).toContain(candidate.email);
    await poll(() => page.locator('.note.anonymity').textContent()).toMatch(/à contacter/);

    await page.getByRole('group', { name: 'Actions possibles' }).getByRole('button', { name: 'Marquer comme contacté' }).click();
    const contacted = page.getByRole('dialog', { name: 'Marquer comme contacté' });
    await contacted.getByRole('button', { name: 'Marquer comme contacté' }).click();
    await poll(() => page.locator('.note.anonymity').textContent()).toMatch(/contacté·e/);
    await checkPage(page, 'candidature-anonymat-levee');
    await page.close();

    const own = await signedInPage(browser, candidate.email, { width: 320 });
    await visit(own, `/candidat/candidatures/${id}`);
    await poll(() => own.locator('.note.anonymity').filter({ hasText: 'Identité communiquée à Entreprise A' }).isVisible()).toBe(true);
    await checkPage(own, 'candidature-anonyme-candidat-320');
    await own.close();
  });
});
