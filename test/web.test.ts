// The web app in a real browser (Debian's Chromium through playwright-core) against the platform of
// the harness: the whole hiring path by the demo accounts — the recruiter writes an offer (warnings),
// the candidate applies, the référent validates with the keyboard alone, the recruiter accepts,
// proposes a VIDEO interview, marks it done and hires, the candidate confirms and follows each step —
// each step asserted in the page and in the API; a refused action shows the API's message; axe-core
// on every main page; the login page's JavaScript budget. Screenshots: test-results/web/.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { LOGIN_PAGE_BUDGET_BYTES, measureLoginPage } from '../scripts/measure-web.js';
import { act, proposeInterviewSoon, untilStarted } from './drivers.js';
import { ApiClient, DEMO, eventually, mails, sql } from './support.js';
import { checkPage, createNamedCandidate, isFocused, launchBrowser, newPage, parisLocalInput, poll, screenshot, signIn, tabTo, visit } from './web-support.js';

let browser: Browser;
/** expect.poll with room for a loaded machine (its default gives up after 1 s). */

/** "+01:00" or "+02:00": Paris's offset at that local time (for the API's answer to compare). */
function parisOffset(local: string): string {
  const guess = new Date(`${local}:00Z`);
  const name = new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Paris', timeZoneName: 'longOffset' }).formatToParts(guess).find((p) => p.type === 'timeZoneName')!.value;
  return name.replace('GMT', '') || '+00:00';
}
const suffix = Math.random().toString(36).slice(2, 7);
/** The offer of the hiring path, written by the recruiter in the first browser step. */
const offerTitle = `Agent d’accueil ${suffix} H/F`;
const state: { offerId?: string; applicationId?: string; videoUrl?: string } = {};

/** One signed-in browser profile per person for the whole file; `path`: where to go first. */
const sessions = new Map<string, Page>();
async function as(email: string, path?: string): Promise<Page> {
  let page = sessions.get(email);
  if (!page) {
    page = (await newPage(browser)).page;
    await signIn(page, email);
    sessions.set(email, page);
  }
  if (path) await visit(page, path);
  return page;
}

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

describe('the login page', () => {
  it('loads less than 60 KB of gzipped JavaScript before sign-in', () => {
    const measure = measureLoginPage();
    expect(measure.files.length).toBeGreaterThan(0);
    expect(measure.totalGzipBytes).toBeLessThan(LOGIN_PAGE_BUDGET_BYTES);
  });

  it('signs in with the keyboard alone, and says why a sign-in is refused, next to the form', async () => {
    const { context, page } = await newPage(browser);
    await page.goto('/connexion');
    await page.getByRole('heading', { level: 1, name: 'Connexion' }).waitFor();
    await checkPage(page, 'connexion');

    // Skip link first, then the form, in reading order.
    await page.keyboard.press('Tab');
    expect(await isFocused(page.getByRole('link', { name: 'Aller au contenu' }))).toBe(true);
    await tabTo(page, page.getByLabel('Adresse e-mail'));
    await page.keyboard.type(DEMO.recruiter);
    await page.keyboard.press('Tab');
    expect(await isFocused(page.getByLabel('Mot de passe'))).toBe(true);
    await page.keyboard.type('pas-le-bon-mot-de-passe');
    await page.keyboard.press('Enter');
    await poll(() => page.getByRole('alert').filter({ hasText: 'incorrect' }).textContent()).toContain('E-mail ou mot de passe incorrect.');
    await screenshot(page, 'connexion-refusee');

    await page.getByLabel('Mot de passe').fill('');
    await page.getByLabel('Mot de passe').focus();
    await page.keyboard.type(inject('demoPassword'));
    await page.keyboard.press('Enter');
    const heading = page.getByRole('heading', { level: 1, name: 'Tableau de bord' });
    await heading.waitFor();
    await poll(() => isFocused(heading)).toBe(true);
    expect(page.url()).toMatch(/\/recruteur$/);
    await context.close();
  });
});

