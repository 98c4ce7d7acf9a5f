// The back office in a real browser (Debian's Chromium, driven by playwright-core): the operator signs in
// at /admin, sees the dashboard of waiting work, opens the companies list, verifies the pending company
// with its button and sees its state change, then publishes a pending offer the same way. No request
// leaves the platform (fonts included), and the browser reports no blocked resource. Screenshots go to
// test-results/admin. An admin whose name carries </script> and an <img onerror> sees it as text on
// every page, and nothing of it runs. An admin signed in on the platform opens the back office without
// signing in again.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { act, confirm, register, registration } from './drivers.js';
import { createUser } from './fixtures.js';
import { ApiClient, DEMO, sql } from './support.js';
import { signInToBackOffice, verifyCompanyInBackOffice } from './admin-support.js';
import { signIn } from './web-support.js';

const SCREENSHOTS = path.resolve('test-results/admin');

/** A company registered and its e-mail confirmed through the API: it waits for an admin. */
async function pendingCompany(name: string) {
  const { companyId, email } = await register(
    registration({
      company: { name, address: '5 quai du Rhône', postalCode: '69003', city: 'Lyon' },
      user: { firstName: 'Élise', lastName: 'Navigatrice', jobTitle: 'Gérante', phone: '04 78 00 00 00', email: `navigateur-${randomUUID().slice(0, 8)}@admin.test` },
    }),
  );
  await confirm(email);
  return { id: companyId, email };
}

async function pendingOffer(title: string) {
  const recruiter = await ApiClient.login(DEMO.recruiter);
  const created = await recruiter.post('/api/offers', {
    title,
    contractType: 'CDD',
    contractDurationMonths: 6,
    postalCode: '69002',
    city: 'Lyon',
    description: 'Accueil du public et gestion des rendez-vous. Poste aménageable, locaux accessibles.',
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  await act('offer', recruiter, created.body.id, { action: 'submit' }, 'PENDING_MODERATION');
  return created.body.id as string;
}

let browser: Browser;
let context: BrowserContext;
let page: Page;
const outside: string[] = [];
const blocked: string[] = [];
const pageErrors: string[] = [];
let shots = 0;

async function screenshot(name: string) {
  shots += 1;
  await page.screenshot({ path: path.join(SCREENSHOTS, `${String(shots).padStart(2, '0')}-${name}.png`), fullPage: true });
}

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  context = await browser.newContext({ baseURL: inject('apiUrl'), locale: 'fr-FR', timezoneId: 'Europe/Paris', viewport: { width: 1366, height: 900 } });
  context.setDefaultTimeout(20_000);
  page = await context.newPage();
  // Every request the console makes, and what the browser refused to load (CSP) or failed to run.
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (!['data:', 'blob:'].includes(url.protocol) && !['localhost', '127.0.0.1'].includes(url.hostname)) outside.push(request.url());
  });
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy|Refused to|net::ERR/i.test(message.text())) blocked.push(message.text());
  });
  page.on('pageerror', (error) => pageErrors.push(error.message));
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
});

