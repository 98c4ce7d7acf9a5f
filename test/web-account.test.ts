// « Mon compte » and « Annuaire » in Chromium: a référent edits their account from the header's link —
// refusals under their field, the focus on the first one — then consents to the directory; a recruiter
// finds that référent in the directory by keyboard (search without accents, département filter) and
// a company with its offers and its consenting recruiter; both pages read at 320 px without sideways
// scrolling; a candidate has « Mon compte » without the directory. axe on every page.
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCompany, createUser } from './fixtures.js';
import { sql } from './support.js';
import { checkPage, isFocused, launchBrowser, newPage, poll, signIn, tabTo, visit } from './web-support.js';

let browser: Browser;
/** Letters only: this run's word, in the names written here. */
const Tag = `Q${randomUUID().replace(/[^a-f]/g, '').slice(0, 5)}`;

beforeAll(async () => {
  browser = await launchBrowser({ keepScreenshots: true });
});

afterAll(async () => {
  await browser?.close();
});

async function noSidewaysScroll(page: Page, name: string) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
  expect(scrollWidth, `${name}: ${scrollWidth} px for ${innerWidth}`).toBeLessThanOrEqual(innerWidth);
}

describe('Mon compte', () => {
  it('a référent edits their account from the header: errors beside the fields, then saved with the directory consent', async () => {
    const referent = await createUser('REFERENT', { firstName: 'Hélène', lastName: `Annuaire ${Tag}` });
    const { page, context } = await newPage(browser);
    await signIn(page, referent.email);
    await page.getByRole('banner').getByRole('link', { name: 'Mon compte' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mon compte' }).waitFor();
    await checkPage(page, 'mon-compte-referent');

    // The e-mail is shown, not editable.
    const email = page.getByLabel('Adresse e-mail');
    expect(await email.inputValue()).toBe(referent.email);
    expect(await email.getAttribute('readonly')).not.toBeNull();
    await expect.poll(() => page.locator('#account-email-hint').textContent()).toMatch(/ne se modifie pas ici/);

    await page.getByLabel('Téléphone').fill('appelez-moi');
    await page.getByLabel('Département').fill('Atlantide');
    await page.getByLabel('Établissement').fill('Lycée Ampère');
    await page.getByRole('button', { name: 'Enregistrer mes informations' }).click();
    await poll(() => page.locator('#account-phone-error').textContent()).toMatch(/Numéro de téléphone attendu/);
    await poll(() => page.locator('#account-department-error').textContent()).toMatch(/Département inconnu : « Atlantide »/);
    expect(await page.getByLabel('Téléphone').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('Département').getAttribute('aria-invalid')).toBe('true');
    await poll(() => isFocused(page.getByLabel('Téléphone'))).toBe(true);
    expect(await page.locator('#account-error').textContent()).toBe('');
    await checkPage(page, 'mon-compte-refus');
    expect((await sql(`SELECT directory_establishment FROM users WHERE id = $1`, [referent.id]))[0].directory_establishment).toBeNull();

    await page.getByLabel('Téléphone').fill('04 72 11 22 33');
    await page.getByLabel('Département').fill('Rhône');
    await page.getByLabel('Fonction').fill('Référente handicap');
    await page.getByLabel('J’accepte de figurer dans l’annuaire').check();
    await page.getByRole('button', { name: 'Enregistrer mes informations' }).press('Enter');
    await poll(() => page.locator('.announcement').textContent()).toBe('Vos informations sont enregistrées. Vous figurez dans l’annuaire.');
    await poll(() => page.locator('#account-consent-hint').textContent()).toMatch(/^Consentement donné le /);
    expect(await page.locator('#account-phone-error').textContent()).toBe('');
    const [row] = await sql(`SELECT phone, directory_function, directory_establishment, directory_department, directory_consent_at FROM users WHERE id = $1`, [referent.id]);
    expect(row).toMatchObject({ phone: '04 72 11 22 33', directory_function: 'Référente handicap', directory_establishment: 'Lycée Ampère', directory_department: '69' });
    expect(row.directory_consent_at).not.toBeNull();
    await checkPage(page, 'mon-compte-enregistre');

    // The password page, from « Mon compte » and from the header.
    await page.getByRole('main').getByRole('link', { name: 'Changer mon mot de passe' }).click();
    await page.getByRole('heading', { level: 1, name: 'Choisir mon mot de passe' }).waitFor();
    expect(await page.getByRole('banner').getByRole('link', { name: 'Changer mon mot de passe' }).getAttribute('aria-current')).toBe('page');

    await page.setViewportSize({ width: 320, height: 800 });
    await visit(page, '/compte');
    await noSidewaysScroll(page, 'mon compte');
    await context.close();
  });

  it('a candidate has « Mon compte » with video interviews, without the directory', async () => {
    const candidate = await createUser('CANDIDATE', { firstName: 'Camille', lastName: `Compte ${Tag}` });
    const { page, context } = await newPage(browser);
    await signIn(page, candidate.email);
    await visit(page, '/compte');
    expect(await page.getByRole('group', { name: 'Annuaire' }).count()).toBe(0);
    await page.getByLabel('Entretien en visio possible').check();
    await page.getByRole('button', { name: 'Enregistrer mes informations' }).click();
    await poll(() => page.locator('.announcement').textContent()).toBe('Vos informations sont enregistrées.');
    expect((await sql(`SELECT video_interviews FROM users WHERE id = $1`, [candidate.id]))[0].video_interviews).toBe(true);
    await checkPage(page, 'mon-compte-candidat');
    // No directory for candidates: no link, and its address is a page not found.
    expect(await page.getByRole('navigation', { name: 'Espace candidat' }).getByRole('link', { name: 'Annuaire' }).count()).toBe(0);
    await visit(page, '/annuaire');
    expect(await page.locator('main h1').textContent()).not.toMatch(/Annuaire/);
    await context.close();
  });
});

describe('Annuaire', () => {
  it('a recruiter finds a référent and a company by keyboard, at 1280 and 320 px', async () => {
    const company = await createCompany(`Société d’Éclairage ${Tag}`);
    const recruiter = await createUser('RECRUITER', { companyId: company.id, firstName: 'Inès', lastName: `Recrute ${Tag}` });
    await sql(`UPDATE users SET directory_consent_at = now(), job_title = 'Responsable RH', phone = '04 78 00 00 01' WHERE id = $1`, [recruiter.id]);
    const listed = await createUser('REFERENT', { firstName: 'Éloïse', lastName: `Trouvée ${Tag}` });
    await sql(`UPDATE users SET directory_consent_at = now(), directory_department = '69', directory_establishment = 'Université Lumière', phone = '04 72 00 00 09' WHERE id = $1`, [listed.id]);
    const elsewhere = await createUser('REFERENT', { firstName: 'Éloïse', lastName: `Ailleurs ${Tag}` });
    await sql(`UPDATE users SET directory_consent_at = now(), directory_department = '13' WHERE id = $1`, [elsewhere.id]);

    const { page, context } = await newPage(browser);
    await signIn(page, recruiter.email);
    const nav = page.getByRole('navigation', { name: 'Espace recruteur' }).getByRole('link', { name: 'Annuaire' });
    await tabTo(page, nav);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Annuaire des référents' }).waitFor();
    expect(await nav.getAttribute('aria-current')).toBe('page');
    await checkPage(page, 'annuaire-referents');

    // Without accents, by keyboard only.
    await tabTo(page, page.getByLabel('Nom, établissement ou fonction'));
    await page.keyboard.type(`eloise ${Tag.toLowerCase()}`);
    await page.keyboard.press('Enter');
    const cards = page.locator('ul.directory > li');
    await poll(() => cards.count()).toBe(2);
    await page.getByLabel('Département').fill('69 — Rhône');
    await page.getByLabel('Département').press('Enter');
    await poll(() => cards.count()).toBe(1);
    const card = cards.first();
    expect(await card.getByRole('heading', { level: 2 }).textContent()).toBe(`Éloïse Trouvée ${Tag}`);
    expect(await card.textContent()).toContain('Établissement : Université Lumière');
    expect(await card.textContent()).toContain('Département : 69 — Rhône');
    expect(await card.getByRole('link', { name: listed.email }).getAttribute('href')).toBe(`mailto:${listed.email}`);
    expect(await card.getByRole('link', { name: '04 72 00 00 09' }).getAttribute('href')).toBe('tel:0472000009');
    expect(new URL(page.url()).searchParams.get('departement')).toBe('69');
    await checkPage(page, 'annuaire-referents-recherche');

    // A département that does not exist: said next to the field, nothing listed.
    await page.getByLabel('Département').fill('Atlantide');
    await page.getByLabel('Département').press('Enter');
    await poll(() => page.locator('#directory-department-error').textContent()).toMatch(/Département inconnu/);
    expect(await cards.count()).toBe(0);

    await tabTo(page, page.getByRole('navigation', { name: 'Annuaires' }).getByRole('link', { name: 'Employeurs' }));
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Annuaire des employeurs' }).waitFor();
    await page.getByLabel('Nom de l’entreprise').fill(`societe eclairage ${Tag}`);
    await page.getByLabel('Nom de l’entreprise').press('Enter');
    await poll(() => cards.count()).toBe(1);
    const found = cards.first();
    expect(await found.getByRole('heading', { level: 2 }).textContent()).toBe(`Société d’Éclairage ${Tag}`);
    expect(await found.getByRole('heading', { level: 3, name: '1 offre en ligne' }).count()).toBe(1);
    expect(await found.getByRole('link', { name: 'Technicien de maintenance H/F' }).getAttribute('href')).toBe(`/offres/${company.offerId}`);
    expect(await found.textContent()).toContain(`Inès Recrute ${Tag}, Responsable RH`);
    await checkPage(page, 'annuaire-employeurs');

    await page.setViewportSize({ width: 320, height: 800 });
    await visit(page, `/annuaire?q=${encodeURIComponent(`eloise ${Tag}`)}`);
    await poll(() => cards.count()).toBe(2);
    await noSidewaysScroll(page, 'annuaire des référents');
    await checkPage(page, 'annuaire-referents-320');
    await visit(page, `/annuaire/entreprises?q=${encodeURIComponent(Tag)}`);
    await poll(() => cards.count()).toBe(1);
    await noSidewaysScroll(page, 'annuaire des employeurs');
    await checkPage(page, 'annuaire-employeurs-320');
    await context.close();
  });
});
