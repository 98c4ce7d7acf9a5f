// Application threads in Chromium (issue #16, items 3 and 5): a candidate writes on their application's
// page, the recruiter finds it in « Mes messages » with its unread count, opens the thread from there
// and answers; a live CHAT interview: the two pages side by side, a message appearing on the other one
// without reload in its polite log region, « Mes entretiens » joining it too. axe on « Mes messages » and the thread; 320 px without
// sideways scrolling.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { act, mailsTo, reach } from './drivers.js';
import { createCast, type Cast } from './fixtures.js';
import { eventually } from './support.js';
import { checkPage, launchBrowser, signedInPage } from './web-support.js';

let browser: Browser;
let cast: Cast;
const poll = <T>(probe: () => T | Promise<T>, timeout = 15_000) => expect.poll(probe, { timeout, interval: 200 });

beforeAll(async () => {
  browser = await launchBrowser({ keepScreenshots: true });
  cast = await createCast();
});

afterAll(async () => {
  await browser?.close();
});

const signedIn = (email: string) => signedInPage(browser, email);

async function send(page: Page, text: string) {
  await page.getByLabel('Votre message').fill(text);
  await page.getByRole('button', { name: 'Envoyer le message' }).click();
  await page.locator('#messages .message.mine', { hasText: text }).waitFor();
}

const noSidewaysScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

describe('application threads in the browser', () => {
  it('a candidate writes, the recruiter finds it in « Mes messages » with its unread count and answers', { timeout: 90_000 }, async () => {
    const app = await reach('application', 'PENDING_RECRUITER', cast);
    const candidate = await signedIn(app.candidate!.email);
    await candidate.goto(`/candidat/candidatures/${app.id}`);
    await candidate.getByRole('heading', { level: 2, name: 'Messages' }).waitFor();
    await expect(candidate.locator('#message-body-hint').textContent()).resolves.toMatch(/Lisible par : les recruteurs d’Entreprise A/);
    // An empty message is refused under the field, the field described by the reason.
    await candidate.getByRole('button', { name: 'Envoyer le message' }).click();
    await poll(() => candidate.locator('#message-body-error').textContent()).toMatch(/Écrivez votre message/);
    expect(await candidate.getByLabel('Votre message').getAttribute('aria-invalid')).toBe('true');
    await send(candidate, 'Bonjour, puis-je venir avec mon chien d’assistance ?');
    await checkPage(candidate, 'fil-candidat');

    const recruiter = await signedIn(cast.recruiter.email);
    await recruiter.getByRole('link', { name: 'Mes messages' }).click();
    await recruiter.getByRole('heading', { level: 1, name: 'Mes messages' }).waitFor();
    const card = recruiter.getByRole('link', { name: /Technicien de maintenance H\/F — .*Entreprise A \(1 message non lu\)/ });
    await card.waitFor();
    await checkPage(recruiter, 'mes-messages');
    await recruiter.setViewportSize({ width: 320, height: 800 });
    expect(await noSidewaysScroll(recruiter)).toBe(true);
    await recruiter.setViewportSize({ width: 1280, height: 900 });

    await card.click();
    await recruiter.waitForURL(new RegExp(`/recruteur/candidatures/${app.id}#messages$`));
    await recruiter.locator('#messages .message', { hasText: 'chien d’assistance' }).waitFor();
    await send(recruiter, 'Bien sûr, il sera le bienvenu.');
    await checkPage(recruiter, 'fil-recruteur');
    await recruiter.setViewportSize({ width: 320, height: 800 });
    expect(await noSidewaysScroll(recruiter)).toBe(true);

    // Opened, the thread is read: « Mes messages » says so. The candidate's page gets the answer without reload.
    await recruiter.goto('/messages');
    await recruiter.getByRole('link', { name: /Technicien de maintenance H\/F — .*\(tout est lu\)/ }).waitFor();
    await candidate.locator('#messages .message', { hasText: 'il sera le bienvenu' }).waitFor({ timeout: 15_000 });
    // A notification's link (/candidatures/:id#messages) opens the thread in the reader's space.
    await candidate.goto(`/candidatures/${app.id}#messages`);
    await candidate.waitForURL(new RegExp(`/candidat/candidatures/${app.id}#messages$`));
    await poll(() => candidate.evaluate(() => document.activeElement?.id)).toBe('messages-title');
  });

  it('a live CHAT interview: a message appears on the other page within seconds, announced politely', { timeout: 90_000 }, async () => {
    const app = await reach('application', 'ACCEPTED', cast);
    await act('application', cast.recruiter, app.id, { action: 'propose_interview', startsAt: new Date(Date.now() + 3 * 60_000).toISOString(), durationMinutes: 30, mode: 'CHAT' }, 'INTERVIEW_PROPOSED');
    // The invitation carries the way in: the thread of the application.
    const invitation = await eventually(async () => (await mailsTo(app.candidate!.email)).find((m) => m.text.includes('Rejoindre l’entretien (messagerie)')), 20_000, 'the CHAT invitation');
    expect(invitation!.text).toContain(`/candidatures/${app.id}#messages`);

    const [candidate, recruiter] = await Promise.all([signedIn(app.candidate!.email), signedIn(cast.recruiter.email)]);
    await candidate.goto(`/candidat/candidatures/${app.id}`);
    await recruiter.goto(`/recruteur/candidatures/${app.id}`);
    for (const page of [candidate, recruiter]) await page.getByText('Entretien par messagerie en cours').waitFor();
    // « Rejoindre l’entretien (messagerie) » leads to the thread in the page.
    await candidate.getByRole('link', { name: /Rejoindre l’entretien \(messagerie\)/ }).click();
    await poll(() => candidate.evaluate(() => location.hash)).toBe('#messages');

    const started = Date.now();
    await send(recruiter, 'Bonjour, nous commençons quand vous êtes prête ou prêt.');
    const log = candidate.getByRole('log', { name: 'Messages de la candidature' });
    await log.getByText('nous commençons quand vous êtes').waitFor({ timeout: 6_000 });
    expect(Date.now() - started).toBeLessThan(6_000);
    expect(await log.getAttribute('aria-live')).toBe('polite');
    await send(candidate, 'Bonjour, je suis là.');
    await recruiter.getByRole('log', { name: 'Messages de la candidature' }).getByText('je suis là').waitFor({ timeout: 6_000 });
    await checkPage(candidate, 'entretien-messagerie');
    // « Mes entretiens » leads there too.
    await candidate.getByRole('link', { name: 'Mes entretiens' }).click();
    await candidate.getByRole('link', { name: /Rejoindre l’entretien \(messagerie\)/ }).first().click();
    await candidate.waitForURL(new RegExp(`/candidat/candidatures/${app.id}#messages$`));
    await candidate.getByRole('log', { name: 'Messages de la candidature' }).getByText('je suis là').waitFor();
  });
});
