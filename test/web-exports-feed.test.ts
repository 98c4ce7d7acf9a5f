// Issue #16, items 8 and 10, in Chromium: « Mes offres » and the offer page carry the exports as real
// download links saying format and count; the CSV link downloads the file (BOM, French header); the
// « Fil d’activité » on the recruiter's, référent's and candidate's home pages, its links to each
// space's page, <time> dates, « Voir plus » moving the focus to the first new item; axe on each page.
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSV_HEADER } from '../api/exports/service.js';
import { pdfBytes } from './document-fixtures.js';
import { act, offerIn, sentApplicationWithCv } from './drivers.js';
import { createCast, createUser, insertPublishedOffer, type Cast } from './fixtures.js';
import { sql } from './support.js';
import { checkPage, launchBrowser, signedInPage, visit } from './web-support.js';

let browser: Browser;
let cast: Cast;
let offerId: string;
const applicationIds: string[] = [];

const signedIn = (email: string) => signedInPage(browser, email);

beforeAll(async () => {
  browser = await launchBrowser({ keepScreenshots: true });
  cast = await createCast();
  offerId = await insertPublishedOffer(cast.company.id, 'Préparateur de commandes H/F');
  // Three applications sent and accepted (9 events) and two drafts (2): 11 events, more than a page.
  for (const name of ['Inès', 'Jules', 'Karim']) {
    const person = await createUser('CANDIDATE', { referentId: cast.referent.id, firstName: name, lastName: 'Export' });
    const { applicationId } = await sentApplicationWithCv(person, cast.referent, offerId, pdfBytes(name));
    applicationIds.push(applicationId);
    await act('application', cast.recruiter, applicationId, { action: 'accept' }, 'ACCEPTED');
  }
  await offerIn(cast, 'DRAFT');
  await offerIn(cast, 'DRAFT');
}, 180_000);

afterAll(async () => {
  await browser?.close();
});

describe('exports from « Mes offres »', () => {
  it('downloads the CSV from the list; the offer page has both links with their counts', async () => {
    const page = await signedIn(cast.recruiter.email);
    await visit(page, '/recruteur/offres');
    const csv = page.getByRole('link', { name: 'Exporter les candidatures (CSV, 3 candidatures)' });
    const zip = page.getByRole('link', { name: 'Télécharger les CV (ZIP, 3 CV)' });
    await csv.waitFor();
    expect(await csv.getAttribute('download')).not.toBeNull();
    expect(await zip.getAttribute('href')).toBe(`/api/offers/${offerId}/cvs.zip`);
    await checkPage(page, 'exports-mes-offres');

    const [download] = await Promise.all([page.waitForEvent('download'), csv.click()]);
    expect(download.suggestedFilename()).toMatch(/^candidatures-preparateur-de-commandes-h-f-\d{4}-\d{2}-\d{2}\.csv$/);
    const bytes = readFileSync((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').split('\r\n');
    expect(lines[0]).toBe(CSV_HEADER.join(';'));
    expect(lines.filter((l) => l.includes(';Export;'))).toHaveLength(3);

    await visit(page, `/recruteur/offres/${offerId}`);
    await page.getByRole('heading', { level: 2, name: 'Candidatures reçues' }).waitFor();
    const [zipDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Télécharger les CV (ZIP, 3 CV)' }).click()]);
    expect(zipDownload.suggestedFilename()).toMatch(/^cv-preparateur-de-commandes-h-f-.*\.zip$/);
    // A ZIP starts with a local file header.
    expect(readFileSync((await zipDownload.path())!).subarray(0, 4).toString('latin1')).toBe('PK\u0003\u0004');
    await checkPage(page, 'exports-offre');
    await page.context().close();
  });
});

describe('anti-CVs (issue #19, item 4)', () => {
  it('downloads the short list’s PDF from the offer page and one application’s from its page', async () => {
    // Starred by SQL: the star's own route is another item; its columns are on main (migration 0037).
    await sql(`UPDATE applications SET favourite_at = now(), favourite_by = $2 WHERE id = $1`, [applicationIds[1], cast.recruiter.id]);
    const page = await signedIn(cast.recruiter.email);
    await visit(page, `/recruteur/offres/${offerId}`);
    const favourites = page.getByRole('link', { name: 'Anti-CV des favoris (PDF, 1 favori)' });
    await favourites.waitFor();
    const [pdf] = await Promise.all([page.waitForEvent('download'), favourites.click()]);
    expect(pdf.suggestedFilename()).toBe('anti-cv-favoris-preparateur-de-commandes-h-f.pdf');
    expect(readFileSync((await pdf.path())!).subarray(0, 5).toString('latin1')).toBe('%PDF-');

    await visit(page, `/recruteur/candidatures/${applicationIds[1]}`);
    const one = page.getByRole('link', { name: 'Télécharger l’anti-CV (PDF)' });
    await one.waitFor();
    const [single] = await Promise.all([page.waitForEvent('download'), one.click()]);
    expect(single.suggestedFilename()).toBe('anti-cv-jules-export.pdf');
    expect(readFileSync((await single.path())!).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await checkPage(page, 'anti-cv-candidature');
    await page.context().close();
  });
});

describe('« Fil d’activité »', () => {
  it('on the recruiter’s dashboard: links to their pages with dates; « Voir plus » goes on where the focus is', async () => {
    const page = await signedIn(cast.recruiter.email);
    await visit(page, '/recruteur');
    const feed = page.locator('section.feed');
    await feed.getByRole('heading', { level: 2, name: 'Fil d’activité' }).waitFor();
    const links = feed.locator('.feed-list li > a');
    await expect.poll(() => links.count()).toBe(10);
    expect(await feed.locator('.feed-list li time').count()).toBe(10);
    expect(await links.first().textContent()).toMatch(/^Offre créée : Chargé de clientèle H\/F /);
    expect(await feed.getByRole('link', { name: /^Acceptée par le recruteur : Karim Export — Préparateur de commandes H\/F$/ }).getAttribute('href')).toMatch(/^\/recruteur\/candidatures\//);
    await checkPage(page, 'feed-recruteur');

    await feed.getByRole('button', { name: 'Voir plus' }).click();
    await expect.poll(() => links.count()).toBe(11);
    await expect.poll(() => links.nth(10).evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await feed.getByRole('button', { name: 'Voir plus' }).count()).toBe(0);
    expect(await feed.locator('#feed-count').textContent()).toBe('11 événements affichés sur 11');

    await links.nth(10).click();
    await page.waitForURL(/\/recruteur\/candidatures\/[0-9a-f-]+$/);
    await page.context().close();
  });

  it('on the référent’s and the candidate’s home pages', async () => {
    for (const [email, home, space] of [
      [cast.referent.email, '/referent', '/referent/candidatures/'],
      [cast.candidate.email, '/candidat', null],
    ] as const) {
      const page = await signedIn(email);
      await visit(page, home);
      const feed = page.locator('section.feed');
      await feed.getByRole('heading', { level: 2, name: 'Fil d’activité' }).waitFor();
      if (space) {
        // Their candidates' three applications: created, validated, accepted; no offer.
        await expect.poll(() => feed.locator('.feed-list li > a').count()).toBe(9);
        expect(await feed.locator('.feed-list li > a').first().getAttribute('href')).toContain(space);
      } else {
        // `candidate` has no application in this file's world: the feed says so.
        await feed.getByText('Rien de nouveau pour le moment.').waitFor();
      }
      await checkPage(page, `feed-${home.slice(1)}`);
      await page.context().close();
    }
  });
});
