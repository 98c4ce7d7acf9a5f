// Every page of the back office in a real browser (Debian's Chromium): the login, the dashboard, each
// resource's list, its filters, a record, its forms and its workflow actions. On each: axe-core finds
// no serious or critical violation, the tab's title says what the page is, the page's heading is the
// record's or the list's name (never « Voir » or « Liste »), and no code (PENDING_MODERATION, RECRUITER)
// is shown where a French label exists.
import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { act, confirm, offerBody, reach, register, registration, uniqueEmail } from './drivers.js';
import { createCast, createUser } from './fixtures.js';
import { createVisibleProfile } from './cvtheque-drivers.js';
import { ApiClient, DEMO, sql } from './support.js';
import { axeViolations, launchBrowser, newPage, screenshot, type AxeViolation } from './web-support.js';

let browser: Browser;
let context: BrowserContext;
let page: Page;

/** The records the pages show: one of each, in the states that offer the workflow actions. */
const world = {} as {
  company: { id: string; name: string; email: string };
  membership: { id: string };
  offer: { id: string; title: string };
  application: { id: string };
  sponsorship: { id: string };
  contact: { id: string };
  user: { id: string; email: string };
};

beforeAll(async () => {
  const name = `Tonnellerie ${randomUUID().slice(0, 6)}`;
  const registered = await register(
    registration({
      company: { name, address: '5 quai du Rhône', postalCode: '69003', city: 'Lyon' },
      user: { firstName: 'Élise', lastName: 'Demandeuse', jobTitle: 'Gérante', phone: '04 78 00 00 00', email: uniqueEmail('demandeuse') },
    }),
  );
  await confirm(registered.email);
  world.company = { id: registered.companyId, name, email: registered.email };

  const [demoCompany] = await sql<{ id: string; siren: string }>(`SELECT id, siren FROM companies WHERE name = 'Atelier Inclusif (démo)'`);
  const member = await register(
    registration({
      company: { siren: demoCompany!.siren, name: 'Atelier Inclusif', address: '12 rue de la République', postalCode: '69002', city: 'Lyon' },
      user: { firstName: 'Lina', lastName: 'Membre', jobTitle: 'Chargée RH', phone: '04 72 00 00 01', email: uniqueEmail('membre') },
    }),
  );
  await confirm(member.email);
  world.membership = { id: member.membershipId! };

  const recruiter = await ApiClient.login(DEMO.recruiter);
  const title = `Magasinier ${randomUUID().slice(0, 6)}`;
  const created = await recruiter.post('/api/offers', offerBody({ title, description: 'Réception des marchandises. Jeune et dynamique, vous aimez le travail en équipe.' }));
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  await act('offer', recruiter, created.body.id, { action: 'submit' }, 'PENDING_MODERATION');
  world.offer = { id: created.body.id, title };

  const cast = await createCast();
  world.application = { id: (await reach('application', 'INTERVIEW_PROPOSED', cast)).id };
  world.sponsorship = { id: (await reach('sponsorship', 'PENDING', cast)).id };
  const user = await createUser('REFERENT');
  world.user = { id: user.id, email: user.email };
  const contacted = await createVisibleProfile();
  const contact = await recruiter.post(`/api/cvtheque/profiles/${contacted.id}/contact`, { message: 'Bonjour, votre profil nous intéresse.' });
  expect(contact.status, JSON.stringify(contact.body)).toBe(201);
  world.contact = { id: contact.body.id };

  browser = await launchBrowser();
  ({ context, page } = await newPage(browser));
  context.setDefaultTimeout(60_000);
  await page.setViewportSize({ width: 1366, height: 900 });
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
});

interface Seen {
  name: string;
  url: string;
  title: string;
  heading: string;
  violations: AxeViolation[];
}

