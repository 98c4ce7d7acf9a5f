// The métier picker (web/src/metier-picker.tsx) in Chromium against the real API: a fixture page
// (test/web-fixtures/metier-picker-page.tsx, bundled here with esbuild) served on the platform's own
// origin through Playwright, signed in as the demo candidate — no route of the app is added for it.
// Proves: a chosen code read back with its title; « vendeuse » typed, the matches listed with their
// count read out; chosen by keyboard alone (Tab, Space), as chips with « Retirer … » buttons; the maximum
// disabling the other boxes; removal moving the focus and showing the field's error when none is left;
// axe 0 serious/critical; no sideways scroll at 320 px.
import path from 'node:path';
import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO } from './support.js';
import { checkPage, expectNoSidewaysScroll, isFocused, launchBrowser, newPage, signIn, tabTo } from './web-support.js';

const PAGE = '/__test/metier-picker';
let browser: Browser;
let page: Page;

async function fixture(): Promise<{ js: string; css: string }> {
  const result = await build({
    entryPoints: [path.resolve('test/web-fixtures/metier-picker-page.tsx')],
    bundle: true,
    write: false,
    outdir: path.resolve('test-results/metier-picker'),
    format: 'esm',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    logLevel: 'silent',
  });
  const out = (ext: string) => result.outputFiles.find((f) => f.path.endsWith(ext))?.text ?? '';
  return { js: out('.js'), css: out('.css') };
}

beforeAll(async () => {
  const { js, css } = await fixture();
  browser = await launchBrowser({ keepScreenshots: true });
  ({ page } = await newPage(browser));
  await signIn(page, DEMO.candidate);
  await page.route(`**${PAGE}`, (route) =>
    route.fulfill({
      contentType: 'text/html; charset=utf-8',
      body: `<!doctype html><html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Sélecteur de métiers</title><link rel="stylesheet" href="${PAGE}.css"></head><body><div id="root"></div><script type="module" src="${PAGE}.js"></script></body></html>`,
    }),
  );
  await page.route(`**${PAGE}.js`, (route) => route.fulfill({ contentType: 'text/javascript', body: js }));
  await page.route(`**${PAGE}.css`, (route) => route.fulfill({ contentType: 'text/css', body: css }));
  await page.goto(PAGE);
  await page.getByRole('heading', { name: 'Sélecteur de métiers' }).waitFor();
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

const codes = () => page.locator('#codes').textContent();
const status = () => page.locator('#profile-metiers-count');

describe('the métier picker', () => {
  it('shows a chosen code with its title and a button to remove it', async () => {
    await expect.poll(() => page.getByRole('button', { name: 'Retirer Nettoyage de locaux' }).count()).toBe(1);
    expect(await page.locator('.metier-chip').first().textContent()).toContain('Nettoyage de locaux');
    expect(await status().textContent()).toMatch(/Tapez un métier/);
    await checkPage(page, 'metier-picker-start');
  });

  it('lists « vendeuse » with its count read out, and chooses by keyboard alone', async () => {
    const search = page.getByLabel('Chercher un métier (au masculin ou au féminin)');
    await tabTo(page, search);
    await page.keyboard.type('vendeuse en boulangerie');
    await page.keyboard.press('Enter');
    await expect.poll(() => status().textContent()).toMatch(/pour « vendeuse en boulangerie »/);
    expect(await status().getAttribute('role')).toBe('status');
    const box = page.getByRole('checkbox', { name: /^Vendeuse en boulangerie — Vente en alimentation/ });
    await tabTo(page, box, 10);
    await page.keyboard.press('Space');
    await expect.poll(codes).toBe('K2204,D1106');
    expect(await box.isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Retirer Vente en alimentation' }).waitFor();
    await checkPage(page, 'metier-picker-chosen');
  });

  it('disables the other boxes at the maximum and says why', async () => {
    const search = page.getByLabel('Chercher un métier (au masculin ou au féminin)');
    await search.fill('aide soignante');
    await expect.poll(() => status().textContent()).toMatch(/aide soignante/);
    await page.getByRole('checkbox', { name: /^Aide-soignante — Soins d’hygiène/ }).check();
    await expect.poll(codes).toBe('K2204,D1106,J1501');
    await search.fill('serveuse');
    await expect.poll(() => status().textContent()).toMatch(/pour « serveuse ».*3 métiers choisis, le maximum/);
    expect(await page.getByRole('checkbox', { name: /^Serveuse — Service en restauration/ }).isDisabled()).toBe(true);
  });

  it('removes by keyboard, the focus on the next chip, then on the search with the field’s error', async () => {
    const first = page.getByRole('button', { name: 'Retirer Nettoyage de locaux' });
    await first.focus();
    await page.keyboard.press('Enter');
    await expect.poll(codes).toBe('D1106,J1501');
    await expect.poll(() => isFocused(page.getByRole('button', { name: 'Retirer Vente en alimentation' }))).toBe(true);
    await page.keyboard.press('Enter');
    // The focus moves once the chip is gone: wait for the re-render, not for a fixed time.
    await expect.poll(codes).toBe('J1501');
    await expect.poll(() => isFocused(page.getByRole('button', { name: /^Retirer Soins d’hygiène/ }))).toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(codes).toBe('');
    const search = page.getByLabel('Chercher un métier (au masculin ou au féminin)');
    await expect.poll(() => isFocused(search)).toBe(true);
    expect(await page.locator('#profile-metiers-error').textContent()).toBe('Choisissez au moins un métier.');
    expect(await search.getAttribute('aria-invalid')).toBe('true');
    expect(await search.getAttribute('aria-describedby')).toContain('profile-metiers-error');
    await checkPage(page, 'metier-picker-error');
  });

  it('reflows at 320 px', async () => {
    const search = page.getByLabel('Chercher un métier (au masculin ou au féminin)');
    await search.fill('technicienne');
    await expect.poll(() => status().textContent()).toMatch(/technicienne/);
    // Two chips with long titles, then the narrow screen.
    await page.getByRole('checkbox').nth(4).check();
    await page.getByRole('checkbox').nth(5).check();
    await expect.poll(() => page.locator('.metier-chip').count()).toBe(2);
    await page.setViewportSize({ width: 320, height: 800 });
    await expectNoSidewaysScroll(page, 'metier picker at 320 px');
    await checkPage(page, 'metier-picker-320');
  });
});
