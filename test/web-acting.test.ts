// Issue #15, items 6–7, in Chromium: a candidate sends a spontaneous application (a verified company
// found by a word typed without its accent) with the keyboard only, and once their référent validated
// it the company's recruiter finds it in « Candidatures reçues »; a référent browses « Offres », applies
// for a candidate they follow from an offer's page (its question answered, one of the candidate's CVs
// attached) — the application waits for that référent's own validation, as the page says — and the
// candidate finds it in « Mes candidatures »; the référent asks a company for a sponsor for them; a
// recruiter browses « Toutes les offres », another company's offer read only. axe-core on every new
// page, and at 320 px the new forms without sideways scrolling.
import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { pdfBytes } from './document-fixtures.js';
import { act } from './drivers.js';
import { createUser, insertPublishedOffer, type Person } from './fixtures.js';
import { sql } from './support.js';
import { checkPage, isFocused, launchBrowser, poll, signedInPage, visit } from './web-support.js';

let browser: Browser;
const suffix = Math.random().toString(36).slice(2, 7);
const companyName = `Scierie Élan ${suffix}`;
const otherCompanyName = `Verrerie Aube ${suffix}`;
const offerTitle = `Menuisier agenceur ${suffix} H/F`;
const question = 'Quelle expérience avez-vous du travail du bois ?';
const cast: {
  company?: string;
  otherCompany?: string;
  offerId?: string;
  referent?: Person;
  recruiter?: Person;
  otherRecruiter?: Person;
  candidate?: Person;
  cvId?: string;
} = {};

async function insertCompany(name: string): Promise<string> {
  const [row] = await sql<{ id: string }>(`INSERT INTO companies (id, siren, name, status, city) VALUES (gen_random_uuid(), $1, $2, 'VERIFIED', 'Épinal') RETURNING id`, [
    String(100_000_000 + Math.floor(Math.random() * 800_000_000)),
    name,
  ]);
  return row!.id;
}

beforeAll(async () => {
  browser = await launchBrowser({ keepScreenshots: true });
  cast.company = await insertCompany(companyName);
  cast.otherCompany = await insertCompany(otherCompanyName);
  cast.offerId = await insertPublishedOffer(cast.otherCompany, offerTitle, 'Fabrication et pose de mobilier sur mesure, en atelier et sur chantier.');
  await sql(`UPDATE offers SET screening_question = $2 WHERE id = $1`, [cast.offerId, question]);
  cast.referent = await createUser('REFERENT', { firstName: 'Rémi', lastName: `Référent${suffix}` });
  cast.recruiter = await createUser('RECRUITER', { companyId: cast.company, firstName: 'Rita', lastName: `Recruteuse${suffix}` });
  cast.otherRecruiter = await createUser('RECRUITER', { companyId: cast.otherCompany, firstName: 'Omar', lastName: `Recruteur${suffix}` });
  cast.candidate = await createUser('CANDIDATE', { referentId: cast.referent.id, firstName: 'Camille', lastName: `Candidate${suffix}` });
  const upload = await (await cast.candidate.client()).post('/api/me/documents', {
    kind: 'CV',
    filename: `cv-camille-${suffix}.pdf`,
    contentBase64: pdfBytes(`CV ${suffix}`).toString('base64'),
  });
  expect(upload.status).toBe(201);
  cast.cvId = upload.body.id;
});

afterAll(async () => {
  await browser?.close();
});

const signedIn = (email: string, width?: number) => signedInPage(browser, email, { width });

async function noSidewaysScroll(page: Page, what: string) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
  expect(scrollWidth, `${what}: ${scrollWidth} px for ${innerWidth}`).toBeLessThanOrEqual(innerWidth);
}

