// Form errors in plain French, where they belong (Debian's Chromium through playwright-core): for
// each role, a representative form or dialog sent wrong shows the API's reason under the field it is
// about — no field or action code, no « ISO 8601 » —, marks that field aria-invalid and gives it the
// focus; while a request runs, the focus stays on the submit button (never on <body>), and a second
// submit is ignored. The API side: every such refusal carries `details.fields` with those sentences.
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, DEMO, sql } from './support.js';
import { checkPage, createNamedCandidate, isFocused, launchBrowser, newPage, parisLocalInput, poll, signIn, visit } from './web-support.js';

let browser: Browser;
const suffix = Math.random().toString(36).slice(2, 7);

/** A field's reason as a person reads it: a French sentence, no « field : » prefix, no code, no jargon. */
function expectPlainFrench(message: string | null | undefined) {
  expect(message?.trim(), 'a message under the field').toBeTruthy();
  expect(message).not.toMatch(/^[\w.]+ : /);
  expect(message).not.toMatch(/ISO|UUID|VALIDATION|\b(reject|refuse|not_hire|propose_interview|startsAt|screeningAnswer|currentPassword|newPassword|postalCode|description|email)\b/);
  expect(message).toMatch(/^[A-ZÀ-Ý].*[.!?…]$/s);
}

/** The field carries the message under it, is marked invalid, and has the focus. */
async function expectFieldRefused(page: Page, field: Locator, errorId: string, says: RegExp) {
  const note = page.locator(`[id="${errorId}"]`);
  await poll(() => note.textContent()).toMatch(says);
  expectPlainFrench(await note.textContent());
  expect(await field.getAttribute('aria-invalid')).toBe('true');
  expect(await field.getAttribute('aria-describedby')).toContain(errorId);
  await poll(() => isFocused(field)).toBe(true);
}

/**
 * Holds the next request to `url` until released: meanwhile the submit button keeps the focus (said
 * busy by aria-disabled), and a second press of Enter sends nothing more.
 */
async function expectFocusKeptWhileBusy(page: Page, url: RegExp, button: Locator, submit: () => Promise<void>) {
  let sent = 0;
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  let answered!: () => void;
  const passedOn = new Promise<void>((resolve) => (answered = resolve));
  await page.route(url, async (route) => {
    if (route.request().method() === 'GET') return route.fallback();
    sent += 1;
    await held;
    await route.fallback();
    answered();
  });
  await submit();
  await poll(() => sent).toBe(1);
  await poll(() => button.getAttribute('aria-disabled')).toBe('true');
  expect(await page.evaluate(() => document.activeElement?.tagName)).not.toBe('BODY');
  expect(await isFocused(button)).toBe(true);
  await page.keyboard.press('Enter');
  await page.waitForTimeout(200);
  expect(sent).toBe(1);
  release();
  await passedOn;
  await page.unroute(url);
}

async function signedIn(email: string, path: string): Promise<Page> {
  const { page } = await newPage(browser);
  await signIn(page, email);
  await visit(page, path);
  return page;
}

/** An application of a new candidate (no référent) to the demo offer, accepted by the recruiter. */
async function acceptedApplication(): Promise<string> {
  const [offer] = await sql(`SELECT id FROM offers WHERE title = 'Assistant administratif H/F'`);
  const candidate = await createNamedCandidate(null, 'Inès', `Formulaire${suffix}`);
  const created = await (await ApiClient.login(candidate.email)).post('/api/applications', { offerId: offer.id, screeningAnswer: 'Un écran plus grand.' });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const accepted = await (await ApiClient.login(DEMO.recruiter)).post(`/api/applications/${created.body.id}/transitions`, { action: 'accept' });
  expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
  return created.body.id as string;
}

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

