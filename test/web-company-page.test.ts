// « Mon entreprise » and the public company pages in a real browser (Debian's Chromium through
// playwright-core): a recruiter writes the presentation in the editor with the keyboard (bold by
// Ctrl+B and the toolbar's state, a list from the toolbar reached by Tab), uploads a logo (a phone photo
// with its GPS position), reads the preview, publishes; a signed-out browser then finds the company in
// /entreprises and reads its page, its logo and its offer. axe-core on each page, the preview included;
// no sideways scrolling at 320 px.
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createCast, createCompany, createUser, writeCompanyPage, type Cast, type Person } from './fixtures.js';
import { sql } from './support.js';
import { checkPage, isFocused, launchBrowser, newPage, poll, publishCompanyPageOnWeb, signIn, tabTo } from './web-support.js';

let browser: Browser;
const suffix = Math.random().toString(36).slice(2, 7);
const name = `Atelier Vitrine ${suffix}`;
let company: { id: string; offerId: string };
let recruiter: Person;

beforeAll(async () => {
  browser = await launchBrowser({ keepScreenshots: true });
  company = await createCompany(name);
  recruiter = await createUser('RECRUITER', { companyId: company.id });
});

afterAll(async () => {
  await browser?.close();
});

const photo = () =>
  sharp({ create: { width: 640, height: 480, channels: 3, background: '#2f6f3e' } })
    .withExif({ IFD0: { Make: 'TelephoneTest' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '45/1 45/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '4/1 50/1 0/1' } })
    .jpeg()
    .toBuffer();

describe('a company page, from « Mon entreprise » to the public', () => {
  let page: Page;

  it('recruiter: edits the presentation with the keyboard, uploads a logo, previews', async () => {
    ({ page } = await newPage(browser));
    await signIn(page, recruiter.email);
    await page.getByRole('navigation', { name: 'Espace recruteur' }).getByRole('link', { name: 'Mon entreprise' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mon entreprise' }).waitFor();
    const editor = page.getByRole('textbox', { name: 'Présentation' });
    await editor.waitFor();
    await checkPage(page, 'recruteur-mon-entreprise');

    // Keyboard only: Tab to the text, bold by Ctrl+B (the toolbar says it), then a list from the toolbar.
    await tabTo(page, editor);
    const bold = page.getByRole('button', { name: 'Gras' });
    expect(await bold.getAttribute('aria-pressed')).toBe('false');
    await page.keyboard.press('Control+B');
    await page.keyboard.type('Un atelier qui recrute');
    await poll(() => bold.getAttribute('aria-pressed')).toBe('true');
    await page.keyboard.press('Control+B');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Nous fabriquons des meubles.');
    await page.keyboard.press('Enter');
    // Back to the toolbar: Shift+Tab reaches its last button, then the one before.
    const bullets = page.getByRole('button', { name: 'Liste à puces' });
    for (let i = 0; i < 6 && !(await isFocused(bullets)); i++) await page.keyboard.press('Shift+Tab');
    expect(await isFocused(bullets)).toBe(true);
    await page.keyboard.press('Enter');
    await poll(() => isFocused(editor)).toBe(true);
    await page.keyboard.type('Ateliers adaptés');
    await poll(() => bullets.getAttribute('aria-pressed')).toBe('true');
    expect(await editor.innerHTML()).toContain('<ul><li><p>Ateliers adaptés</p></li></ul>');

    await page.getByLabel('Avantages').fill('Tickets restaurant\nHoraires aménageables');
    await page.getByLabel('LinkedIn').fill('https://www.linkedin.com/company/atelier-vitrine');

    // The logo: a phone photo, shown back once processed (square, no metadata: test/company-page.test.ts).
    await page.getByLabel('Ajouter un logo').setInputFiles({ name: 'photo.jpg', mimeType: 'image/jpeg', buffer: await photo() });
    const logo = page.getByRole('img', { name: `Logo actuel d’${name}` });
    await logo.waitFor();
    await poll(() => logo.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(256);
    // A file that is not an image: refused in French, next to the input.
    await page.getByLabel('Remplacer le logo').setInputFiles({ name: 'cv.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF\n') });
    await poll(() => page.locator('#logo-error').textContent()).toMatch(/une image JPEG, PNG, WebP, GIF ou AVIF est attendue/);

    // Aperçu: the page as the public will read it, unsaved changes included; Escape closes it.
    const previewButton = page.getByRole('button', { name: 'Aperçu' });
    await previewButton.click();
    const dialog = page.getByRole('dialog', { name: `Aperçu : la page d’${name}` });
    await dialog.waitFor();
    expect(await dialog.locator('.rich-text strong').textContent()).toBe('Un atelier qui recrute');
    expect(await dialog.getByRole('listitem').filter({ hasText: 'Horaires aménageables' }).count()).toBe(1);
    await dialog.getByRole('link', { name: /LinkedIn/ }).waitFor();
    await checkPage(page, 'recruteur-apercu');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await poll(() => isFocused(previewButton)).toBe(true);
  });

  it('recruiter: publishes; the page is stored sanitized', async () => {
    await page.getByRole('button', { name: 'Publier' }).click();
    await page.getByText('Publiée', { exact: true }).waitFor();
    await poll(() => page.getByRole('status').first().textContent()).toContain('Page publiée');
    // The form is drawn again from what was saved: the focus is on the page's state, not lost.
    await poll(() => page.evaluate(() => document.activeElement?.textContent ?? '')).toContain('Tout le monde peut la lire');
    const [row] = await sql<{ description: string; page_published: boolean; advantages: string[] }>('SELECT description, page_published, advantages FROM companies WHERE id = $1', [company.id]);
    expect(row).toMatchObject({ page_published: true, advantages: ['Tickets restaurant', 'Horaires aménageables'] });
    expect(row!.description).toContain('<strong>Un atelier qui recrute</strong>');
    await checkPage(page, 'recruteur-page-publiee');
    await page.setViewportSize({ width: 320, height: 800 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('signed out: finds the company in /entreprises and reads its page, logo and offer', async () => {
    const { page: visitor, context } = await newPage(browser);
    await visitor.goto('/entreprises');
    await visitor.getByRole('heading', { level: 1, name: 'Entreprises engagées' }).waitFor();
    await visitor.getByLabel('Nom de l’entreprise').fill(`vitrine ${suffix}`);
    await visitor.getByRole('button', { name: 'Chercher' }).click();
    const link = visitor.getByRole('link', { name });
    await link.waitFor();
    await checkPage(visitor, 'public-entreprises');
    await link.click();
    await visitor.getByRole('heading', { level: 1, name }).waitFor();
    expect(new URL(visitor.url()).pathname).toBe(`/entreprises/${company.id}`);
    expect(await visitor.locator('.rich-text strong').textContent()).toBe('Un atelier qui recrute');
    const logo = visitor.getByRole('img', { name: `Logo d’${name}` });
    await poll(() => logo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(256);
    expect(await visitor.getByRole('link', { name: 'Technicien de maintenance H/F' }).getAttribute('href')).toBe(`/offres/${company.offerId}`);
    expect(await visitor.getByRole('button', { name: 'Se déconnecter' }).count()).toBe(0);
    await checkPage(visitor, 'public-entreprise');
    // 320 px wide (RGAA 10.11): no sideways scrolling, here and on the list.
    await visitor.setViewportSize({ width: 320, height: 800 });
    expect(await visitor.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await visitor.goBack();
    await link.waitFor();
    expect(await visitor.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await context.close();
  });

  it('unpublished, the page is gone for the public', async () => {
    await page.getByRole('button', { name: 'Retirer la publication' }).click();
    await page.getByText('Non publiée', { exact: true }).waitFor();
    const { page: visitor, context } = await newPage(browser);
    await visitor.goto(`/entreprises/${company.id}`);
    await visitor.getByRole('heading', { level: 1, name: /introuvable/ }).waitFor();
    await context.close();
  });

  it('the journey driver publishes a page in one call', async () => {
    const other = await createCompany(`Atelier Second ${suffix}`);
    const colleague = await createUser('RECRUITER', { companyId: other.id });
    const { page: second, context } = await newPage(browser);
    await signIn(second, colleague.email);
    expect(await publishCompanyPageOnWeb(second, { logo: await photo() })).toBe(`/entreprises/${other.id}`);
    expect((await sql('SELECT page_published, logo_sha256 IS NOT NULL AS logo FROM companies WHERE id = $1', [other.id]))[0]).toEqual({ page_published: true, logo: true });
    await context.close();
  });
});

// Issue #15, items 5–6 joined: a public offer links its company's page when the public may read it
// (published, company verified: the API's `pagePublished`), and the page's « Candidature spontanée »
// leads each reader their own way — a candidate to the form with the company chosen, a référent to
// the form for one of their candidates, a reader signed out to how to apply.
describe('from an offer to its company page, and « Candidature spontanée »', () => {
  const shown = `Atelier Ouvert ${suffix}`;
  let cast: Cast;
  let open: { id: string; offerId: string };
  let hidden: { id: string; offerId: string };
  let closed: { id: string; offerId: string };

  beforeAll(async () => {
    cast = await createCast();
    open = await createCompany(shown);
    hidden = await createCompany(`Atelier Discret ${suffix}`);
    closed = await createCompany(`Atelier Fermé ${suffix}`);
    await writeCompanyPage(open.id, { images: false });
    await writeCompanyPage(hidden.id, { images: false, published: false });
    await writeCompanyPage(closed.id, { images: false, spontaneous: false });
  });

  it('signed out: the offer links the published page only; « Candidature spontanée » explains how to apply', async () => {
    const { page: visitor, context } = await newPage(browser);
    await visitor.goto(`/offres/${hidden.offerId}`);
    await visitor.getByRole('heading', { level: 1, name: 'Technicien de maintenance H/F' }).waitFor();
    await visitor.locator('main .facts').waitFor();
    expect(await visitor.locator('main a[href^="/entreprises/"]').count()).toBe(0);

    await visitor.goto(`/offres/${open.offerId}`);
    const link = visitor.getByRole('link', { name: 'Voir la page de l’entreprise' });
    await link.waitFor();
    expect(await link.getAttribute('href')).toBe(`/entreprises/${open.id}`);
    await checkPage(visitor, 'public-offre-lien-entreprise');
    await link.click();
    await visitor.getByRole('heading', { level: 1, name: shown }).waitFor();

    const apply = visitor.getByRole('button', { name: 'Candidature spontanée' });
    expect(await apply.getAttribute('aria-expanded')).toBe('false');
    await apply.click();
    await poll(() => isFocused(visitor.getByRole('heading', { name: 'Comment postuler' }))).toBe(true);
    expect(await visitor.locator('#postuler').textContent()).toContain('Pas encore de compte ? Demandez à votre référent');
    expect(await visitor.getByRole('link', { name: 'Connectez-vous pour envoyer votre candidature' }).getAttribute('href')).toBe(
      `/connexion?retour=${encodeURIComponent(`/entreprises/${open.id}`)}`,
    );
    await checkPage(visitor, 'public-entreprise-candidature-spontanee');

    // A company that takes none: no action, and the page says so.
    await visitor.goto(`/entreprises/${closed.id}`);
    await visitor.getByRole('heading', { level: 1, name: `Atelier Fermé ${suffix}` }).waitFor();
    await visitor.getByText('Pas de candidature spontanée pour le moment').waitFor();
    expect(await visitor.getByRole('button', { name: 'Candidature spontanée' }).count()).toBe(0);
    await context.close();
  });

  it('candidate: the signed-in offer links the page; « Candidature spontanée » opens the form with the company chosen, and sends to it', async () => {
    const { page, context } = await newPage(browser);
    await signIn(page, cast.candidate.email);
    await page.goto(`/offres/${open.offerId}`);
    await poll(() => new URL(page.url()).pathname).toBe(`/candidat/offres/${open.offerId}`);
    await page.getByRole('link', { name: 'Voir la page de l’entreprise' }).click();
    await page.getByRole('heading', { level: 1, name: shown }).waitFor();
    await page.getByRole('link', { name: 'Candidature spontanée' }).click();
    await page.getByRole('heading', { level: 1, name: 'Candidature spontanée' }).waitFor();
    expect(new URL(page.url()).search).toBe(`?entreprise=${open.id}`);
    const choice = page.getByRole('radio', { name: new RegExp(shown) });
    await poll(() => choice.isChecked()).toBe(true);
    await checkPage(page, 'candidat-candidature-spontanee-entreprise');
    await page.getByLabel('Votre message à l’entreprise').fill('Menuisier de métier, disponible tout de suite.');
    await page.getByRole('button', { name: 'Envoyer ma candidature spontanée' }).click();
    await poll(() => new URL(page.url()).pathname).toMatch(/^\/candidat\/candidatures\/[0-9a-f-]{36}$/);
    const applicationId = new URL(page.url()).pathname.split('/').pop();
    expect(await sql('SELECT company_id, offer_id FROM applications WHERE id = $1', [applicationId])).toEqual([{ company_id: open.id, offer_id: null }]);
    await context.close();
  });

  it('référent: « Candidature spontanée pour un candidat » chooses the candidate, then the form has the company chosen', async () => {
    const { page, context } = await newPage(browser);
    await signIn(page, cast.referent.email);
    await page.goto(`/entreprises/${open.id}`);
    await page.getByRole('heading', { level: 1, name: shown }).waitFor();
    await page.getByRole('button', { name: 'Candidature spontanée pour un candidat' }).click();
    const dialog = page.getByRole('dialog', { name: 'Postuler pour un candidat' });
    await dialog.getByLabel('Candidat').selectOption(cast.candidate.id);
    await checkPage(page, 'referent-entreprise-pour-qui');
    await dialog.getByRole('button', { name: 'Continuer' }).click();
    await poll(() => new URL(page.url()).pathname).toBe(`/referent/candidats/${cast.candidate.id}/postuler`);
    expect(Object.fromEntries(new URL(page.url()).searchParams)).toEqual({ type: 'spontanee', entreprise: open.id });
    await poll(() => page.getByRole('radio', { name: new RegExp(shown) }).isChecked()).toBe(true);
    await checkPage(page, 'referent-candidature-spontanee-entreprise');
    await context.close();
  });
});