describe('the back office in a browser', () => {
  it('signs the operator in, shows what waits, verifies the pending company with its button', async () => {
    const name = `Verrerie ${randomUUID().slice(0, 6)}`;
    const company = await pendingCompany(name);

    const shoot = async (step: string) => {
      // The record waiting for verification links to its workflow in the Temporal UI.
      if (step === 'company-pending') {
        expect(await page.getByTestId('temporal-link').first().getAttribute('href')).toMatch(
          new RegExp(`^http://localhost:8233/namespaces/${inject('temporalNamespace')}/workflows/company-verification-`),
        );
      }
      await screenshot(step);
    };
    await signInToBackOffice(page, DEMO.admin, inject('demoPassword'), shoot);
    expect(await verifyCompanyInBackOffice(page, name, shoot)).toBe(company.id);
    expect((await sql<{ status: string }>('SELECT status FROM companies WHERE id = $1', [company.id]))[0]!.status).toBe('VERIFIED');
  });

  it('publishes a pending offer with its button', async () => {
    const title = `Agent d’accueil H/F ${randomUUID().slice(0, 6)}`;
    const id = await pendingOffer(title);
    await page.goto(`/admin/resources/offers/records/${id}/show`);
    await page.getByText(title).first().waitFor();
    await page.getByRole('link', { name: 'Publier l’offre' }).click();
    await page.getByTestId('transition-approve').waitFor();
    await page.getByTestId('transition-submit').click();
    await page.getByText('Offre publiée : les recruteurs de l’entreprise sont prévenus.').waitFor();
    await page.getByText('Publiée', { exact: true }).first().waitFor();
    await screenshot('offer-published');
    expect((await sql<{ status: string }>('SELECT status FROM offers WHERE id = $1', [id]))[0]!.status).toBe('PUBLISHED');
  });

  it('shows an admin whose name carries </script> as text, on every page, and runs nothing of it', async () => {
    // A name stored before names were checked at input (they are now refused there).
    const other = await createUser('ADMIN');
    const name = '</script><script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">';
    await sql(`UPDATE users SET first_name = $1, last_name = 'Piégé' WHERE id = $2`, [name, other.id]);
    const own = await browser.newContext({ baseURL: inject('apiUrl'), locale: 'fr-FR', timezoneId: 'Europe/Paris', viewport: { width: 1366, height: 900 } });
    own.setDefaultTimeout(20_000);
    const tab = await own.newPage();
    const dialogs: string[] = [];
    const errors: string[] = [];
    tab.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    tab.on('pageerror', (error) => errors.push(error.message));
    try {
      await tab.goto('/admin/login');
      await tab.getByLabel('Adresse e-mail').fill(other.email);
      await tab.getByLabel('Mot de passe').fill(inject('demoPassword'));
      await tab.getByRole('button', { name: 'Se connecter' }).click();
      for (const path of ['/admin', '/admin/resources/users', `/admin/resources/users/records/${other.id}/show`]) {
        if (path === '/admin') await tab.waitForURL(/\/admin$/);
        else await tab.goto(path);
        await tab.waitForLoadState('load');
        expect(await tab.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), `${path}: the name ran as script`).toBeUndefined();
        // The console rendered (AdminJS's state was read whole), the name shown as typed.
        await tab.locator('[data-css="sidebar-resources"]').first().waitFor();
        await tab.getByText(`${name} Piégé`).first().waitFor();
        expect(await tab.evaluate(() => (window as unknown as { REDUX_STATE: { session: { title: string } } }).REDUX_STATE.session.title), path).toBe(`${name} Piégé`);
        expect(await tab.locator('img[src="x"]').count(), path).toBe(0);
      }
      await tab.waitForTimeout(300);
      expect(dialogs).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await own.close();
    }
  });

  it('opens the back office to an admin signed in on the platform, without a second sign-in', async () => {
    const other = await createUser('ADMIN');
    const own = await browser.newContext({ baseURL: inject('apiUrl'), locale: 'fr-FR', timezoneId: 'Europe/Paris', viewport: { width: 1366, height: 900 } });
    own.setDefaultTimeout(30_000);
    const tab = await own.newPage();
    try {
      await signIn(tab, other.email);
      await tab.getByRole('link', { name: 'Ouvrir la console d’administration' }).click();
      await tab.getByTestId('dashboard').waitFor();
      expect(tab.url()).not.toContain('/admin/login');
      expect(await tab.title()).toBe('Tableau de bord — Tremplin back-office');
      // Signing out of the back office signs out of the platform in this browser too.
      await tab.goto('/admin/logout');
      await expect.poll(() => tab.url()).toContain('/admin/login');
      await tab.goto('/admin');
      await expect.poll(() => tab.url()).toContain('/admin/login');
      expect((await tab.request.get('/api/me')).status()).toBe(401);
    } finally {
      await own.close();
    }
  });

  it('made no request outside the platform and loaded everything it asked for', () => {
    expect(outside).toEqual([]);
    expect(blocked).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
