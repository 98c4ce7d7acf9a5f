// Details of issue #14 in Chromium, on a company of the test's own:
// - the focus ring: its colour, read from the built CSS and from the computed style of every element
//   reached by Tab on the main pages, against the background it is drawn on, 3:1 at least (RGAA 10.7,
//   WCAG 1.4.11);
// - the sponsor picker opens on the recruiter who accepts, not on the first colleague by name;
// - a PHONE interview shows the candidate's number to the recruiter and to the référent, not to others;
// - an application whose interview the candidate confirmed reads « Entretien confirmé » in the lists, on
//   its page, in the pipeline and in the week calendar.
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { hashPassword } from '../models/passwords.js';
import { act, toInterviewInTwoDays } from './drivers.js';
import { createCompany, type Person } from './fixtures.js';
import { ApiClient, sql } from './support.js';
import { checkPage, createNamedCandidate, launchBrowser, newPage, poll, signIn, visit } from './web-support.js';

let browser: Browser;
const suffix = Math.random().toString(36).slice(2, 7);
const PHONE = '06 12 34 56 78';

/** WCAG 2 relative luminance of an sRGB colour given as 0–255 channels. */
function luminance([r, g, b]: number[]): number {
  const linear = (c: number) => (c / 255 <= 0.03928 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4);
  return 0.2126 * linear(r!) + 0.7152 * linear(g!) + 0.0722 * linear(b!);
}
/** WCAG 2 contrast ratio, 1 to 21. */
function contrast(a: number[], b: number[]): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}
const hex = (value: string) => [1, 3, 5].map((i) => parseInt(value.slice(i, i + 2), 16));

