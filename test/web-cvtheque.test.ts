// « CVthèque » in Chromium (issue #17): a recruiter opens it from the navigation, searches by keyboard,
// hears the total in the live region, ticks a filter whose label carries its count and gets that many
// results, the address carrying the search (back returns to the previous one), relaunches a search from
// the history; a commune nobody has is refused under its field; axe 0 serious/critical; 320 px reflow.
// An admin has the same page.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCast, type Cast } from './fixtures.js';
import { createProfile, ensureWordForms, uniqueWord } from './cvtheque-drivers.js';
import { sql } from './support.js';
import { checkPage, launchBrowser, newPage, noSidewaysScroll, signIn, tabTo } from './web-support.js';

let browser: Browser;
let cast: Cast;
const tag = uniqueWord();

beforeAll(async () => {
  cast = await createCast();
  await ensureWordForms();
  browser = await launchBrowser({ keepScreenshots: true });
  await createProfile({ headline: 'Vendeuse en boulangerie', skills: [tag], contractTypes: ['CDI'], places: [{ insee: '69266', radiusKm: 5 }], experienceMonths: 30 });
  await createProfile({ headline: 'Vendeur en poissonnerie', skills: [tag], contractTypes: ['CDD'], places: [{ insee: '69123' }] });
  await createProfile({ headline: 'Vendeur automobile', skills: [tag], contractTypes: ['CDI', 'INTERIM'], places: [{ insee: '75056' }], availableFrom: '2099-01-01' });
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

describe('CVthèque', () => {
  it('a recruiter searches by keyboard, filters with counts, goes back, relaunches from the history', async () => {
    const { page, context } = await newPage(browser);
    await signIn(page, cast.recruiter.email);
    await page.getByRole('navigation').getByRole('link', { name: 'CVthèque' }).click();
    await page.getByRole('heading', { level: 1, name: 'CVthèque' }).waitFor();

    // Keyboard only: Tab to the keywords, type, Enter.
    const keywords = page.getByLabel('Mots-clés');
    await tabTo(page, keywords, 60);
    await page.keyboard.type(`${tag} vendeur`);
    await page.keyboard.press('Enter');
    const status = page.locator('.cvtheque-results [role="status"]');
    await expect.poll(() => status.textContent()).toBe('3 profils trouvés');
    expect(new URL(page.url()).searchParams.get('q')).toBe(`${tag} vendeur`);
    expect(await page.locator('.cards.profiles > li').count()).toBe(3);
    await checkPage(page, 'cvtheque-recruteur');

    // A filter with its count in its label; ticking it gives that many results.
    const cdi = page.getByRole('group', { name: /Contrat souhaité/ }).getByRole('checkbox', { name: 'CDI (2)' });
    await cdi.focus();
    await page.keyboard.press('Space');
    await expect.poll(() => status.textContent()).toBe('2 profils trouvés');
    expect(new URL(page.url()).searchParams.get('contractType')).toBe('CDI');
    expect(await cdi.isChecked()).toBe(true);
    const headings = await page.locator('.cards.profiles h3').allTextContents();
    expect(headings.sort()).toEqual(['Vendeur automobile', 'Vendeuse en boulangerie']);
    // Each card links to the profile's page.
    const href = await page.locator('.cards.profiles h3 a').first().getAttribute('href');
    expect(href).toMatch(/^\/recruteur\/cvtheque\/profils\/[0-9a-f-]{36}$/);

    // Around Lyon, chosen in the commune picker: the distance on the card; the address carries it all
    // (its INSEE code); back returns to before.
    await page.getByLabel('Ajouter une commune : nom ou code postal').fill('Lyon');
    const lyon = page.getByRole('radio', { name: /^Lyon — 69001/ });
    await lyon.waitFor();
    await lyon.click();
    await page.getByRole('button', { name: 'Retirer Lyon' }).waitFor();
    await page.getByLabel('Rayon (km)').fill('5');
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await expect.poll(() => status.textContent()).toBe('1 profil trouvé');
    expect(new URL(page.url()).searchParams.get('near')).toBe('69123');
    expect(await page.locator('.cards.profiles > li').first().textContent()).toMatch(/Villeurbanne \(69\), jusqu’à 5 km — à \d+,\d km/);

    // The search saved with its alert, from the results (the lists part's dialog).
    await page.getByRole('button', { name: 'Enregistrer la recherche' }).click();
    await page.getByLabel('Nom de la recherche').fill(`Vendeurs près de Lyon ${tag}`);
    await page.locator('#save-search-alert').check();
    await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await expect
      .poll(async () => (await sql(`SELECT criteria, alert FROM saved_searches WHERE name = $1`, [`Vendeurs près de Lyon ${tag}`]))[0])
      .toMatchObject({ alert: true, criteria: { q: `${tag} vendeur`, near: '69123', radiusKm: '5', contractType: 'CDI' } });
    await page.goBack();
    await expect.poll(() => status.textContent()).toBe('2 profils trouvés');

    // A commune nobody has (an address typed by hand): refused under its field.
    const unknown = new URL(page.url());
    unknown.searchParams.set('near', '99999');
    await page.goto(unknown.pathname + unknown.search);
    await expect.poll(() => page.locator('#cvtheque-near-error').textContent()).toContain('99999');
    expect(await page.getByLabel('Ajouter une commune : nom ou code postal').getAttribute('aria-invalid')).toBe('true');

    // The history: the searches made, newest first; « Relancer » runs one again.
    const history = page.locator('.cvtheque-history li');
    await expect.poll(() => history.count()).toBeGreaterThanOrEqual(3);
    // Each in words, its communes named (not their INSEE codes).
    expect(await history.allTextContents()).toContainEqual(expect.stringContaining(`« ${tag} vendeur », Lyon (69) à 5 km, CDI —`));
    const relaunch = page.getByRole('link', { name: `Relancer : « ${tag} vendeur »`, exact: true });
    await relaunch.click();
    await expect.poll(() => status.textContent()).toBe('3 profils trouvés');
    expect(new URL(page.url()).searchParams.get('contractType')).toBeNull();
    await checkPage(page, 'cvtheque-historique');

    // 320 px: no sideways scrolling, filters above the results.
    await page.setViewportSize({ width: 320, height: 800 });
    await noSidewaysScroll(page, 'cvtheque 320 px');
    await checkPage(page, 'cvtheque-320');
    await context.close();
  });

  it('an admin searches the same CVthèque from the administration', async () => {
    const { page, context } = await newPage(browser);
    await signIn(page, cast.admin.email);
    await page.getByRole('navigation').getByRole('link', { name: 'CVthèque' }).click();
    await page.getByLabel('Mots-clés').fill(tag);
    await page.getByLabel('Mots-clés').press('Enter');
    await expect.poll(() => page.locator('.cvtheque-results [role="status"]').textContent()).toBe('3 profils trouvés');
    expect(await page.locator('.cards.profiles h3 a').first().getAttribute('href')).toMatch(/^\/administration\/cvtheque\/profils\//);
    await checkPage(page, 'cvtheque-admin');
    await context.close();
  });
});
