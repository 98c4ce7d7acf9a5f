// Working a CVthèque profile in a real browser (Debian's Chromium through playwright-core): the
// recruiter opens a consenting profile (a neutral reference, no name), retains it (aria-pressed),
// comments, asks for contact through the dialog; the candidate accepts in « Demandes de contact »,
// told what accepting shares; the recruiter then reads the e-mail on the profile. axe-core (0 serious
// or critical) on each page, and each page at 320 px without sideways scrolling. The savoir-être: a word
// each, its definition at a click or Enter.
import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createCompany, createUser, type Person } from './fixtures.js';
import { createVisibleProfile, uploadCv } from './cvtheque-drivers.js';
import { checkPage, expectNoSidewaysScroll, launchBrowser, poll, signedInPage, tabTo } from './web-support.js';
import { SOFT_SKILL_DEFINITION } from '../workflows/soft-skills.js';

let browser: Browser;
let recruiter: Person;

beforeAll(async () => {
  browser = await launchBrowser({ keepScreenshots: true });
  const company = await createCompany('Ateliers du Rhône');
  recruiter = await createUser('RECRUITER', { companyId: company.id });
});

afterAll(async () => {
  await browser?.close();
});

const signedIn = (email: string, width?: number) => signedInPage(browser, email, { width });

describe('a recruiter works a profile, the candidate accepts the contact', () => {
  it('profile without a name, retain, comment, contact dialog; accepted in « Demandes de contact »; then the e-mail', async () => {
    const candidate = await createVisibleProfile({ firstName: 'Inès', lastName: 'Carabin' });
    await uploadCv(candidate);
    const page = await signedIn(recruiter.email);
    await page.goto(`/recruteur/cvtheque/profils/${candidate.id}`);
    const title = page.getByRole('heading', { level: 1 });
    await poll(() => title.textContent()).toMatch(/^Profil n° [0-9A-F]{4}-[0-9A-F]{4}$/);
    expect(await page.locator('main').textContent()).not.toContain('Carabin');
    await page.getByRole('link', { name: 'Télécharger le CV' }).waitFor();
    await checkPage(page, 'cvtheque-profile');

    const retain = page.getByRole('button', { name: 'Retenir' });
    expect(await retain.getAttribute('aria-pressed')).toBe('false');
    await retain.click();
    await poll(() => retain.getAttribute('aria-pressed')).toBe('true');

    await page.getByLabel(/Commentaire privé/).fill('Très bon profil, à rappeler.');
    await page.getByRole('button', { name: 'Enregistrer le commentaire' }).click();
    await poll(async () => (await (await recruiter.client()).get(`/api/cvtheque/profiles/${candidate.id}`)).body.company.comment).toBe('Très bon profil, à rappeler.');

    // The contact dialog, by keyboard: the field has the focus, Escape would close it.
    await page.getByRole('button', { name: 'Demander un contact' }).click();
    const dialog = page.getByRole('dialog', { name: 'Demander un contact' });
    await dialog.waitFor();
    await poll(() => page.evaluate(() => document.activeElement?.id)).toBe('contact-message');
    await checkPage(page, 'cvtheque-contact-dialog');
    await page.keyboard.type('Bonjour, un poste d’électricienne est ouvert à Villeurbanne.');
    await dialog.getByRole('button', { name: 'Envoyer la demande' }).click();
    await dialog.waitFor({ state: 'detached' });
    await poll(() => page.locator('main').textContent()).toContain('Demande de contact en attente');

    // The candidate answers.
    const mine = await signedIn(candidate.email, 320);
    await mine.goto('/candidat/contacts');
    await mine.getByRole('heading', { level: 2, name: /Ateliers du Rhône/ }).waitFor();
    await poll(() => mine.locator('main').textContent()).toContain('L’entreprise verra vos nom, e-mail et téléphone.');
    await expectNoSidewaysScroll(mine, 'contacts at 320 px');
    await checkPage(mine, 'candidate-contacts-320');
    await mine.getByRole('button', { name: 'Accepter' }).click();
    await poll(() => mine.locator('main').textContent()).toContain('Demande de contact acceptée');

    // The recruiter sees who it is.
    await page.reload();
    await poll(() => title.textContent()).toBe('Inès Carabin');
    await page.getByRole('link', { name: candidate.email }).waitFor();
    await checkPage(page, 'cvtheque-profile-accepted');

    const narrow = await signedIn(recruiter.email, 320);
    await narrow.goto(`/recruteur/cvtheque/profils/${candidate.id}`);
    await narrow.getByRole('heading', { level: 2, name: 'Coordonnées' }).waitFor();
    await expectNoSidewaysScroll(narrow, 'profile at 320 px');
  }, 90_000);
});

describe('the savoir-être on a CVthèque profile', () => {
  it('each a word that opens on its definition (seed 002: « cliquez dessus »), by keyboard too; axe; 320 px', async () => {
    const candidate = await createVisibleProfile({ softSkills: ['TEAMWORK', 'STRESS_MANAGEMENT'] });
    const page = await signedIn(recruiter.email);
    await page.goto(`/recruteur/cvtheque/profils/${candidate.id}`);
    await page.getByRole('heading', { level: 3, name: 'Savoir-être' }).waitFor();
    const list = page.locator('ul.soft-skills');
    expect(await list.locator('summary').allTextContents()).toEqual(['Gestion du stress', 'Travail en équipe']);
    const definition = page.getByText(SOFT_SKILL_DEFINITION.STRESS_MANAGEMENT);
    expect(await definition.isVisible()).toBe(false);
    // A mouse click opens one…
    await list.getByText('Travail en équipe', { exact: true }).click();
    await poll(() => page.getByText(SOFT_SKILL_DEFINITION.TEAMWORK).isVisible()).toBe(true);
    // …and the keyboard another: Tab to its summary, Enter.
    const stress = list.locator('summary', { hasText: 'Gestion du stress' });
    await tabTo(page, stress, 120);
    await page.keyboard.press('Enter');
    await poll(() => definition.isVisible()).toBe(true);
    await checkPage(page, 'cvtheque-profile-savoir-etre');

    const narrow = await signedIn(recruiter.email, 320);
    await narrow.goto(`/recruteur/cvtheque/profils/${candidate.id}`);
    await narrow.locator('ul.soft-skills summary').first().click();
    await narrow.getByText(SOFT_SKILL_DEFINITION.STRESS_MANAGEMENT).waitFor();
    await expectNoSidewaysScroll(narrow, 'savoir-être at 320 px');
    await narrow.context().close();
    await page.context().close();

    // A profile without any: said so, not an empty list.
    const none = await createVisibleProfile({ softSkills: [] });
    const other = await signedIn(recruiter.email);
    await other.goto(`/recruteur/cvtheque/profils/${none.id}`);
    await other.getByRole('heading', { level: 3, name: 'Savoir-être' }).waitFor();
    expect(await other.locator('ul.soft-skills').count()).toBe(0);
    await other.context().close();
  }, 90_000);
});
