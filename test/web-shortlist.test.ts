// The short list in Chromium (issue #19, item 3; seed 002): « Mes offres » shows each offer's five
// counters as a pictogram with words, read « 2 candidatures en attente »; each opens the list it counts,
// the oldest application first with its date, the availability and the answer (the pseudonym kept); the
// star is a toggle button reached and pressed by keyboard, its focus visible, the counter following.
// axe (0 serious or critical) on each view, and at 320 px without sideways scrolling.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { act, offerIn } from './drivers.js';
import { createCast, type Cast } from './fixtures.js';
import { ApiClient, sql } from './support.js';
import { checkPage, createNamedCandidate, expectNoSidewaysScroll, isFocused, launchBrowser, poll, signedInPage, tabTo, visit } from './web-support.js';

let browser: Browser;
let cast: Cast;
let offerId: string;
const ids: string[] = [];
const QUESTION = 'Qu’aimez-vous dans ce métier ?';

beforeAll(async () => {
  browser = await launchBrowser({ keepScreenshots: true });
  cast = await createCast();
  offerId = await offerIn(cast, 'PUBLISHED', { anonymous: true, screeningQuestion: QUESTION });
  // Three applications, sent to the company: the second applied first (30 days ago), one lifted « plus tard ».
  for (const [i, [first, last]] of [['Ombeline', 'Castagnède'], ['Philéas', 'Vauquelin'], ['Roxane', 'Tréguier']].entries()) {
    const candidate = await createNamedCandidate(cast.referent.id, first!, last!);
    const applied = await (await ApiClient.login(candidate.email)).post('/api/applications', { offerId, screeningAnswer: `Réponse ${i + 1} : le contact avec les gens.` });
    expect(applied.status).toBe(201);
    ids.push(applied.body.id);
    await act('application', cast.referent, applied.body.id, { action: 'validate' }, 'PENDING_RECRUITER');
    if (i === 1) await sql(`UPDATE candidate_profiles SET available_from = DATE '2031-09-01' WHERE user_id = $1`, [candidate.id]);
  }
  await sql(`UPDATE applications SET created_at = created_at - interval '30 days' WHERE id = $1`, [ids[1]]);
  await act('application', cast.recruiter, ids[2]!, { action: 'lift_anonymity', commitment: true, contactNow: false }, 'PENDING_RECRUITER');
});

afterAll(async () => {
  await browser?.close();
});

const offerRow = (page: Page) => page.getByRole('row').filter({ has: page.locator(`a[href="/recruteur/offres/${offerId}"]`) });

