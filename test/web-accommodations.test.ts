// Accommodation needs for interviews in Chromium (issue #16, item 6): a candidate fills « Mes besoins
// pour les entretiens » by keyboard only (a refusal under its field first), not asked on the apply form;
// the référent finds them on the candidate's page; the inviting company's recruiter reads them in the
// propose-interview dialog and on the application page (« Aucun besoin indiqué » without consent); the
// candidate's proposal links to the page. axe on each page and the dialog; 320 px without sideways scrolling.
import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { act, saveAccommodations } from './drivers.js';
import { createCompany, createUser, type Person } from './fixtures.js';
import { sql } from './support.js';
import { checkPage, expectNoSidewaysScroll, isFocused, launchBrowser, newPage, poll, signIn, tabTo, visit } from './web-support.js';

let browser: Browser;
const LSF = 'Interprète en langue des signes (LSF)';

let company: { id: string; offerId: string };
let referent: Person;
let recruiter: Person;
beforeAll(async () => {
  browser = await launchBrowser({ keepScreenshots: true });
  company = await createCompany(`Atelier Aménagé ${randomUUID().slice(0, 6)}`);
  referent = await createUser('REFERENT', { firstName: 'Rémi', lastName: 'Suivi' });
  recruiter = await createUser('RECRUITER', { companyId: company.id, firstName: 'Inès', lastName: 'Recrute' });
});

afterAll(async () => {
  await browser?.close();
});

/** An application of `candidate` to the company's offer, validated and accepted: the company may invite them. */
async function acceptedApplication(candidate: Person): Promise<string> {
  const created = await (await candidate.client()).post('/api/applications', { offerId: company.offerId, message: 'Bonjour.' });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  await act('application', referent, created.body.id, { action: 'validate' }, 'PENDING_RECRUITER');
  await act('application', recruiter, created.body.id, { action: 'accept' }, 'ACCEPTED');
  return created.body.id;
}

