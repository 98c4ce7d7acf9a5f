// Issue #15, item 5 (web): the public showcase in Chromium, signed out. The home page (what Tremplin is,
// a search, the latest offers, sign-up and sign-in), a search by words, département and contract, the
// offer, « Postuler » (sign in, or ask one's référent: candidates do not sign themselves up), the sign-in
// that comes back to the offer, signed in. Landmarks, focus after each navigation, axe-core 0 serious or
// critical at desktop width and at 320 px without sideways scrolling; the pages are a chunk the login
// page does not load; an offer that is not public still leads, through sign-in, to those who may see it.
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { measureLoginPage } from '../scripts/measure-web.js';
import { offerIn } from './drivers.js';
import { createCast, type Cast } from './fixtures.js';
import { applyFromPublicOffer, checkPage, isFocused, launchBrowser, newPage, openPublicHome, poll, searchPublicOffers, signIn } from './web-support.js';

let browser: Browser;
let cast: Cast;
const tag = `pub${randomUUID().slice(0, 6)}`;
const title = `Vendeur en boulangerie ${tag} H/F`;
let offerId = '';
let draftId = '';
const h1 = (page: Page) => page.locator('main h1').first();

beforeAll(async () => {
  browser = await launchBrowser({ keepScreenshots: true });
  cast = await createCast();
  offerId = await offerIn(cast, 'PUBLISHED', { title, description: `Accueil des clients, vente et mise en place du magasin. ${tag}` });
  draftId = await offerIn(cast, 'DRAFT', { title: `Vendeur brouillon ${tag} H/F` });
});

afterAll(async () => {
  await browser?.close();
});

