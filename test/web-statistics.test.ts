// « Statistiques » in Chromium: a chargé de mission opens it from the navigation (its chunk, Chart.js
// with it, loaded only then), each chart a canvas role="img" with a summary and, by keyboard behind
// « Afficher le tableau », a table with the API's very numbers; a period refused under its field; axe
// with the tables open; 320 px without sideways scrolling. An admin has the same page for the platform.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REFUSAL_REASONS } from '../workflows/refusal-reasons.js';
import { REFUSAL_REASON, reach } from './drivers.js';
import { createCast, type Cast } from './fixtures.js';
import { checkPage, launchBrowser, newPage, noSidewaysScroll, signIn, tabTo } from './web-support.js';

let browser: Browser;
let cast: Cast;
const number = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });

beforeAll(async () => {
  cast = await createCast();
  browser = await launchBrowser({ keepScreenshots: true });
  // A hire, a refusal and one waiting: every chart of the officer's network has something to show.
  await Promise.all([reach('application', 'HIRED', cast), reach('application', 'REFUSED', cast), reach('application', 'PENDING_REFERENT_VALIDATION', cast)]);
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

/** The cells of a figure's table, row by row (header cell first), once its disclosure is open. */
const tableOf = (page: Page, figure: string) =>
  page.locator(`#${figure} table`).evaluate((table) => [...table.querySelectorAll('tbody tr, tfoot tr')].map((tr) => [...tr.children].map((c) => c.textContent!.trim())));

describe('Statistiques', () => {
  it('a chargé de mission reads each chart and, by keyboard, its table: the numbers of the API', async () => {
    const stats = (await (await cast.missionOfficer.client()).get('/api/statistics')).body;
    const { page, context } = await newPage(browser);
    await signIn(page, cast.missionOfficer.email);
    const chunks = () => page.evaluate(() => performance.getEntriesByType('resource').map((r) => r.name).filter((n) => /\/statistics-[^/]*\.js$/.test(n)));
    expect(await chunks(), 'the statistics chunk before the page is opened').toEqual([]);

    await page.getByRole('navigation').getByRole('link', { name: 'Statistiques' }).click();
    await page.getByRole('heading', { level: 1, name: 'Statistiques' }).waitFor();
    await page.locator('canvas[role="img"]').first().waitFor();
    expect(await chunks()).toHaveLength(1);

    // Five charts, each named by a summary that carries its numbers.
    const canvases = page.locator('canvas[role="img"]');
    expect(await canvases.count()).toBe(5);
    expect(await page.locator('#stats-hires canvas').getAttribute('aria-label')).toContain('1 recrutement en tout');
    expect(await page.locator('#stats-entries canvas').getAttribute('aria-label')).toMatch(/Candidature retenue|Retenue/i);

    // The disclosure by keyboard: Tab to it, Enter opens it, its table follows.
    const hiresSummary = page.locator('#stats-hires summary');
    await tabTo(page, hiresSummary, 120);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#stats-hires details').evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
    const hires = await tableOf(page, 'stats-hires');
    expect(hires.map((r) => r[1])).toEqual([...stats.hires.counts.map((n: number) => number.format(n)), number.format(stats.hires.total)]);

    for (const summary of await page.locator('summary').all()) if (!(await summary.evaluate((s) => (s.parentElement as HTMLDetailsElement).open))) await summary.click();
    const entries = await tableOf(page, 'stats-entries');
    expect(entries.at(-1)).toEqual(['Total', ...stats.statusEntries.map((s: { total: number }) => number.format(s.total))]);
    expect(await page.locator('#stats-entries thead th').allTextContents()).toEqual(['Mois', ...stats.statusEntries.map((s: { label: string }) => s.label)]);
    const durations = await tableOf(page, 'stats-durations');
    expect(durations.map((r) => [r[0], r[1]])).toEqual(stats.timeInStatus.map((s: { label: string; medianHours: number }) => [s.label, number.format(s.medianHours)]));
    const validations = await tableOf(page, 'stats-validations');
    expect(validations[0]!.slice(1, 4)).toEqual([stats.referentValidation.validated, stats.referentValidation.withinSla, stats.referentValidation.late].map((n: number) => number.format(n)));
    // The refusal made through the drivers carries their reason: its French label, not its code.
    expect(await tableOf(page, 'stats-reasons')).toEqual([[REFUSAL_REASONS[REFUSAL_REASON].label, '1', '0', '1']]);
    await checkPage(page, 'statistiques-charge-de-mission');

    // A period that ends before it starts: refused under « Au », with the focusable field marked.
    await page.getByLabel('Du', { exact: true }).fill('2026-06-01');
    await page.getByLabel('Au (inclus)', { exact: true }).fill('2026-05-01');
    await page.getByRole('button', { name: 'Afficher' }).click();
    await expect.poll(() => page.locator('#stats-to-error').textContent()).toMatch(/fin de la période doit être après son début/);
    expect(await page.getByLabel('Au (inclus)', { exact: true }).getAttribute('aria-invalid')).toBe('true');

    await page.setViewportSize({ width: 320, height: 800 });
    await page.goto('/referent/statistiques');
    await page.locator('canvas[role="img"]').first().waitFor();
    for (const summary of await page.locator('summary').all()) await summary.click();
    await noSidewaysScroll(page, 'statistiques à 320 px');
    await context.close();
  });

  it('a référent has no « Statistiques »: neither in the navigation nor at its address', async () => {
    const { page, context } = await newPage(browser);
    await signIn(page, cast.referent.email);
    expect(await page.getByRole('navigation', { name: 'Espace référent' }).getByRole('link', { name: 'Statistiques' }).count()).toBe(0);
    await page.goto('/referent/statistiques');
    await page.locator('main h1').first().waitFor();
    expect(await page.locator('canvas').count()).toBe(0);
    expect(await page.locator('main h1').first().textContent()).not.toBe('Statistiques');
    await context.close();
  });

  it('an admin has the same page for the whole platform', async () => {
    const { page, context } = await newPage(browser);
    await signIn(page, cast.admin.email);
    await page.getByRole('navigation').getByRole('link', { name: 'Statistiques' }).click();
    await page.getByRole('heading', { level: 1, name: 'Statistiques' }).waitFor();
    await page.locator('canvas[role="img"]').first().waitFor();
    expect(await page.locator('canvas[role="img"]').count()).toBeGreaterThanOrEqual(3);
    await checkPage(page, 'statistiques-administration');
    await context.close();
  });
});
