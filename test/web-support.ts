// Browser tests' helpers: Debian's Chromium driven by playwright-core against the platform of the
// harness (which serves the built web app), axe-core in the page, screenshots in test-results/web.
import { randomUUID } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { expect, inject } from 'vitest';
import { hashPassword } from '../models/passwords.js';
import { sql } from './support.js';

const require = createRequire(import.meta.url);
export const SCREENSHOTS = path.resolve('test-results/web');

/** `keepScreenshots`: for a file that may run beside test/web.test.ts, whose screenshots it would erase. */
export async function launchBrowser({ keepScreenshots = false } = {}): Promise<Browser> {
  // This run's screenshots only.
  if (!keepScreenshots) rmSync(SCREENSHOTS, { recursive: true, force: true });
  mkdirSync(SCREENSHOTS, { recursive: true });
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage'],
  });
}

/** A fresh browser profile (its own cookies) on the platform, in French, in Paris time. */
export async function newPage(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    baseURL: inject('apiUrl'),
    locale: 'fr-FR',
    timezoneId: 'Europe/Paris',
    viewport: { width: 1280, height: 900 },
    // axe-core is injected as an inline script, which the site's CSP rightly refuses; the CSP itself is
    // checked by test/security.test.ts.
    bypassCSP: true,
  });
  // No internet in tests: the Jitsi deployment is unreachable, as fast as possible.
  await context.route(/^https:\/\/meet\.jit\.si\//, (route) => route.abort('internetdisconnected'));
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  return { context, page };
}

/** A fresh browser profile signed in as `email`, `width` pixels wide (the tests' one way in). */
export async function signedInPage(browser: Browser, email: string, { width = 1280, password }: { width?: number; password?: string } = {}): Promise<Page> {
  const { page } = await newPage(browser);
  if (width !== 1280) await page.setViewportSize({ width, height: 900 });
  await signIn(page, email, password);
  return page;
}

/** What a page shows in time, polled: 15 s, every 100 ms (a matcher must follow: `.toBe(true)`…). */
export const poll = <T>(probe: () => T | Promise<T>) => expect.poll(probe, { timeout: 15_000, interval: 100 });

/** Signs in through the login page, by mouse-free typing and Enter. */
export async function signIn(page: Page, email: string, password = inject('demoPassword')) {
  await page.goto('/connexion');
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe').fill(password);
  await page.getByLabel('Mot de passe').press('Enter');
  await page.getByRole('button', { name: 'Se déconnecter' }).waitFor();
  // The app then leaves the login page for the space's home (an effect after the render that shows
  // the button): a visit() before it would be replaced by that navigation.
  await page.waitForURL((url) => url.pathname !== '/connexion');
}

/**
 * Goes to `path` the way a link of the app does (History API, no reload: the session, the loaded
 * chunks and axe stay); the same address again is a reload, to read fresh data.
 */
export async function visit(page: Page, path: string) {
  const current = new URL(page.url());
  if (current.pathname + current.search === path) await page.reload();
  else {
    await page.evaluate((to) => {
      history.pushState(null, '', to);
      window.dispatchEvent(new PopStateEvent('popstate'));
    }, path);
  }
  await page.locator('main h1').first().waitFor();
}

let shots = 0;
export async function screenshot(page: Page, name: string) {
  shots += 1;
  await page.screenshot({ path: path.join(SCREENSHOTS, `${String(shots).padStart(2, '0')}-${name}.png`), fullPage: true });
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[]; failureSummary?: string }>;
}

/** axe-core on the page as it is now; returns the serious and critical violations. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  const result = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: AxeViolation[] }> } }).axe;
    return axe.run(document, { resultTypes: ['violations'] });
  });
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })) }));
}

/** Screenshot, then axe: no serious or critical violation. */
export async function checkPage(page: Page, name: string) {
  await page.locator('.loading').first().waitFor({ state: 'detached' }).catch(() => undefined);
  await screenshot(page, name);
  const violations = await axeViolations(page);
  expect(violations, `${name} (${page.url()}): ${JSON.stringify(violations, null, 2)}`).toEqual([]);
}

/** Presses Tab until `target` has the focus (keyboard-only navigation); fails after `max` presses. */
export async function tabTo(page: Page, target: Locator, max = 80) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
  }
  throw new Error(`Tab never reached ${target}`);
}

export const isFocused = (locator: Locator) => locator.evaluate((el) => el === document.activeElement);

/** What a screen reader reads after the name of the element `selector` (CSS): Chromium's computed accessible description. */
export async function accessibleDescription(page: Page, selector: string): Promise<string> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = await cdp.send('DOM.getDocument', { depth: 0 });
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
    const { nodes } = await cdp.send('Accessibility.getPartialAXTree', { nodeId, fetchRelatives: false });
    return String(nodes[0]?.description?.value ?? '');
  } finally {
    await cdp.detach();
  }
}

