// Nothing typed is lost, in a real browser (Debian's Chromium through playwright-core): a candidate
// fills the apply form and adds a CV from inside it (it lands in "Mes documents" and is chosen); a
// reload brings the draft back; the session then ends behind their back (its row deleted, as an expiry
// would), and sending opens a sign-in dialog over the page instead of the login page: closed, the form
// is still there with a message; signed back in through it, the application goes with the typed text
// and the new CV. Sent, or signed out: the draft is gone from the tab. axe-core on the dialog. A
// recruiter's new offer keeps its draft across a reload too.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { pdfBytes } from './document-fixtures.js';
import { createCompany, createUser, insertPublishedOffer, type Person } from './fixtures.js';
import { sql } from './support.js';
import { checkPage, isFocused, launchBrowser, newPage, poll, signIn, visit } from './web-support.js';

let browser: Browser;
const suffix = Math.random().toString(36).slice(2, 7);
const question = 'Quelle expérience avez-vous de la maintenance préventive ?';
const message = `Bonjour, je suis disponible dès lundi (${suffix}).`;
const answer = 'Trois ans en atelier, sur des presses et des convoyeurs.';
const cvName = `CV Nadia ${suffix}.pdf`;
let candidate: Person;
let recruiter: Person;
let offerId: string;
let otherOfferId: string;

beforeAll(async () => {
  browser = await launchBrowser({ keepScreenshots: true });
  const company = await createCompany(`Atelier ${suffix}`);
  offerId = company.offerId;
  otherOfferId = await insertPublishedOffer(company.id, `Magasinier ${suffix} H/F`);
  await sql(`UPDATE offers SET screening_question = $1 WHERE id = $2`, [question, offerId]);
  candidate = await createUser('CANDIDATE', { firstName: 'Nadia', lastName: `Perret${suffix}` });
  recruiter = await createUser('RECRUITER', { companyId: company.id });
});

afterAll(async () => {
  await browser?.close();
});

const draftKeys = (page: Page) => page.evaluate(() => Object.keys(sessionStorage).filter((k) => k.startsWith('tremplin.draft:')));
const expireSession = () => sql(`DELETE FROM http_sessions WHERE sess->>'userId' = $1`, [candidate.id]);

