// Recruiter sign-up and password reset in the web app (Debian's Chromium through playwright-core).
// Sign-up: reached from the login page's « Inscrire mon entreprise », the number checked as it is
// typed and looked up (a company already on Tremplin is joined, without the company form), the
// password rule as a checklist that follows the typing, the terms to accept, refusals under the field
// they name, and after sending the next steps — the same page whether the address already had an
// account or not (test/auth-hardening.test.ts checks the mails). Password reset: « Mot de passe
// oublié ? », the link from the mail, a new password, a used or expired link said plainly. axe on each page.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TERMS_VERSION } from '../workflows/account-rules.js';
import { confirmationLinkFor, mailsTo, resetLinksTo, uniqueEmail } from './drivers.js';
import { createUser, validSiren } from './fixtures.js';
import { DEMO, eventually, sql } from './support.js';
import { checkPage, fillSignUpForm, isFocused, launchBrowser, newPage, poll, screenshot, signIn, signUpCompanyOnWeb, visit, WEB_SIGN_UP_PASSWORD } from './web-support.js';

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser({ keepScreenshots: true });
});

afterAll(async () => {
  await browser?.close();
});

/** Signs up from the login page's link in a fresh browser; returns what the page then says. */
async function signUpFromLogin(data: Parameters<typeof signUpCompanyOnWeb>[1]): Promise<string> {
  const { page, context } = await newPage(browser);
  await page.goto('/connexion');
  const text = await signUpCompanyOnWeb(page, data);
  await screenshot(page, `inscription-envoyee-${data.email.split('@')[0]}`);
  await context.close();
  return text;
}

const send = (page: Page) => page.getByRole('button', { name: /Envoyer ma demande d’inscription|Demander à rejoindre/ }).click();

