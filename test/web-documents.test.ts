// Documents, "Mes candidats" and "Mes entretiens" in a real browser (Debian's Chromium through
// playwright-core) against the platform of the harness: a référent creates a candidate account (a
// refused entry shown next to its field), the candidate signs in with the mailed temporary password,
// chooses their own, uploads a CV (a disguised file refused next to the file input), applies with it;
// once the référent validated, the recruiter downloads that very file from the application page; the
// candidate deletes a document and finds the interview in "Mes entretiens"; each document says in words
// whether its text was read for the search (to the candidate and to the référent), down to 320 px.
// axe-core on each new page.
import { type Browser, type Page } from 'playwright-core';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { HTML, PNG, pdfBytes } from './document-fixtures.js';
import { createCompany, createUser, inDays, type Person } from './fixtures.js';
import { eventually, mails, sql } from './support.js';
import { checkPage, expectNoSidewaysScroll, launchBrowser, poll, signedInPage, visit } from './web-support.js';

let browser: Browser;
const suffix = Math.random().toString(36).slice(2, 7);
const cv = pdfBytes(`CV ${suffix}`);
const people: { referent?: Person; recruiter?: Person; company?: { id: string; offerId: string } } = {};
const state: { candidateId?: string; candidatePath?: string; email?: string; password?: string; applicationId?: string } = {};

beforeAll(async () => {
  browser = await launchBrowser({ keepScreenshots: true });
  people.company = await createCompany(`Atelier ${suffix}`);
  people.referent = await createUser('REFERENT');
  people.recruiter = await createUser('RECRUITER', { companyId: people.company.id });
});

afterAll(async () => {
  await browser?.close();
});

const signedIn = (email: string, password?: string) => signedInPage(browser, email, { password });