async function person(role: 'RECRUITER' | 'REFERENT', firstName: string, lastName: string, extra: { companyId?: string; jobTitle?: string } = {}): Promise<Person> {
  const id = randomUUID();
  const email = `details-${id.slice(0, 8)}@test.local`;
  await sql(
    `INSERT INTO users (id, email, password_hash, role, first_name, last_name, company_id, job_title) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [id, email, await hashPassword(inject('demoPassword')), role, firstName, lastName, extra.companyId ?? null, extra.jobTitle ?? null],
  );
  let client: ApiClient | undefined;
  return { id, email, client: async () => (client ??= await ApiClient.login(email)) };
}

const cast = {} as {
  companyId: string;
  recruiter: Person;
  referent: Person;
  candidate: Person;
  applicationId: string;
  sponsorshipId: string;
  interviewDay: string;
};
const candidateName = `Lina Appel${suffix}`;

/** One signed-in page per person for the whole file. */
const sessions = new Map<string, Page>();
async function as(who: Person, to: string): Promise<Page> {
  let page = sessions.get(who.email);
  if (!page) {
    page = (await newPage(browser)).page;
    await signIn(page, who.email);
    sessions.set(who.email, page);
  }
  await visit(page, to);
  return page;
}

beforeAll(async () => {
  browser = await launchBrowser();
  const company = await createCompany(`Menuiserie ${suffix}`);
  cast.companyId = company.id;
  // Zoé accepts; Alain, her colleague, comes first by name.
  cast.recruiter = await person('RECRUITER', 'Zoé', `Zeller${suffix}`, { companyId: company.id, jobTitle: 'Cheffe d’atelier' });
  await person('RECRUITER', 'Alain', `Aubert${suffix}`, { companyId: company.id, jobTitle: 'Directeur' });
  cast.referent = await person('REFERENT', 'Rose', `Suivi${suffix}`);
  const candidate = await createNamedCandidate(cast.referent.id, 'Lina', `Appel${suffix}`);
  await sql(`UPDATE users SET phone = $1 WHERE id = $2`, [PHONE, candidate.id]);
  cast.candidate = { ...candidate, client: (() => { let c: ApiClient | undefined; return async () => (c ??= await ApiClient.login(candidate.email)); })() };

  const candidateApi = await cast.candidate.client();
  const applied = await candidateApi.post('/api/applications', { offerId: company.offerId });
  expect(applied.status, JSON.stringify(applied.body)).toBe(201);
  cast.applicationId = applied.body.id;
  cast.interviewDay = await toInterviewInTwoDays(cast.referent, cast.recruiter, cast.applicationId, 'PHONE');

  const asked = await candidateApi.post('/api/sponsorships', { companyId: company.id, message: 'J’aimerais découvrir la menuiserie.' });
  expect(asked.status, JSON.stringify(asked.body)).toBe(201);
  cast.sponsorshipId = asked.body.id;
});

afterAll(async () => {
  await browser?.close();
});

describe('the focus ring', () => {
  it('is declared in the built stylesheet at 3:1 at least on every light background of it, drawn outside the element', () => {
    const assets = path.resolve('web/dist/assets');
    const css = readdirSync(assets)
      .filter((f) => f.endsWith('.css'))
      .map((f) => readFileSync(path.join(assets, f), 'utf8'))
      .join('\n');
    const focus = /--focus:\s*(#[0-9a-f]{6})/i.exec(css)?.[1];
    expect(focus, 'the --focus colour in web/dist').toBeTruthy();
    // Every rule drawing the ring puts it 2px outside the element: on the background around it, never on
    // the element's own colour (the dark buttons).
    const rings = [...css.matchAll(/outline:\s*3px solid var\(--focus\)[^}]*/g)].map((m) => m[0]);
    expect(rings.length).toBeGreaterThan(0);
    for (const ring of rings) expect(ring).toMatch(/outline-offset:\s*2px/);
    // The surfaces elements sit on: every light colour the stylesheet paints (the ink and the dark
    // buttons are not backgrounds of focusable elements).
    const surfaces = [...new Set([...css.matchAll(/(?:background(?:-color)?|--(?:bg|card)):\s*(#[0-9a-f]{6}|#fff)\b/gi)].map((m) => m[1]!.toLowerCase()))]
      .map((c) => (c === '#fff' ? '#ffffff' : c))
      .filter((c) => luminance(hex(c)) > 0.5);
    expect(surfaces).toContain('#ffffff');
    expect(surfaces.length).toBeGreaterThan(5);
    const weak = surfaces.map((c) => [c, contrast(hex(focus!), hex(c))] as const).filter(([, ratio]) => ratio < 3);
    expect(weak, `focus ${focus}`).toEqual([]);
  });

  it('reaches 3:1 against the background it is drawn on, for every element Tab reaches on the main pages', async () => {
    const { context, page: signedOut } = await newPage(browser);
    const visits: Array<[string, () => Promise<Page>]> = [
      [
        '/connexion',
        async () => {
          await signedOut.goto('/connexion');
          await signedOut.getByRole('heading', { level: 1, name: 'Connexion' }).waitFor();
          return signedOut;
        },
      ],
      ...[
        '/recruteur',
        '/recruteur/candidatures?vue=pipeline',
        `/recruteur/candidatures/${cast.applicationId}`,
        `/recruteur/rendez-vous?vue=semaine&du=${cast.interviewDay}`,
        `/recruteur/parrainages/${cast.sponsorshipId}`,
      ].map((to) => [to, () => as(cast.recruiter, to)] as [string, () => Promise<Page>]),
      ['/referent/candidatures', () => as(cast.referent, '/referent/candidatures')],
      ['/candidat', () => as(cast.candidate, '/candidat')],
    ];

    const failures: string[] = [];
    let checked = 0;
    for (const [name, open] of visits) {
      const page = await open();
      await page.locator('.loading').first().waitFor({ state: 'detached' }).catch(() => undefined);
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      const seen = new Set<string>();
      for (let i = 0; i < 60; i++) {
        await page.keyboard.press('Tab');
        const ring = await page.evaluate(() => {
          const el = document.activeElement as HTMLElement | null;
          if (!el || el === document.body) return null;
          const rgba = (value: string) => (value.match(/[\d.]+/g) ?? []).map(Number);
          /** The colour painted behind `from` (itself included or not): semi-transparent layers composited. */
          const paintedBehind = (from: Element | null) => {
            const layers: number[][] = [];
            for (let node = from; node; node = node.parentElement) {
              const [r = 0, g = 0, b = 0, a = 1] = rgba(getComputedStyle(node).backgroundColor);
              if (a > 0) layers.push([r, g, b, a]);
              if (a >= 1) break;
            }
            let color = [255, 255, 255];
            for (const [r, g, b, a] of layers.reverse()) color = [r!, g!, b!].map((c, k) => c * a! + color[k]! * (1 - a!));
            return color;
          };
          const style = getComputedStyle(el);
          const id = `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''} « ${(el.textContent ?? (el as HTMLInputElement).value ?? '').trim().slice(0, 40)} »`;
          return {
            id,
            key: el.outerHTML.slice(0, 200) + el.getBoundingClientRect().top,
            style: style.outlineStyle,
            width: parseFloat(style.outlineWidth),
            offset: parseFloat(style.outlineOffset),
            color: rgba(style.outlineColor).slice(0, 3),
            // Drawn outside: on what is behind the element; drawn on it (offset ≤ 0): on the element too.
            backgrounds: [paintedBehind(el.parentElement), ...(parseFloat(style.outlineOffset) <= 0 ? [paintedBehind(el)] : [])],
          };
        });
        if (!ring) continue;
        if (seen.has(ring.key)) break; // round the page once
        seen.add(ring.key);
        checked += 1;
        if (ring.style === 'none' || ring.width < 2) {
          failures.push(`${name}: ${ring.id} has no visible focus ring (${ring.style} ${ring.width}px)`);
          continue;
        }
        for (const background of ring.backgrounds) {
          const ratio = contrast(ring.color, background);
          if (ratio < 3) failures.push(`${name}: ${ring.id} ring rgb(${ring.color.join(',')}) on rgb(${background.map(Math.round).join(',')}) = ${ratio.toFixed(2)}:1`);
        }
      }
    }
    await context.close();
    expect(checked).toBeGreaterThan(80);
    expect(failures).toEqual([]);
  });
});

describe('the sponsor picker', () => {
  it('opens on the recruiter who accepts, named « vous », and sponsors them unless they choose someone else', async () => {
    const page = await as(cast.recruiter, `/recruteur/parrainages/${cast.sponsorshipId}`);
    await page.getByRole('button', { name: 'Accepter et choisir un parrain' }).click();
    const dialog = page.getByRole('dialog', { name: 'Accepter la demande de parrainage' });
    const picker = dialog.getByLabel('Parrain');
    expect(await picker.inputValue()).toBe(cast.recruiter.id);
    expect(await picker.locator('option:checked').textContent()).toBe(`Zoé Zeller${suffix} (vous) — Cheffe d’atelier`);
    expect(await picker.locator('option').allTextContents()).toContain(`Alain Aubert${suffix} — Directeur`);
    await checkPage(page, 'details-parrain-par-defaut');
    await dialog.getByRole('button', { name: 'Accepter' }).click();
    await dialog.waitFor({ state: 'detached' });
    await poll(() => page.locator('[data-return-focus]').textContent()).toContain('Acceptée');
    const seen = (await (await cast.candidate.client()).get(`/api/sponsorships/${cast.sponsorshipId}`)).body;
    expect(seen).toMatchObject({ status: 'ACCEPTED', sponsor: { id: cast.recruiter.id } });
  });
});

describe('a PHONE interview', () => {
  it('shows the number to call to the recruiter (application page, appointments) and the référent, not to the candidate', async () => {
    const recruiter = await as(cast.recruiter, `/recruteur/candidatures/${cast.applicationId}`);
    const call = recruiter.locator('.interviews').getByRole('link', { name: PHONE });
    await call.waitFor();
    expect(await call.getAttribute('href')).toBe('tel:0612345678');
    expect(await recruiter.locator('.interviews').textContent()).toContain(`Numéro à appeler : ${PHONE}`);
    await checkPage(recruiter, 'details-entretien-telephone-recruteur');
    await visit(recruiter, '/recruteur/rendez-vous');
    await poll(() => recruiter.getByRole('region', { name: /À venir/ }).textContent()).toContain(`Numéro à appeler : ${PHONE}`);
    await checkPage(recruiter, 'details-rendez-vous-telephone');

    const referent = await as(cast.referent, `/referent/candidatures/${cast.applicationId}`);
    await poll(() => referent.locator('.interviews').textContent()).toContain(`Numéro à appeler : ${PHONE}`);
    await checkPage(referent, 'details-entretien-telephone-referent');

    const candidate = await as(cast.candidate, `/candidat/candidatures/${cast.applicationId}`);
    await poll(() => candidate.locator('.interviews').textContent()).toContain('téléphone');
    expect(await candidate.locator('main').textContent()).not.toContain(PHONE);
  });
});

describe('a confirmed interview', () => {
  it('reads « Entretien confirmé » in every list, on the application page, in the pipeline and in the week', async () => {
    await act('application', cast.candidate, cast.applicationId, { action: 'confirm_interview' }, 'INTERVIEW_PROPOSED');

    const recruiter = await as(cast.recruiter, '/recruteur/candidatures');
    const row = recruiter.getByRole('row').filter({ hasText: candidateName });
    await poll(() => row.textContent()).toContain('Entretien confirmé');
    expect(await row.textContent()).not.toContain('Entretien proposé');
    await checkPage(recruiter, 'details-liste-entretien-confirme');
    await visit(recruiter, '/recruteur/candidatures?vue=pipeline');
    const column = recruiter.getByRole('region', { name: /Entretien proposé ou confirmé/ });
    await poll(() => column.textContent()).toContain('Entretien confirmé');
    await visit(recruiter, `/recruteur/candidatures/${cast.applicationId}`);
    await poll(() => recruiter.locator('.status-line').textContent()).toContain('Entretien confirmé');
    expect(await recruiter.locator('.interviews').textContent()).toContain('— confirmé');
    await visit(recruiter, `/recruteur/rendez-vous?vue=semaine&du=${cast.interviewDay}`);
    await poll(() => recruiter.getByRole('table').textContent()).toContain('Téléphone, 30 min — confirmé');
    await checkPage(recruiter, 'details-semaine-entretien-confirme');

    const referent = await as(cast.referent, '/referent/candidatures?statut=INTERVIEW_PROPOSED');
    await poll(() => referent.getByRole('row').filter({ hasText: candidateName }).textContent()).toContain('Entretien confirmé');

    const candidate = await as(cast.candidate, '/candidat');
    await poll(() => candidate.getByRole('row').filter({ hasText: 'Technicien de maintenance H/F' }).textContent()).toContain('Entretien confirmé');
    await checkPage(candidate, 'details-candidat-entretien-confirme');
  });
});