describe('recruiter sign-up in the web app', () => {
  it('says the same after sending, whether the address already had an account or not, with the next steps', async () => {
    const fresh = uniqueEmail('web-inscription');
    const onFresh = await signUpFromLogin({ number: validSiren(), email: fresh });
    const onTaken = await signUpFromLogin({ number: validSiren(), email: DEMO.candidate });
    expect(onFresh).toContain(`Si l’adresse ${fresh} peut être utilisée, un e-mail de confirmation vous y attend`);
    expect(onFresh).toContain('Si vous avez déjà un compte avec cette adresse, l’e-mail que vous recevrez vous explique comment vous connecter.');
    expect(onFresh).toMatch(/Confirmez votre adresse e-mail avec le lien reçu, dans les 48 heures.*L’équipe de la plateforme vérifie votre entreprise.*Connectez-vous/);
    expect(onTaken.replace(DEMO.candidate, '<adresse>')).toBe(onFresh.replace(fresh, '<adresse>'));
    expect(onTaken.replace(DEMO.candidate, '')).not.toMatch(/existe déjà|candidat/i);
    // What happened is in the mail: a link to confirm for the new address (which says the same steps), a notice for the taken one.
    const link = await confirmationLinkFor(fresh);
    expect(link).toMatch(/\/api\/auth\/confirm-email\?token=/);
    const [confirmation] = await mailsTo(fresh, /confirmez votre adresse e-mail/i);
    expect(confirmation!.text).toMatch(/Ce lien ne fonctionne qu’une fois, jusqu’au .+\n*.*Ensuite, l’équipe de la plateforme vérifiera votre entreprise avant d’activer votre compte/);
    await eventually(async () => (await mailsTo(DEMO.candidate, /^Tentative d’inscription/)).length >= 1, 30_000, 'notice mail');
    // The consent is on the account, with its version.
    expect(await sql(`SELECT terms_version FROM users WHERE email = $1`, [fresh])).toEqual([{ terms_version: TERMS_VERSION }]);
  });

  it('checks the number as it is typed, and a company already on Tremplin is joined without the company form', async () => {
    const { page, context } = await newPage(browser);
    await page.goto('/inscription');
    await page.getByRole('heading', { level: 1, name: 'Inscription d’un recruteur' }).waitFor();
    const number = page.getByLabel('Numéro SIREN ou SIRET');
    await number.pressSequentially('123 45');
    await poll(() => page.locator('#company-number-count').textContent()).toBe('5 chiffres saisis : 9 pour un SIREN, 14 pour un SIRET.');
    await number.pressSequentially('6 789');
    await poll(() => page.locator('#company-number-check').textContent()).toMatch(/^✗ Ce numéro SIREN n’existe pas \(sa clé de contrôle est fausse\)/);
    expect(await page.locator('#company-number-check').getAttribute('role')).toBe('status');

    const [demo] = await sql(`SELECT siren, name FROM companies WHERE status = 'VERIFIED' ORDER BY created_at LIMIT 1`);
    await number.fill(demo!.siren);
    await poll(() => page.locator('#company-number-check').textContent()).toMatch(/^✓ Numéro SIREN valide\. Cette entreprise est déjà inscrite sur Tremplin/);
    await poll(() => page.getByTestId('join-notice').textContent()).toContain('Cette entreprise est déjà inscrite : demandez à la rejoindre.');
    await poll(() => page.getByTestId('join-notice').textContent()).toContain(demo!.name);
    expect(await page.getByLabel('Raison sociale').count()).toBe(0);
    await checkPage(page, 'inscription-rejoindre');

    const email = uniqueEmail('web-rejoindre');
    await fillSignUpForm(page, { number: demo!.siren, email });
    await page.getByRole('button', { name: `Demander à rejoindre ${demo!.name}` }).click();
    await page.getByRole('heading', { name: 'Consultez votre boîte e-mail' }).waitFor();
    await poll(() => page.locator('main section.card').textContent()).toContain('L’équipe de la plateforme vérifie que vous faites partie de l’entreprise');
    expect(await sql(`SELECT m.kind FROM company_memberships m JOIN users u ON u.id = m.user_id WHERE u.email = $1`, [email])).toEqual([{ kind: 'MEMBER' }]);

    // A number the key makes a real SIREN but nobody registered: the company form.
    await page.goto('/inscription');
    await page.getByLabel('Numéro SIREN ou SIRET').fill(validSiren());
    await poll(() => page.locator('#company-number-check').textContent()).toMatch(/n’est pas encore sur Tremplin/);
    await page.getByLabel('Raison sociale').waitFor();
    await context.close();
  });

  it('shows the password rule as a checklist that follows the typing, in words and marks, and says what is missing after a pause', async () => {
    const { page, context } = await newPage(browser);
    await page.goto('/inscription');
    const password = page.getByLabel('Mot de passe', { exact: true });
    const rule = (id: string) => page.locator(`#password-rule li[data-rule="${id}"]`);
    await password.pressSequentially('abc');
    await poll(() => rule('lower').getAttribute('class')).toBe('met');
    for (const id of ['length', 'upper', 'digit', 'symbol']) expect(await rule(id).getAttribute('class')).toBe('unmet');
    expect(await rule('upper').textContent()).toBe('une majuscule : pas encore');
    expect(await rule('lower').textContent()).toBe('une minuscule : respecté');
    // Not colour alone: a mark drawn in each line.
    expect(await rule('upper').locator('.mark').evaluate((el) => getComputedStyle(el, '::before').content)).toBe('"✗"');
    await poll(() => page.locator('#password-rule [role="status"]').textContent()).toBe(
      'Mot de passe : il manque 12 caractères au moins, une majuscule, un chiffre, un caractère spécial (ex. ! ? - _ # @).',
    );
    expect(await password.getAttribute('aria-describedby')).toContain('password-rule');
    await password.pressSequentially('defghiJ1!');
    await poll(() => page.locator('#password-rule li.met').count()).toBe(5);
    expect(await rule('upper').locator('.mark').evaluate((el) => getComputedStyle(el, '::before').content)).toBe('"✓"');
    await poll(() => page.locator('#password-rule [role="status"]').textContent()).toBe('Mot de passe : toutes les règles sont respectées.');
    await context.close();
  });

  it('shows each refusal under its field (the terms not accepted included), moves the focus there, and passes axe', async () => {
    const { page, context } = await newPage(browser);
    await page.goto('/inscription');
    await page.getByRole('heading', { level: 1, name: 'Inscription d’un recruteur' }).waitFor();
    await checkPage(page, 'inscription');
    const email = uniqueEmail('web-refus');

    await fillSignUpForm(page, { number: '123456789', email });
    await send(page);
    const siren = page.getByLabel('Numéro SIREN ou SIRET');
    await poll(() => page.locator('[id="signup-company.number-error"]').textContent()).toMatch(/Ce numéro SIREN n’existe pas.*vérifiez-le sur votre extrait Kbis/);
    expect(await page.locator('[id="signup-error"]').textContent()).toBe('');
    await poll(() => isFocused(siren)).toBe(true);
    expect(await siren.getAttribute('aria-invalid')).toBe('true');
    await checkPage(page, 'inscription-refusee');

    await fillSignUpForm(page, { number: validSiren(), email, password: WEB_SIGN_UP_PASSWORD, confirm: `${WEB_SIGN_UP_PASSWORD}x` });
    await send(page);
    await poll(() => page.locator('[id="signup-user.password-error"]').textContent()).toMatch(/Les deux mots de passe ne sont pas identiques/);
    await fillSignUpForm(page, { number: validSiren(), email, password: 'court' });
    await send(page);
    await poll(() => page.locator('[id="signup-user.password-error"]').textContent()).toMatch(/12 caractères/);

    await fillSignUpForm(page, { number: validSiren(), email, acceptTerms: false });
    await send(page);
    const consent = page.getByRole('checkbox', { name: /J’accepte les conditions d’utilisation/ });
    await poll(() => page.locator('[id="signup-acceptedTermsVersion-error"]').textContent()).toMatch(/Cochez la case « J’accepte les conditions d’utilisation »/);
    await poll(() => isFocused(consent)).toBe(true);
    expect(await sql(`SELECT 1 FROM users WHERE email = $1`, [email])).toHaveLength(0);
    await checkPage(page, 'inscription-sans-consentement');

    // The terms, from the box's link (a new tab: the form stays as it is).
    const [terms] = await Promise.all([context.waitForEvent('page'), page.getByRole('link', { name: /conditions d’utilisation/ }).click()]);
    await terms.getByRole('heading', { level: 1, name: 'Conditions d’utilisation' }).waitFor();
    await poll(() => terms.locator('main').textContent()).toContain(`Version ${TERMS_VERSION}`);
    await checkPage(terms, 'conditions');
    expect(await page.getByLabel('Adresse e-mail professionnelle').inputValue()).toBe(email);
    await context.close();
  });
});

