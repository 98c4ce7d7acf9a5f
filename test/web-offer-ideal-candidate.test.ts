// « Profil recherché » in the offer form (issue #18, item 1), in Chromium against the real API: the
// recruiter fills it by keyboard alone (the métier and commune pickers, numbers, a select, boxes, a
// language, skills) with « Indispensable » boxes named after their criterion; the API's refusal shows
// under its field, focused; once saved, the offer's page lists the profile sought with « indispensable »
// in words, and the API stored it. Then an edit of the draft finds it prefilled. axe-core 0
// serious/critical on the form and the page; no sideways scroll at 320 px.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCast, type Cast } from './fixtures.js';
import { checkPage, expectNoSidewaysScroll, isFocused, launchBrowser, newPage, signIn, tabTo, visit } from './web-support.js';

let browser: Browser;
let cast: Cast;

beforeAll(async () => {
  browser = await launchBrowser({ keepScreenshots: true });
  cast = await createCast();
});

afterAll(async () => {
  await browser?.close();
});

/** Tab to `name`'s control, then type into it. */
async function typeInto(page: Page, label: string | RegExp, text: string) {
  const field = page.getByLabel(label, { exact: typeof label === 'string' });
  await tabTo(page, field, 120);
  await page.keyboard.type(text);
}