describe('accommodation needs', () => {
  it('a candidate says theirs by keyboard; their référent sees them; not on the apply form', async () => {
    const candidate = await createUser('CANDIDATE', { referentId: referent.id, firstName: 'Awa', lastName: 'Clavier' });
    const { page, context } = await newPage(browser);
    await signIn(page, candidate.email);

    // Not asked when applying.
    await visit(page, `/candidat/offres/${company.offerId}/postuler`);
    await page.getByRole('button', { name: /Envoyer ma candidature/ }).waitFor();
    expect(await page.getByRole('main').textContent()).not.toMatch(/aménagement/i);

    // A fresh load: the focus starts at the top of the page, before the navigation.
    await page.goto('/candidat');
    await page.locator('main h1').first().waitFor();
    const navLink = page.getByRole('navigation', { name: 'Espace candidat' }).getByRole('link', { name: 'Mes besoins pour les entretiens' });
    await tabTo(page, navLink);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Mes besoins pour les entretiens' }).waitFor();
    await poll(() => isFocused(page.getByRole('heading', { level: 1 }))).toBe(true);
    await page.getByRole('group', { name: 'Mes besoins d’aménagement' }).waitFor();
    await checkPage(page, 'besoins-entretiens-vide');

    // Keyboard only: Tab to each box, Space to tick it; « Autre » without a word is refused under the details.
    for (const label of [LSF, 'Temps supplémentaire', 'Autre besoin (précisé ci-dessous)', 'J’accepte que ces besoins soient communiqués aux entreprises qui me proposent un entretien']) {
      await tabTo(page, page.getByLabel(label));
      await page.keyboard.press('Space');
      expect(await page.getByLabel(label).isChecked(), label).toBe(true);
    }
    await tabTo(page, page.getByRole('button', { name: 'Enregistrer les besoins' }));
    await page.keyboard.press('Enter');
    const details = page.getByLabel(/^Précisions/);
    await poll(() => page.locator('#accommodations-details-error').textContent()).toMatch(/Précisez le besoin « Autre »/);
    expect(await details.getAttribute('aria-invalid')).toBe('true');
    await poll(() => isFocused(details)).toBe(true);
    await checkPage(page, 'besoins-entretiens-refus');
    expect(await sql(`SELECT 1 FROM candidate_accommodations WHERE candidate_id = $1`, [candidate.id])).toHaveLength(0);

    await page.keyboard.type('Me tutoyer simplifie les échanges en LSF.');
    await tabTo(page, page.getByRole('button', { name: 'Enregistrer les besoins' }));
    await page.keyboard.press('Enter');
    await poll(() => page.locator('.announcement').textContent()).toBe('Besoins enregistrés. Ils seront communiqués aux entreprises qui proposent un entretien.');
    await poll(() => page.locator('#accommodations-share-hint').textContent()).toMatch(/^Accord donné le /);
    const [row] = await sql(`SELECT needs, details, shared_consent_at, updated_by FROM candidate_accommodations WHERE candidate_id = $1`, [candidate.id]);
    expect(row).toMatchObject({ needs: ['SIGN_LANGUAGE_INTERPRETER', 'EXTRA_TIME', 'OTHER'], details: 'Me tutoyer simplifie les échanges en LSF.', updated_by: candidate.id });
    expect(row.shared_consent_at).not.toBeNull();
    await checkPage(page, 'besoins-entretiens-enregistres');

    await page.setViewportSize({ width: 320, height: 800 });
    await visit(page, '/candidat/amenagements');
    await page.getByLabel(LSF).waitFor();
    await expectNoSidewaysScroll(page, 'mes besoins pour les entretiens');
    await context.close();

    // The référent reads them on the candidate's page, and may save them (with their agreement).
    const { page: referentPage, context: referentContext } = await newPage(browser);
    await signIn(referentPage, referent.email);
    await visit(referentPage, `/referent/candidats/${candidate.id}`);
    const section = referentPage.getByRole('region', { name: 'Besoins pour les entretiens' });
    await section.getByLabel(LSF).waitFor();
    expect(await section.getByLabel(LSF).isChecked()).toBe(true);
    expect(await section.getByLabel(/^Précisions/).inputValue()).toBe('Me tutoyer simplifie les échanges en LSF.');
    expect(await section.getByLabel(/^La personne accepte/).isChecked()).toBe(true);
    await section.getByLabel('Pauses pendant l’entretien').check();
    await section.getByRole('button', { name: 'Enregistrer les besoins' }).click();
    await poll(() => section.textContent()).toMatch(/par Rémi Suivi\./);
    expect((await sql(`SELECT needs FROM candidate_accommodations WHERE candidate_id = $1`, [candidate.id]))[0].needs).toContain('BREAKS');
    await checkPage(referentPage, 'besoins-entretiens-referent');
    await referentContext.close();
  });

  it('the recruiter reads them in the propose dialog and on the application; the candidate’s proposal links to the page', async () => {
    const candidate = await createUser('CANDIDATE', { referentId: referent.id, firstName: 'Lou', lastName: 'Invitée' });
    await saveAccommodations(candidate, { needs: ['SIGN_LANGUAGE_INTERPRETER', 'CAPTIONS'], details: 'Salle bien éclairée, face à la fenêtre.', shareWithCompanies: true });
    const unshared = await createUser('CANDIDATE', { referentId: referent.id, firstName: 'Noé', lastName: 'Discret' });
    await saveAccommodations(unshared, { needs: ['BREAKS'], shareWithCompanies: false });
    const [id, quiet] = await Promise.all([acceptedApplication(candidate), acceptedApplication(unshared)]);

    const { page, context } = await newPage(browser);
    await signIn(page, recruiter.email);
    await visit(page, `/recruteur/candidatures/${id}`);
    const block = page.getByRole('region', { name: 'Besoins d’aménagement indiqués par la candidate / le candidat' }).first();
    await poll(() => block.textContent()).toContain(LSF);
    await checkPage(page, 'candidature-besoins-recruteur');

    await page.getByRole('group', { name: 'Actions possibles' }).getByRole('button', { name: 'Proposer un entretien' }).click();
    const dialog = page.getByRole('dialog', { name: 'Proposer un entretien' });
    const inDialog = dialog.getByRole('region', { name: 'Besoins d’aménagement indiqués par la candidate / le candidat' });
    await poll(() => inDialog.textContent()).toContain('Sous-titrage ou transcription');
    expect(await inDialog.textContent()).toContain('Salle bien éclairée, face à la fenêtre.');
    await checkPage(page, 'dialogue-entretien-besoins');
    await page.setViewportSize({ width: 320, height: 800 });
    await expectNoSidewaysScroll(page, 'dialogue de proposition avec besoins');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await page.setViewportSize({ width: 1280, height: 900 });

    // Without the consent: the same words as when nothing was said.
    await visit(page, `/recruteur/candidatures/${quiet}`);
    await poll(() => page.getByRole('region', { name: 'Besoins d’aménagement indiqués par la candidate / le candidat' }).textContent()).toContain('Aucun besoin indiqué.');
    expect(await page.getByRole('main').textContent()).not.toContain('Pauses pendant l’entretien');
    await context.close();

    // The candidate's proposal says where to say them.
    await act('application', recruiter, id, { action: 'propose_interview', startsAt: new Date(Date.now() + 3 * 86_400_000).toISOString(), durationMinutes: 45, mode: 'PHONE' }, 'INTERVIEW_PROPOSED');
    const { page: candidatePage, context: candidateContext } = await newPage(browser);
    await signIn(candidatePage, candidate.email);
    await visit(candidatePage, `/candidat/candidatures/${id}`);
    const link = candidatePage.getByRole('link', { name: 'Indiquer mes besoins pour cet entretien' });
    await checkPage(candidatePage, 'proposition-lien-besoins');
    await link.click();
    await candidatePage.getByRole('heading', { level: 1, name: 'Mes besoins pour les entretiens' }).waitFor();
    await candidateContext.close();
  });
});
