// The refusal dialog with reasons (issue #16, item 7) in Chromium: the reasons of the step only, both
// missing fields named under them at once, « Utiliser le message type » asking a reason first, filling
// an empty message, replacing its own untouched template, adding itself after words typed (never
// erasing them); axe on the dialog; the refusal sent, its reason in the timeline and in the API.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REFUSAL_REASONS, reasonsFor } from '../workflows/refusal-reasons.js';
import { reach } from './drivers.js';
import { createCast, type Cast } from './fixtures.js';
import { checkPage, isFocused, launchBrowser, newPage, poll, signIn, visit } from './web-support.js';

let browser: Browser;
let cast: Cast;

beforeAll(async () => {
  browser = await launchBrowser();
  cast = await createCast();
});

afterAll(async () => {
  await browser?.close();
});

describe('the refusal dialog', () => {
  it('asks a reason of the step, offers its message template without erasing typed words, and sends both', async () => {
    const { id } = await reach('application', 'PENDING_RECRUITER', cast);
    const page: Page = (await newPage(browser)).page;
    await signIn(page, cast.recruiter.email);
    await visit(page, `/recruteur/candidatures/${id}`);
    await page.getByRole('group', { name: 'Actions possibles' }).getByRole('button', { name: 'Refuser la candidature' }).click();
    const dialog = page.getByRole('dialog', { name: 'Refuser la candidature' });
    const reason = dialog.getByLabel('Motif (obligatoire)');
    const message = dialog.getByLabel('Message (obligatoire)');
    const useTemplate = dialog.getByRole('button', { name: 'Utiliser le message type' });

    // Before any interview: its reasons only, after a placeholder.
    const offered = await reason.locator('option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
    expect(offered).toEqual(['', ...reasonsFor('refuse_before_interview')]);

    // Sent empty: both fields named, the focus on the first.
    await dialog.getByRole('button', { name: 'Refuser la candidature' }).click();
    await poll(() => dialog.locator('#action-reason-error').textContent()).toMatch(/^Choisissez le motif du refus/);
    expect(await dialog.locator('#action-message-error').textContent()).toMatch(/^Un message est obligatoire/);
    await poll(() => isFocused(reason)).toBe(true);
    await checkPage(page, 'dialogue-refus-motif-obligatoire');

    // The template needs a reason first.
    await useTemplate.click();
    await poll(() => dialog.locator('#action-reason-error').textContent()).toMatch(/^Choisissez d’abord un motif/);
    await poll(() => isFocused(reason)).toBe(true);

    // An empty message gets the template; the focus goes to it, to read and edit.
    await reason.selectOption('POSTE_POURVU');
    await useTemplate.click();
    await poll(() => message.inputValue()).toBe(REFUSAL_REASONS.POSTE_POURVU.template);
    await poll(() => isFocused(message)).toBe(true);
    expect(await dialog.locator('#action-reason-error').textContent()).toBe('');
    // Another reason: its own template replaces the untouched one.
    await reason.selectOption('COMPETENCES_NON_ADAPTEES');
    await useTemplate.click();
    await poll(() => message.inputValue()).toBe(REFUSAL_REASONS.COMPETENCES_NON_ADAPTEES.template);
    // Words typed are kept: the template comes after them, and the person is told.
    await message.fill('Merci pour votre candidature et votre disponibilité.');
    await useTemplate.click();
    await poll(() => message.inputValue()).toBe(`Merci pour votre candidature et votre disponibilité.\n\n${REFUSAL_REASONS.COMPETENCES_NON_ADAPTEES.template}`);
    await poll(() => page.locator('[aria-live]').first().textContent()).toContain('Message type ajouté après votre texte');
    await checkPage(page, 'dialogue-refus-message-type');

    // Edited, then sent: the case is closed, its reason in the timeline and the API.
    await message.fill(`${await message.inputValue()}\nBonne continuation.`);
    await dialog.getByRole('button', { name: 'Refuser la candidature' }).click();
    await dialog.waitFor({ state: 'detached' });
    await poll(() => page.locator('.timeline').textContent()).toContain(`Motif : ${REFUSAL_REASONS.COMPETENCES_NON_ADAPTEES.label}`);
    const view = (await (await cast.recruiter.client()).get(`/api/applications/${id}`)).body;
    expect(view.status).toBe('REFUSED');
    expect(view.refusal.reason).toBe('COMPETENCES_NON_ADAPTEES');
    expect(view.history.at(-1).message).toMatch(/^Merci pour votre candidature[\s\S]*Bonne continuation\.$/);
    await checkPage(page, 'candidature-refusee-motif');
  });
});