describe('lost work: drafts, signing back in where one is, a CV added from the apply form', () => {
  let page: Page;

  it('adds a CV from the apply form, and a reload brings the typed text back', async () => {
    page = (await newPage(browser)).page;
    await signIn(page, candidate.email);
    await visit(page, `/candidat/offres/${offerId}/postuler`);
    expect(await page.getByLabel('Aucun CV').isChecked()).toBe(true);
    await page.getByLabel('Votre message au recruteur').fill(message);
    await page.getByLabel(`${question} (obligatoire)`).fill(answer);

    await page.getByLabel('Ajouter un CV').setInputFiles({ name: cvName, mimeType: 'application/pdf', buffer: pdfBytes(`CV ${suffix}`) });
    const choice = page.getByLabel(new RegExp(cvName.replace(/\./g, '\\.')));
    await poll(() => choice.isChecked().catch(() => false)).toBe(true);
    await poll(() => page.locator('.announcement').textContent()).toContain(`CV ajouté à vos documents et joint à cette candidature : ${cvName}`);
    // Still the same page, the text untouched; the CV is in "Mes documents".
    expect(new URL(page.url()).pathname).toBe(`/candidat/offres/${offerId}/postuler`);
    expect(await page.getByLabel('Votre message au recruteur').inputValue()).toBe(message);
    const [stored] = await sql<{ id: string; kind: string }>(`SELECT id, kind FROM documents WHERE candidate_id = $1 AND filename = $2`, [candidate.id, cvName]);
    expect(stored?.kind).toBe('CV');
    await checkPage(page, 'candidat-postuler-cv-ajoute');

    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Postuler' }).waitFor();
    await poll(() => page.getByLabel('Votre message au recruteur').inputValue()).toBe(message);
    expect(await page.getByLabel(`${question} (obligatoire)`).inputValue()).toBe(answer);
    await poll(() => choice.isChecked().catch(() => false)).toBe(true);
    expect(await draftKeys(page)).toEqual([`tremplin.draft:${candidate.id}:apply:${offerId}`]);
  });

  it('the session expires: a dialog over the form, not the login page; signed back in, the application goes with the text', async () => {
    await expireSession();
    await page.getByRole('button', { name: 'Envoyer ma candidature' }).click();
    const dialog = page.getByRole('dialog', { name: 'Votre session a expiré' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('ce que vous avez saisi est conservé');
    const password = dialog.getByLabel('Mot de passe');
    await poll(() => isFocused(password)).toBe(true);
    expect(await dialog.getByLabel('Adresse e-mail').inputValue()).toBe(candidate.email);
    await checkPage(page, 'session-expiree-dialogue');

    // Closed without signing in: the page is still the form, with its text and a message why nothing went.
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await poll(() => page.locator('#apply-error').textContent()).toContain('Votre session a expiré');
    expect(new URL(page.url()).pathname).toBe(`/candidat/offres/${offerId}/postuler`);
    expect(await page.getByLabel('Votre message au recruteur').inputValue()).toBe(message);

    // A wrong password is said inside the dialog; the right one sends the application.
    await page.getByRole('button', { name: 'Envoyer ma candidature' }).click();
    await dialog.waitFor();
    await password.fill('pas-le-bon-mot-de-passe');
    await password.press('Enter');
    await poll(() => dialog.locator('#session-error').textContent()).not.toBe('');
    await password.fill(inject('demoPassword'));
    await password.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('heading', { level: 1, name: 'Candidature : Technicien de maintenance H/F' }).waitFor();
    const applicationId = page.url().split('/').pop()!;
    const [sent] = await sql<{ candidate_id: string; message: string; screening_answer: string; filename: string }>(
      `SELECT a.candidate_id, a.message, a.screening_answer, d.filename FROM applications a JOIN documents d ON d.id = a.cv_document_id WHERE a.id = $1`,
      [applicationId],
    );
    expect(sent).toEqual({ candidate_id: candidate.id, message, screening_answer: answer, filename: cvName });
    // Sent: its draft is gone.
    expect(await draftKeys(page)).toEqual([]);
  });

  it('signing out drops every draft of the tab', async () => {
    await visit(page, `/candidat/offres/${otherOfferId}/postuler`);
    await page.getByLabel('Votre message au recruteur').fill('Un brouillon à ne pas laisser derrière soi.');
    await poll(() => draftKeys(page)).toEqual([`tremplin.draft:${candidate.id}:apply:${otherOfferId}`]);
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await page.getByRole('heading', { level: 1, name: 'Connexion' }).waitFor();
    expect(await draftKeys(page)).toEqual([]);
    await page.context().close();
  });

  it('a recruiter’s new offer: the text typed is back after a reload', async () => {
    const recruiterPage = (await newPage(browser)).page;
    await signIn(recruiterPage, recruiter.email);
    await visit(recruiterPage, '/recruteur/offres/nouvelle');
    const title = `Soudeur ${suffix} H/F`;
    const description = 'Soudure TIG et MIG sur pièces de chaudronnerie, lecture de plans.';
    await recruiterPage.getByLabel('Intitulé du poste (obligatoire)').fill(title);
    await recruiterPage.getByLabel('Description du poste (obligatoire)').fill(description);
    await poll(() => draftKeys(recruiterPage)).toEqual([`tremplin.draft:${recruiter.id}:offer:new`]);
    // Saved after the render that follows the last keystroke: reload once the description is in.
    await poll(() => recruiterPage.evaluate((key) => sessionStorage.getItem(key) ?? '', `tremplin.draft:${recruiter.id}:offer:new`)).toContain('chaudronnerie');
    await recruiterPage.reload();
    await recruiterPage.getByRole('heading', { level: 1, name: 'Déposer une offre' }).waitFor();
    expect(await recruiterPage.getByLabel('Intitulé du poste (obligatoire)').inputValue()).toBe(title);
    expect(await recruiterPage.getByLabel('Description du poste (obligatoire)').inputValue()).toBe(description);
    await recruiterPage.context().close();
  });
});