describe('the public showcase, signed out', () => {
  it('home → search → offer → « Postuler » → sign-in → back on the offer, signed in', async () => {
    const { context, page } = await openPublicHome(browser);
    // Landmarks: the header, its navigation, the main content, the footer; the skip link first.
    for (const [role, name] of [['banner', undefined], ['navigation', 'Tremplin'], ['main', undefined], ['contentinfo', undefined], ['search', 'Rechercher des offres']] as const) {
      expect(await page.getByRole(role, name ? { name } : {}).count(), role).toBe(1);
    }
    await page.keyboard.press('Tab');
    expect(await isFocused(page.getByRole('link', { name: 'Aller au contenu' }))).toBe(true);
    const main = page.getByRole('main');
    expect(await main.getByRole('link', { name: 'Inscrire mon entreprise' }).getAttribute('href')).toBe('/inscription');
    expect(await main.getByRole('link', { name: 'Se connecter' }).getAttribute('href')).toBe('/connexion');
    await page.getByRole('heading', { level: 2, name: 'Dernières offres' }).waitFor();
    await poll(() => page.locator('main .cards.offers > li').count()).toBeGreaterThan(0);

    // The feminine form finds the offer, with the département by name and the contract.
    await searchPublicOffers(page, { text: `vendeuse ${tag}`, department: 'Rhône', contract: 'CDI' });
    const address = new URL(page.url());
    expect(address.pathname).toBe('/offres');
    expect(Object.fromEntries(address.searchParams)).toEqual({ q: `vendeuse ${tag}`, departement: '69', contrat: 'CDI' });
    await poll(() => isFocused(h1(page))).toBe(true);
    expect(await page.locator('.result-count').getAttribute('role')).toBe('status');
    await poll(() => page.locator('.result-count').textContent()).toBe('1 offre trouvée');
    await checkPage(page, 'public-offres');

    await page.getByRole('link', { name: title }).click();
    await poll(() => h1(page).textContent()).toBe(title);
    await poll(() => isFocused(h1(page))).toBe(true);
    expect(new URL(page.url()).pathname).toBe(`/offres/${offerId}`);
    expect(await page.locator('main').textContent()).toContain('Entreprise A');
    // Its company has no published page: nothing links to one (test/web-company-page.test.ts follows a published one).
    expect(await page.locator('main a[href^="/entreprises/"]').count()).toBe(0);

    // « Postuler »: both ways in, said before anything is asked.
    const apply = page.getByRole('button', { name: 'Postuler à cette offre' });
    expect(await apply.getAttribute('aria-expanded')).toBe('false');
    expect(await page.getByRole('heading', { name: 'Comment postuler' }).isVisible()).toBe(false);
    await apply.click();
    expect(await apply.getAttribute('aria-expanded')).toBe('true');
    await poll(() => isFocused(page.getByRole('heading', { name: 'Comment postuler' }))).toBe(true);
    const how = await page.locator('#postuler').textContent();
    expect(how).toContain('Vous avez un compte ?');
    expect(how).toContain('Pas encore de compte ? Demandez à votre référent (Cap emploi, Mission locale, France Travail…) de vous inscrire');
    expect(await page.getByRole('link', { name: 'Connectez-vous pour postuler' }).getAttribute('href')).toBe(`/connexion?retour=${encodeURIComponent(`/offres/${offerId}`)}`);
    await checkPage(page, 'public-offre-postuler');
    await apply.click(); // closes it again

    await applyFromPublicOffer(page, cast.candidate.email);
    await poll(() => h1(page).textContent()).toBe(title);
    expect(new URL(page.url()).pathname).toBe(`/candidat/offres/${offerId}`);
    await page.getByRole('link', { name: 'Postuler à cette offre' }).waitFor();
    await context.close();
  });

  it('passes axe on /, /offres and /offres/:id at desktop width and at 320 px, without sideways scrolling', async () => {
    const { context, page } = await newPage(browser);
    const pages: Array<[string, string, string]> = [
      ['accueil', '/', 'Trouvez un emploi chez un employeur engagé'],
      ['offres', `/offres?q=${tag}`, 'Offres d’emploi'],
      ['offre', `/offres/${offerId}`, title],
    ];
    const wide: string[] = [];
    for (const width of [1280, 320]) {
      await page.setViewportSize({ width, height: 900 });
      for (const [name, path, heading] of pages) {
        await page.goto(path);
        await page.getByRole('heading', { level: 1, name: heading }).waitFor();
        await page.locator('main .cards, main .facts').first().waitFor();
        const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
        if (scrollWidth > innerWidth) wide.push(`${name} at ${width}: ${scrollWidth} px`);
        await checkPage(page, `public-${name}-${width}`);
      }
    }
    expect(wide).toEqual([]);
    // An unknown département is told next to its field, with nothing listed from before.
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto('/offres?departement=Lyon');
    await poll(() => page.locator('#departement-error').textContent()).toBe('Département inconnu : « Lyon » (numéro ou nom, ex. 69 ou Rhône)');
    expect(await page.locator('main .cards').count()).toBe(0);
    await checkPage(page, 'public-offres-departement-inconnu');
    await context.close();
  });

  it('is a chunk of its own: the login page does not load it', () => {
    const measure = measureLoginPage();
    expect(measure.files.map((f) => f.file).filter((file) => /\/(public|offer-search)-/.test(file))).toEqual([]);
    expect(measure.lazy.map((f) => f.file).some((file) => /\/public-/.test(file))).toBe(true);
  });
});

describe('links that are not public, and signed-in readers', () => {
  it('an offer not published leads to sign-in and back, for those who may see it', async () => {
    const { context, page } = await newPage(browser);
    await page.goto(`/offres/${draftId}`);
    await page.getByRole('heading', { level: 1, name: 'Connexion' }).waitFor();
    expect(new URL(page.url()).searchParams.get('retour')).toBe(`/offres/${draftId}`);
    await page.getByLabel('Adresse e-mail').fill(cast.recruiter.email);
    await page.getByLabel('Mot de passe').fill(inject('demoPassword'));
    await page.getByLabel('Mot de passe').press('Enter');
    await poll(() => h1(page).textContent()).toBe(`Vendeur brouillon ${tag} H/F`);
    expect(new URL(page.url()).pathname).toBe(`/recruteur/offres/${draftId}`);
    await context.close();
  });

  it('signed in, / is one’s space, /offres the search in it, and an offer opens in one’s space', async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, cast.candidate.email);
    await page.goto('/');
    await poll(() => h1(page).textContent()).toBe('Mes candidatures');
    await page.goto(`/offres?q=${tag}`);
    await poll(() => page.locator('.result-count').textContent()).toBe('1 offre trouvée');
    expect(await page.getByRole('button', { name: 'Se déconnecter' }).count()).toBe(1);
    await page.getByRole('link', { name: title }).click();
    await poll(() => new URL(page.url()).pathname).toBe(`/candidat/offres/${offerId}`);
    await poll(() => h1(page).textContent()).toBe(title);
    await context.close();
  });
});