describe('the API says which field is wrong, in plain French', () => {
  it('gives details.fields for a schema refusal, a workflow refusal and a refusal past the schema', async () => {
    const id = await acceptedApplication();
    const recruiter = await ApiClient.login(DEMO.recruiter);
    const [offer] = await sql(`SELECT id FROM offers WHERE title = 'Assistant administratif H/F'`);
    const candidate = await createNamedCandidate(null, 'Léo', `Api${suffix}`);
    const asCandidate = await ApiClient.login(candidate.email);
    const answers = {
      // zod: a date the schema cannot read, an unknown mode.
      schema: await recruiter.post(`/api/applications/${id}/transitions`, { action: 'propose_interview', startsAt: 'demain', durationMinutes: 45, mode: 'CARRIER_PIGEON' }),
      // The workflow's rules: a date in the past, a blank message to refuse.
      past: await recruiter.post(`/api/applications/${id}/transitions`, { action: 'propose_interview', startsAt: new Date(Date.now() - 86_400_000).toISOString(), durationMinutes: 45, mode: 'VIDEO' }),
      blank: await recruiter.post(`/api/applications/${id}/transitions`, { action: 'refuse', reason: 'POSTE_POURVU', message: '  ' }),
      // Past the schema: the offer's question left unanswered, a wrong current password.
      unanswered: await asCandidate.post('/api/applications', { offerId: offer.id }),
      password: await asCandidate.post('/api/auth/change-password', { currentPassword: 'pas le bon', newPassword: 'Un-nouveau-mot-2-passe' }),
    };
    const expected: Record<keyof typeof answers, string[]> = {
      schema: ['startsAt', 'mode'],
      past: ['startsAt'],
      blank: ['message'],
      unanswered: ['screeningAnswer'],
      password: ['currentPassword'],
    };
    for (const [name, answer] of Object.entries(answers) as Array<[keyof typeof answers, (typeof answers)[keyof typeof answers]]>) {
      expect(answer.status, `${name}: ${JSON.stringify(answer.body)}`).toBe(400);
      expect(answer.body.error.code).toBe('VALIDATION_FAILED');
      // The message still names the field first, for API clients.
      expect(answer.body.error.message, name).toMatch(new RegExp(`^${expected[name][0]} : `));
      const fields = answer.body.error.details?.fields as Array<{ field: string; message: string }> | undefined;
      expect(fields?.map((f) => f.field), `${name}: ${JSON.stringify(answer.body)}`).toEqual(expected[name]);
      for (const f of fields!) expectPlainFrench(f.message);
    }
    expect(answers.past.body.error.details).toMatchObject({ status: 'ACCEPTED', fields: [{ field: 'startsAt', message: expect.stringMatching(/date et une heure à venir/) }] });
  });
});

