// Invitations to apply in a real browser (Debian's Chromium through playwright-core): a recruiter
// invites a CVthèque profile; the candidate follows the mail's link (`/offres/:id`) to the offer, where
// the invitation says they are free to apply (« Postuler à cette offre ») or to decline; in « Mes
// invitations » they decline by keyboard alone (Tab, Enter), and the status is said in words; the
// recruiter's offer page counts one decline without naming anyone. axe-core (0 serious or critical)
// on each page, the candidate's list at 320 px without sideways scrolling.
import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createCompany, createUser, type Person } from './fixtures.js';
import { createVisibleProfile } from './cvtheque-drivers.js';
import { eventually, mails, sql } from './support.js';
import { checkPage, expectNoSidewaysScroll, isFocused, launchBrowser, poll, signedInPage, tabTo } from './web-support.js';

let browser: Browser;
let recruiter: Person;
let company: { id: string; offerId: string };

beforeAll(async () => {
  browser = await launchBrowser({ keepScreenshots: true });
  company = await createCompany('Boulangerie des Pentes');
  recruiter = await createUser('RECRUITER', { companyId: company.id });
});

afterAll(async () => {
  await browser?.close();
});

const signedIn = (email: string, width?: number) => signedInPage(browser, email, { width });

describe('a candidate invited to apply', () => {
  it('reads the invitation on the offer, declines it by keyboard in « Mes invitations »; the company sees a count', async () => {
    const candidate = await createVisibleProfile({ firstName: 'Awa', lastName: 'Diallo' });
    const invited = await (await recruiter.client()).post(`/api/offers/${company.offerId}/invitations`, { candidateIds: [candidate.id] });
    expect(invited.status).toBe(202);
    const [mail] = await eventually(async () => {
      const got = await mails(candidate.email);
      return got.length ? got : null;
    }, 20_000, 'the invitation mail');
    const link = mail!.text.match(/https?:\/\/\S+\/offres\/[0-9a-f-]{36}/)?.[0];
    expect(link).toBe(`${inject('apiUrl')}/offres/${company.offerId}`);

    // The mail's link opens the offer in the candidate's space, with the invitation and « Postuler ».
    const page = await signedIn(candidate.email);
    await page.goto(new URL(link!).pathname);
    await page.getByRole('heading', { level: 2, name: 'Boulangerie des Pentes vous invite à candidater' }).waitFor();
    await page.getByRole('link', { name: 'Postuler à cette offre' }).waitFor();
    await checkPage(page, 'offer-invited');

    const narrow = await signedIn(candidate.email, 320);
    await narrow.goto('/candidat/invitations');
    const card = narrow.getByRole('listitem').filter({ hasText: 'Boulangerie des Pentes' });
    await card.getByText('Sans réponse de votre part').waitFor();
    await expectNoSidewaysScroll(narrow, 'invitations at 320 px');
    await checkPage(narrow, 'my-invitations-320');

    // Keyboard only: Tab to « Décliner », Enter.
    const declineButton = card.getByRole('button', { name: 'Décliner' });
    await tabTo(narrow, declineButton);
    expect(await isFocused(declineButton)).toBe(true);
    await narrow.keyboard.press('Enter');
    await card.getByText('Déclinée').waitFor();
    await poll(() => narrow.getByRole('status').first().textContent()).toContain('déclinée');
    expect(await card.getByRole('button', { name: 'Décliner' }).count()).toBe(0);
    expect((await sql(`SELECT status FROM offer_invitations WHERE offer_id = $1 AND candidate_id = $2`, [company.offerId, candidate.id]))[0]?.status).toBe('DECLINED');
    await checkPage(narrow, 'my-invitations-declined');

    // The recruiter reads numbers, never who.
    const office = await signedIn(recruiter.email);
    await office.goto(`/recruteur/offres/${company.offerId}`);
    const section = office.getByRole('region', { name: 'Invitations à candidater' });
    await section.waitFor();
    await poll(() => section.textContent()).toContain('Ont décliné1');
    expect(await office.locator('main').textContent()).not.toContain('Diallo');
    await checkPage(office, 'offer-invitation-counts');
  }, 90_000);
});
