// « Mon entreprise » and the public company pages in a real browser (Debian's Chromium through
// playwright-core): a recruiter writes the presentation in the editor with the keyboard (bold by
// Ctrl+B and the toolbar's state, a list from the toolbar reached by Tab), uploads a logo (a phone photo
// with its GPS position), reads the preview, publishes; a signed-out browser then finds the company in
// /entreprises and reads its page, its logo and its offer. axe-core on each page, the preview included;
// no sideways scrolling at 320 px.
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createCompany, createUser, type Person } from './fixtures.js';
import { sql } from './support.js';
import { checkPage, isFocused, launchBrowser, newPage, publishCompanyPageOnWeb, signIn, tabTo } from './web-support.js';

let browser: Browser;
const suffix = Math.random().toString(36).slice(2, 7);
const name = `Atelier Vitrine ${suffix}`;
let company: { id: string; offerId: string };
let recruiter: Person;
const poll = <T>(probe: () => T | Promise<T>) => expect.poll(probe, { timeout: 15_000, interval: 100 });

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
