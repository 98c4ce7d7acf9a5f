// The recruiters' private note in a real browser (Debian's Chromium through playwright-core): two
// recruiters of the company have the same application open; the first saves, the second saves over
// the version they read. The second is told, next to the field (role="alert"), that the note changed,
// with a button that loads the colleague's text while keeping their own on screen to take back; saved
// again, it goes through. axe-core on the page in that state.
import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createCast, createUser, type Cast } from './fixtures.js';
import { checkPage, launchBrowser, poll, signedInPage } from './web-support.js';

let browser: Browser;
let cast: Cast;

beforeAll(async () => {
  browser = await launchBrowser({ keepScreenshots: true });
  cast = await createCast();
});

afterAll(async () => {
  await browser?.close();
});

const signedIn = (email: string) => signedInPage(browser, email);

describe('the private note, edited by two recruiters at once', () => {
  it('tells the second one next to the field, loads the colleague’s text and keeps theirs to take back', async () => {
    const candidate = await createUser('CANDIDATE', { referentId: cast.referent.id });
    const created = await (await candidate.client()).post('/api/applications', { offerId: cast.company.offerId });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect((await (await cast.referent.client()).post(`/api/applications/${id}/transitions`, { action: 'validate' })).status).toBe(200);

    const [first, second] = await Promise.all([signedIn(cast.recruiter.email), signedIn(cast.colleague.email)]);
    for (const page of [first, second]) {
      await page.goto(`/recruteur/candidatures/${id}`);
      await page.getByRole('heading', { level: 2, name: 'Note privée' }).waitFor();
    }
    const field = (page: Page) => page.getByLabel('Visible par les recruteurs de votre entreprise seulement');
    const save = (page: Page) => page.getByRole('button', { name: 'Enregistrer la note' }).click();

    await field(first).fill('Appelée le 3 : disponible tout de suite.');
    await save(first);
    await poll(() => first.locator('#note-title ~ form [role=status]').textContent()).toBe('Note enregistrée.');

    await field(second).fill('Profil à revoir avec l’équipe.');
    await save(second);
    const alert = second.locator('#note-error');
    await poll(() => alert.textContent()).toMatch(/^La note a été modifiée par Recruiter Test .*Rechargez la candidature/);
    expect(await alert.getAttribute('role')).toBe('alert');
    expect(await field(second).getAttribute('aria-describedby')).toContain('note-error');
    expect(await field(second).getAttribute('aria-invalid')).toBe('true');
    await checkPage(second, 'note-conflict');

    await second.getByRole('button', { name: 'Recharger la dernière version de la note' }).click();
    await poll(() => field(second).inputValue()).toBe('Appelée le 3 : disponible tout de suite.');
    await poll(() => alert.textContent()).toBe('');
    await poll(() => second.locator('.note-mine blockquote').textContent()).toBe('Profil à revoir avec l’équipe.');
    await second.getByRole('button', { name: 'Reprendre mon texte dans le champ' }).click();
    await poll(() => field(second).inputValue()).toBe('Profil à revoir avec l’équipe.');
    await save(second);
    await poll(() => second.locator('#note-title ~ form [role=status]').textContent()).toBe('Note enregistrée.');

    const read = await (await cast.recruiter.client()).get(`/api/applications/${id}`);
    expect(read.body).toMatchObject({ recruiterNote: 'Profil à revoir avec l’équipe.', recruiterNoteVersion: 2 });
  });
});