describe('the offer form’s « Profil recherché »', () => {
  it('is filled by keyboard, refused under its field, saved, and shown with its indispensable criteria', async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, cast.recruiter.email);
    await visit(page, '/recruteur/offres/nouvelle');
    await page.getByRole('heading', { level: 1, name: 'Déposer une offre' }).waitFor();
    const title = `Vendeur en boulangerie H/F ${Date.now().toString(36)}`;
    await page.getByLabel('Intitulé du poste (obligatoire)').fill(title);
    await page.getByLabel('Code postal (obligatoire)').fill('69003');
    await page.getByLabel('Ville (obligatoire)').fill('Lyon');
    await page.getByLabel('Description du poste (obligatoire)').fill('Vente de pain et de viennoiseries, accueil de la clientèle, tenue de la caisse.');

    const fieldset = page.getByRole('group', { name: 'Profil recherché' });
    await fieldset.waitFor();

    // The métier: typed, then its box by Tab and Space; then « Métier indispensable ».
    await typeInto(page, 'Chercher un métier (au masculin ou au féminin)', 'vendeuse en boulangerie');
    const metierBox = page.getByRole('checkbox', { name: /^Vendeuse en boulangerie — Vente en alimentation/ });
    await metierBox.waitFor();
    await tabTo(page, metierBox, 10);
    await page.keyboard.press('Space');
    await page.getByRole('button', { name: 'Retirer Vente en alimentation' }).waitFor();
    const metierIndispensable = page.getByRole('checkbox', { name: 'Métier indispensable' });
    await tabTo(page, metierIndispensable, 20);
    await page.keyboard.press('Space');
    expect(await metierIndispensable.isChecked()).toBe(true);

    await typeInto(page, 'Années d’expérience dans le métier, au moins', '2');
    // The diploma level: a select, changed with the arrows.
    const education = page.getByLabel('Niveau de diplôme, au moins');
    await tabTo(page, education, 10);
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown');
    expect(await education.inputValue()).toBe('4');

    const partTime = page.getByRole('checkbox', { name: 'Temps partiel' });
    await tabTo(page, partTime, 20);
    await page.keyboard.press('Space');

    // The place: a commune by name, its radio by Tab and Space, and a radius too wide for the API.
    await typeInto(page, 'Lieu : commune autour de laquelle chercher : nom ou code postal', 'Villeurbanne');
    await page.keyboard.press('Enter');
    const commune = page.getByRole('radio', { name: /^Villeurbanne/ });
    await commune.waitFor();
    await tabTo(page, commune, 10);
    await page.keyboard.press('Space');
    const radius = page.getByLabel('Rayon autour de la commune, en kilomètres');
    await tabTo(page, radius, 20);
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('250');
    const placeIndispensable = page.getByRole('checkbox', { name: 'Lieu indispensable' });
    await tabTo(page, placeIndispensable, 10);
    await page.keyboard.press('Space');

    const licenceB = page.getByRole('checkbox', { name: 'Permis B (voiture)' });
    await tabTo(page, licenceB, 40);
    await page.keyboard.press('Space');

    const addLanguage = page.getByRole('button', { name: 'Ajouter une langue' });
    await tabTo(page, addLanguage, 20);
    await page.keyboard.press('Enter');
    // The focus goes to the new language (Français); English is the next one.
    await expect.poll(() => isFocused(page.getByRole('combobox', { name: 'Langue 1', exact: true }))).toBe(true);
    await page.keyboard.press('ArrowDown');

    for (const skill of ['Caisse', 'Accueil client', 'caisse']) {
      await typeInto(page, 'Compétences : ajouter une compétence', skill);
      await page.keyboard.press('Enter');
    }
    const skills = page.getByRole('list', { name: 'Compétences recherchées' });
    await expect.poll(() => skills.getByRole('listitem').count()).toBe(2);
    await tabTo(page, page.getByRole('checkbox', { name: 'Compétences indispensables' }), 20);
    await page.keyboard.press('Space');

    // Every « Indispensable » box names its criterion.
    for (const name of ['Expérience indispensable', 'Niveau de diplôme indispensable', 'Type de contrat indispensable', 'Temps de travail indispensable', 'Télétravail indispensable', 'Permis de conduire indispensable', 'Langues indispensables']) {
      expect(await fieldset.getByRole('checkbox', { name, exact: true }).count(), name).toBe(1);
    }
    await checkPage(page, 'offre-profil-recherche');
    await page.setViewportSize({ width: 320, height: 800 });
    await expectNoSidewaysScroll(page, 'offre-profil-recherche-320');
    await page.setViewportSize({ width: 1280, height: 900 });

    // The API refuses the radius: its reason under the field, which takes the focus.
    await page.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
    await expect.poll(() => radius.getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => isFocused(radius)).toBe(true);
    expect(await page.locator('[id="offer-idealCandidate.place.radiusKm-error"]').innerText()).toMatch(/rayon de 0 à 200 km/i);
    await checkPage(page, 'offre-profil-recherche-refus');
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('20');
    await page.keyboard.press('Enter');

    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    const shown = page.getByRole('region', { name: 'Profil recherché' });
    await shown.waitFor();
    const text = await shown.innerText();
    expect(text).toMatch(/Métier\s+Vente en alimentation \(D1106\) — indispensable/);
    expect(text).toMatch(/Expérience\s+2 ans au moins/);
    expect(text).toMatch(/Niveau de diplôme\s+Baccalauréat \(niveau 4\) au moins/);
    expect(text).toMatch(/Lieu\s+Villeurbanne \(69100\), 20 km autour — indispensable/);
    expect(text).toMatch(/Langues\s+Anglais \(B1 — intermédiaire\)/);
    expect(text).toMatch(/Compétences\s+Caisse, Accueil client — indispensable/);
    expect(text).not.toMatch(/Expérience[^\n]*indispensable/);
    await checkPage(page, 'offre-profil-recherche-page');

    const id = page.url().split('/').pop()!;
    const stored = (await (await cast.recruiter.client()).get(`/api/offers/${id}`)).body.idealCandidate;
    expect(stored).toMatchObject({
      metier: 'D1106',
      experienceYears: 2,
      educationLevel: 4,
      workingTimes: ['PART_TIME'],
      place: { insee: '69266', radiusKm: 20 },
      drivingLicences: ['B'],
      languages: [{ code: 'en', level: 'B1' }],
      skills: ['Caisse', 'Accueil client'],
      indispensable: ['metier', 'place', 'skills'],
    });

    // The draft's edit finds it prefilled.
    await page.getByRole('link', { name: 'Modifier', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Modifier l’offre' }).waitFor();
    await page.getByRole('button', { name: 'Retirer Vente en alimentation' }).waitFor();
    expect(await page.getByRole('checkbox', { name: 'Métier indispensable' }).isChecked()).toBe(true);
    expect(await page.getByLabel('Rayon autour de la commune, en kilomètres').inputValue()).toBe('20');
    expect(await page.getByRole('group', { name: 'Profil recherché' }).innerText()).toContain('Villeurbanne');
    await context.close();
  });
});