describe('the short list on the web', () => {
  it('« Mes offres » counts each stage with words, and each counter opens its list, oldest first', async () => {
    const page = await signedInPage(browser, cast.recruiter.email);
    await visit(page, '/recruteur/offres');
    const row = offerRow(page);
    const pending = row.getByRole('link', { name: '2 candidatures en attente' });
    await poll(() => pending.isVisible()).toBe(true);
    // The pictogram is never alone: the words are on screen beside it.
    expect(await pending.innerText()).toMatch(/^2\s.*en attente$/s);
    expect(await pending.locator('svg.pictogram').getAttribute('aria-hidden')).toBe('true');
    for (const name of ['1 candidature à contacter', '0 candidature contactée', '0 candidature favorite', '0 candidature refusée']) {
      await poll(() => row.getByRole('link', { name }).isVisible()).toBe(true);
    }
    await checkPage(page, 'mes-offres-short-list');

    await tabTo(page, pending);
    await page.keyboard.press('Enter');
    await poll(() => new URL(page.url()).pathname + new URL(page.url()).search).toBe(`/recruteur/offres/${offerId}/candidatures?etape=pending`);
    const items = page.locator('.shortlist-item');
    await poll(() => items.count()).toBe(2);
    // Oldest first; the company reads numbers, not names, before the lift.
    const main = (await page.locator('main').textContent()) ?? '';
    expect(main).not.toMatch(/Ombeline|Philéas|Castagnède|Vauquelin/);
    await expect(items.nth(0).textContent()).resolves.toMatch(/Candidat·e n° \d+.*Disponible à partir du 01\/09\/2031.*Réponse 2 : le contact avec les gens\./s);
    await expect(items.nth(1).textContent()).resolves.toMatch(/Disponible dès maintenant.*Réponse 1/s);
    await expect(page.getByRole('link', { name: 'En attente' }).getAttribute('aria-current')).resolves.toBe('page');
    await checkPage(page, 'short-list-en-attente');
    await page.close();
  });

  it('stars by keyboard (a toggle button with words, its focus visible), and the counter follows', async () => {
    const page = await signedInPage(browser, cast.recruiter.email);
    await visit(page, `/recruteur/offres/${offerId}/candidatures?etape=pending`);
    const first = page.locator('.shortlist-item').nth(0);
    const button = first.getByRole('button', { name: /^Ajouter aux favoris : Candidat·e n° \d+$/ });
    await poll(() => button.isVisible()).toBe(true);
    await expect(button.getAttribute('aria-pressed')).resolves.toBe('false');
    await tabTo(page, button);
    const ring = await button.evaluate((el) => getComputedStyle(el).outlineStyle + ' ' + getComputedStyle(el).outlineWidth);
    expect(ring).toBe('solid 3px');
    await page.keyboard.press('Space');
    const pressed = first.getByRole('button', { name: /^Retirer des favoris : Candidat·e n° \d+$/ });
    await poll(() => pressed.getAttribute('aria-pressed')).toBe('true');
    await poll(() => isFocused(pressed)).toBe(true);
    expect((await sql<{ favourite_by: string }>('SELECT favourite_by FROM applications WHERE id = $1', [ids[1]]))[0]!.favourite_by).toBe(cast.recruiter.id);
    await checkPage(page, 'short-list-etoile');

    await visit(page, '/recruteur/offres');
    const favourite = offerRow(page).getByRole('link', { name: '1 candidature favorite' });
    await poll(() => favourite.isVisible()).toBe(true);
    await favourite.click();
    await poll(() => page.locator('.shortlist-item').count()).toBe(1);
    // Unstarred from the favourites' list, by keyboard again: Enter this time.
    const unstar = page.getByRole('button', { name: /^Retirer des favoris/ });
    await tabTo(page, unstar);
    await page.keyboard.press('Enter');
    await poll(() => page.getByRole('button', { name: /^Ajouter aux favoris/ }).getAttribute('aria-pressed')).toBe('false');
    expect((await sql<{ favourite_at: Date | null }>('SELECT favourite_at FROM applications WHERE id = $1', [ids[1]]))[0]!.favourite_at).toBeNull();
    await page.close();
  });

  it('stars from the application page too; the candidate’s own page has no star', async () => {
    const page = await signedInPage(browser, cast.recruiter.email);
    await visit(page, `/recruteur/candidatures/${ids[0]}`);
    const star = page.getByRole('button', { name: /^Ajouter aux favoris : Candidat·e n° \d+$/ });
    await poll(() => star.isVisible()).toBe(true);
    await tabTo(page, star);
    await page.keyboard.press('Enter');
    await poll(() => page.getByRole('button', { name: /^Retirer des favoris/ }).getAttribute('aria-pressed')).toBe('true');
    expect((await sql<{ favourite_by: string }>('SELECT favourite_by FROM applications WHERE id = $1', [ids[0]]))[0]!.favourite_by).toBe(cast.recruiter.id);
    await checkPage(page, 'candidature-etoile');
    await page.close();
    // The candidate reads their application without the company's star, either way.
    const [owner] = await sql<{ email: string }>('SELECT u.email FROM applications a JOIN users u ON u.id = a.candidate_id WHERE a.id = $1', [ids[0]]);
    const own = await signedInPage(browser, owner!.email);
    await visit(own, `/candidat/candidatures/${ids[0]}`);
    await poll(() => own.getByRole('heading', { level: 1 }).innerText()).toMatch(/^Candidature : /);
    await poll(() => own.getByRole('link', { name: 'Télécharger l’anti-CV (PDF)' }).isVisible()).toBe(true);
    expect(await own.getByRole('button', { name: /favoris/ }).count()).toBe(0);
    await own.close();
    await sql('UPDATE applications SET favourite_at = NULL, favourite_by = NULL WHERE id = $1', [ids[0]]);
  });

  it('reads at 320 px without scrolling sideways', async () => {
    const page = await signedInPage(browser, cast.recruiter.email, { width: 320 });
    await visit(page, '/recruteur/offres');
    await poll(() => offerRow(page).getByRole('link', { name: '2 candidatures en attente' }).isVisible()).toBe(true);
    await expectNoSidewaysScroll(page, 'Mes offres');
    await checkPage(page, 'mes-offres-short-list-320');
    await visit(page, `/recruteur/offres/${offerId}/candidatures`);
    await poll(() => page.locator('.shortlist-item').count()).toBe(3);
    await expectNoSidewaysScroll(page, 'la liste d’une offre');
    await checkPage(page, 'short-list-toutes-320');
    await page.close();
  });
});
