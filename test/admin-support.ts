// The back office (AdminJS at /admin) for the test files that drive it: a browser-less session (its
// cookie, AdminJS's login form and its JSON API), and the steps an operator takes in a browser.
import type { Page } from 'playwright-core';
import { expect, inject } from 'vitest';
import { sessionRequest } from './support.js';

export const ADMIN_COOKIE = 'tremplin.admin';

export interface Answer<T = any> {
  status: number;
  body: T;
  text: string;
  headers: Headers;
}

/** One browser-less session of the back office: its cookie, AdminJS's login form and JSON API. */
export class AdminSession {
  cookie = '';

  async request<T = any>(method: string, path: string, body?: Record<string, unknown>, as: 'json' | 'form' = 'json'): Promise<Answer<T>> {
    if (!body) return sessionRequest<T>(this, ADMIN_COOKIE, method, path);
    return sessionRequest<T>(this, ADMIN_COOKIE, method, path, {
      headers: { 'content-type': as === 'json' ? 'application/json' : 'application/x-www-form-urlencoded' },
      body: as === 'json' ? JSON.stringify(body) : new URLSearchParams(body as Record<string, string>).toString(),
    });
  }

  get<T = any>(path: string) {
    return this.request<T>('GET', path);
  }

  post<T = any>(path: string, body: Record<string, unknown> = {}) {
    return this.request<T>('POST', path, body);
  }

  /** The login form as a browser posts it. */
  async login(email: string, password: string) {
    return this.request('POST', '/admin/login', { email, password }, 'form');
  }

  static async as(email: string, password = inject('demoPassword')): Promise<AdminSession> {
    const session = new AdminSession();
    const response = await session.login(email, password);
    expect(response.status, response.text.slice(0, 300)).toBe(302);
    expect(response.headers.get('location')).toBe('/admin');
    return session;
  }

  show(resource: string, id: string) {
    return this.get(`/admin/api/resources/${resource}/records/${id}/show`);
  }

  act(resource: string, id: string, action: string, body: Record<string, unknown> = {}) {
    return this.post(`/admin/api/resources/${resource}/records/${id}/${action}`, body);
  }
}

// ---- The back office in a browser: drivers for test/admin-browser.test.ts and the journeys. ----

/** Signs in at /admin/login with AdminJS's form (`step('login')` once filled); waits for the dashboard. */
export async function signInToBackOffice(page: Page, email: string, password = inject('demoPassword'), step: (name: string) => Promise<void> = async () => undefined) {
  await page.goto('/admin');
  await expect.poll(() => page.url()).toContain('/admin/login');
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe').fill(password);
  await step('login');
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.getByTestId('dashboard').waitFor();
}

/**
 * An admin, signed in to the back office on `page`, verifies the company named `companyName` by mouse:
 * the dashboard lists it as waiting, the sidebar's « Entreprises », its row, « Vérifier l’entreprise »,
 * the confirmation; waits for the success message and the new state. `step` is called on each screen
 * (the company's record before verifying: `company-pending`), for screenshots or more checks. Returns the company's id.
 */
export async function verifyCompanyInBackOffice(page: Page, companyName: string, step: (name: string) => Promise<void> = async () => undefined): Promise<string> {
  if (!/\/admin\/?$/.test(new URL(page.url()).pathname)) await page.goto('/admin');
  await page.getByTestId('dashboard').waitFor();
  const toVerify = page.getByTestId('companies-to-verify');
  await expect.poll(() => toVerify.textContent()).toContain(companyName);
  await step('dashboard');

  const sidebar = page.locator('[data-css="sidebar-resources"]');
  await sidebar.getByText('Entreprises', { exact: true }).first().click();
  await sidebar.getByRole('link', { name: 'Entreprises', exact: true }).click();
  await expect.poll(() => page.url()).toMatch(/\/admin\/resources\/companies(\?|$)/);
  const row = page.getByRole('row').filter({ hasText: companyName });
  await row.waitFor();
  await step('companies-list');
  await row.getByText(companyName).click();
  await expect.poll(() => page.url()).toMatch(/\/admin\/resources\/companies\/records\/[0-9a-f-]{36}\/show/);
  const id = /\/records\/([0-9a-f-]{36})\/show/.exec(page.url())![1]!;
  await page.getByText('En attente de vérification par l’équipe de la plateforme').first().waitFor();
  await step('company-pending');

  await page.getByRole('link', { name: 'Vérifier l’entreprise' }).click();
  await page.getByTestId('transition-verify').waitFor();
  await step('company-verify-confirm');
  await page.getByTestId('transition-submit').click();
  await expect.poll(() => page.url()).toMatch(new RegExp(`/admin/resources/companies/records/${id}/show`));
  await page.getByText('Entreprise vérifiée : un e-mail en informe le recruteur.').waitFor();
  await page.getByText('Vérifiée', { exact: true }).first().waitFor();
  expect(await page.getByRole('link', { name: 'Vérifier l’entreprise' }).count()).toBe(0);
  await step('company-verified');
  return id;
}