async function look(name: string): Promise<Seen> {
  await page.locator('h1').first().waitFor({ timeout: 5_000 }).catch(() => undefined);
  await page.waitForTimeout(400);
  await screenshot(page, `admin-${name}`);
  const heading = await page.evaluate(() => {
    const h1 = document.querySelector('h1');
    return h1 ? [...h1.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent).join('') : '';
  });
  // The heading's own text (a list's count, in its badge, apart).
  const seen = { name, url: page.url(), title: await page.title(), heading: heading.trim(), violations: await axeViolations(page) };
  // The elements concerned, for whoever reads a failure.
  if (seen.violations.length) console.log(JSON.stringify({ name, violations: seen.violations.map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.slice(0, 3) })) }));
  return seen;
}

const RESOURCES = [
  'users',
  'companies',
  'company_memberships',
  'offers',
  'applications',
  'application_events',
  'interviews',
  'sponsorship_requests',
  'email_outbox',
  'notice_queue',
  'contact_requests',
  'sign_in_lockouts',
];

const SUFFIX = ' — Tremplin back-office';
/** What a page must never be headed by: the action's name instead of what it shows. */
const ACTION_NAMES = ['Voir', 'Liste', 'Modifier', 'Créer', 'Tableau de bord', 'Tremplin back-office'];
const CODES = /\b(PENDING_[A-Z_]+|DRAFT|PUBLISHED|VERIFIED|ADMIN|RECRUITER|REFERENT|CANDIDATE|MISSION_OFFICER)\b/;

