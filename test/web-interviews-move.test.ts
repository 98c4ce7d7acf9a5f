// Interviews that move (issue #16, item 4) in Chromium: the recruiter moves an interview from « Mes
// entretiens » by keyboard (the dialog prefilled with it, an error under its field), the candidate
// sees the new time and asks for another slot with their availabilities, the recruiter then reads
// « Autre créneau demandé »; axe on the dialogs and the pages.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { interviewsOf, toInterviewInTwoDays } from './drivers.js';
import { createCompany, createUser, type Person } from './fixtures.js';
import { ApiClient } from './support.js';
import { checkPage, createNamedCandidate, isFocused, launchBrowser, newPage, parisLocalInput, poll, signIn, tabTo, visit } from './web-support.js';

let browser: Browser;
const suffix = Math.random().toString(36).slice(2, 7);
const candidateName = `Noé Déplacé${suffix}`;

let recruiter: Person;
let candidate: { id: string; email: string };
let applicationId: string;

beforeAll(async () => {
  browser = await launchBrowser({ keepScreenshots: true });
  const company = await createCompany(`Atelier mobile ${suffix}`);
  recruiter = await createUser('RECRUITER', { companyId: company.id });
  const referent = await createUser('REFERENT');
  candidate = await createNamedCandidate(referent.id, 'Noé', `Déplacé${suffix}`);
  const applied = await (await ApiClient.login(candidate.email)).post('/api/applications', { offerId: company.offerId });
  expect(applied.status, JSON.stringify(applied.body)).toBe(201);
  applicationId = applied.body.id;
  await toInterviewInTwoDays(referent, recruiter, applicationId, 'PHONE');
});

afterAll(async () => {
  await browser?.close();
});

async function signedIn(email: string, to: string): Promise<Page> {
  const { page } = await newPage(browser);
  await signIn(page, email);
  await visit(page, to);
  return page;
}

describe('moving an interview in the browser', () => {
  it('the recruiter moves it from « Mes entretiens » by keyboard; the candidate asks for another slot; the recruiter reads it', async () => {
    const page = await signedIn(recruiter.email, '/recruteur/rendez-vous');
    const upcoming = page.getByRole('region', { name: /À venir/ });
    await poll(() => upcoming.textContent()).toContain(candidateName);
    const move = upcoming.getByRole('button', { name: /^Déplacer l’entretien du / });
    await tabTo(page, move);
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Déplacer l’entretien' });
    await dialog.waitFor();
    // Prefilled with the interview as it is, the focus on its first field.
    const when = dialog.getByLabel('Nouvelle date et heure');
    await poll(() => isFocused(when)).toBe(true);
    expect(await when.inputValue()).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);
    expect(await dialog.getByLabel('Téléphone').isChecked()).toBe(true);
    expect(await dialog.getByLabel('Durée').inputValue()).toBe('30');
    await checkPage(page, 'deplacer-entretien-dialogue');

    // In person without an address: the refusal under the field, the dialog still open.
    await when.fill(parisLocalInput(4, 14));
    await dialog.getByLabel('En présentiel').check();
    await dialog.getByRole('button', { name: 'Déplacer l’entretien' }).press('Enter');
    const location = dialog.getByLabel('Adresse (obligatoire en présentiel)');
    await poll(() => location.getAttribute('aria-invalid')).toBe('true');
    await poll(() => dialog.textContent()).toContain('L’adresse est obligatoire pour un entretien en présentiel.');
    await checkPage(page, 'deplacer-entretien-erreur');
    await location.fill('5 rue des Ateliers, Nantes');
    await location.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await poll(async () => (await interviewsOf(applicationId))[0]?.icsSequence).toBe(1);
    await poll(() => upcoming.textContent()).toContain('Lieu : 5 rue des Ateliers, Nantes');
    expect(await upcoming.textContent()).toContain('proposé, en attente de confirmation');

    // The candidate reads the new time and asks for another slot, next to « Confirmer ».
    const candidatePage = await signedIn(candidate.email, `/candidat/candidatures/${applicationId}`);
    const interviews = candidatePage.locator('.interviews');
    await poll(() => interviews.textContent()).toContain('Lieu : 5 rue des Ateliers, Nantes');
    expect(await interviews.textContent()).toContain('14:00');
    const actions = candidatePage.getByRole('group', { name: 'Étape suivante' }).getByRole('button');
    expect(await actions.allTextContents()).toEqual(['Confirmer l’entretien', 'Demander un autre créneau']);
    await actions.filter({ hasText: 'Demander un autre créneau' }).click();
    const ask = candidatePage.getByRole('dialog', { name: 'Demander un autre créneau' });
    await ask.waitFor();
    await ask.getByRole('button', { name: 'Demander un autre créneau' }).click();
    await poll(() => ask.textContent()).toContain('Indiquez les disponibilités (jours et heures) pour un autre créneau');
    await checkPage(candidatePage, 'autre-creneau-dialogue');
    await ask.getByLabel('Disponibilités (obligatoire)').fill('Le lundi ou le mardi après 14 h.');
    await ask.getByRole('button', { name: 'Demander un autre créneau' }).click();
    await ask.waitFor({ state: 'detached' });
    await poll(() => candidatePage.locator('.status-line').textContent()).toContain('Autre créneau demandé');
    expect(await interviews.textContent()).toContain('Le lundi ou le mardi après 14 h.');
    expect(await candidatePage.getByRole('group', { name: 'Étape suivante' }).getByRole('button').allTextContents()).toEqual(['Confirmer l’entretien']);
    await checkPage(candidatePage, 'autre-creneau-demande-candidat');

    // The recruiter reads it in « Mes entretiens », in the list of applications, and on the application.
    await visit(page, '/recruteur/rendez-vous');
    await poll(() => upcoming.textContent()).toContain('Autre créneau demandé');
    expect(await upcoming.textContent()).toContain('Le lundi ou le mardi après 14 h.');
    await checkPage(page, 'autre-creneau-demande-rendez-vous');
    await visit(page, '/recruteur/candidatures');
    await poll(() => page.getByRole('row').filter({ hasText: candidateName }).textContent()).toContain('Autre créneau demandé');
    await visit(page, `/recruteur/candidatures/${applicationId}`);
    await poll(() => page.locator('.interviews').textContent()).toContain('Le lundi ou le mardi après 14 h.');
    await checkPage(page, 'autre-creneau-demande-candidature');
    // The application page moves it too, with the same dialog, the request recalled in it.
    await page.getByRole('group', { name: 'Étape suivante' }).getByRole('button', { name: 'Déplacer l’entretien' }).click();
    const again = page.getByRole('dialog', { name: 'Déplacer l’entretien' });
    await again.waitFor();
    expect(await again.getByLabel('Adresse (obligatoire en présentiel)').inputValue()).toBe('5 rue des Ateliers, Nantes');
    expect(await again.textContent()).toContain('Le lundi ou le mardi après 14 h.');
    await page.keyboard.press('Escape');
    await again.waitFor({ state: 'detached' });
  });
});