/** The page reads at its current width without scrolling sideways (WCAG 1.4.10 reflow: at 320 px). */
export async function expectNoSidewaysScroll(page: Page, name: string) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
  expect(scrollWidth, `${name}: ${scrollWidth} px for ${innerWidth}`).toBeLessThanOrEqual(innerWidth);
}

/** A candidate with a name of their own (so a row is easy to find), followed by `referentId` or nobody. */
export async function createNamedCandidate(referentId: string | null, firstName: string, lastName: string) {
  const id = randomUUID();
  const email = `web-${id.slice(0, 8)}@test.local`;
  await sql(
    `INSERT INTO users (id, email, password_hash, role, first_name, last_name) VALUES ($1, $2, $3, 'CANDIDATE', $4, $5)`,
    [id, email, await hashPassword(inject('demoPassword')), firstName, lastName],
  );
  await sql(`INSERT INTO candidate_profiles (user_id, referent_id, rqth) VALUES ($1, $2, true)`, [id, referentId]);
  return { id, email };
}

/** A date-time `days` from now at `hour`:00 in Paris, as <input type="datetime-local"> wants it. */
export function parisLocalInput(days: number, hour: number): string {
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(Date.now() + days * 86_400_000),
  );
  return `${day}T${String(hour).padStart(2, '0')}:00`;
}

// ---- The public showcase (no sign-in): drivers for test/web-public.test.ts and the journeys. ----

/** A fresh signed-out browser profile on the public home page. */
export async function openPublicHome(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const opened = await newPage(browser);
  await opened.page.goto('/');
  await opened.page.getByRole('heading', { level: 1, name: 'Trouvez un emploi chez un employeur engagé' }).waitFor();
  return opened;
}

/** Searches from the form on the page (home or /offres); waits for the count of results. */
export async function searchPublicOffers(page: Page, criteria: { text?: string; department?: string; contract?: string }) {
  const form = page.getByRole('search', { name: 'Rechercher des offres' });
  if (criteria.text !== undefined) await form.getByLabel('Mots-clés').fill(criteria.text);
  if (criteria.department !== undefined) await form.getByLabel('Département').fill(criteria.department);
  if (criteria.contract !== undefined) await form.getByLabel('Contrat').selectOption({ label: criteria.contract });
  await form.getByRole('button', { name: 'Rechercher' }).click();
  await page.getByRole('heading', { level: 1, name: 'Offres d’emploi' }).waitFor();
  await page.locator('.result-count').filter({ hasText: /trouvée/ }).waitFor();
}

/** From a public offer's page: « Postuler », then « Connectez-vous pour postuler » and the sign-in; back on the offer, signed in. */
export async function applyFromPublicOffer(page: Page, email: string, password = inject('demoPassword')) {
  await page.getByRole('button', { name: 'Postuler à cette offre' }).click();
  await page.getByRole('link', { name: 'Connectez-vous pour postuler' }).click();
  await page.getByRole('heading', { level: 1, name: 'Connexion' }).waitFor();
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe').fill(password);
  await page.getByLabel('Mot de passe').press('Enter');
  await page.getByRole('button', { name: 'Se déconnecter' }).waitFor();
}

// ---- Recruiter sign-up on the web: drivers for test/web-signup.test.ts and the journeys. ----

/** What signUpCompanyOnWeb types; what is left out gets a plausible value. */
export interface WebSignUp {
  /** SIREN or SIRET, as a person types it. */
  number: string;
  email: string;
  password?: string;
  /** The second password field (default: the same). */
  confirm?: string;
  company?: Partial<{ name: string; sector: string; size: string; address: string; postalCode: string; city: string }>;
  user?: Partial<{ firstName: string; lastName: string; jobTitle: string; phone: string }>;
  /** Tick « J’accepte les conditions d’utilisation » (default true). */
  acceptTerms?: boolean;
}

export const WEB_SIGN_UP_PASSWORD = 'Recrute-Tremplin-2026!';

/**
 * Fills the recruiter sign-up form already open at /inscription: the number first (waits for its check
 * and, when valid, for the lookup's answer), then the company form if the page asks for it (a company
 * already on Tremplin is joined: no company form), the account and the consent. Does not send.
 */
