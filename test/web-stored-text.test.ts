// Text people typed is shown as text, never run as markup: a candidate whose name and message carry
// HTML, script and event-handler injections applies; the référent's queue and application page show
// those characters literally, and the page grows no element and runs no code from them. The site's
// CSP would block inline code anyway: it is bypassed here so that the rendering alone is tested.
import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createCompany, createUser, type Person } from './fixtures.js';
import { ApiClient } from './support.js';
import { createNamedCandidate, launchBrowser, signedInPage, signIn, visit } from './web-support.js';

const LAST_NAME = '<img src=x onerror="window.__pwned=1">';
const MESSAGE = 'Bonjour <script>window.__pwned=2</script><b>gras</b> & "guillemets" <a href="javascript:window.__pwned=3">lien</a>';

let browser: Browser;
let referent: Person;
let applicationId: string;

beforeAll(async () => {
  browser = await launchBrowser({ keepScreenshots: true });
  const company = await createCompany('Atelier <i>échappé</i>');
  referent = await createUser('REFERENT');
  const candidate = await createNamedCandidate(referent.id, 'Zoé', LAST_NAME);
  const created = await (await ApiClient.login(candidate.email)).post('/api/applications', { offerId: company.offerId, message: MESSAGE });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  applicationId = created.body.id;
});

afterAll(async () => {
  await browser?.close();
});

async function referentPage(): Promise<Page> {
  const context = await browser.newContext({ baseURL: inject('apiUrl'), locale: 'fr-FR', timezoneId: 'Europe/Paris', bypassCSP: true });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  page.on('dialog', (dialog) => void dialog.dismiss());
  await signIn(page, referent.email);
  return page;
}

/** Nothing the injections would have made: no image, no handler, no script run. */
async function expectInert(page: Page) {
  expect(await page.locator('main img[src="x"], main [onerror], main script, main a[href^="javascript:"]').count()).toBe(0);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
}

describe('stored text in the web app', () => {
  it('the référent’s queue shows the candidate’s name as typed', async () => {
    const page = await referentPage();
    await visit(page, '/referent');
    await expect.poll(() => page.locator('main').textContent(), { timeout: 15_000 }).toContain(LAST_NAME);
    await expectInert(page);
  });

  it('the application page shows the name and the message as typed, and runs nothing', async () => {
    const page = await referentPage();
    await visit(page, `/referent/candidatures/${applicationId}`);
    const main = page.locator('main');
    await expect.poll(() => main.textContent(), { timeout: 15_000 }).toContain(MESSAGE);
    expect(await main.textContent()).toContain(LAST_NAME);
    await expectInert(page);
  });
});
