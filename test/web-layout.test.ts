// Issue #14, items 4 to 6, in Chromium on a company of the test's own:
// - an application's actions in reading order: the next steps first, what closes or undoes apart after
//   them, what a référent does for the candidate under the candidate's name; the offer's warnings dialog
//   opens on the safe choice;
// - under each message field, who will read it, and the mails the action sends say the same (the
//   référent's words when validating reach the company);
// - at 320 px the week, « Mes documents » and the lists reflow without sideways scrolling (a list of
//   days, rows as cards), and at 390 px each list still shows its status. Screenshots: test-results/web/.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { act, toInterviewInTwoDays, offerBody } from './drivers.js';
import { createCompany, createUser, insertPublishedOffer, type Person } from './fixtures.js';
import { eventually, mails } from './support.js';
import { checkPage, isFocused, launchBrowser, newPage, poll, screenshot, signIn, visit } from './web-support.js';
import { de } from '../workflows/glossary.js';

let browser: Browser;
const suffix = Math.random().toString(36).slice(2, 7);
const companyName = `Ébénisterie ${suffix}`;
const candidateName = `Lina Reflow${suffix}`;
const referentName = `Rose Suivi${suffix}`;

const cast = {} as {
  recruiter: Person;
  referent: Person;
  candidate: Person;
  /** Waiting for the référent. */
  pendingId: string;
  /** An interview proposed, not yet confirmed. */
  interviewId: string;
  interviewDay: string;
  draftOfferId: string;
  offerId: string;
};

/** One signed-in page per person for the whole file. */
const sessions = new Map<string, Page>();
async function as(who: Person, to: string, width = 1280): Promise<Page> {
  let page = sessions.get(who.email);
  if (!page) {
    page = (await newPage(browser)).page;
    await signIn(page, who.email);
    sessions.set(who.email, page);
  }
  await page.setViewportSize({ width, height: 900 });
  await visit(page, to);
  await page.locator('.loading').first().waitFor({ state: 'detached' }).catch(() => undefined);
  return page;
}

/** The buttons of one group of an application's actions, by the group's label, in order. */
const groupButtons = (page: Page, label: string | RegExp) => page.getByRole('group', { name: label }).getByRole('button').allTextContents();

beforeAll(async () => {
  browser = await launchBrowser();
  const company = await createCompany(companyName);
  cast.offerId = company.offerId;
  cast.recruiter = await createUser('RECRUITER', { companyId: company.id, firstName: 'Zoé', lastName: `Zeller${suffix}` });
  cast.referent = await createUser('REFERENT', { firstName: 'Rose', lastName: `Suivi${suffix}` });
  cast.candidate = await createUser('CANDIDATE', { referentId: cast.referent.id, firstName: 'Lina', lastName: `Reflow${suffix}` });
  const candidateApi = await cast.candidate.client();

  const pending = await candidateApi.post('/api/applications', { offerId: company.offerId, message: 'Je connais bien le bois.' });
  expect(pending.status, JSON.stringify(pending.body)).toBe(201);
  cast.pendingId = pending.body.id;

  // Another candidate of the référent's, so their queue is never empty once the first is validated.
  const waiting = await createUser('CANDIDATE', { referentId: cast.referent.id, firstName: 'Noé', lastName: `Attente${suffix}` });
  expect((await (await waiting.client()).post('/api/applications', { offerId: company.offerId })).status).toBe(201);

  const secondOffer = await insertPublishedOffer(company.id, 'Menuisier poseur H/F');
  const applied = await candidateApi.post('/api/applications', { offerId: secondOffer });
  expect(applied.status, JSON.stringify(applied.body)).toBe(201);
  cast.interviewId = applied.body.id;
  cast.interviewDay = await toInterviewInTwoDays(cast.referent, cast.recruiter, cast.interviewId, 'VIDEO');

  // No H/F mention: a warning before submission.
  const draft = await (await cast.recruiter.client()).post('/api/offers', offerBody({ title: `Ébéniste ${suffix}` }));
  expect(draft.status, JSON.stringify(draft.body)).toBe(201);
  expect(draft.body.warnings.length).toBeGreaterThan(0);
  cast.draftOfferId = draft.body.id;

  const upload = await candidateApi.post('/api/me/documents', {
    kind: 'CV',
    filename: `cv-avec-un-nom-de-fichier-assez-long-${suffix}.pdf`,
    mimeType: 'application/pdf',
    contentBase64: Buffer.from('%PDF-1.4\n%%EOF\n').toString('base64'),
  });
  expect(upload.status, JSON.stringify(upload.body)).toBe(201);
});

afterAll(async () => {
  await browser?.close();
});

