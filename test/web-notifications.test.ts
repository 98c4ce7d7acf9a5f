// The notification centre in Chromium: a référent's header counts a new notification without a reload
// (the poll runs when the window takes the focus) and the live region announces it; the notifications
// page opens the application in the référent's space (the count follows), marks one then all as read;
// « Préférences de notification » by keyboard only, saved in the database. axe on both pages; both read
// at 320 px without sideways scrolling.
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCompany, createUser, insertPublishedOffer } from './fixtures.js';
import { eventually, sql } from './support.js';
import { checkPage, isFocused, launchBrowser, newPage, poll, signIn, tabTo, visit } from './web-support.js';

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser({ keepScreenshots: true });
});
afterAll(async () => {
  await browser?.close();
});

/** What the header's poll does every 30 s, now: the window takes the focus. */
const focusWindow = (page: Page) => page.evaluate(() => window.dispatchEvent(new Event('focus')));

async function noSidewaysScroll(page: Page, name: string) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
  expect(scrollWidth, `${name}: ${scrollWidth} px for ${innerWidth}`).toBeLessThanOrEqual(innerWidth);
}

describe('Notifications', () => {
  it('a new one appears and is announced without reload, opens its application, then everything is marked read; preferences by keyboard', async () => {
    const company = await createCompany('Entreprise Notifications');
    const missionOfficer = await createUser('MISSION_OFFICER');
    const referent = await createUser('REFERENT', { missionOfficerId: missionOfficer.id });
    const candidate = await createUser('CANDIDATE', { referentId: referent.id, firstName: 'Inès', lastName: 'Cloche' });
    const { page, context } = await newPage(browser);
    await signIn(page, referent.email);
    const header = page.getByRole('banner');
    await header.getByRole('link', { name: 'Notifications', exact: true }).waitFor();

    // The candidate applies: the référent is told; the open page shows it once the window has the focus.
    const offerId = await insertPublishedOffer(company.id, `Agent d’accueil ${randomUUID().slice(0, 4)} H/F`);
    const applied = await (await candidate.client()).post('/api/applications', { offerId });
    expect(applied.status).toBe(201);
    const applicationId = applied.body.id as string;
    const [told] = await eventually(async () => {
      const rows = await sql<{ title: string }>(`SELECT title FROM notifications WHERE user_id = $1 AND entity_id = $2`, [referent.id, applicationId]);
      return rows.length ? rows : null;
    }, 30_000, 'the référent’s notification');
    await focusWindow(page);
    await header.getByRole('link', { name: 'Notifications, 1 non lue' }).waitFor();
    await expect(header.locator('.badge').textContent()).resolves.toBe('1 non lue');
    await poll(() => page.locator('.announcement').textContent()).toBe(`1 nouvelle notification : ${told!.title}`);

    // The page lists it; opening it leads to the application in the référent's space, and reads it.
    await header.getByRole('link', { name: /^Notifications/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Notifications' }).waitFor();
    await page.getByRole('heading', { level: 2, name: told!.title }).waitFor();
    await checkPage(page, 'notifications');
    await page.getByRole('link', { name: told!.title }).click();
    await poll(() => new URL(page.url()).pathname).toBe(`/referent/candidatures/${applicationId}`);
    await page.locator('main h1').first().waitFor();
    await header.getByRole('link', { name: 'Notifications', exact: true }).waitFor();
    await poll(async () => (await sql(`SELECT read_at FROM notifications WHERE user_id = $1 AND entity_id = $2`, [referent.id, applicationId]))[0].read_at).not.toBeNull();

    // Two more arrive while the list is open: it reloads by itself; one marked read, then all.
    for (const title of ['Relance : une candidature attend', 'Nouvel entretien proposé']) {
      await sql(
        `INSERT INTO notifications (id, user_id, idempotency_key, kind, title, body, link, entity_type, entity_id)
         VALUES ($1, $2, $3, 'application.referent_reminder', $4, 'Une candidature attend votre validation.', $5, 'application', $6)`,
        [randomUUID(), referent.id, `web-test:${randomUUID()}`, title, `/candidatures/${applicationId}`, applicationId],
      );
    }
    await visit(page, '/notifications');
    await focusWindow(page);
    await header.getByRole('link', { name: 'Notifications, 2 non lues' }).waitFor();
    await poll(() => page.locator('.announcement').textContent()).toMatch(/^2 nouvelles notifications, dont : /);
    await page.getByRole('heading', { level: 2, name: 'Relance : une candidature attend' }).waitFor();
    await page.getByRole('button', { name: 'Marquer comme lue' }).first().click();
    await header.getByRole('link', { name: 'Notifications, 1 non lue' }).waitFor();
    await page.getByRole('button', { name: 'Tout marquer comme lu' }).click();
    await header.getByRole('link', { name: 'Notifications', exact: true }).waitFor();
    await poll(() => page.locator('main .badge').count()).toBe(0);
    expect((await sql(`SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND read_at IS NULL`, [referent.id]))[0].n).toBe(0);

    // Preferences, keyboard only: from the page's link to the checkbox, then save.
    const link = page.getByRole('link', { name: 'Préférences de notification' });
    await tabTo(page, link);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Préférences de notification' }).waitFor();
    const box = page.getByLabel('Par e-mail : Nouvelles candidatures');
    expect(await box.isChecked()).toBe(true);
    await tabTo(page, box);
    await page.keyboard.press('Space');
    expect(await box.isChecked()).toBe(false);
    const save = page.getByRole('button', { name: 'Enregistrer mes préférences' });
    await tabTo(page, save);
    expect(await isFocused(save)).toBe(true);
    await page.keyboard.press('Enter');
    await poll(() => page.locator('.announcement').textContent()).toBe('Vos préférences de notification sont enregistrées.');
    expect(await sql(`SELECT kind, email, in_app FROM notification_preferences WHERE user_id = $1 AND kind = 'new_applications'`, [referent.id])).toEqual([
      { kind: 'new_applications', email: false, in_app: true },
    ]);
    await page.getByText('Les e-mails de sécurité partent toujours').waitFor();
    await checkPage(page, 'preferences-notification');

    // 320 px: both pages reflow.
    await page.setViewportSize({ width: 320, height: 800 });
    await visit(page, '/compte/notifications');
    await page.getByLabel('Dans le site : Messages').waitFor();
    await noSidewaysScroll(page, 'préférences à 320 px');
    await visit(page, '/notifications');
    await page.getByRole('heading', { level: 2, name: told!.title }).waitFor();
    await noSidewaysScroll(page, 'notifications à 320 px');
    await context.close();
  });

  it('« Mon compte » leads to the preferences', async () => {
    const candidate = await createUser('CANDIDATE', { referentId: null });
    const { page, context } = await newPage(browser);
    await signIn(page, candidate.email);
    await visit(page, '/compte');
    await page.getByRole('link', { name: 'Préférences de notification' }).click();
    await page.getByRole('heading', { level: 1, name: 'Préférences de notification' }).waitFor();
    // A candidate has no « Nouvelles candidatures » to set.
    await page.getByLabel('Par e-mail : Entretiens').waitFor();
    expect(await page.getByLabel('Par e-mail : Nouvelles candidatures').count()).toBe(0);
    await context.close();
  });
});
