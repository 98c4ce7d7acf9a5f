// Recruiter sign-up in the web app (Debian's Chromium through playwright-core): reached from the login
// page, refusals shown under the field they name, and after sending, the same page whether the address
// already had an account or not — it says a mail is waiting *if* the address can be used, and the mail
// says the rest (test/auth-hardening.test.ts checks the mails).
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, mailsTo, uniqueEmail } from './drivers.js';
import { validSiren } from './fixtures.js';
import { DEMO, eventually, sql } from './support.js';
import { checkPage, isFocused, launchBrowser, newPage, screenshot } from './web-support.js';

let browser: Browser;
const poll = <T>(probe: () => T | Promise<T>) => expect.poll(probe, { timeout: 15_000, interval: 100 });

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

async function fill(page: Page, fields: { siren: string; email: string; password?: string; confirm?: string }) {
  await page.getByLabel('Numéro SIREN ou SIRET').fill(fields.siren);
  await page.getByLabel('Raison sociale').fill('Atelier des Possibles');
  await page.getByLabel('Secteur d’activité').fill('Artisanat');
  await page.getByLabel('Effectif').selectOption('10-49');
  await page.getByLabel('Adresse', { exact: true }).fill('12 rue des Tanneurs');
  await page.getByLabel('Code postal').fill('69004');
  await page.getByLabel('Ville').fill('Lyon');
  await page.getByLabel('Prénom').fill('Nadia');
  await page.getByLabel('Nom', { exact: true }).fill('Benali');
  await page.getByLabel('Fonction').fill('Responsable RH');
  await page.getByLabel('Téléphone professionnel').fill('04 78 00 00 00');
  await page.getByLabel('Adresse e-mail professionnelle').fill(fields.email);
  await page.getByLabel('Mot de passe', { exact: true }).fill(fields.password ?? PASSWORD);
  await page.getByLabel('Mot de passe, une seconde fois').fill(fields.confirm ?? fields.password ?? PASSWORD);
}

/** Signs up from the login page's link; returns what the page then says. */
async function signUp(fields: { siren: string; email: string }): Promise<string> {
  const { page, context } = await newPage(browser);
  await page.goto('/connexion');
  await page.getByRole('link', { name: /Inscrire votre entreprise/ }).click();
  await page.getByRole('heading', { level: 1, name: 'Inscription d’un recruteur' }).waitFor();
  await fill(page, fields);
  await page.getByRole('button', { name: 'Envoyer ma demande d’inscription' }).click();
  const heading = page.getByRole('heading', { name: 'Consultez votre boîte e-mail' });
  await heading.waitFor();
  await poll(() => isFocused(heading)).toBe(true);
  const text = (await page.locator('main section.card').textContent()) ?? '';
  await screenshot(page, `inscription-envoyee-${fields.email.split('@')[0]}`);
  await context.close();
  return text;
}

describe('recruiter sign-up in the web app', () => {
  it('says the same after sending, whether the address already had an account or not', async () => {
    const fresh = uniqueEmail('web-inscription');
    const onFresh = await signUp({ siren: validSiren(), email: fresh });
    const onTaken = await signUp({ siren: validSiren(), email: DEMO.candidate });
    expect(onFresh).toContain(`Si l’adresse ${fresh} peut être utilisée, un e-mail de confirmation vous y attend`);
    expect(onFresh).toContain('Si vous avez déjà un compte avec cette adresse, l’e-mail que vous recevrez vous explique comment vous connecter.');
    expect(onTaken.replace(DEMO.candidate, '<adresse>')).toBe(onFresh.replace(fresh, '<adresse>'));
    expect(onTaken.replace(DEMO.candidate, '')).not.toMatch(/existe déjà|candidat/i);
    // What happened is in the mail: a link to confirm for the new address, a notice for the taken one.
    await eventually(async () => (await mailsTo(fresh, /confirmez votre adresse e-mail/i)).length === 1, 30_000, 'confirmation mail');
    await eventually(async () => (await mailsTo(DEMO.candidate, /^Tentative d’inscription/)).length >= 1, 30_000, 'notice mail');
  });

  it('shows each refusal under its field, moves the focus there, and passes axe', async () => {
    const { page, context } = await newPage(browser);
    await page.goto('/inscription');
    await page.getByRole('heading', { level: 1, name: 'Inscription d’un recruteur' }).waitFor();
    await checkPage(page, 'inscription');
    const email = uniqueEmail('web-refus');

    await fill(page, { siren: '123456789', email });
    await page.getByRole('button', { name: 'Envoyer ma demande d’inscription' }).click();
    const siren = page.getByLabel('Numéro SIREN ou SIRET');
    await poll(() => page.locator('[id="signup-company.number-error"]').textContent()).toMatch(/Ce numéro SIREN n’existe pas.*vérifiez-le sur votre extrait Kbis/);
    expect(await page.locator('[id="signup-error"]').textContent()).toBe('');
    await poll(() => isFocused(siren)).toBe(true);
    expect(await siren.getAttribute('aria-invalid')).toBe('true');
    await checkPage(page, 'inscription-refusee');

    await fill(page, { siren: validSiren(), email, password: PASSWORD, confirm: `${PASSWORD}x` });
    await page.getByRole('button', { name: 'Envoyer ma demande d’inscription' }).click();
    await poll(() => page.locator('[id="signup-user.password-error"]').textContent()).toMatch(/Les deux mots de passe ne sont pas identiques/);
    await fill(page, { siren: validSiren(), email, password: 'court' });
    await page.getByRole('button', { name: 'Envoyer ma demande d’inscription' }).click();
    await poll(() => page.locator('[id="signup-user.password-error"]').textContent()).toMatch(/12 caractères/);
    expect(await sql(`SELECT 1 FROM users WHERE email = $1`, [email])).toHaveLength(0);
    await context.close();
  });
});