describe('password reset in the web app', () => {
  it('from « Mot de passe oublié ? » to a new password by the mailed link; the link then says it was used; axe on each page', async () => {
    const person = await createUser('CANDIDATE');
    const { page, context } = await newPage(browser);
    await page.goto('/connexion');
    await page.getByRole('link', { name: 'Mot de passe oublié ?' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mot de passe oublié' }).waitFor();
    await checkPage(page, 'mot-de-passe-oublie');
    await page.getByLabel('Adresse e-mail').fill(person.email);
    await page.getByRole('button', { name: 'Recevoir un lien' }).click();
    const sent = page.getByRole('heading', { name: 'Consultez votre boîte e-mail' });
    await sent.waitFor();
    await poll(() => isFocused(sent)).toBe(true);
    await poll(() => page.locator('main section.card').textContent()).toContain(`Si un compte Tremplin utilise l’adresse ${person.email}`);

    const [link] = await resetLinksTo(person.email);
    await page.goto(link!);
    await page.getByRole('heading', { level: 1, name: 'Nouveau mot de passe' }).waitFor();
    await checkPage(page, 'reinitialiser');
    const password = page.getByLabel('Nouveau mot de passe', { exact: true });
    await password.pressSequentially('Nouveau-');
    await poll(() => page.locator('#password-rule li.met').count()).toBe(3);
    await password.pressSequentially('Depart-2027');
    await poll(() => page.locator('#password-rule li.met').count()).toBe(5);
    await page.getByLabel('Nouveau mot de passe, une seconde fois').fill('Nouveau-Depart-2027');
    await page.getByRole('button', { name: 'Enregistrer le nouveau mot de passe' }).click();
    const done = page.getByRole('heading', { name: 'Mot de passe changé' });
    await done.waitFor();
    await poll(() => isFocused(done)).toBe(true);
    await checkPage(page, 'mot-de-passe-change');

    await page.getByRole('region', { name: 'Mot de passe changé' }).getByRole('link', { name: 'Se connecter' }).click();
    await signIn(page, person.email, 'Nouveau-Depart-2027');
    await page.getByRole('button', { name: 'Se déconnecter' }).click();

    // The same link again: said plainly, with the way to ask for another.
    await page.goto(link!);
    await page.getByLabel('Nouveau mot de passe', { exact: true }).fill('Encore-Autre-2027!');
    await page.getByLabel('Nouveau mot de passe, une seconde fois').fill('Encore-Autre-2027!');
    await page.getByRole('button', { name: 'Enregistrer le nouveau mot de passe' }).click();
    const used = page.getByRole('heading', { name: 'Ce lien a déjà servi' });
    await used.waitFor();
    await poll(() => isFocused(used)).toBe(true);
    await checkPage(page, 'lien-deja-utilise');
    await page.getByRole('link', { name: 'Demander un nouveau lien' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mot de passe oublié' }).waitFor();
    await context.close();
  });

  it('an expired link, and a page opened without a link, say so and lead to a new one', async () => {
    const person = await createUser('REFERENT');
    const { page, context } = await newPage(browser);
    await page.goto('/mot-de-passe-oublie');
    await page.getByLabel('Adresse e-mail').fill(person.email);
    await page.getByRole('button', { name: 'Recevoir un lien' }).click();
    const [link] = await resetLinksTo(person.email);
    await sql(`UPDATE email_tokens SET expires_at = now() - interval '1 second' WHERE user_id = $1 AND purpose = 'PASSWORD_RESET'`, [person.id]);
    await page.goto(link!);
    await page.getByLabel('Nouveau mot de passe', { exact: true }).fill('Trop-Tard-2027!');
    await page.getByLabel('Nouveau mot de passe, une seconde fois').fill('Trop-Tard-2027!');
    await page.getByRole('button', { name: 'Enregistrer le nouveau mot de passe' }).click();
    await page.getByRole('heading', { name: 'Ce lien a expiré' }).waitFor();
    await page.getByRole('link', { name: 'Demander un nouveau lien' }).waitFor();

    await page.goto('/reinitialiser');
    await page.getByRole('heading', { name: 'Ce lien ne fonctionne pas' }).waitFor();
    await checkPage(page, 'reinitialiser-sans-lien');
    await context.close();
  });

  it('a référent sends their candidate a link from the candidate’s page', async () => {
    const referent = await createUser('REFERENT', { firstName: 'Maëlle', lastName: 'Suivi' });
    const candidate = await createUser('CANDIDATE', { referentId: referent.id, firstName: 'Omar', lastName: 'Accompagné' });
    const { page, context } = await newPage(browser);
    await signIn(page, referent.email);
    await visit(page, `/referent/candidats/${candidate.id}`);
    await page.getByRole('button', { name: 'Envoyer un lien pour changer de mot de passe' }).click();
    const dialog = page.getByRole('dialog', { name: 'Envoyer un lien de mot de passe' });
    await poll(() => dialog.textContent()).toContain('Omar Accompagné recevra par e-mail un lien');
    await checkPage(page, 'referent-lien-mot-de-passe');
    await dialog.getByRole('button', { name: 'Envoyer le lien' }).click();
    await poll(() => page.locator('main .success').textContent()).toContain(`Un lien pour choisir un nouveau mot de passe a été envoyé à Omar Accompagné (${candidate.email})`);
    await resetLinksTo(candidate.email);
    const [mail] = await mailsTo(candidate.email, /^Réinitialiser votre mot de passe/);
    expect(mail!.text).toContain('Maëlle Suivi, qui vous accompagne sur Tremplin');
    await context.close();
  });
});