describe('the hiring path, by the demo accounts', () => {
  it('recruiter: writes an offer, sees the H/F and wording warnings while typing and before submitting, submits it', async () => {
    const page = await as(DEMO.recruiter, '/recruteur');
    // The navigation's link: the dashboard also has « Voir mes offres » once its counts are loaded.
    await page.getByRole('navigation').getByRole('link', { name: 'Mes offres', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Mes offres' }).waitFor();
    await page.getByRole('link', { name: 'Déposer une offre' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Déposer une offre' }).waitFor();

    await page.getByLabel('Intitulé du poste (obligatoire)').fill(`Agent d’accueil ${suffix}`);
    const warnings = page.locator('.warnings');
    await poll(() => warnings.textContent()).toContain('Mention H/F absente');
    await page.getByLabel('Intitulé du poste (obligatoire)').fill(offerTitle);
    await page.getByLabel('Code postal (obligatoire)').fill('69002');
    await page.getByLabel('Ville (obligatoire)').fill('Lyon');
    await page.getByLabel('Description du poste (obligatoire)').fill(
      'Accueil physique et téléphonique des visiteurs, gestion du courrier. Idéal pour un jeune motivé. Poste aménageable.',
    );
    await page.getByLabel('Question aux candidats').fill('Quel accueil vous semble réussi ?');
    await poll(() => warnings.textContent()).toContain('Critère d’âge');
    expect(await warnings.textContent()).not.toContain('Mention H/F absente');
    await checkPage(page, 'recruteur-offre-formulaire');

    await page.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
    await page.getByRole('heading', { level: 1, name: offerTitle }).waitFor();
    state.offerId = page.url().split('/').pop()!;
    await poll(() => page.locator('.announcement').textContent()).toContain('Offre enregistrée en brouillon.');
    expect(await page.locator('[data-return-focus]').textContent()).toContain('En brouillon');
    expect(await page.locator('.warnings').textContent()).toContain('jeune');
    await checkPage(page, 'recruteur-offre-brouillon');

    await page.getByRole('button', { name: 'Soumettre à la modération' }).click();
    const dialog = page.getByRole('dialog', { name: 'Soumettre l’offre à la modération' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('1 point à revoir');
    await checkPage(page, 'recruteur-offre-soumission');
    await dialog.getByRole('button', { name: 'Soumettre quand même' }).click();
    await dialog.waitFor({ state: 'detached' });
    await poll(() => page.locator('[data-return-focus]').textContent()).toContain('En attente de modération');

    const api = await ApiClient.login(DEMO.recruiter);
    expect((await api.get(`/api/offers/${state.offerId}`)).body).toMatchObject({ status: 'PENDING_MODERATION', title: offerTitle });
    // Moderation happens in the back office: the admin approves through the API.
    const admin = await ApiClient.login(DEMO.admin);
    const approved = await admin.post(`/api/offers/${state.offerId}/transitions`, { action: 'approve' });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    await page.reload();
    await poll(() => page.locator('[data-return-focus]').textContent()).toContain('Publiée');
  });

  it('candidate: finds the offer, applies with a message and the screening answer', async () => {
    const page = await as(DEMO.candidate, '/candidat');
    await page.getByRole('link', { name: 'Offres d’emploi' }).click();
    await page.getByRole('heading', { level: 1, name: 'Offres d’emploi' }).waitFor();
    await page.getByLabel('Mots-clés').fill(suffix);
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await page.getByRole('link', { name: offerTitle }).click();
    await page.getByRole('heading', { level: 1, name: offerTitle }).waitFor();
    // What the company looks for is the candidate's to read too, once the company has said it.
    expect(await page.getByRole('heading', { level: 2, name: 'Profil recherché' }).count()).toBe(0);
    await sql(`UPDATE offers SET ideal_candidate = '{"skills": ["accueil du public"], "indispensable": ["skills"]}' WHERE id = $1`, [state.offerId]);
    await page.reload();
    const sought = page.locator('section', { has: page.getByRole('heading', { level: 2, name: 'Profil recherché' }) });
    await poll(() => sought.textContent()).toContain('Compétencesaccueil du public — indispensable');
    await checkPage(page, 'candidat-offre');
    await page.getByRole('link', { name: 'Postuler à cette offre' }).click();
    await page.getByRole('heading', { level: 1, name: 'Postuler' }).waitFor();

    // Without the answer the offer asks for: the API's reason, under the answer's field.
    await page.getByLabel('Votre message au recruteur').fill('Bonjour, je serais ravie de vous rencontrer.');
    await page.getByRole('button', { name: 'Envoyer ma candidature' }).click();
    await poll(() => page.locator('#apply-screeningAnswer-error').textContent()).toContain('Cette offre pose une question, merci d’y répondre');
    await checkPage(page, 'candidat-postuler-refus');

    await page.getByLabel('Quel accueil vous semble réussi ? (obligatoire)').fill('Un accueil souriant, clair et accessible à tous.');
    await page.getByRole('button', { name: 'Envoyer ma candidature' }).click();
    await page.getByRole('heading', { level: 1, name: `Candidature : ${offerTitle}` }).waitFor();
    state.applicationId = page.url().split('/').pop()!;
    await poll(() => page.locator('.status-line').textContent()).toContain('En attente de validation par le référent');
    await checkPage(page, 'candidat-candidature-envoyee');

    const api = await ApiClient.login(DEMO.candidate);
    const application = (await api.get(`/api/applications/${state.applicationId}`)).body;
    expect(application).toMatchObject({
      status: 'PENDING_REFERENT_VALIDATION',
      offer: { id: state.offerId },
      message: 'Bonjour, je serais ravie de vous rencontrer.',
      screeningAnswer: 'Un accueil souriant, clair et accessible à tous.',
    });
  });

  it('référent: finds it in the queue (age shown) and validates it with the keyboard alone', async () => {
    const page = await as(DEMO.referent, '/referent');
    await page.getByRole('heading', { level: 1, name: 'Candidatures à valider' }).waitFor();
    const row = page.getByRole('row').filter({ hasText: offerTitle });
    expect(await row.textContent()).toContain('Aujourd’hui');
    await checkPage(page, 'referent-file');

    const link = row.getByRole('link', { name: 'Camille Candidate' });
    await tabTo(page, link);
    await page.keyboard.press('Enter');
    const heading = page.getByRole('heading', { level: 1, name: 'Candidature de Camille Candidate' });
    await heading.waitFor();
    await poll(() => isFocused(heading)).toBe(true);
    await tabTo(page, page.getByRole('button', { name: 'Valider la candidature' }));
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Valider la candidature' });
    await dialog.waitFor();
    expect(await isFocused(dialog.getByLabel('Message (facultatif)'))).toBe(true);
    await page.keyboard.type('Profil solide, bonne motivation.');
    await page.keyboard.press('Tab');
    expect(await isFocused(dialog.getByRole('button', { name: 'Valider la candidature' }))).toBe(true);
    await page.keyboard.press('Space');
    await dialog.waitFor({ state: 'detached' });
    await poll(() => page.locator('.status-line').textContent()).toContain('En attente du recruteur');
    await poll(() => page.locator('.announcement').textContent()).toContain('Candidature validée');
    await poll(() => isFocused(page.locator('.status-line'))).toBe(true);
    await screenshot(page, 'referent-valide');

    const api = await ApiClient.login(DEMO.referent);
    const application = (await api.get(`/api/applications/${state.applicationId}`)).body;
    expect(application.status).toBe('PENDING_RECRUITER');
    expect(application.history.at(-1)).toMatchObject({ type: 'validate', message: 'Profil solide, bonne motivation.' });
  });

  it('recruiter: sees it in the dashboard, the list and the pipeline; accepts it and proposes a VIDEO interview', async () => {
    const page = await as(DEMO.recruiter, '/recruteur');
    await page.getByRole('heading', { level: 1, name: 'Tableau de bord' }).waitFor();
    await page.getByRole('heading', { name: 'Candidatures par statut' }).waitFor();
    await poll(() => page.locator('.counters').textContent()).toMatch(/\d+ En attente du recruteur/);
    await poll(() => page.getByRole('row').filter({ hasText: offerTitle }).count()).toBe(1);
    await checkPage(page, 'recruteur-tableau-de-bord');

    await page.getByRole('navigation', { name: 'Espace recruteur' }).getByRole('link', { name: 'Candidatures reçues' }).click();
    await page.getByRole('heading', { level: 1, name: 'Candidatures reçues' }).waitFor();
    await page.getByLabel('Offre').selectOption({ label: offerTitle });
    await page.getByLabel('Statut').selectOption({ label: 'En attente du recruteur' });
    await page.getByRole('button', { name: 'Filtrer' }).click();
    await poll(() => page.locator('table caption').textContent()).toBe('1 candidature');
    await checkPage(page, 'recruteur-candidatures');
    await page.getByRole('link', { name: 'Pipeline' }).click();
    const waiting = page.getByRole('region', { name: /En attente du recruteur/ });
    await poll(() => waiting.textContent()).toContain('Camille Candidate');
    await checkPage(page, 'recruteur-pipeline');

    await waiting.getByRole('link', { name: 'Camille Candidate' }).click();
    await page.getByRole('heading', { level: 1, name: 'Candidature de Camille Candidate' }).waitFor();
    expect(await page.locator('.application').textContent()).toContain('Un accueil souriant, clair et accessible à tous.');
    expect(await page.locator('.timeline').textContent()).toContain('Validée par le référent');
    await checkPage(page, 'recruteur-candidature');

    // Exactly the actions the API allows now.
    const actions = page.getByRole('group', { name: 'Actions possibles' }).getByRole('button');
    expect(await actions.allTextContents()).toEqual(['Accepter la candidature', 'Refuser la candidature']);
    await actions.filter({ hasText: 'Accepter la candidature' }).click();
    const accept = page.getByRole('dialog', { name: 'Accepter la candidature' });
    await accept.getByRole('button', { name: 'Accepter la candidature' }).click();
    await accept.waitFor({ state: 'detached' });
    await poll(() => page.locator('.status-line').textContent()).toContain('Acceptée');
    expect((await (await ApiClient.login(DEMO.recruiter)).get(`/api/applications/${state.applicationId}`)).body.status).toBe('ACCEPTED');

    await page.getByRole('button', { name: 'Proposer un entretien' }).click();
    const propose = page.getByRole('dialog', { name: 'Proposer un entretien' });
    await propose.waitFor();
    await checkPage(page, 'recruteur-proposer-entretien');
    await propose.getByLabel('Date et heure').fill(parisLocalInput(3, 10));
    await propose.getByLabel('Durée').selectOption('45');
    await propose.getByLabel('Visioconférence').check();
    await propose.getByLabel('Message au candidat (facultatif)').fill('Entretien avec la responsable de l’accueil.');
    await propose.getByRole('button', { name: 'Proposer cet entretien' }).click();
    await propose.waitFor({ state: 'detached' });
    await poll(() => page.locator('.status-line').textContent()).toContain('Entretien proposé');
    expect(await page.locator('.interviews').textContent()).toContain('45 min, visioconférence');
    expect(await page.locator('.interviews').textContent()).toContain('10:00');

    const api = await ApiClient.login(DEMO.recruiter);
    const application = (await api.get(`/api/applications/${state.applicationId}`)).body;
    expect(application.status).toBe('INTERVIEW_PROPOSED');
    expect(application.interviews).toHaveLength(1);
    expect(application.interviews[0]).toMatchObject({ mode: 'VIDEO', durationMinutes: 45, status: 'PROPOSED' });
    expect(application.interviews[0].videoUrl).toMatch(/^https:\/\/meet\.jit\.si\/tremplin-/);
    expect(new Date(application.interviews[0].startsAt).toISOString()).toBe(new Date(`${parisLocalInput(3, 10)}:00${parisOffset(parisLocalInput(3, 10))}`).toISOString());

    // The private note, for the company only.
    await page.getByLabel('Visible par les recruteurs de votre entreprise seulement').fill('Très bon contact au téléphone.');
    await page.getByRole('button', { name: 'Enregistrer la note' }).click();
    await poll(() => page.locator('#note-title ~ form [role=status]').textContent()).toBe('Note enregistrée.');
    expect((await api.get(`/api/applications/${state.applicationId}`)).body.recruiterNote).toBe('Très bon contact au téléphone.');

    // "Mes entretiens", as a list and as a week.
    await page.getByRole('link', { name: 'Mes entretiens' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mes entretiens' }).waitFor();
    const upcoming = page.getByRole('region', { name: /À venir/ });
    await poll(() => upcoming.textContent()).toContain(`Camille Candidate — ${offerTitle}`);
    expect(await upcoming.getByRole('link', { name: 'Lancer la visioconférence' }).count()).toBeGreaterThan(0);
    await checkPage(page, 'recruteur-rendez-vous-liste');
    await visit(page, `/recruteur/rendez-vous?vue=semaine&du=${parisLocalInput(3, 10).slice(0, 10)}`);
    const week = page.getByRole('table');
    await poll(() => week.textContent()).toContain(`Camille Candidate — ${offerTitle}`);
    await checkPage(page, 'recruteur-rendez-vous-semaine');
  });

  it('candidate: confirms the interview with the keyboard, and the video page offers the Jitsi room (in a new tab when it cannot load)', async () => {
    const page = await as(DEMO.candidate, '/candidat');
    await page.getByRole('heading', { level: 1, name: 'Mes candidatures' }).waitFor();
    const row = page.getByRole('row').filter({ hasText: offerTitle });
    await poll(() => row.textContent()).toContain('Entretien proposé');
    await checkPage(page, 'candidat-mes-candidatures');
    await row.getByRole('link', { name: offerTitle }).click();
    await page.getByRole('heading', { level: 1, name: `Candidature : ${offerTitle}` }).waitFor();
    const actions = page.getByRole('group', { name: 'Actions possibles' }).getByRole('button');
    expect(await actions.allTextContents()).toEqual(['Confirmer l’entretien', 'Demander un autre créneau', 'Retirer la candidature']);
    // With the keyboard alone: Tab to the button, Enter; the dialog opens on its message field.
    await tabTo(page, actions.filter({ hasText: 'Confirmer l’entretien' }));
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Confirmer l’entretien' });
    await dialog.waitFor();
    expect(await isFocused(dialog.getByLabel('Message (facultatif)'))).toBe(true);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await poll(() => page.locator('.interviews').textContent()).toContain('confirmé');
    await poll(() => page.locator('.announcement').textContent()).toContain('Entretien confirmé.');
    expect(await actions.allTextContents()).toEqual(['Demander un autre créneau', 'Retirer la candidature']);
    await checkPage(page, 'candidat-entretien-confirme');

    const api = await ApiClient.login(DEMO.candidate);
    const application = (await api.get(`/api/applications/${state.applicationId}`)).body;
    expect(application.interviews[0].status).toBe('CONFIRMED');
    state.videoUrl = application.interviews[0].videoUrl;

    await page.getByRole('link', { name: 'Rejoindre la visioconférence' }).click();
    await page.getByRole('heading', { level: 1, name: 'Entretien en visioconférence' }).waitFor();
    const fallback = page.getByRole('link', { name: 'Ouvrir la visioconférence dans un nouvel onglet' });
    expect(await fallback.getAttribute('href')).toBe(state.videoUrl);
    expect(await fallback.getAttribute('target')).toBe('_blank');
    await page.getByRole('button', { name: 'Rejoindre dans la page' }).click();
    await poll(() => page.locator('#room-title ~ [role=status]').textContent()).toContain('n’a pas pu s’afficher dans la page');
    await checkPage(page, 'candidat-visio');
  });

  it('recruiter: is told the interview may be marked done once started, marks it done then and hires; the candidate sees each step in their history', async () => {
    const page = await as(DEMO.recruiter, `/recruteur/candidatures/${state.applicationId}`);
    await page.getByRole('heading', { level: 1, name: 'Candidature de Camille Candidate' }).waitFor();
    expect(await page.locator('.interviews').textContent()).toContain('confirmé');
    const actions = page.getByRole('group', { name: 'Actions possibles' }).getByRole('button');
    // In three days: no « Entretien effectué » yet, and the page says from when.
    expect(await actions.allTextContents()).toEqual(['Déplacer l’entretien', 'Refuser la candidature', 'Annuler l’entretien']);
    expect(await page.locator('.status-card').textContent()).toMatch(/L’entretien n’a pas encore commencé : il pourra être marqué comme effectué à partir de son début, le .+ \(heure de Paris\)\./);

    // The interview is brought forward to a moment from now; once it has started, the button is there.
    const recruiter = await ApiClient.login(DEMO.recruiter);
    await act('application', recruiter, state.applicationId!, { action: 'cancel_interview', message: 'Avancé à aujourd’hui.' }, 'ACCEPTED');
    const soon = await proposeInterviewSoon(recruiter, state.applicationId!, { mode: 'VIDEO' });
    await untilStarted(soon.interviews.at(-1).startsAt);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Candidature de Camille Candidate' }).waitFor();
    await poll(() => actions.allTextContents()).toEqual(['Entretien effectué', 'Déplacer l’entretien', 'Refuser la candidature', 'Annuler l’entretien']);
    expect(await page.locator('.status-card').textContent()).not.toContain('pas encore commencé');

    await actions.filter({ hasText: 'Entretien effectué' }).click();
    const done = page.getByRole('dialog', { name: 'Entretien effectué' });
    await done.getByRole('button', { name: 'Entretien effectué' }).click();
    await done.waitFor({ state: 'detached' });
    await poll(() => page.locator('.status-line').textContent()).toContain('Entretien effectué');
    expect((await (await ApiClient.login(DEMO.recruiter)).get(`/api/applications/${state.applicationId}`)).body.status).toBe('INTERVIEW_DONE');
    expect(await actions.allTextContents()).toEqual(['Proposer un entretien', 'Recruter', 'Refuser la candidature', 'Ne pas retenir']);

    await actions.filter({ hasText: 'Recruter' }).click();
    const hire = page.getByRole('dialog', { name: 'Recruter' });
    await hire.getByLabel('Message (facultatif)').fill('Bienvenue dans l’équipe !');
    await hire.getByRole('button', { name: 'Recruter' }).click();
    await hire.waitFor({ state: 'detached' });
    await poll(() => page.locator('.status-line').textContent()).toContain('Retenue : recrutement');
    await poll(() => page.locator('.announcement').textContent()).toContain('Recrutement enregistré.');
    expect(await page.locator('.application').textContent()).toContain('Cette candidature est close.');
    await checkPage(page, 'recruteur-recrutement');
    const hired = (await (await ApiClient.login(DEMO.recruiter)).get(`/api/applications/${state.applicationId}`)).body;
    expect(hired.status).toBe('HIRED');
    expect(hired.history.map((h: { type: string }) => h.type)).toEqual([
      'created',
      'validate',
      'accept',
      'propose_interview',
      'confirm_interview',
      'cancel_interview',
      'propose_interview',
      'mark_interview_done',
      'hire',
    ]);

    const candidate = await as(DEMO.candidate, `/candidat/candidatures/${state.applicationId}`);
    await poll(() => candidate.locator('.status-line').textContent()).toContain('Retenue : recrutement');
    const timeline = await candidate.locator('.timeline').textContent();
    for (const step of ['Candidature déposée', 'Validée par le référent', 'Acceptée par le recruteur', 'Entretien proposé', 'Entretien confirmé', 'Entretien effectué', 'Candidature retenue : recrutement', 'Bienvenue dans l’équipe !']) {
      expect(timeline).toContain(step);
    }
    // The company's private note never reaches the candidate.
    expect(await candidate.locator('main').textContent()).not.toContain('Très bon contact');
    await checkPage(candidate, 'candidat-recrute');
  });
});

describe('offers', () => {
  it('recruiter: duplicates the published offer and edits the copy, a draft again', async () => {
    const page = await as(DEMO.recruiter, `/recruteur/offres/${state.offerId}`);
    await page.getByRole('heading', { level: 1, name: offerTitle }).waitFor();
    // Published: no draft edit; « Modifier l’offre » sends it back to moderation (test/web-offer-edit.test.ts).
    expect(await page.getByRole('link', { name: 'Modifier', exact: true }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Modifier l’offre', exact: true }).count()).toBe(1);
    await page.getByRole('button', { name: 'Dupliquer' }).click();
    await poll(() => page.url()).not.toContain(state.offerId!);
    await poll(() => page.locator('[data-return-focus]').textContent()).toContain('En brouillon');
    const copyId = page.url().split('/').pop()!;
    await page.getByRole('link', { name: 'Modifier' }).click();
    await page.getByRole('heading', { level: 1, name: 'Modifier l’offre' }).waitFor();
    const title = page.getByLabel('Intitulé du poste (obligatoire)');
    expect(await title.inputValue()).toBe(offerTitle);
    await title.fill(`Chargé d’accueil ${suffix} H/F`);
    await page.getByLabel('Description du poste (obligatoire)').fill('Accueil physique et téléphonique des visiteurs, gestion du courrier. Poste aménageable.');
    await poll(() => page.locator('.warnings').textContent()).toContain('Aucun point à revoir');
    await page.getByRole('button', { name: 'Enregistrer les modifications' }).click();
    await page.getByRole('heading', { level: 1, name: `Chargé d’accueil ${suffix} H/F` }).waitFor();
    await poll(() => page.locator('.announcement').textContent()).toContain('Offre modifiée.');
    const copy = (await (await ApiClient.login(DEMO.recruiter)).get(`/api/offers/${copyId}`)).body;
    expect(copy).toMatchObject({ status: 'DRAFT', duplicatedFrom: state.offerId, title: `Chargé d’accueil ${suffix} H/F`, warnings: [] });
  });
});

describe('offer search', () => {
  it('candidate: picks a département by name or number; an unknown one is told next to the field, with no results left from before', async () => {
    const page = await as(DEMO.candidate, '/candidat/offres');
    const department = page.getByRole('combobox', { name: 'Département' });
    // The picker lists « 69 — Rhône »; typing the name is enough.
    expect(await page.locator('datalist option[value="69 — Rhône"]').count()).toBe(1);
    await department.fill('Rhône');
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await poll(() => new URL(page.url()).searchParams.get('departement')).toBe('69');
    await poll(() => department.inputValue()).toBe('69 — Rhône');
    const demoOffer = page.getByRole('link', { name: 'Assistant administratif H/F' }).first();
    await demoOffer.waitFor();
    await department.fill('2a');
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await poll(() => department.inputValue()).toBe('2A — Corse-du-Sud');
    await page.getByText('Aucune offre ne correspond à votre recherche').waitFor();

    await department.fill('Rhône');
    await department.press('Enter');
    await demoOffer.waitFor();
    await department.fill('Lyon');
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await poll(() => page.locator('#departement-error').textContent()).toBe('Département inconnu : « Lyon » (numéro ou nom, ex. 69 ou Rhône)');
    expect(await department.getAttribute('aria-invalid')).toBe('true');
    expect(await department.getAttribute('aria-describedby')).toContain('departement-error');
    expect(await page.getByRole('link', { name: 'Assistant administratif H/F' }).count()).toBe(0);
    expect(await page.getByRole('status').filter({ hasText: /offres? trouvées?/ }).count()).toBe(0);
    await checkPage(page, 'candidat-offres-departement-inconnu');
  });
});

describe('refusals, sponsorships and colleagues', () => {
  it('shows the API’s message next to a refused action, and the page catches up with the case', async () => {
    const [demoOffer] = await sql(`SELECT id FROM offers WHERE title = 'Assistant administratif H/F'`);
    const candidate = await createNamedCandidate(null, 'Nina', `Autonome${suffix}`);
    const candidateApi = await ApiClient.login(candidate.email);
    const created = await candidateApi.post('/api/applications', { offerId: demoOffer.id, screeningAnswer: 'Un écran plus grand.' });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.status).toBe('PENDING_RECRUITER'); // no référent: straight to the company
    const id = created.body.id as string;

    const page = await as(DEMO.recruiter, `/recruteur/candidatures/${id}`);
    await page.getByRole('heading', { level: 1, name: `Candidature de Nina Autonome${suffix}` }).waitFor();
    const timeline = await page.locator('.timeline').textContent();
    expect(timeline).toContain('Envoyée directement à l’entreprise');

    // A reason and a message are required to refuse: the dialog says so, under each field (the message’s in the rules’ words).
    const refuseButton = page.getByRole('group', { name: 'Actions possibles' }).getByRole('button', { name: 'Refuser la candidature' });
    await refuseButton.click();
    const refuse = page.getByRole('dialog', { name: 'Refuser la candidature' });
    await refuse.getByRole('button', { name: 'Refuser la candidature' }).click();
    const alert = refuse.locator('#action-message-error');
    await poll(() => alert.textContent()).toBe('Un message est obligatoire ; il sera transmis au candidat et à son référent.');
    await checkPage(page, 'recruteur-refus-message-obligatoire');
    await page.keyboard.press('Escape');
    await refuse.waitFor({ state: 'detached' });
    await poll(() => isFocused(refuseButton)).toBe(true);

    // Meanwhile the candidate withdraws: the recruiter's accept is refused with the API's reason.
    const withdrawn = await candidateApi.post(`/api/applications/${id}/transitions`, { action: 'withdraw' });
    expect(withdrawn.body.status).toBe('WITHDRAWN');
    await page.getByRole('button', { name: 'Accepter la candidature' }).click();
    const accept = page.getByRole('dialog', { name: 'Accepter la candidature' });
    await accept.getByRole('button', { name: 'Accepter la candidature' }).click();
    await poll(() => accept.locator('#action-error').textContent()).toContain('La candidature est close : retirée par le candidat (WITHDRAWN).');
    await screenshot(page, 'recruteur-action-refusee');
    // The page caught up behind the dialog: only "Fermer" is left in it.
    await accept.getByRole('button', { name: 'Fermer' }).click();
    await accept.waitFor({ state: 'detached' });
    await poll(() => page.locator('.status-line').textContent()).toContain('Retirée par le candidat');
    expect(await page.getByRole('group', { name: 'Actions possibles' }).count()).toBe(0);
    expect(await page.locator('.application').textContent()).toContain('Cette candidature est close.');
    expect((await (await ApiClient.login(DEMO.recruiter)).get(`/api/applications/${id}`)).body.status).toBe('WITHDRAWN');
  });

  it('a candidate asks the company for a sponsor; a recruiter accepts and names one', async () => {
    const candidate = await createNamedCandidate(null, 'Paul', `Parrainé${suffix}`);
    const [demoOffer] = await sql(`SELECT id FROM offers WHERE title = 'Assistant administratif H/F'`);
    const page = await as(candidate.email, `/candidat/offres/${demoOffer.id}`);
    await page.getByRole('button', { name: 'Demander un parrain chez Atelier Inclusif (démo)' }).click();
    const dialog = page.getByRole('dialog', { name: 'Demander un parrain chez Atelier Inclusif (démo)' });
    await dialog.getByRole('button', { name: 'Envoyer la demande' }).click();
    await poll(() => dialog.locator('#sp-message-error').textContent()).toContain('message');
    await dialog.getByLabel('Votre message (obligatoire)').fill('J’aimerais découvrir vos métiers administratifs.');
    await dialog.getByRole('button', { name: 'Envoyer la demande' }).click();
    await page.getByRole('heading', { level: 1, name: 'Parrainage : Atelier Inclusif (démo)' }).waitFor();
    expect(await page.locator('main').textContent()).toContain('En attente de la réponse de l’entreprise');
    await checkPage(page, 'candidat-parrainage');
    const sponsorshipId = page.url().split('/').pop()!;

    const recruiter = await as(DEMO.recruiter, '/recruteur');
    await recruiter.getByRole('link', { name: 'Parrainages' }).click();
    await recruiter.getByRole('heading', { level: 1, name: 'Demandes de parrainage' }).waitFor();
    await checkPage(recruiter, 'recruteur-parrainages');
    await recruiter.getByRole('link', { name: `Paul Parrainé${suffix}` }).click();
    await recruiter.getByRole('button', { name: 'Accepter et choisir un parrain' }).click();
    const accept = recruiter.getByRole('dialog', { name: 'Accepter la demande de parrainage' });
    // The recruiter who accepts is the sponsor unless they choose a colleague.
    expect(await accept.getByLabel('Parrain').locator('option:checked').textContent()).toBe('Romain Recruteur (vous) — Responsable recrutement');
    await accept.getByRole('button', { name: 'Accepter' }).click();
    await accept.waitFor({ state: 'detached' });
    await poll(() => recruiter.locator('[data-return-focus]').textContent()).toContain('Acceptée');
    expect(await recruiter.locator('main').textContent()).toContain('recruiter@demo.test');
    const api = await ApiClient.login(candidate.email);
    expect((await api.get(`/api/sponsorships/${sponsorshipId}`)).body).toMatchObject({ status: 'ACCEPTED', sponsor: { email: DEMO.recruiter } });
  });

  it('a recruiter invites a colleague, who chooses their own password at first sign-in', async () => {
    const page = await as(DEMO.recruiter, '/recruteur');
    await page.getByRole('link', { name: 'Collègues' }).click();
    await page.getByRole('heading', { level: 1, name: 'Collègues' }).waitFor();
    await checkPage(page, 'recruteur-collegues');
    const email = `collegue-${suffix}@demo.test`;
    await page.getByLabel('Prénom (obligatoire)').fill('Claire');
    await page.getByLabel('Nom (obligatoire)', { exact: true }).fill(`Collègue${suffix}`);
    await page.getByLabel('E-mail professionnel (obligatoire)').fill(email);
    await page.getByLabel('Poste').fill('Chargée de recrutement');
    await page.getByRole('button', { name: 'Inviter ce collègue' }).click();
    await poll(() => page.locator('.announcement').textContent()).toContain(`Invitation envoyée à Claire Collègue${suffix}`);
    await poll(() => page.locator('.cards').textContent()).toContain(email);
    const colleagues = (await (await ApiClient.login(DEMO.recruiter)).get('/api/company/colleagues')).body.items;
    expect(colleagues.find((c: { email: string }) => c.email === email)).toMatchObject({ mustChangePassword: true });

    // First sign-in with the temporary password of the e-mail: the password page, nothing else.
    const mail = await eventually(async () => (await mails()).find((m) => m.envelopeTo.includes(email)), 20_000, 'invitation mail');
    const temporary = /mot de passe provisoire\s*:\s*(\S+)/i.exec(mail.text)?.[1];
    expect(temporary, mail.text).toBeTruthy();
    const { context, page: colleague } = await newPage(browser);
    await signIn(colleague, email, temporary!);
    await colleague.getByRole('heading', { level: 1, name: 'Choisir mon mot de passe' }).waitFor();
    await checkPage(colleague, 'collegue-mot-de-passe');
    await colleague.getByLabel('Mot de passe provisoire (reçu par e-mail)').fill(temporary!);
    await colleague.getByLabel('Nouveau mot de passe', { exact: true }).fill('Accueil-Solidaire-2026!');
    await colleague.getByLabel('Nouveau mot de passe, une seconde fois').fill('Accueil-Solidaire-2026!');
    await colleague.getByRole('button', { name: 'Enregistrer mon mot de passe' }).click();
    await colleague.getByRole('heading', { level: 1, name: 'Tableau de bord' }).waitFor();
    expect((await ApiClient.login(email, 'Accueil-Solidaire-2026!').then((c) => c.get('/api/me'))).body.mustChangePassword).toBe(false);
    await context.close();
  });
});

describe('accessibility', () => {
  it('axe-core finds no serious or critical violation on the main pages of each space', async () => {
    const recruiter = await as(DEMO.recruiter);
    for (const [path, name] of [
      ['/recruteur/offres', 'recruteur-offres'],
      ['/recruteur/offres/nouvelle', 'recruteur-offre-nouvelle'],
      ['/recruteur/candidatures?vue=pipeline', 'recruteur-pipeline-tout'],
      ['/recruteur/rendez-vous', 'recruteur-rendez-vous'],
    ] as const) {
      await visit(recruiter, path);
      await checkPage(recruiter, name);
    }

    const referent = await as(DEMO.referent);
    for (const [path, name] of [
      ['/referent', 'referent-file-vide-ou-pas'],
      ['/referent/candidatures', 'referent-candidatures'],
      ['/referent/candidats', 'referent-candidats'],
      ['/referent/candidats/nouveau', 'referent-nouveau-candidat'],
      ['/referent/rendez-vous?vue=semaine', 'referent-rendez-vous-semaine'],
    ] as const) {
      await visit(referent, path);
      await checkPage(referent, name);
    }
    await referent.getByRole('link', { name: 'Mes candidats' }).click();
    await referent.getByRole('link', { name: 'Camille Candidate' }).click();
    await referent.getByRole('heading', { level: 1, name: 'Camille Candidate' }).waitFor();
    await poll(() => referent.locator('main').textContent()).toContain('45 min');
    await checkPage(referent, 'referent-candidat');

    const candidate = await as(DEMO.candidate);
    for (const [path, name] of [
      ['/candidat/offres', 'candidat-offres'],
      ['/candidat/rendez-vous', 'candidat-rendez-vous'],
      ['/candidat/parrainages', 'candidat-parrainages'],
      ['/candidat/documents', 'candidat-documents'],
      ['/nulle-part', 'page-introuvable'],
    ] as const) {
      await visit(candidate, path);
      await checkPage(candidate, name);
    }
  });
});