describe('every page of the back office', () => {
  it('has no serious or critical axe violation, a title and a heading of its own, and no code in its history', { timeout: 1_200_000 }, async () => {
    const seen: Seen[] = [];
    await page.goto('/admin/login');
    seen.push(await look('login'));
    await page.getByLabel('Adresse e-mail').fill(DEMO.admin);
    await page.getByLabel('Mot de passe').fill(inject('demoPassword'));
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByTestId('dashboard').waitFor();
    seen.push(await look('dashboard'));

    // Each list, then with its filters open; the resources without a record of this file's, a record of the list.
    const own = new Set(['users', 'companies', 'company_memberships', 'offers', 'applications', 'sponsorship_requests']);
    for (const resource of RESOURCES) {
      await page.goto(`/admin/resources/${resource}`);
      await page.locator('table, .adminjs_NoRecords').first().waitFor({ timeout: 10_000 }).catch(() => undefined);
      seen.push(await look(`${resource}-list`));
      const table = (await page.locator('table').first().textContent({ timeout: 1_000 }).catch(() => '')) ?? '';
      expect(table, `${resource}: the list shows a code`).not.toMatch(CODES);
      await page.locator(`[data-css="${resource}-filter-button"]`).first().click();
      await page.waitForTimeout(300);
      seen.push(await look(`${resource}-filters`));
      if (own.has(resource)) continue;
      const id = await page.locator('tbody tr').first().getAttribute('data-id', { timeout: 10_000 }).catch(() => null);
      if (!id) continue;
      await page.goto(`/admin/resources/${resource}/records/${id}/show`);
      seen.push(await look(`${resource}-show`));
    }
    const [user] = await sql<{ first_name: string; last_name: string }>('SELECT first_name, last_name FROM users WHERE id = $1', [world.user.id]);
    const userName = `${user!.first_name} ${user!.last_name} (${world.user.email})`;
    const records: Array<[string, string, string, string | RegExp]> = [
      ['companies', world.company.id, 'show', world.company.name],
      ['companies', world.company.id, 'edit', world.company.name],
      ['companies', world.company.id, 'verify', world.company.name],
      ['companies', world.company.id, 'reject', world.company.name],
      ['company_memberships', world.membership.id, 'show', 'Lina Membre — Atelier Inclusif (démo)'],
      ['company_memberships', world.membership.id, 'verify', 'Lina Membre — Atelier Inclusif (démo)'],
      ['company_memberships', world.membership.id, 'reject', 'Lina Membre — Atelier Inclusif (démo)'],
      ['offers', world.offer.id, 'show', world.offer.title],
      ['offers', world.offer.id, 'approve', world.offer.title],
      ['offers', world.offer.id, 'reject', world.offer.title],
      ['applications', world.application.id, 'show', / — .+ \(Entreprise A\)$/],
      ['sponsorship_requests', world.sponsorship.id, 'show', / — Entreprise A$/],
      ['contact_requests', world.contact.id, 'show', /^Atelier Inclusif \(démo\) → .+/],
      ['users', world.user.id, 'show', userName],
      ['users', world.user.id, 'edit', userName],
      ['users', world.user.id, 'disable', userName],
    ];
    const headed: Array<[string, string, string | RegExp]> = [];
    for (const [resource, id, action, name] of records) {
      await page.goto(`/admin/resources/${resource}/records/${id}/${action}`);
      await page.getByTestId('page-heading').waitFor();
      const shown = await look(`${resource}-${action}`);
      seen.push(shown);
      headed.push([shown.name, shown.heading, name]);
      // One way to write a date: the record's and its history's alike (AdminJS wrote 2026-12-03 22:02).
      if (resource === 'companies' && action === 'show') {
        expect(await page.getByTestId('property-show-statusChangedAt').textContent()).toMatch(/\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
        expect(await page.getByTestId('history').locator('tbody tr td').first().textContent()).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
        expect(await page.getByTestId('register-link').getAttribute('href')).toMatch(/^https:\/\/annuaire-entreprises\.data\.gouv\.fr\/entreprise\/\d{9}$/);
      }
      // The moderator reads the offer's text and its wording warnings where they decide.
      if (resource === 'offers' && action !== 'show') {
        const warnings = (await page.getByTestId('wording-warnings').textContent()) ?? '';
        expect(warnings).toContain('Mention H/F absente');
        expect(warnings).toContain('Critère d’âge');
        expect(await page.getByTestId('transition-context').textContent()).toContain('Réception des marchandises.');
      }
      if (resource === 'companies' && (action === 'verify' || action === 'reject')) {
        const context = (await page.getByTestId('transition-context').textContent()) ?? '';
        expect(context).toContain('Élise Demandeuse');
        expect(context).toContain(world.company.email);
        expect(context).toContain('Gérante');
      }
      if (action === 'show' && (await page.getByTestId('history').count())) {
        expect(await page.getByTestId('history').textContent(), `${shown.name}: the history shows a code`).not.toMatch(CODES);
      }
    }
    await page.goto('/admin/resources/users/actions/new');
    seen.push(await look('users-new'));

    expect(seen.filter((s) => s.violations.length).map((s) => `${s.name}: ${s.violations.map((v) => `${v.id}×${v.nodes.length}`).join(', ')}`)).toEqual([]);
    for (const s of seen) {
      expect(s.title, s.name).toMatch(new RegExp(`^.+${SUFFIX}$`));
      if (s.name === 'login') continue;
      expect(ACTION_NAMES.some((name) => s.heading === name) || !s.heading, `${s.name} is headed « ${s.heading} »`).toBe(false);
    }
    for (const [name, heading, expected] of headed) {
      if (typeof expected === 'string') expect(heading, name).toBe(expected);
      else expect(heading, name).toMatch(expected);
    }
    // The tab says which page it is: the list, the record, and the action on it.
    const titleOf = (name: string) => seen.find((s) => s.name === name)!.title;
    expect(titleOf('companies-list')).toBe(`Entreprises${SUFFIX}`);
    expect(titleOf('offers-show')).toBe(`${world.offer.title} — Offres${SUFFIX}`);
    expect(titleOf('offers-reject')).toBe(`Refuser l’offre — ${world.offer.title} — Offres${SUFFIX}`);
    expect(titleOf('companies-verify')).toBe(`Vérifier l’entreprise — ${world.company.name} — Entreprises${SUFFIX}`);
    expect(titleOf('dashboard')).toBe(`Tableau de bord${SUFFIX}`);
  });
});
