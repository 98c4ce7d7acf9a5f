// « Listes et alertes » in Chromium (issue #17, item 7): a list created from the form, its profiles
// (a link to each, a withdrawn one by its label only), one removed, one added to another list, the list renamed in a dialog and
// deleted in another that opens on « Annuler »; a saved search's « Relancer » link and its alert switched
// off and on again from the keyboard (the Schedule follows); axe on each state, and 320 px without
// sideways scrolling. <AddToListButton> is tried from a list's profile (into a new list, then into one
// that has it already); <SaveSearchButton> has no page before the search page is merged.
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { savedSearchScheduleId } from '../api/cvtheque-lists/schedules.js';
import { createCast, createUser, type Cast, type Person } from './fixtures.js';
import { sql, temporalClient } from './support.js';
import { checkPage, expectNoSidewaysScroll, isFocused, launchBrowser, poll, signedInPage, visit } from './web-support.js';

let browser: Browser;
let cast: Cast;
const word = randomUUID().slice(0, 6);

beforeAll(async () => {
  browser = await launchBrowser({ keepScreenshots: true });
  cast = await createCast();
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

async function visibleProfile(headline: string): Promise<Person> {
  const candidate = await createUser('CANDIDATE', { referentId: cast.referent.id });
  await sql(`UPDATE candidate_profiles SET headline = $2, commune_insee = '69123', cvtheque_visible_at = now() WHERE user_id = $1`, [candidate.id, headline]);
  return candidate;
}

const signedIn = (email: string) => signedInPage(browser, email);

describe('« Listes et alertes »', () => {
  it('creates a list, shows its profiles (a withdrawn one without data), removes one, renames and deletes the list', async () => {
    const recruiter = await cast.recruiter.client();
    const kept = await visibleProfile(`Soudeuse TIG ${word}`);
    const gone = await visibleProfile(`Chaudronnier ${word}`);

    const page = await signedIn(cast.recruiter.email);
    await visit(page, '/recruteur/cvtheque/listes');
    await page.getByRole('heading', { level: 1, name: 'Listes et alertes' }).waitFor();
    // Created from the form, with the keyboard.
    await page.getByLabel('Nom de la nouvelle liste').fill(`Soudure ${word}`);
    await page.getByLabel('Nom de la nouvelle liste').press('Enter');
    const card = page.locator('article', { has: page.getByRole('heading', { level: 3, name: `Soudure ${word}` }) });
    await card.waitFor();
    await expect.poll(() => page.getByLabel('Nom de la nouvelle liste').inputValue()).toBe('');

    // The same name again: the reason under the field.
    await page.getByLabel('Nom de la nouvelle liste').fill(`soudure ${word}`);
    await page.getByRole('button', { name: 'Créer la liste' }).click();
    await expect.poll(() => page.locator('#new-list-name-error').textContent()).toBe('Une liste de votre entreprise porte déjà ce nom.');
    await poll(() => isFocused(page.getByLabel('Nom de la nouvelle liste'))).toBe(true);

    // Two profiles added (by a colleague's search, through the API), one then withdrawn.
    const listId = (await recruiter.get('/api/cvtheque/lists?pageSize=200')).body.items.find((l: { name: string }) => l.name === `Soudure ${word}`).id as string;
    for (const p of [kept, gone]) expect((await (await cast.colleague.client()).post(`/api/cvtheque/lists/${listId}/items`, { candidateId: p.id })).status).toBe(201);
    await sql(`UPDATE candidate_profiles SET cvtheque_visible_at = NULL WHERE user_id = $1`, [gone.id]);
    await page.reload();
    await card.getByRole('link', { name: `Soudeuse TIG ${word} — Lyon (69)` }).waitFor();
    expect(await card.getByRole('link', { name: `Soudeuse TIG ${word} — Lyon (69)` }).getAttribute('href')).toBe(`/recruteur/cvtheque/profils/${kept.id}`);
    await card.getByText('Profil retiré de la CVthèque', { exact: true }).waitFor();
    expect(await card.textContent()).not.toContain('Chaudronnier');
    await checkPage(page, 'cvtheque-listes');

    // The withdrawn one removed.
    await card.getByRole('button', { name: 'Retirer « Profil retiré de la CVthèque » de la liste' }).click();
    await expect.poll(() => card.getByText('Profil retiré de la CVthèque', { exact: true }).count()).toBe(0);
    await card.getByText('1 profil', { exact: false }).first().waitFor();

    // <AddToListButton>: the kept profile added to a new list from the dialog (focus on its first field).
    await card.getByRole('button', { name: `Ajouter à une liste : Soudeuse TIG ${word}` }).click();
    const add = page.getByRole('dialog', { name: 'Ajouter à une liste' });
    await add.waitFor();
    await poll(() => isFocused(add.getByLabel('Liste', { exact: true }))).toBe(true);
    await add.getByLabel('Liste', { exact: true }).selectOption({ label: 'Nouvelle liste…' });
    await add.getByLabel('Nom de la nouvelle liste').fill(`Finalistes ${word}`);
    await checkPage(page, 'cvtheque-ajouter-a-une-liste');
    await add.getByRole('button', { name: 'Ajouter' }).click();
    await add.waitFor({ state: 'detached' });
    const finalists = page.locator('article', { has: page.getByRole('heading', { level: 3, name: `Finalistes ${word}` }) });
    await finalists.getByRole('link', { name: `Soudeuse TIG ${word} — Lyon (69)` }).waitFor();
    // Into a list that has it already: said so, nothing added.
    await finalists.getByRole('button', { name: `Ajouter à une liste : Soudeuse TIG ${word}` }).click();
    await add.getByLabel('Liste', { exact: true }).selectOption({ label: `Finalistes ${word} (1 profil)` });
    await add.getByRole('button', { name: 'Ajouter' }).click();
    await expect.poll(() => page.getByText(`Ce profil était déjà dans la liste « Finalistes ${word} ».`).count()).toBeGreaterThan(0);
    expect((await sql(`SELECT count(*)::int AS n FROM cvtheque_list_items i JOIN cvtheque_lists l ON l.id = i.list_id WHERE l.name = $1`, [`Finalistes ${word}`]))[0].n).toBe(1);

    // Renamed in a dialog.
    await card.getByRole('button', { name: `Renommer la liste « Soudure ${word} »` }).click();
    const rename = page.getByRole('dialog', { name: `Renommer la liste « Soudure ${word} »` });
    await rename.getByLabel('Nouveau nom').fill(`Soudure TIG ${word}`);
    await rename.getByRole('button', { name: 'Renommer' }).click();
    const renamed = page.locator('article', { has: page.getByRole('heading', { level: 3, name: `Soudure TIG ${word}` }) });
    await renamed.waitFor();

    // Deletion: the dialog opens on « Annuler »; Escape keeps the list; then deleted.
    await renamed.getByRole('button', { name: `Supprimer la liste « Soudure TIG ${word} »` }).click();
    const confirm = page.getByRole('dialog', { name: `Supprimer la liste « Soudure TIG ${word} » ?` });
    await confirm.waitFor();
    await poll(() => isFocused(confirm.getByRole('button', { name: 'Annuler' }))).toBe(true);
    await checkPage(page, 'cvtheque-listes-suppression');
    await page.keyboard.press('Escape');
    await confirm.waitFor({ state: 'detached' });
    await poll(() => isFocused(renamed.getByRole('button', { name: `Supprimer la liste « Soudure TIG ${word} »` }))).toBe(true);
    await renamed.getByRole('button', { name: `Supprimer la liste « Soudure TIG ${word} »` }).click();
    await confirm.getByRole('button', { name: 'Supprimer la liste' }).click();
    await renamed.waitFor({ state: 'detached' });
    expect((await recruiter.get(`/api/cvtheque/lists/${listId}`)).status).toBe(404);
    await page.context().close();
  });

  it('relaunches a saved search and switches its alert off and on from the keyboard; reads at 320 px', async () => {
    const recruiter = await cast.recruiter.client();
    const saved = await recruiter.post('/api/cvtheque/saved-searches', { name: `Caristes Lyon ${word}`, criteria: { q: 'cariste', department: '69', contractType: 'CDI' }, alert: true });
    expect(saved.status).toBe(201);
    const id = saved.body.id as string;
    const schedule = (await temporalClient()).schedule.getHandle(savedSearchScheduleId(id));

    const page = await signedIn(cast.recruiter.email);
    await visit(page, '/recruteur/cvtheque/listes');
    const card = page.locator('li.card', { has: page.getByRole('heading', { level: 3, name: `Caristes Lyon ${word}` }) });
    await card.waitFor();
    expect(await card.textContent()).toContain('« cariste », département 69, CDI');
    const relaunch = card.getByRole('link', { name: `Relancer la recherche « Caristes Lyon ${word} »` });
    const href = (await relaunch.getAttribute('href'))!;
    expect(href.startsWith('/recruteur/cvtheque?')).toBe(true);
    expect(Object.fromEntries(new URLSearchParams(href.split('?')[1]))).toEqual({ q: 'cariste', department: '69', contractType: 'CDI' });

    const alert = card.getByRole('switch', { name: `Alerte par e-mail pour « Caristes Lyon ${word} »` });
    expect(await alert.isChecked()).toBe(true);
    await alert.focus();
    await page.keyboard.press('Space');
    await expect.poll(async () => (await recruiter.get('/api/cvtheque/saved-searches')).body.items.find((s: { id: string }) => s.id === id).alert).toBe(false);
    await expect.poll(async () => (await schedule.describe()).state.paused).toBe(true);
    expect(await alert.isChecked()).toBe(false);
    await page.keyboard.press('Space');
    await expect.poll(async () => (await schedule.describe()).state.paused).toBe(false);
    await checkPage(page, 'cvtheque-recherches');

    await page.setViewportSize({ width: 320, height: 800 });
    await expectNoSidewaysScroll(page, 'listes et alertes à 320 px');
    await checkPage(page, 'cvtheque-listes-320');
    await page.context().close();
  });
});
