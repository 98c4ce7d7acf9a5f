// Issue #15's « Done when », end to end in Chromium, one company from nowhere to the public: signed out
// on the home page, « Inscrire mon entreprise », the web sign-up with a new SIREN, the confirmation link
// of the mail opened in the browser, an operator verifying the company in the back office (a browser
// profile of its own), the recruiter's first sign-in, the company page published from « Mon entreprise »,
// and a fresh signed-out browser finding the company in /entreprises and reading its page. The database
// says the same at each step. axe-core on the pages no other test checks (the confirmation page, the
// recruiter's first screen); screenshots in test-results/web.
import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInToBackOffice, verifyCompanyInBackOffice } from './admin-support.js';
import { confirmationLinkFor, uniqueEmail } from './drivers.js';
import { validSiren } from './fixtures.js';
import { DEMO, sql } from './support.js';
import { WEB_SIGN_UP_PASSWORD, checkPage, launchBrowser, newPage, openPublicHome, publishCompanyPageOnWeb, screenshot, signIn, signUpCompanyOnWeb } from './web-support.js';

let browser: Browser;
const poll = <T>(probe: () => T | Promise<T>) => expect.poll(probe, { timeout: 30_000, interval: 200 });
const tag = randomUUID().slice(0, 6);
const name = `Menuiserie Tremplin ${tag}`;
const description = `Nous fabriquons des escaliers sur mesure à Villeurbanne ${tag}.`;

beforeAll(async () => {
  browser = await launchBrowser({ keepScreenshots: true });
});

afterAll(async () => {
  await browser?.close();
});

const companyRow = async (siren: string) =>
  (await sql<{ id: string; status: string; page_published: boolean; description: string | null }>('SELECT id, status, page_published, description FROM companies WHERE siren = $1', [siren]))[0];

describe('self-service, from the home page to the public company page', () => {
  it('signs a company up, confirms its address, has it verified, signs its recruiter in and publishes its page for the public', async () => {
    const siren = validSiren();
    const email = uniqueEmail('parcours');

    // 1. Signed out on the home page, the link « Inscrire mon entreprise » of its content.
    const { context: own, page } = await openPublicHome(browser);
    await page.getByRole('main').getByRole('link', { name: 'Inscrire mon entreprise' }).click();
    await page.getByRole('heading', { level: 1, name: 'Inscription d’un recruteur' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/inscription');

    // 2. The web sign-up with a SIREN nobody has registered.
    const said = await signUpCompanyOnWeb(page, { number: siren, email, company: { name, city: 'Villeurbanne', postalCode: '69100' } });
    expect(said).toContain(`Si l’adresse ${email} peut être utilisée, un e-mail de confirmation vous y attend`);
    await screenshot(page, 'parcours-inscription-envoyee');
    expect(await companyRow(siren)).toMatchObject({ status: 'PENDING_EMAIL_CONFIRMATION', page_published: false });

    // 3. The link of the mail, in the same browser; from its page, back to Tremplin.
    await page.goto(await confirmationLinkFor(email));
    await page.getByRole('heading', { level: 1, name: 'Adresse e-mail confirmée' }).waitFor();
    expect(await page.getByRole('status').textContent()).toContain('L’équipe de la plateforme va maintenant vérifier votre entreprise');
    await checkPage(page, 'parcours-adresse-confirmee');
    await poll(async () => (await companyRow(siren))?.status).toBe('PENDING_ADMIN_VERIFICATION');
    await page.getByRole('link', { name: 'Aller sur Tremplin' }).click();
    await page.getByRole('heading', { level: 1, name: 'Trouvez un emploi chez un employeur engagé' }).waitFor();

    // 4. An operator, in a browser profile of their own, verifies the company in the back office.
    const { context: office, page: admin } = await newPage(browser);
    admin.setDefaultTimeout(30_000);
    await admin.setViewportSize({ width: 1366, height: 900 }); // AdminJS folds its sidebar away below 1366 px
    await signInToBackOffice(admin, DEMO.admin);
    const companyId = await verifyCompanyInBackOffice(admin, name, async (step) => {
      if (step === 'company-verified') await screenshot(admin, 'parcours-back-office-verifiee');
    });
    await office.close();
    expect(await companyRow(siren)).toMatchObject({ id: companyId, status: 'VERIFIED' });

    // 5. The recruiter's first sign-in, on the web: their space, with their company.
    await signIn(page, email, WEB_SIGN_UP_PASSWORD);
    await page.getByRole('navigation', { name: 'Espace recruteur' }).waitFor();
    expect(await page.getByRole('banner').textContent()).toContain(`(recruteur, ${name})`);
    await checkPage(page, 'parcours-premiere-connexion');

    // 6. The company page, from « Mon entreprise ».
    const address = await publishCompanyPageOnWeb(page, { headline: 'Un atelier qui recrute', description, advantages: ['Horaires aménageables'] });
    expect(address).toBe(`/entreprises/${companyId}`);
    const published = await companyRow(siren);
    expect(published).toMatchObject({ status: 'VERIFIED', page_published: true });
    expect(published!.description).toContain(description);
    await own.close();

    // 7. Someone else, signed out, finds the company among the committed ones and reads its page.
    const { context: visitorContext, page: visitor } = await newPage(browser);
    await visitor.goto('/entreprises');
    await visitor.getByRole('heading', { level: 1, name: 'Entreprises engagées' }).waitFor();
    await visitor.getByLabel('Nom de l’entreprise').fill(`tremplin ${tag}`);
    await visitor.getByRole('button', { name: 'Chercher' }).click();
    await visitor.getByRole('link', { name }).click();
    await visitor.getByRole('heading', { level: 1, name }).waitFor();
    expect(new URL(visitor.url()).pathname).toBe(address);
    await poll(() => visitor.locator('main .rich-text').textContent()).toContain(description);
    expect(await visitor.locator('main .rich-text strong').textContent()).toBe('Un atelier qui recrute');
    expect(await visitor.getByRole('button', { name: 'Se déconnecter' }).count()).toBe(0);
    await screenshot(visitor, 'parcours-page-publique');
    await visitorContext.close();
  }, 300_000); // eight browser pages and three workflows' steps, one after the other
});