describe('a référent’s candidates, a candidate’s documents, in the browser', () => {
  it('référent: creates a candidate account; a refused entry is shown next to its field', async () => {
    const page = await signedIn(people.referent!.email);
    await page.getByRole('navigation', { name: 'Espace référent' }).getByRole('link', { name: 'Mes candidats' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mes candidats' }).waitFor();
    await checkPage(page, 'referent-mes-candidats-vide');
    await page.getByRole('link', { name: 'Créer un compte candidat' }).click();
    await page.getByRole('heading', { level: 1, name: 'Créer un compte candidat' }).waitFor();

    // Nothing typed: each reason the API gives sits under the field it names; the first one takes the focus.
    await page.getByRole('button', { name: 'Créer le compte' }).click();
    const firstName = page.getByLabel('Prénom (obligatoire)');
    await poll(() => page.locator('#c-firstName-error').textContent()).toBe('Obligatoire.');
    expect(await page.locator('#c-lastName-error').textContent()).toBe('Obligatoire.');
    expect(await page.locator('#c-email-error').textContent()).toBe('Adresse e-mail invalide.');
    expect(await page.locator('#c-error').textContent()).toBe('');
    expect(await firstName.getAttribute('aria-invalid')).toBe('true');
    await poll(() => firstName.evaluate((el) => el === document.activeElement)).toBe(true);
    await checkPage(page, 'referent-nouveau-candidat-refus');

    // An address that already has an account: said next to the e-mail field, and nothing more.
    await firstName.fill('Lucie');
    await page.getByLabel('Nom (obligatoire)', { exact: true }).fill(`Martin${suffix}`);
    await page.getByLabel('E-mail (obligatoire)').fill(people.recruiter!.email);
    await page.getByRole('button', { name: 'Créer le compte' }).click();
    await poll(() => page.locator('#c-email-error').textContent()).toContain('Un compte existe déjà avec cette adresse e-mail');

    state.email = `lucie.${suffix}@test.local`;
    await page.getByLabel('E-mail (obligatoire)').fill(state.email);
    await page.getByLabel('Code postal').fill('69002');
    await page.getByLabel('Ville').fill('Lyon');
    await page.getByLabel('Reconnaissance de la qualité de travailleur handicapé (RQTH)').check();
    await page.getByRole('button', { name: 'Créer le compte' }).click();
    await page.getByRole('heading', { level: 1, name: `Lucie Martin${suffix}` }).waitFor();
    state.candidateId = page.url().split('/').pop()!;
    state.candidatePath = new URL(page.url()).pathname;
    await poll(() => page.locator('.announcement').textContent()).toContain('un mot de passe provisoire lui est envoyé par e-mail');
    expect(await page.locator('main').textContent()).toContain('En attente de première connexion');
    await checkPage(page, 'referent-candidat-cree');

    await page.getByRole('link', { name: '← Mes candidats' }).click();
    const row = page.getByRole('row').filter({ hasText: `Lucie Martin${suffix}` });
    await poll(() => row.textContent()).toContain('69002 Lyon');
    expect(await row.textContent()).toContain('Oui');
    await page.getByLabel('Nom, e-mail ou ville').fill(`martin${suffix}`);
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await poll(() => page.locator('table caption').textContent()).toBe(`1 candidat pour « martin${suffix} »`);
    await checkPage(page, 'referent-mes-candidats');
    await page.context().close();
  });

  it('candidate: signs in with the mailed password, chooses their own, uploads a CV (a disguised file refused), applies with it', async () => {
    const mail = await eventually(async () => (await mails()).find((m) => m.envelopeTo.includes(state.email!)), 20_000, 'invitation mail');
    const temporary = /Mot de passe provisoire : (\S+)/.exec(mail.text)?.[1];
    expect(temporary, mail.text).toBeTruthy();
    const page = await signedIn(state.email!, temporary);
    await page.getByRole('heading', { level: 1, name: 'Choisir mon mot de passe' }).waitFor();
    state.password = `Nouveau-Depart-${suffix}-2026!`;
    await page.getByLabel('Mot de passe provisoire (reçu par e-mail)').fill(temporary!);
    await page.getByLabel('Nouveau mot de passe', { exact: true }).fill(state.password);
    await page.getByLabel('Nouveau mot de passe, une seconde fois').fill(state.password);
    await page.getByRole('button', { name: 'Enregistrer mon mot de passe' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mes candidatures' }).waitFor();

    await page.getByRole('link', { name: 'Mes documents' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mes documents' }).waitFor();
    await checkPage(page, 'candidat-documents-vide');

    // An HTML page named .pdf: refused, the reason next to the file input.
    const file = page.getByLabel('Fichier', { exact: true });
    await file.setInputFiles({ name: 'cv.pdf', mimeType: 'application/pdf', buffer: HTML });
    await page.getByRole('button', { name: 'Ajouter le document' }).click();
    const error = page.locator('#doc-file-error');
    await poll(() => error.textContent()).toContain('Fichier refusé');
    expect(await file.getAttribute('aria-invalid')).toBe('true');
    expect(await file.getAttribute('aria-describedby')).toContain('doc-file-error');
    await checkPage(page, 'candidat-documents-refus');

    await file.setInputFiles({ name: `CV Lucie ${suffix}.pdf`, mimeType: 'application/pdf', buffer: cv });
    await page.getByLabel('Type de document').selectOption('CV');
    await page.getByRole('button', { name: 'Ajouter le document' }).click();
    const row = page.getByRole('row').filter({ hasText: `CV Lucie ${suffix}.pdf` });
    await poll(() => row.count()).toBe(1);
    await poll(() => page.locator('.announcement').textContent()).toContain(`CV ajouté : CV Lucie ${suffix}.pdf`);
    expect(await error.textContent()).toBe('');
    await checkPage(page, 'candidat-documents');

    // A second document, deleted through the confirmation dialog.
    await file.setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: PNG });
    await page.getByLabel('Type de document').selectOption('OTHER');
    await page.getByRole('button', { name: 'Ajouter le document' }).click();
    await poll(() => page.getByRole('row').filter({ hasText: 'photo.png' }).count()).toBe(1);
    await page.getByRole('button', { name: 'Supprimer photo.png' }).click();
    const dialog = page.getByRole('dialog', { name: 'Supprimer ce document ?' });
    await dialog.waitFor();
    await checkPage(page, 'candidat-document-suppression');
    await dialog.getByRole('button', { name: 'Supprimer' }).click();
    await dialog.waitFor({ state: 'detached' });
    await poll(() => page.getByRole('row').filter({ hasText: 'photo.png' }).count()).toBe(0);
    await poll(() => page.locator('.announcement').textContent()).toContain('Document supprimé : photo.png.');

    // Applying: the CV is offered, and chosen.
    await visit(page, `/candidat/offres/${people.company!.offerId}/postuler`);
    const choice = page.getByLabel(new RegExp(`CV Lucie ${suffix}\\.pdf`));
    expect(await choice.isChecked()).toBe(true);
    await checkPage(page, 'candidat-postuler-avec-cv');
    await page.getByLabel('Votre message au recruteur').fill('Bonjour, mon CV est joint.');
    await page.getByRole('button', { name: 'Envoyer ma candidature' }).click();
    await page.getByRole('heading', { level: 1, name: 'Candidature : Technicien de maintenance H/F' }).waitFor();
    state.applicationId = page.url().split('/').pop()!;
    await poll(() => page.getByRole('link', { name: /Télécharger le CV/ }).textContent()).toContain(`CV Lucie ${suffix}.pdf`);

    // Now attached to a live application: no delete button for it.
    await visit(page, '/candidat/documents');
    const attached = page.getByRole('row').filter({ hasText: `CV Lucie ${suffix}.pdf` });
    await poll(() => attached.textContent()).toContain('Joint à une candidature en cours');
    expect(await attached.getByRole('button').count()).toBe(0);
    await page.context().close();
  });

  it('recruiter: after the référent validated, downloads the very CV from the application page', async () => {
    const referent = await people.referent!.client();
    expect((await referent.post(`/api/applications/${state.applicationId}/transitions`, { action: 'validate' })).body.status).toBe('PENDING_RECRUITER');

    const page = await signedIn(people.recruiter!.email);
    await visit(page, `/recruteur/candidatures/${state.applicationId}`);
    await page.getByRole('heading', { level: 1, name: `Candidature de Lucie Martin${suffix}` }).waitFor();
    const link = page.getByRole('link', { name: /Télécharger le CV/ });
    await poll(() => link.count()).toBe(1);
    await checkPage(page, 'recruteur-candidature-cv');
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe(`CV Lucie ${suffix}.pdf`);
    const bytes = await readFile((await download.path())!);
    expect(bytes.equals(cv)).toBe(true);
    await page.context().close();

    // Recorded: the recruiter's download.
    const recorded = await sql(`SELECT d.filename FROM document_downloads dd JOIN documents d ON d.id = dd.document_id WHERE dd.user_id = $1`, [people.recruiter!.id]);
    expect(recorded).toEqual([{ filename: `CV Lucie ${suffix}.pdf` }]);
  });

  it('candidate: finds the proposed interview in “Mes entretiens”, read from the interview calendar', async () => {
    const recruiter = await people.recruiter!.client();
    expect((await recruiter.post(`/api/applications/${state.applicationId}/transitions`, { action: 'accept' })).status).toBe(200);
    const proposed = await recruiter.post(`/api/applications/${state.applicationId}/transitions`, {
      action: 'propose_interview',
      startsAt: inDays(2),
      durationMinutes: 30,
      mode: 'PHONE',
    });
    expect(proposed.status, JSON.stringify(proposed.body)).toBe(200);

    const page = await signedIn(state.email!, state.password);
    await page.getByRole('link', { name: 'Mes entretiens' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mes entretiens' }).waitFor();
    const upcoming = page.getByRole('region', { name: /À venir/ });
    await poll(() => upcoming.textContent()).toContain(`Atelier ${suffix} — Technicien de maintenance H/F`);
    expect(await upcoming.textContent()).toContain('Téléphone, 30 min');
    await checkPage(page, 'candidat-rendez-vous-api');
    await upcoming.getByRole('link', { name: `Atelier ${suffix} — Technicien de maintenance H/F` }).click();
    await page.getByRole('heading', { level: 1, name: 'Candidature : Technicien de maintenance H/F' }).waitFor();
    expect(page.url()).toContain(`/candidat/candidatures/${state.applicationId}`);
    await page.context().close();
  });

  it('candidate and référent: each document says in words whether its text was read for the search', async () => {
    const page = await signedIn(state.email!, state.password);
    await visit(page, '/candidat/documents');
    // An image as a CV: no text can be read from it.
    await page.getByLabel('Fichier', { exact: true }).setInputFiles({ name: 'cv-photo.png', mimeType: 'image/png', buffer: PNG });
    await page.getByLabel('Type de document').selectOption('CV');
    await page.getByRole('button', { name: 'Ajouter le document' }).click();
    await poll(() => page.getByRole('row').filter({ hasText: 'cv-photo.png' }).count()).toBe(1);

    const readRow = page.getByRole('row').filter({ hasText: `CV Lucie ${suffix}.pdf` });
    const scanRow = page.getByRole('row').filter({ hasText: 'cv-photo.png' });
    const unreadable = 'Texte illisible : ce CV ne pourra pas être trouvé par ses mots (un PDF scanné, par exemple). Déposez une version texte si vous le pouvez.';
    await poll(async () => {
      await page.reload();
      return `${await readRow.textContent()} | ${await scanRow.textContent()}`;
    }).toMatch(/Texte lu pour la recherche.* \| .*Texte illisible/);
    expect(await scanRow.textContent()).toContain(unreadable);
    expect(await readRow.getByRole('cell', { name: 'Texte lu pour la recherche' }).count()).toBe(1);
    await checkPage(page, 'candidat-documents-lecture');
    await page.setViewportSize({ width: 320, height: 800 });
    await expectNoSidewaysScroll(page, 'candidat-documents-lecture-320');
    await checkPage(page, 'candidat-documents-lecture-320');
    await page.context().close();

    const referentPage = await signedIn(people.referent!.email);
    await visit(referentPage, state.candidatePath!);
    const documents = referentPage.getByRole('region', { name: 'Documents' });
    await poll(() => documents.textContent()).toContain('Texte lu pour la recherche');
    expect(await documents.textContent()).toContain('Texte illisible : ce CV ne pourra pas être trouvé par ses mots (un PDF scanné, par exemple). La personne peut déposer une version texte');
    await checkPage(referentPage, 'referent-candidat-documents-lecture');
    await referentPage.context().close();
  });
});