export async function fillSignUpForm(page: Page, data: WebSignUp) {
  const number = page.getByLabel('Numéro SIREN ou SIRET');
  await number.fill(data.number);
  // A number of the right length is checked; a valid one is looked up, and the answer decides which form follows.
  if (/^(\d{9}|\d{14})$/.test(data.number.replace(/[\s.]/g, ''))) {
    const check = page.locator('#company-number-check');
    await expect.poll(async () => /^✗|Tremplin|vérification|Trop de/.test((await check.textContent()) ?? ''), { timeout: 15_000 }).toBe(true);
  }
  if (await page.getByLabel('Raison sociale').isVisible()) {
    const c = { name: 'Atelier des Possibles', sector: 'Artisanat', size: '10-49', address: '12 rue des Tanneurs', postalCode: '69004', city: 'Lyon', ...data.company };
    await page.getByLabel('Raison sociale').fill(c.name);
    await page.getByLabel('Secteur d’activité').fill(c.sector);
    await page.getByLabel('Effectif').selectOption(c.size);
    await page.getByLabel('Adresse', { exact: true }).fill(c.address);
    await page.getByLabel('Code postal').fill(c.postalCode);
    await page.getByLabel('Ville').fill(c.city);
  }
  const u = { firstName: 'Nadia', lastName: 'Benali', jobTitle: 'Responsable RH', phone: '04 78 00 00 00', ...data.user };
  await page.getByLabel('Prénom').fill(u.firstName);
  await page.getByLabel('Nom', { exact: true }).fill(u.lastName);
  await page.getByLabel('Fonction').fill(u.jobTitle);
  await page.getByLabel('Téléphone professionnel').fill(u.phone);
  await page.getByLabel('Adresse e-mail professionnelle').fill(data.email);
  await page.getByLabel('Mot de passe', { exact: true }).fill(data.password ?? WEB_SIGN_UP_PASSWORD);
  await page.getByLabel('Mot de passe, une seconde fois').fill(data.confirm ?? data.password ?? WEB_SIGN_UP_PASSWORD);
  await page.getByRole('checkbox', { name: /J’accepte les conditions d’utilisation/ }).setChecked(data.acceptTerms ?? true);
}

/**
 * Signs a company up in the browser, from wherever the page is: to /inscription (by the link
 * « Inscrire mon entreprise » when the page shows one), fills and sends the form, and waits for the
 * confirmation screen (its heading focused). Returns that screen's text. The confirmation link then
 * comes by mail: `confirmationLinkFor(email)` (test/drivers.ts).
 */
export async function signUpCompanyOnWeb(page: Page, data: WebSignUp): Promise<string> {
  const link = page.getByRole('link', { name: 'Inscrire mon entreprise' }).first();
  if (await link.isVisible().catch(() => false)) await link.click();
  else await page.goto('/inscription');
  await page.getByRole('heading', { level: 1, name: 'Inscription d’un recruteur' }).waitFor();
  await fillSignUpForm(page, data);
  await page.getByRole('button', { name: /Envoyer ma demande d’inscription|Demander à rejoindre/ }).click();
  const heading = page.getByRole('heading', { name: 'Consultez votre boîte e-mail' });
  await heading.waitFor();
  await expect.poll(() => isFocused(heading), { timeout: 15_000 }).toBe(true);
  return (await page.locator('main section.card').textContent()) ?? '';
}

// ---- Company pages: the driver for test/web-company-page.test.ts and the journeys. ----

/**
 * A recruiter, signed in on `page`, fills and publishes their company page from « Mon entreprise »:
 * the presentation typed in the editor (a first line in bold through Ctrl+B, then `description`), the
 * advantages, a logo when given (file bytes), then « Publier ». Returns the page's public address.
 */
export async function publishCompanyPageOnWeb(
  page: Page,
  { headline = 'Un atelier qui recrute', description = 'Nous accueillons chaque personne avec ses compétences.', advantages = ['Tickets restaurant'], logo }: { headline?: string; description?: string; advantages?: string[]; logo?: Buffer } = {},
): Promise<string> {
  await page.getByRole('navigation', { name: 'Espace recruteur' }).getByRole('link', { name: 'Mon entreprise' }).click();
  await page.getByRole('heading', { level: 1, name: 'Mon entreprise' }).waitFor();
  const editor = page.getByRole('textbox', { name: 'Présentation' });
  await editor.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.press('Control+B');
  await page.keyboard.type(headline);
  await page.keyboard.press('Control+B');
  await page.keyboard.press('Enter');
  await page.keyboard.type(description);
  await page.getByLabel('Avantages').fill(advantages.join('\n'));
  if (logo) {
    await page.getByLabel(/^(Ajouter un|Remplacer le) logo$/).setInputFiles({ name: 'logo.jpg', mimeType: 'image/jpeg', buffer: logo });
    await page.getByRole('img', { name: /^Logo actuel/ }).waitFor();
  }
  await page.getByRole('button', { name: 'Publier' }).click();
  await page.getByText('Publiée', { exact: true }).waitFor();
  return (await page.getByRole('link', { name: 'voir la page publique' }).getAttribute('href'))!;
}

/** The page reads without scrolling sideways at the viewport's width (WCAG 1.4.10: 320 px). */
export async function noSidewaysScroll(page: Page, name: string) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
  expect(scrollWidth, `${name}: ${scrollWidth} px for ${innerWidth}`).toBeLessThanOrEqual(innerWidth);
}