describe('an application’s actions', () => {
  it('come next steps first, then apart what closes or cancels, in red', async () => {
    // An accepted application: proposing an interview comes before refusing.
    const other = await createUser('CANDIDATE', { referentId: cast.referent.id, firstName: 'Inès', lastName: `Ordre${suffix}` });
    const applied = await (await other.client()).post('/api/applications', { offerId: cast.offerId });
    expect(applied.status, JSON.stringify(applied.body)).toBe(201);
    await act('application', cast.referent, applied.body.id, { action: 'validate' }, 'PENDING_RECRUITER');
    await act('application', cast.recruiter, applied.body.id, { action: 'accept' }, 'ACCEPTED');
    const page = await as(cast.recruiter, `/recruteur/candidatures/${applied.body.id}`);
    await page.locator('.status-line').waitFor();
    expect(await groupButtons(page, 'Étape suivante')).toEqual(['Proposer un entretien']);
    expect(await groupButtons(page, 'Clore ou annuler')).toEqual(['Refuser la candidature']);
    // In reading order too: every next step before the first closing action.
    expect(await page.getByRole('group', { name: 'Actions possibles' }).getByRole('button').allTextContents()).toEqual(['Proposer un entretien', 'Refuser la candidature']);
    expect(await page.getByRole('button', { name: 'Refuser la candidature' }).getAttribute('class')).toBe('danger');
    expect(await page.getByRole('button', { name: 'Proposer un entretien' }).getAttribute('class')).toBeNull();
    await checkPage(page, 'layout-actions-recruteur');

    // An interview in two days: only moving it comes next (it is marked done once started), both closing actions in red.
    await visit(page, `/recruteur/candidatures/${cast.interviewId}`);
    await poll(() => groupButtons(page, 'Clore ou annuler')).toEqual(['Refuser la candidature', 'Annuler l’entretien']);
    expect(await groupButtons(page, 'Étape suivante')).toEqual(['Déplacer l’entretien']);
    for (const name of ['Refuser la candidature', 'Annuler l’entretien']) {
      expect(await page.getByRole('button', { name }).getAttribute('class')).toBe('danger');
    }
  });

  it('show the référent what they do for the candidate under the candidate’s name, apart from their own refusal', async () => {
    const page = await as(cast.referent, `/referent/candidatures/${cast.pendingId}`);
    await page.locator('.status-line').waitFor();
    expect(await groupButtons(page, 'Étape suivante')).toEqual(['Valider la candidature']);
    expect(await groupButtons(page, 'Clore ou annuler')).toEqual(['Refuser la candidature']);
    expect(await groupButtons(page, `Au nom ${de(candidateName)}`)).toEqual(['Retirer la candidature']);
    await checkPage(page, 'layout-actions-referent');

    await visit(page, `/referent/candidatures/${cast.interviewId}`);
    await poll(() => groupButtons(page, `Au nom ${de(candidateName)}`)).toEqual(['Confirmer l’entretien', 'Demander un autre créneau', 'Retirer la candidature']);
    expect(await page.getByRole('group', { name: 'Étape suivante' }).count()).toBe(0);
  });

  it('the offer’s warnings dialog opens on the safe choice, not on « Soumettre quand même »', async () => {
    const page = await as(cast.recruiter, `/recruteur/offres/${cast.draftOfferId}`);
    await page.getByRole('button', { name: 'Soumettre à la modération' }).click();
    const dialog = page.getByRole('dialog', { name: 'Soumettre l’offre à la modération' });
    await dialog.waitFor();
    await poll(() => isFocused(dialog.getByRole('link', { name: 'Modifier l’offre' }))).toBe(true);
    expect(await isFocused(dialog.getByRole('button', { name: 'Soumettre quand même' }))).toBe(false);
    await checkPage(page, 'layout-offre-avertissements');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  });
});

/** The hint the field points to (aria-describedby), by its id. */
async function readersOf(page: Page, label: string): Promise<string> {
  const field = page.getByRole('dialog').getByLabel(label);
  const ids = ((await field.getAttribute('aria-describedby')) ?? '').split(/\s+/);
  const hint = ids.find((id) => id.endsWith('-readers'));
  expect(hint, `${label}: aria-describedby="${ids.join(' ')}"`).toBeTruthy();
  return (await page.locator(`#${hint}`).textContent()) ?? '';
}

