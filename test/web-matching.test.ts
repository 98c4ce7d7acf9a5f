// « Recherche matching » in Chromium (issue #18, item 3): a recruiter opens it from the navigation and,
// by keyboard only, types the skills asked, ticks their « Indispensable » box (its name says which
// criterion), sets the years of experience and the threshold on the slider (its value read out), and gets
// the profiles best first, each with its gauge (« 100 % compatible »), one line per criterion with its
// result in words, and the note that the score helps and never decides; a commune chosen in the picker
// adds the place's line with the distance; a refusal shows under its field with the focus on it. axe 0
// serious/critical at each step, 320 px without sideways scrolling. An admin has the same page.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCast, insertPublishedOffer, type Cast } from './fixtures.js';
import { ApiClient, sql } from './support.js';
import { createProfile, uniqueWord } from './cvtheque-drivers.js';
import { checkPage, isFocused, launchBrowser, newPage, noSidewaysScroll, poll, signedInPage, signIn, tabTo, visit } from './web-support.js';


let browser: Browser;
let cast: Cast;
const tag = uniqueWord();
const tag2 = uniqueWord();

beforeAll(async () => {
  cast = await createCast();
  browser = await launchBrowser({ keepScreenshots: true });
  await createProfile({ headline: 'Vendeuse expérimentée', skills: [tag, tag2], experienceMonths: 60, places: [{ insee: '69266', radiusKm: 5 }] });
  await createProfile({ headline: 'Vendeur débutant', skills: [tag], experienceMonths: 20, places: [{ insee: '69123' }] });
  await createProfile({ headline: 'Vendeur sans expérience', skills: [tag], experienceMonths: 0 });
  await createProfile({ headline: 'Sans la compétence', skills: ['autre chose'], experienceMonths: 60 });
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

describe('Recherche matching', () => {
  it('a recruiter describes the profile by keyboard and reads the matches best first, explained in words', async () => {
    const { page, context } = await newPage(browser);
    await signIn(page, cast.recruiter.email);
    await page.getByRole('navigation').getByRole('link', { name: 'Recherche matching' }).click();
    await page.getByRole('heading', { level: 1, name: 'Recherche matching' }).waitFor();
    await checkPage(page, 'matching-vide');

    // Keyboard only: the skills, their « Indispensable » box, the years, the slider, Enter.
    await tabTo(page, page.getByLabel('Compétences (séparées par des virgules)'), 120);
    await page.keyboard.type(`${tag}, ${tag2}`);
    const skillsIndispensable = page.getByRole('checkbox', { name: 'Indispensable : Compétences' });
    await tabTo(page, skillsIndispensable, 5);
    await page.keyboard.press('Space');
    expect(await skillsIndispensable.isChecked()).toBe(true);
    expect(await page.getByRole('checkbox', { name: 'Indispensable : Expérience' }).isChecked()).toBe(false);
    await page.getByLabel('Années d’expérience au moins').focus();
    await page.keyboard.type('3');
    const slider = page.getByRole('slider', { name: 'Score minimal' });
    expect(await slider.getAttribute('aria-valuetext')).toBe('50 %');
    await tabTo(page, slider, 60);
    for (let i = 0; i < 10; i++) await page.keyboard.press('ArrowLeft');
    expect(await slider.getAttribute('aria-valuetext')).toBe('0 %');
    expect(await page.locator('output[for="matching-min"]').textContent()).toBe('0 %');
    await tabTo(page, page.getByRole('button', { name: 'Trouver les profils' }), 5);
    await page.keyboard.press('Enter');

    const status = page.locator('.matching-results [role="status"]');
    await expect.poll(() => status.textContent()).toBe('3 profils compatibles à 0 % ou plus');
    const headings = await page.locator('.cards.matches h3').allTextContents();
    expect(headings).toEqual(['Vendeuse expérimentée', 'Vendeur débutant', 'Vendeur sans expérience']);
    const first = page.locator('.cards.matches > li').first();
    expect(await first.locator('meter').evaluate((m) => (m as HTMLMeterElement).value)).toBe(100);
    expect(await first.getByRole('meter', { name: '100 % compatible' }).count()).toBe(1);
    const lines = await first.locator('.match-criteria li').allTextContents();
    expect(lines).toEqual([expect.stringMatching(/^✓ Expérience : 3 ans demandés, 5 ans trouvés — trouvé dans le profil$/), expect.stringMatching(/^✓ Compétences : 2 sur 2 : .* — trouvé dans le profil \(indispensable\)$/)]);
    expect(await first.textContent()).toContain('Le score aide à décider ; il ne décide pas.');
    const last = page.locator('.cards.matches > li').last();
    expect(await last.locator('.match-criteria li').first().textContent()).toContain('aucune expérience dans le profil — non trouvé');
    expect(await last.locator('.match-criteria li').nth(1).textContent()).toContain('approximatif (indispensable)');
    expect(await first.getByRole('link').getAttribute('href')).toMatch(/^\/recruteur\/cvtheque\/profils\/[0-9a-f-]{36}$/);
    await checkPage(page, 'matching-resultats');

    // The threshold back to 50 %: the profile without experience leaves.
    await slider.focus();
    for (let i = 0; i < 10; i++) await page.keyboard.press('ArrowRight');
    await page.getByRole('button', { name: 'Trouver les profils' }).click();
    await expect.poll(() => status.textContent()).toBe('2 profils compatibles à 50 % ou plus');

    // A commune: the place's line with its distance.
    await page.getByLabel('Commune du poste : nom ou code postal').fill('Lyon');
    const lyon = page.getByRole('radio', { name: /^Lyon — 69001/ });
    await lyon.waitFor();
    await lyon.click();
    await page.getByLabel('Rayon autour (km)').fill('5');
    await page.getByRole('button', { name: 'Trouver les profils' }).click();
    await expect.poll(async () => (await first.locator('.match-criteria').textContent()) ?? '').toMatch(/Lieu : Villeurbanne, à \d+ km — trouvé dans le profil/);

    // A refusal under its field, the focus on it.
    const years = page.getByLabel('Années d’expérience au moins');
    await years.fill('50');
    await page.getByRole('button', { name: 'Trouver les profils' }).click();
    await expect.poll(() => page.locator('#matching-experienceYears-error').textContent()).toMatch(/40 ans au plus/);
    expect(await years.getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => isFocused(years)).toBe(true);
    await checkPage(page, 'matching-refus');

    await years.fill('3');
    await page.getByRole('button', { name: 'Trouver les profils' }).click();
    await expect.poll(() => status.textContent()).toMatch(/profils? compatibles? à 50 % ou plus/);
    await page.setViewportSize({ width: 320, height: 800 });
    await noSidewaysScroll(page, 'matching 320 px');
    await checkPage(page, 'matching-320');
    await context.close();
  });

  it('an admin matches from the administration', async () => {
    const { page, context } = await newPage(browser);
    await signIn(page, cast.admin.email);
    await page.getByRole('navigation').getByRole('link', { name: 'Recherche matching' }).click();
    await page.getByLabel('Compétences (séparées par des virgules)').fill(tag);
    await page.getByRole('checkbox', { name: 'Indispensable : Compétences' }).check();
    await page.getByRole('button', { name: 'Trouver les profils' }).click();
    await expect.poll(() => page.locator('.matching-results [role="status"]').textContent()).toBe('3 profils compatibles à 50 % ou plus');
    expect(await page.locator('.cards.matches h3 a').first().getAttribute('href')).toMatch(/^\/administration\/cvtheque\/profils\//);
    await checkPage(page, 'matching-admin');
    await context.close();
  });
});

describe('an offer’s « Candidats compatibles »', () => {
  it('the recruiter opens them from the offer, invites the page shown, and reads an application’s match on its page', async () => {
    const offerId = await insertPublishedOffer(cast.company.id, `Vendeur ${tag} H/F`);
    await sql(`UPDATE offers SET ideal_candidate = $2::jsonb WHERE id = $1`, [offerId, JSON.stringify({ experienceYears: 3, skills: [tag], indispensable: ['skills'] })]);
    const page = await signedInPage(browser, cast.recruiter.email);
    await visit(page, `/recruteur/offres/${offerId}`);
    await page.getByRole('link', { name: 'Candidats compatibles' }).click();
    await page.getByRole('heading', { level: 1, name: 'Candidats compatibles' }).waitFor();
    const status = page.locator('.matching-results [role="status"]');
    await poll(() => status.textContent()).toMatch(/^\d+ profils? à 50 % au moins$/);
    const cards = page.locator('ol.matches > li');
    expect(await cards.first().textContent()).toContain('Vendeuse expérimentée');
    expect(await cards.first().getByRole('meter').count()).toBe(1);
    await checkPage(page, 'offre-candidats-compatibles');

    // The threshold raised by keyboard to 80 %: the best stays, those below go.
    const best = (await cards.first().locator('.match-score').textContent())!.match(/(\d+) % compatible/)![1];
    expect(Number(best)).toBeGreaterThanOrEqual(80);
    const slider = page.getByRole('slider', { name: 'Score minimal' });
    await slider.focus();
    for (let i = 0; i < 6; i++) await page.keyboard.press('ArrowRight');
    await poll(() => status.textContent()).toMatch(/^\d+ profils? à 80 % au moins$/);
    await cards.first().waitFor();
    for (const text of await page.locator('ol.matches .match-score').allTextContents()) expect(Number(text.match(/(\d+) %/)![1])).toBeGreaterThanOrEqual(80);

    // Invite the page shown: each once, the answer said.
    const shown = await cards.count();
    await page.getByRole('button', { name: new RegExp(`^Inviter ces ${shown} profils? à candidater$`) }).click();
    await poll(() => page.locator('.notice').textContent()).toContain(`${shown} invitation`);
    expect(await sql(`SELECT count(*)::int AS n FROM offer_invitations WHERE offer_id = $1`, [offerId])).toEqual([{ n: shown }]);

    // One of them applies: the application's page shows the match, in words.
    const [first] = await sql<{ candidate_id: string }>(`SELECT candidate_id FROM offer_invitations WHERE offer_id = $1 LIMIT 1`, [offerId]);
    const candidate = await ApiClient.login((await sql<{ email: string }>(`SELECT email FROM users WHERE id = $1`, [first!.candidate_id]))[0]!.email);
    const applied = await candidate.post('/api/applications', { offerId, message: 'Merci pour l’invitation.' });
    expect(applied.status, JSON.stringify(applied.body)).toBe(201);
    await visit(page, `/recruteur/candidatures/${applied.body.id}`);
    const section = page.locator('section', { has: page.getByRole('heading', { level: 2, name: 'Compatibilité avec l’offre' }) });
    await poll(() => section.textContent()).toMatch(/\d+ % compatible/);
    expect(await section.textContent()).toContain('Le score aide à décider ; il ne décide pas.');
    await checkPage(page, 'candidature-compatibilite');
  });
});