/** Tab until `name`'s control has the focus (keyboard only), failing after `max` presses. */
async function tabToLabel(page: Page, label: string | RegExp, max = 60) {
  const target = page.getByLabel(label).first();
  for (let i = 0; i < max; i++) {
    if (await isFocused(target).catch(() => false)) return target;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached « ${label} »`);
}

describe('acting for oneself and for a candidate, in the browser', () => {
  it('a candidate sends a spontaneous application with the keyboard; once validated, the company’s recruiter sees it', async () => {
    const page = await signedIn(cast.candidate!.email);
    await page.getByRole('link', { name: 'Candidature spontanée' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Candidature spontanée' }).waitFor();
    await checkPage(page, 'acting-spontanee');

    // Sent without a company: the reason under the picker, the focus on its search field.
    await page.getByRole('button', { name: 'Envoyer ma candidature spontanée' }).click();
    await poll(() => page.locator('#spont-companyId-error').textContent()).toBe('Choisissez l’entreprise à qui envoyer votre candidature.');
    const search = page.getByLabel('Chercher une entreprise par son nom ou sa ville');
    await poll(() => isFocused(search)).toBe(true);
    await checkPage(page, 'acting-spontanee-refus');

    // Keyboard only: the company found without its accent, chosen with the arrow keys' radio group.
    await page.keyboard.type(`elan ${suffix}`);
    const choice = page.getByRole('radio', { name: new RegExp(companyName) });
    // The list follows the typing: the search's answer, not the first list, which holds other companies.
    await poll(() => page.locator('#spont-companyId-count').textContent()).toBe(`1 entreprise vérifiée pour « elan ${suffix} ».`);
    await page.keyboard.press('Tab');
    expect(await isFocused(choice)).toBe(true);
    await page.keyboard.press('Space');
    expect(await choice.isChecked()).toBe(true);
    const message = await tabToLabel(page, 'Votre message à l’entreprise');
    await page.keyboard.type('Je cherche un poste en atelier, disponible dès lundi.');
    await tabToLabel(page, new RegExp(`cv-camille-${suffix}`));
    expect(await page.getByLabel(new RegExp(`cv-camille-${suffix}`)).isChecked()).toBe(true);
    const send = page.getByRole('button', { name: 'Envoyer ma candidature spontanée' });
    for (let i = 0; i < 10 && !(await isFocused(send)); i++) await page.keyboard.press('Tab');
    expect(await isFocused(send)).toBe(true);
    expect(await message.inputValue()).toContain('atelier');
    await page.keyboard.press('Enter');

    await page.waitForURL(/\/candidat\/candidatures\/[0-9a-f-]{36}$/);
    await poll(() => page.locator('.announcement').textContent()).toContain(`Candidature spontanée envoyée à ${companyName}. Votre référent doit la valider`);
    const applicationId = page.url().split('/').pop()!;
    const [row] = await sql(`SELECT candidate_id, company_id, offer_id, status, cv_document_id, message FROM applications WHERE id = $1`, [applicationId]);
    expect(row).toMatchObject({ candidate_id: cast.candidate!.id, company_id: cast.company, offer_id: null, status: 'PENDING_REFERENT_VALIDATION', cv_document_id: cast.cvId });
    await page.context().close();

    await act('application', await cast.referent!.client(), applicationId, { action: 'validate' }, 'PENDING_RECRUITER');
    const recruiter = await signedIn(cast.recruiter!.email);
    await recruiter.getByRole('navigation', { name: 'Espace recruteur' }).getByRole('link', { name: 'Candidatures reçues' }).click();
    const line = recruiter.getByRole('row', { name: new RegExp(`Candidate${suffix}`) });
    await line.waitFor();
    expect(await line.textContent()).toContain('Candidature spontanée');
    await recruiter.context().close();
  });

  it('the spontaneous form reflows at 320 px', async () => {
    const page = await signedIn(cast.candidate!.email, 320);
    await visit(page, '/candidat/candidature-spontanee');
    await page.getByRole('radio', { name: 'Aucun CV' }).waitFor();
    await noSidewaysScroll(page, 'candidature spontanée');
    await checkPage(page, 'acting-spontanee-320');
    await page.context().close();
  });

  it('a référent browses « Offres » and applies for a candidate from an offer’s page; the candidate sees it', async () => {
    const page = await signedIn(cast.referent!.email);
    await page.getByRole('navigation', { name: 'Espace référent' }).getByRole('link', { name: 'Offres' }).click();
    await page.getByRole('heading', { level: 1, name: 'Offres d’emploi' }).waitFor();
    await page.getByLabel('Mots-clés').fill(`menuisiers ${suffix}`);
    await page.getByLabel('Mots-clés').press('Enter');
    await page.getByRole('link', { name: offerTitle }).click();
    await page.getByRole('heading', { level: 1, name: offerTitle }).waitFor();
    await checkPage(page, 'acting-referent-offre');

    await page.getByRole('button', { name: 'Postuler pour un candidat' }).click();
    const dialog = page.getByRole('dialog', { name: 'Postuler pour un candidat' });
    await dialog.getByLabel('Candidat').selectOption({ label: `Camille Candidate${suffix}` });
    await checkPage(page, 'acting-referent-pour-qui');
    await dialog.getByRole('button', { name: 'Continuer' }).click();

    await page.getByRole('heading', { level: 1, name: `Postuler pour Camille Candidate${suffix}` }).waitFor();
    const offerChoice = page.getByRole('radio', { name: new RegExp(offerTitle.replace(/[()]/g, '.')) });
    await poll(() => offerChoice.isChecked()).toBe(true);
    await page.getByLabel(/Quelle expérience avez-vous/).waitFor();
    expect(await page.getByRole('radio', { name: new RegExp(`cv-camille-${suffix}`) }).isChecked()).toBe(true);
    await checkPage(page, 'acting-referent-postuler');

    // The question unanswered: the API's reason under it, the focus there.
    await page.getByRole('button', { name: `Déposer la candidature pour Camille Candidate${suffix}` }).click();
    const answer = page.getByLabel(/Quelle expérience avez-vous/);
    await poll(() => answer.getAttribute('aria-invalid')).toBe('true');
    await poll(() => isFocused(answer)).toBe(true);
    await answer.fill('Cinq ans en atelier de menuiserie.');
    await page.getByLabel('Message à l’entreprise').fill('Camille a terminé une formation d’agencement en juin.');
    await page.getByRole('button', { name: `Déposer la candidature pour Camille Candidate${suffix}` }).click();

    await page.waitForURL(/\/referent\/candidatures\/[0-9a-f-]{36}$/);
    await poll(() => page.locator('.announcement').textContent()).toContain('Elle attend maintenant votre validation');
    await page.getByRole('button', { name: 'Valider la candidature' }).first().waitFor();
    const applicationId = page.url().split('/').pop()!;
    const [row] = await sql(`SELECT candidate_id, offer_id, status, cv_document_id, screening_answer, created_by FROM applications WHERE id = $1`, [applicationId]);
    expect(row).toMatchObject({
      candidate_id: cast.candidate!.id,
      offer_id: cast.offerId,
      status: 'PENDING_REFERENT_VALIDATION',
      cv_document_id: cast.cvId,
      screening_answer: 'Cinq ans en atelier de menuiserie.',
      created_by: cast.referent!.id,
    });
    await page.context().close();

    const candidate = await signedIn(cast.candidate!.email);
    const line = candidate.getByRole('row', { name: new RegExp(offerTitle.replace(/[()]/g, '.')) });
    await line.waitFor();
    expect(await line.textContent()).toMatch(/attente de validation/i);
    await candidate.context().close();
  });

  it('a référent asks a company for a sponsor for their candidate; the company sees the request', async () => {
    const page = await signedIn(cast.referent!.email, 320);
    await visit(page, `/referent/candidats/${cast.candidate!.id}`);
    await page.getByRole('link', { name: 'Demander un parrainage' }).click();
    await page.getByRole('heading', { level: 1, name: `Demander un parrainage pour Camille Candidate${suffix}` }).waitFor();
    await page.getByLabel('Chercher une entreprise par son nom ou sa ville').fill(`VERRERIE AUBE ${suffix}`);
    await page.getByRole('radio', { name: new RegExp(otherCompanyName) }).check();
    await page.getByLabel('Votre message (obligatoire)').fill('Camille aimerait découvrir les métiers du verre.');
    await noSidewaysScroll(page, 'demande de parrainage');
    await checkPage(page, 'acting-referent-parrainage-320');
    await page.getByRole('button', { name: 'Envoyer la demande' }).click();
    await page.waitForURL(/\/referent\/parrainages\/[0-9a-f-]{36}$/);
    const sponsorshipId = page.url().split('/').pop()!;
    const [row] = await sql(`SELECT candidate_id, company_id, status, requested_by FROM sponsorship_requests WHERE id = $1`, [sponsorshipId]);
    expect(row).toMatchObject({ candidate_id: cast.candidate!.id, company_id: cast.otherCompany, status: 'PENDING', requested_by: cast.referent!.id });
    const seen = await (await cast.otherRecruiter!.client()).get(`/api/sponsorships/${sponsorshipId}`);
    expect(seen.status).toBe(200);

    // Back on the candidate's page: the request listed, and the apply form reflows at 320 px.
    await visit(page, `/referent/candidats/${cast.candidate!.id}`);
    await page.getByRole('link', { name: otherCompanyName }).waitFor();
    await checkPage(page, 'acting-referent-candidat-320');
    await visit(page, `/referent/candidats/${cast.candidate!.id}/postuler?type=spontanee`);
    // Searched: with every test file's companies in the database, the first page of the list holds others.
    await page.getByLabel('Chercher une entreprise par son nom ou sa ville').fill(companyName);
    await page.getByRole('radio', { name: new RegExp(companyName) }).first().waitFor();
    await noSidewaysScroll(page, 'postuler pour un candidat');
    await checkPage(page, 'acting-referent-spontanee-320');
    await page.context().close();
  });

  it('a recruiter browses « Toutes les offres »: another company’s offer read only', async () => {
    const page = await signedIn(cast.recruiter!.email);
    await page.getByRole('navigation', { name: 'Espace recruteur' }).getByRole('link', { name: 'Toutes les offres' }).click();
    await page.getByRole('heading', { level: 1, name: 'Toutes les offres' }).waitFor();
    await page.getByLabel('Mots-clés').fill(`agenceur ${suffix}`);
    await page.getByLabel('Mots-clés').press('Enter');
    await page.getByRole('link', { name: offerTitle }).waitFor();
    await checkPage(page, 'acting-recruteur-offres');
    await page.getByRole('link', { name: offerTitle }).click();
    await page.getByRole('heading', { level: 1, name: offerTitle }).waitFor();
    expect(page.url()).toContain(`/recruteur/toutes-les-offres/${cast.offerId}`);
    await page.getByText('Fabrication et pose de mobilier').waitFor();
    expect(await page.getByRole('button').filter({ hasText: /Dupliquer|Archiver|Soumettre/ }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Modifier' }).count()).toBe(0);
    await checkPage(page, 'acting-recruteur-offre');
    await page.context().close();
  });
});