describe('who reads a message', () => {
  it('is said under the field, and the mails say the same: the référent’s words with a validation reach the company', async () => {
    const page = await as(cast.referent, `/referent/candidatures/${cast.pendingId}`);
    await page.getByRole('button', { name: 'Valider la candidature' }).click();
    const readers = await readersOf(page, 'Message (facultatif)');
    expect(readers).toBe(`Envoyé par e-mail au candidat, ${candidateName} et aux recruteurs ${de(companyName)}.`);
    await checkPage(page, 'layout-qui-lit-validation');
    const words = `Profil solide, atelier adapté bienvenu ${suffix}.`;
    await page.getByRole('dialog').getByLabel('Message (facultatif)').fill(words);
    await page.getByRole('dialog').getByRole('button', { name: 'Valider la candidature' }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });

    // The mails of the validation: the candidate's and the recruiter's quote the words; the référent, who wrote them, is sent none.
    const recruiterMail = await eventually(async () => (await mails(cast.recruiter.email)).find((m) => m.text.includes(words)), 20_000, 'the recruiter’s mail');
    expect(recruiterMail.subject).toMatch(/^Nouvelle candidature reçue/);
    expect(recruiterMail.text).toContain('Message du référent :');
    const candidateMail = await eventually(async () => (await mails(cast.candidate.email)).find((m) => m.text.includes(words)), 20_000, 'the candidate’s mail');
    expect(candidateMail.subject).toMatch(/^Candidature validée par votre référent/);
    expect((await mails(cast.referent.email)).filter((m) => m.text.includes(words))).toEqual([]);
  });

  it('names the candidate and the référent under a refusal, and says the private note is mailed to nobody', async () => {
    const page = await as(cast.recruiter, `/recruteur/candidatures/${cast.interviewId}`);
    await page.getByRole('button', { name: 'Refuser la candidature' }).click();
    expect(await readersOf(page, 'Message (obligatoire)')).toBe(
      `Envoyé par e-mail au candidat, ${candidateName} et à son référent, ${referentName}. Lisible aussi dans l’historique de la candidature par les recruteurs de votre entreprise.`,
    );
    await checkPage(page, 'layout-qui-lit-refus');
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    const note = page.getByLabel('Visible par les recruteurs de votre entreprise seulement');
    const hint = await page.locator(`#${(await note.getAttribute('aria-describedby'))!.split(' ')[0]}`).textContent();
    expect(hint).toContain('Envoyée par e-mail à personne.');
    expect(hint).toContain('jamais par le candidat ni son référent');
  });

  it('tells the candidate who reads their confirmation and their request for a sponsor', async () => {
    const page = await as(cast.candidate, `/candidat/candidatures/${cast.interviewId}`);
    await page.getByRole('button', { name: 'Confirmer l’entretien' }).click();
    expect(await readersOf(page, 'Message (facultatif)')).toBe(
      `Envoyé par e-mail au recruteur ${de(companyName)} qui a proposé l’entretien et à votre référent, ${referentName}. Lisible aussi dans l’historique de la candidature par les recruteurs ${de(companyName)}.`,
    );
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });

    await visit(page, `/candidat/offres/${cast.offerId}`);
    await page.getByRole('button', { name: `Demander un parrain chez ${companyName}` }).click();
    expect(await readersOf(page, 'Votre message (obligatoire)')).toBe(
      `Envoyé par e-mail aux recruteurs ${de(companyName)}. Lisible aussi dans la demande de parrainage par votre référent, si vous en avez un.`,
    );
    await checkPage(page, 'layout-qui-lit-parrainage');
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
  });
});

/** Pages of each person at a width: the week, the documents, the lists of applications and offers, an application. */
const PAGES: Array<[name: string, who: () => Person, path: () => string, ready: string]> = [
  ['semaine', () => cast.recruiter, () => `/recruteur/rendez-vous?vue=semaine&du=${cast.interviewDay}`, '.day-list'],
  ['documents', () => cast.candidate, () => '/candidat/documents', 'main table'],
  ['candidat-liste', () => cast.candidate, () => '/candidat', 'main table'],
  ['recruteur-liste', () => cast.recruiter, () => '/recruteur/candidatures', 'main table'],
  ['referent-a-valider', () => cast.referent, () => '/referent', 'main table'],
  ['referent-liste', () => cast.referent, () => '/referent/candidatures', 'main table'],
  ['recruteur-offres', () => cast.recruiter, () => '/recruteur/offres', 'main table'],
  ['candidature', () => cast.recruiter, () => `/recruteur/candidatures/${cast.interviewId}`, '.status-line'],
];
const LISTS = ['candidat-liste', 'recruteur-liste', 'referent-a-valider', 'referent-liste', 'recruteur-offres'];

describe('small screens and zoom', () => {
  it('at 320 px: no page scrolls sideways; the week is a list of days', async () => {
    const wide: string[] = [];
    for (const [name, who, path, ready] of PAGES) {
      const page = await as(who(), path(), 320);
      await page.locator(ready).first().waitFor();
      const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
      if (scrollWidth > innerWidth) wide.push(`${name}: ${scrollWidth} px for ${innerWidth}`);
      await checkPage(page, `layout-320-${name}`);
      if (name === 'semaine') {
        expect(await page.getByRole('table').count()).toBe(0);
        const days = page.getByRole('list', { name: 'Entretiens de la semaine, jour par jour' });
        expect(await days.locator(':scope > li').count()).toBe(7);
        expect(await days.textContent()).toContain(candidateName);
      }
    }
    expect(wide).toEqual([]);
  });

  it('at 390 px: every list still shows each row’s status', async () => {
    for (const [name, who, path] of PAGES.filter(([n]) => LISTS.includes(n))) {
      const page = await as(who(), path(), 390);
      const badge = page.locator('main tbody .badge').first();
      await badge.waitFor();
      const box = (await badge.boundingBox())!;
      expect(box.x, name).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width, name).toBeLessThanOrEqual(390);
      // Read with its column's name.
      expect(await badge.locator('xpath=ancestor::td').first().getAttribute('data-label'), name).toBe('Statut');
      await screenshot(page, `layout-390-${name}`);
    }
  });
});