describe('every form shows its errors under its fields', () => {
  it('candidate: applying without the screening answer', async () => {
    const [offer] = await sql(`SELECT id FROM offers WHERE title = 'Assistant administratif H/F'`);
    const candidate = await createNamedCandidate(null, 'Maé', `Postule${suffix}`);
    const page = await signedIn(candidate.email, `/candidat/offres/${offer.id}/postuler`);
    const send = page.getByRole('button', { name: /Envoyer ma candidature|Envoi…/ });
    await page.getByLabel('Votre message au recruteur').fill('Bonjour, je serais ravie de vous rencontrer.');
    await expectFocusKeptWhileBusy(page, /\/api\/applications$/, send, () => send.press('Enter'));
    const answer = page.getByLabel('Quelle expérience avez-vous de l’accueil du public ou de la tenue d’un planning ? (obligatoire)');
    await expectFieldRefused(page, answer, 'apply-screeningAnswer-error', /^Cette offre pose une question, merci d’y répondre/);
    expect(await page.locator('#apply-error').textContent()).toBe('');
    await checkPage(page, 'formulaire-candidature-refus');
  });

  it('recruiter: an interview in the past, and a refusal without a message, in their dialogs', async () => {
    const id = await acceptedApplication();
    const page = await signedIn(DEMO.recruiter, `/recruteur/candidatures/${id}`);
    const actions = page.getByRole('group', { name: 'Actions possibles' });

    await actions.getByRole('button', { name: 'Proposer un entretien' }).click();
    const propose = page.getByRole('dialog', { name: 'Proposer un entretien' });
    const startsAt = propose.getByLabel('Date et heure');
    await startsAt.fill(parisLocalInput(-1, 10));
    const proposeButton = propose.getByRole('button', { name: /Proposer cet entretien|Envoi…/ });
    await proposeButton.focus();
    await expectFocusKeptWhileBusy(page, new RegExp(`/api/applications/${id}/transitions$`), proposeButton, () => page.keyboard.press('Enter'));
    await expectFieldRefused(page, startsAt, 'interview-startsAt-error', /date et une heure à venir/);
    expect(await propose.locator('#interview-error').textContent()).toBe('');
    await checkPage(page, 'dialogue-rendez-vous-passe');
    await page.keyboard.press('Escape');
    await propose.waitFor({ state: 'detached' });

    await actions.getByRole('button', { name: 'Refuser la candidature' }).click();
    const refuse = page.getByRole('dialog', { name: 'Refuser la candidature' });
    // A reason chosen, the message left blank: the workflow's rules refuse it, under the message field.
    await refuse.getByLabel('Motif (obligatoire)').selectOption('POSTE_POURVU');
    const refuseButton = refuse.getByRole('button', { name: /Refuser la candidature|Envoi…/ });
    await refuseButton.focus();
    await expectFocusKeptWhileBusy(page, new RegExp(`/api/applications/${id}/transitions$`), refuseButton, () => page.keyboard.press('Enter'));
    await expectFieldRefused(page, refuse.getByLabel('Message (obligatoire)'), 'action-message-error', /^Un message est obligatoire/);
    expect(await refuse.locator('#action-error').textContent()).toBe('');
    await checkPage(page, 'dialogue-refus-sans-message');
  });

  it('recruiter: an offer with a bad postal code and a short description, and a colleague with a bad address', async () => {
    const page = await signedIn(DEMO.recruiter, '/recruteur/offres/nouvelle');
    await page.getByLabel('Intitulé du poste (obligatoire)').fill(`Magasinier ${suffix} H/F`);
    await page.getByLabel('Code postal (obligatoire)').fill('690');
    await page.getByLabel('Ville (obligatoire)').fill('Lyon');
    await page.getByLabel('Description du poste (obligatoire)').fill('Trop court.');
    await page.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
    const postalCode = page.getByLabel('Code postal (obligatoire)');
    await expectFieldRefused(page, postalCode, 'offer-postalCode-error', /5 chiffres/);
    const description = page.getByLabel('Description du poste (obligatoire)');
    expect(await description.getAttribute('aria-invalid')).toBe('true');
    expectPlainFrench(await page.locator('#offer-description-error').textContent());
    expect(await page.locator('#offer-error').textContent()).toBe('');
    await checkPage(page, 'formulaire-offre-refus');

    await visit(page, '/recruteur/collegues');
    await page.getByLabel('Prénom (obligatoire)').fill('Sam');
    await page.getByLabel('Nom (obligatoire)', { exact: true }).fill(`Collègue${suffix}`);
    await page.getByLabel('E-mail professionnel (obligatoire)').fill('pas-une-adresse');
    await page.getByRole('button', { name: 'Inviter ce collègue' }).click();
    await expectFieldRefused(page, page.getByLabel('E-mail professionnel (obligatoire)'), 'invite-email-error', /adresse e-mail/i);
    await checkPage(page, 'formulaire-collegue-refus');
  });

  it('anyone: changing one’s password with a wrong current one', async () => {
    const candidate = await createNamedCandidate(null, 'Noé', `Secret${suffix}`);
    const page = await signedIn(candidate.email, '/mot-de-passe');
    const current = page.getByLabel('Mot de passe actuel');
    await current.fill('pas le bon');
    await page.getByLabel('Nouveau mot de passe', { exact: true }).fill('Un-nouveau-mot-2-passe');
    await page.getByLabel('Nouveau mot de passe, une seconde fois').fill('Un-nouveau-mot-2-passe');
    await page.getByRole('button', { name: 'Enregistrer mon mot de passe' }).click();
    await expectFieldRefused(page, current, 'password-currentPassword-error', /^Ce n’est pas votre mot de passe actuel\.$/);
    expect(await page.locator('#password-error').textContent()).toBe('');
    await checkPage(page, 'formulaire-mot-de-passe-refus');
  });
});
