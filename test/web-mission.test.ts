// « Mes référents » of the chargé de mission in a real browser: the nav entry, the list, a new référent
// (a refused entry shown next to its field, then the account and its mailed temporary password, with
// which the new référent signs in), a candidate given to that référent (« Confier à un autre
// référent ») whose pending application the new référent then finds to validate, and a référent
// disabled after their candidates are given to another — each dialog opening on « Annuler ». axe-core
// on every page and dialog, and the list and a référent's page at 320 px without horizontal scrolling.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { temporaryPasswordOf, uniqueEmail } from './drivers.js';
import { createCompany, createUser, type Person } from './fixtures.js';
import { sql } from './support.js';
import { checkPage, isFocused, launchBrowser, poll, signedInPage } from './web-support.js';

let browser: Browser;
const suffix = Math.random().toString(36).slice(2, 7);
const people = {} as { mission: Person; from: Person; candidate: Person; applicationId: string };
const state: { email?: string; referentId?: string } = {};

beforeAll(async () => {
  browser = await launchBrowser({ keepScreenshots: true });
  const company = await createCompany(`Atelier ${suffix}`);
  people.mission = await createUser('MISSION_OFFICER', { firstName: 'Claire', lastName: `Mission${suffix}` });
  people.from = await createUser('REFERENT', { missionOfficerId: people.mission.id, firstName: 'Paul', lastName: `Ancien${suffix}` });
  people.candidate = await createUser('CANDIDATE', { referentId: people.from.id, firstName: 'Mila', lastName: `Suivie${suffix}` });
  const applied = await (await people.candidate.client()).post('/api/applications', { offerId: company.offerId, message: 'Bonjour' });
  expect(applied.status, JSON.stringify(applied.body)).toBe(201);
  people.applicationId = applied.body.id;
});

afterAll(async () => {
  await browser?.close();
});

const signedIn = (email: string, password?: string) => signedInPage(browser, email, { password });

/** Nothing wider than the window: read at 320 px without scrolling sideways (RGAA 10.11). */
async function reflows(page: Page) {
  await page.setViewportSize({ width: 320, height: 800 });
  await poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  await page.setViewportSize({ width: 1280, height: 900 });
}

describe('« Mes référents » of the chargé de mission', () => {
  it('creates a référent: a refused entry next to its field, then the account and the mailed temporary password', async () => {
    const page = await signedIn(people.mission.email);
    await page.getByRole('navigation', { name: 'Espace chargé de mission' }).getByRole('link', { name: 'Mes référents' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mes référents' }).waitFor();
    const row = page.getByRole('row').filter({ hasText: `Paul Ancien${suffix}` });
    await poll(() => row.textContent()).toContain('Actif');
    await checkPage(page, 'mission-referents');
    await reflows(page);

    await page.getByRole('link', { name: 'Ajouter un référent' }).click();
    await page.getByRole('heading', { level: 1, name: 'Ajouter un référent' }).waitFor();
    await page.getByLabel('Prénom (obligatoire)').fill('Inès');
    await page.getByLabel('Nom (obligatoire)', { exact: true }).fill(`Nouvelle${suffix}`);
    // An address that already has an account: the reason under the field, which takes the focus.
    await page.getByLabel('E-mail (obligatoire)').fill(people.candidate.email);
    await page.getByRole('button', { name: 'Créer le compte' }).click();
    await poll(() => page.locator('#r-email-error').textContent()).toContain('Un compte existe déjà avec cette adresse e-mail');
    await poll(() => isFocused(page.getByLabel('E-mail (obligatoire)'))).toBe(true);
    await checkPage(page, 'mission-referent-refuse');

    state.email = uniqueEmail('ines');
    await page.getByLabel('E-mail (obligatoire)').fill(state.email);
    await page.getByLabel('Fonction et établissement').fill('Référente handicap, Lycée Ampère');
    await page.getByRole('button', { name: 'Créer le compte' }).click();
    await page.getByRole('heading', { level: 1, name: `Inès Nouvelle${suffix}` }).waitFor();
    state.referentId = page.url().split('/').pop()!;
    await poll(() => page.locator('.announcement').textContent()).toContain('un mot de passe provisoire lui est envoyé par e-mail');
    expect(await page.locator('main').textContent()).toContain('En attente de première connexion');
    await checkPage(page, 'mission-referent-cree');
    await page.context().close();

    // The new référent signs in with the mailed password and chooses their own.
    const temporary = await temporaryPasswordOf(state.email);
    const referent = await signedIn(state.email, temporary);
    await referent.getByRole('heading', { level: 1, name: 'Choisir mon mot de passe' }).waitFor();
    await referent.getByLabel('Mot de passe provisoire (reçu par e-mail)').fill(temporary);
    await referent.getByLabel('Nouveau mot de passe', { exact: true }).fill(`Referente-${suffix}-2026!`);
    await referent.getByLabel('Nouveau mot de passe, une seconde fois').fill(`Referente-${suffix}-2026!`);
    await referent.getByRole('button', { name: 'Enregistrer mon mot de passe' }).click();
    await referent.getByRole('heading', { level: 1, name: 'Candidatures à valider' }).waitFor();
    await referent.context().close();
  });

  it('gives a candidate to the new référent, who then finds the application to validate', async () => {
    const page = await signedIn(people.mission.email);
    await page.goto(`/referent/referents/${people.from.id}`);
    await page.getByRole('heading', { level: 1, name: `Paul Ancien${suffix}` }).waitFor();
    await reflows(page);
    const opener = page.getByRole('button', { name: `Confier à un autre référent : Mila Suivie${suffix}` });
    await opener.click();
    const dialog = page.getByRole('dialog', { name: `Confier Mila Suivie${suffix} à un autre référent` });
    await dialog.waitFor();
    // Opens on the safe choice.
    await poll(() => isFocused(dialog.getByRole('button', { name: 'Annuler' }))).toBe(true);
    // Sent without a choice: the API's reason under the list.
    await dialog.getByLabel('Nouveau référent (obligatoire)').waitFor();
    await dialog.getByRole('button', { name: 'Confier', exact: true }).click();
    await poll(() => dialog.locator('#reassign-referentId-error').textContent()).toContain('Choisissez le référent');
    await checkPage(page, 'mission-confier');
    await dialog.getByLabel('Nouveau référent (obligatoire)').selectOption({ label: `Inès Nouvelle${suffix} (Référente handicap, Lycée Ampère)` });
    await dialog.getByRole('button', { name: 'Confier', exact: true }).click();
    await poll(() => page.locator('.announcement').textContent()).toContain(`Suivi de Mila Suivie${suffix} confié à Inès Nouvelle${suffix}. Suivi transféré : 1 candidature en cours`);
    await poll(() => page.locator('main').textContent()).toContain('Aucun candidat suivi.');
    const [profile] = await sql(`SELECT referent_id FROM candidate_profiles WHERE user_id = $1`, [people.candidate.id]);
    expect(profile.referent_id).toBe(state.referentId);
    await page.context().close();

    const referent = await signedIn(state.email!, `Referente-${suffix}-2026!`);
    await referent.getByRole('heading', { level: 1, name: 'Candidatures à valider' }).waitFor();
    await referent.goto(`/referent/candidatures/${people.applicationId}`);
    await referent.getByRole('button', { name: 'Valider la candidature' }).click();
    await referent.getByRole('dialog', { name: 'Valider la candidature' }).getByRole('button', { name: 'Valider la candidature' }).click();
    await poll(async () => (await sql(`SELECT status FROM applications WHERE id = $1`, [people.applicationId]))[0].status).toBe('PENDING_RECRUITER');
    await referent.context().close();
  });

  it('disables a référent after giving their candidates to another, in a dialog that opens on « Annuler »; enables them again', async () => {
    const leaving = await createUser('REFERENT', { missionOfficerId: people.mission.id, firstName: 'Zoé', lastName: `Partante${suffix}` });
    await createUser('CANDIDATE', { referentId: leaving.id, firstName: 'Noé', lastName: `Confié${suffix}` });
    const page = await signedIn(people.mission.email);
    await page.goto(`/referent/referents/${leaving.id}`);
    await page.getByRole('heading', { level: 1, name: `Zoé Partante${suffix}` }).waitFor();
    await page.getByRole('button', { name: 'Désactiver le compte' }).click();
    const dialog = page.getByRole('dialog', { name: `Désactiver le compte de Zoé Partante${suffix} ?` });
    await dialog.waitFor();
    await poll(() => isFocused(dialog.getByRole('button', { name: 'Annuler' }))).toBe(true);
    expect(await dialog.textContent()).toContain('Elle suit encore 1 candidat');
    // Without a choice, refused: the API's reason beside the list.
    await dialog.getByRole('button', { name: 'Confier et désactiver' }).click();
    await poll(() => dialog.locator('#disable-referentId-error').textContent()).toContain('suit encore 1 candidat');
    await checkPage(page, 'mission-desactiver');
    await dialog.getByLabel('Confier son candidat à (obligatoire)').selectOption({ label: `Paul Ancien${suffix}` });
    await dialog.getByRole('button', { name: 'Confier et désactiver' }).click();
    await poll(() => page.locator('.announcement').textContent()).toContain(`Compte de Zoé Partante${suffix} désactivé. 1 candidat confié à Paul Ancien${suffix}.`);
    await poll(() => page.locator('main').textContent()).toContain('Désactivé le');
    const [row] = await sql(`SELECT disabled_at FROM users WHERE id = $1`, [leaving.id]);
    expect(row.disabled_at).not.toBeNull();

    await page.getByRole('button', { name: 'Réactiver le compte' }).click();
    const enable = page.getByRole('dialog', { name: `Réactiver le compte de Zoé Partante${suffix} ?` });
    await poll(() => isFocused(enable.getByRole('button', { name: 'Annuler' }))).toBe(true);
    await checkPage(page, 'mission-reactiver');
    await enable.getByRole('button', { name: 'Réactiver', exact: true }).click();
    await poll(() => page.locator('.announcement').textContent()).toContain('réactivé');
    await poll(async () => (await sql(`SELECT disabled_at FROM users WHERE id = $1`, [leaving.id]))[0].disabled_at).toBeNull();
    await checkPage(page, 'mission-referent');
    await page.context().close();
  });
});
