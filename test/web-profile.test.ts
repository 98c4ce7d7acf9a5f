// The CVthèque profile in Chromium (issue #17, item 1): a candidate fills « Mon profil » by keyboard (a
// skill, an experience added, a place chosen in the commune picker with its radius, both consents
// given), a refusal shown under its field with the focus on it and nothing written, then saved and read
// back in PostgreSQL; their référent sees it on the candidate's page and withdraws a consent (never
// gives one); axe 0 serious/critical on each page; 320 px without sideways scrolling. Savoir-être: chosen
// by keyboard, each box read with its definition, a 6th refused next to the boxes.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROFILE_CONSENT_LABEL } from '../workflows/candidate-profile.js';
import { SOFT_SKILLS, SOFT_SKILLS_MAX, SOFT_SKILL_DEFINITION, SOFT_SKILL_LABEL, type SoftSkill } from '../workflows/soft-skills.js';
import { createUser, type Person } from './fixtures.js';
import { sql } from './support.js';
import { accessibleDescription, checkPage, expectNoSidewaysScroll, isFocused, launchBrowser, newPage, poll, signIn, tabTo, visit } from './web-support.js';

let browser: Browser;
let referent: Person;

beforeAll(async () => {
  browser = await launchBrowser({ keepScreenshots: true });
  referent = await createUser('REFERENT', { firstName: 'Rémi', lastName: 'Profil' });
});
afterAll(async () => {
  await browser?.close();
});

describe('candidate profile', () => {
  it('the candidate fills it by keyboard, a refusal under its field first; the référent reads it and withdraws a consent', { timeout: 120_000 }, async () => {
    const candidate = await createUser('CANDIDATE', { referentId: referent.id, firstName: 'Awa', lastName: 'Profil' });
    const { page, context } = await newPage(browser);
    await signIn(page, candidate.email);
    await page.goto('/candidat');
    await page.locator('main h1').first().waitFor();
    await tabTo(page, page.getByRole('navigation', { name: 'Espace candidat' }).getByRole('link', { name: 'Mon profil' }));
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Mon profil' }).waitFor();
    for (const heading of ['Présentation', 'Métiers recherchés', 'Compétences', 'Expériences', 'Diplômes', 'Langues', 'Permis', 'Souhaits', 'Lieux souhaités', 'Mes accords'])
      await page.getByRole('heading', { level: 2, name: heading }).waitFor();
    await checkPage(page, 'profil-vide');

    await tabTo(page, page.getByLabel('Titre du profil'));
    await page.keyboard.type('Vendeuse en boulangerie');
    // Métiers through the ROME list's picker, typed in the feminine.
    const metierSearch = page.getByLabel('Chercher un métier (au masculin ou au féminin)');
    for (const [typed, choice, chip] of [
      ['vendeuse en boulangerie', /^Vendeuse en boulangerie — Vente en alimentation/, 'Retirer Vente en alimentation'],
      ['caissière', /^Caissière — Personnel de caisse/, 'Retirer Personnel de caisse'],
    ] as const) {
      await tabTo(page, metierSearch, 120);
      await page.keyboard.press('Control+A');
      await page.keyboard.type(typed);
      const box = page.getByRole('checkbox', { name: choice });
      await box.waitFor();
      await tabTo(page, box, 10);
      await page.keyboard.press('Space');
      await page.getByRole('button', { name: chip }).waitFor();
    }
    await tabTo(page, page.getByLabel('Ajouter une compétence'));
    await page.keyboard.type('Encaissement');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Retirer la compétence Encaissement' }).waitFor();

    // An experience: « Ajouter » puts the focus in its first field; its legend says which.
    await tabTo(page, page.getByRole('button', { name: 'Ajouter une expérience' }));
    await page.keyboard.press('Enter');
    const experience = page.getByRole('group', { name: 'Expérience 1' });
    await experience.waitFor();
    await poll(() => isFocused(experience.getByLabel('Poste'))).toBe(true);
    await page.keyboard.type('Vendeuse');
    await tabTo(page, experience.getByLabel('Employeur (facultatif)'));
    await page.keyboard.type('Boulangerie du marché');

    // A place: the commune picker by keyboard, then its radius.
    await tabTo(page, page.getByRole('button', { name: 'Ajouter un lieu' }), 120);
    await page.keyboard.press('Enter');
    const place = page.getByRole('group', { name: 'Lieu souhaité 1' });
    const search = place.getByLabel('Commune du lieu 1 : nom ou code postal');
    await poll(() => isFocused(search)).toBe(true);
    await place.getByText('Tapez le début du nom de la commune ou son code postal.').waitFor();
    await page.keyboard.type('Villeurb');
    expect(await search.inputValue()).toBe('Villeurb');
    const villeurbanne = place.getByRole('radio', { name: /Villeurbanne/ });
    await villeurbanne.waitFor();
    await tabTo(page, villeurbanne, 5);
    await page.keyboard.press('Space');
    expect(await villeurbanne.isChecked()).toBe(true);
    await tabTo(page, place.getByLabel(/^Rayon autour de la commune du lieu 1/));
    await page.keyboard.press('Control+A');
    await page.keyboard.type('25');

    // Both consents, each its own checkbox with its exact text.
    for (const text of [PROFILE_CONSENT_LABEL.CVTHEQUE, PROFILE_CONSENT_LABEL.RQTH]) {
      const box = page.getByRole('checkbox', { name: text });
      await tabTo(page, box);
      await page.keyboard.press('Space');
      expect(await box.isChecked()).toBe(true);
    }

    // The experience has no start: refused under that field, which takes the focus; nothing written.
    await tabTo(page, page.getByRole('button', { name: 'Enregistrer le profil' }));
    await page.keyboard.press('Enter');
    const start = experience.getByLabel('Début (mois et année)');
    await poll(() => page.locator('#profile-experiences\\.0\\.start-error').textContent()).toMatch(/mois de début attendu/i);
    expect(await start.getAttribute('aria-invalid')).toBe('true');
    await poll(() => isFocused(start)).toBe(true);
    await checkPage(page, 'profil-refus');
    expect((await sql(`SELECT headline, cvtheque_visible_at FROM candidate_profiles WHERE user_id = $1`, [candidate.id]))[0]).toEqual({ headline: null, cvtheque_visible_at: null });

    // A month field: its value set as the control holds it (Chromium's month picker segments depend on the locale).
    await start.fill('2021-03');
    await tabTo(page, page.getByRole('button', { name: 'Enregistrer le profil' }), 120);
    await page.keyboard.press('Enter');
    await poll(() => page.locator('.announcement').textContent()).toBe('Profil enregistré. Il est visible dans la CVthèque.');
    const [row] = await sql(
      `SELECT headline, metiers, skills, experiences, cvtheque_visible_at IS NOT NULL AS cvtheque, rqth_shared_at IS NOT NULL AS rqth_shared FROM candidate_profiles WHERE user_id = $1`,
      [candidate.id],
    );
    expect(row).toEqual({
      headline: 'Vendeuse en boulangerie',
      metiers: ['D1106', 'D1505'],
      skills: ['Encaissement'],
      experiences: [{ title: 'Vendeuse', employer: 'Boulangerie du marché', start: '2021-03', end: null, description: null }],
      cvtheque: true,
      rqth_shared: true,
    });
    expect(await sql(`SELECT insee, radius_km FROM candidate_places WHERE candidate_id = $1`, [candidate.id])).toEqual([{ insee: '69266', radius_km: 25 }]);
    expect(await sql(`SELECT consent, granted FROM profile_consents WHERE candidate_id = $1 ORDER BY id`, [candidate.id])).toEqual([
      { consent: 'CVTHEQUE', granted: true },
      { consent: 'RQTH', granted: true },
    ]);
    await poll(() => page.locator('#profile-cvthequeVisible-hint').textContent()).toMatch(/^Accord donné le /);
    await poll(() => page.getByRole('list').filter({ hasText: 'accord donné par Awa Profil' }).count()).toBe(1);
    await checkPage(page, 'profil-enregistre');

    await page.setViewportSize({ width: 320, height: 800 });
    await visit(page, '/candidat/profil');
    await page.getByLabel('Titre du profil').waitFor();
    await expectNoSidewaysScroll(page, 'mon profil');
    await context.close();

    // The référent: the same profile on the candidate's page; may withdraw a consent, has none to give.
    const { page: referentPage, context: referentContext } = await newPage(browser);
    await signIn(referentPage, referent.email);
    await visit(referentPage, `/referent/candidats/${candidate.id}`);
    const section = referentPage.getByRole('region', { name: 'Profil de CVthèque' });
    await poll(() => section.getByLabel('Titre du profil').inputValue()).toBe('Vendeuse en boulangerie');
    const cvtheque = section.getByRole('checkbox', { name: /Visibilité dans la CVthèque : accord donné par la personne/ });
    expect(await cvtheque.isChecked()).toBe(true);
    await checkPage(referentPage, 'profil-referent');
    await cvtheque.uncheck();
    await section.getByRole('button', { name: 'Enregistrer le profil' }).click();
    await poll(async () => (await sql(`SELECT cvtheque_visible_at FROM candidate_profiles WHERE user_id = $1`, [candidate.id]))[0].cvtheque_visible_at).toBeNull();
    await poll(() => section.textContent()).toMatch(/Visibilité dans la CVthèque : accord non donné\. Seule la personne peut le donner/);
    expect(await section.getByRole('checkbox', { name: /Visibilité dans la CVthèque/ }).count()).toBe(0);
    expect(await sql(`SELECT consent, granted, recorded_by FROM profile_consents WHERE candidate_id = $1 ORDER BY id DESC LIMIT 1`, [candidate.id])).toEqual([
      { consent: 'CVTHEQUE', granted: false, recorded_by: referent.id },
    ]);
    await checkPage(referentPage, 'profil-referent-retrait');
    await referentPage.setViewportSize({ width: 320, height: 800 });
    await expectNoSidewaysScroll(referentPage, 'profil sur la fiche du candidat');
    await referentContext.close();
  });
});

describe('savoir-être on the profile', () => {
  it('chosen by keyboard, each box read with its definition, a 6th refused next to the boxes; saved in the list’s order; axe; 320 px', { timeout: 120_000 }, async () => {
    const candidate = await createUser('CANDIDATE', { referentId: referent.id, firstName: 'Lina', lastName: 'Savoir' });
    const { page, context } = await newPage(browser);
    await signIn(page, candidate.email);
    await visit(page, '/candidat/profil');
    await page.getByRole('heading', { level: 2, name: 'Savoir-être' }).waitFor();
    const group = page.getByRole('group', { name: `Mes savoir-être (${SOFT_SKILLS_MAX} au plus)` });
    await group.waitFor();
    // Every box: its label as name, its definition as description (what a screen reader says after it).
    for (const code of SOFT_SKILLS) {
      await group.getByRole('checkbox', { name: SOFT_SKILL_LABEL[code], exact: true }).waitFor();
      expect(await accessibleDescription(page, `#profile-softSkills-${code}`)).toBe(SOFT_SKILL_DEFINITION[code]);
    }
    await group.getByText(SOFT_SKILL_DEFINITION.TEAMWORK).waitFor();

    // Five chosen with Tab and Space, not in the list's order; the focus ring is drawn.
    const box = (code: SoftSkill) => group.getByRole('checkbox', { name: SOFT_SKILL_LABEL[code], exact: true });
    for (const code of ['TEAMWORK', 'RIGOUR', 'AUTONOMY', 'PERSEVERANCE', 'COMMUNICATION'] as const) {
      await tabTo(page, box(code), 160);
      expect(await box(code).evaluate((el) => getComputedStyle(el).outlineStyle)).toBe('solid');
      await page.keyboard.press('Space');
      expect(await box(code).isChecked()).toBe(true);
    }
    await group.getByText('5 choisis sur 5.').waitFor();

    // The 6th: refused where it is made, said next to the boxes and read out; the focus stays; the box stays reachable.
    await tabTo(page, box('CURIOSITY'), 200);
    await page.keyboard.press('Space');
    const refusal = '5 savoir-être au plus : décochez-en un pour choisir « Curiosité ».';
    await poll(() => page.locator('#profile-softSkills-limit').textContent()).toBe(refusal);
    await poll(() => page.locator('.announcement').textContent()).toBe(refusal);
    expect(await box('CURIOSITY').isChecked()).toBe(false);
    expect(await isFocused(box('CURIOSITY'))).toBe(true);
    expect(await accessibleDescription(page, 'fieldset[aria-describedby~="profile-softSkills-limit"]')).toContain(refusal);
    await checkPage(page, 'savoir-etre-refus');

    // One unticked, then the 6th fits; the refusal is gone.
    await tabTo(page, box('PERSEVERANCE'), 200);
    await page.keyboard.press('Space');
    await tabTo(page, box('CURIOSITY'), 200);
    await page.keyboard.press('Space');
    expect(await box('CURIOSITY').isChecked()).toBe(true);
    await poll(() => page.locator('#profile-softSkills-limit').textContent()).toBe('');

    await tabTo(page, page.getByRole('button', { name: 'Enregistrer le profil' }), 160);
    await page.keyboard.press('Enter');
    await poll(() => page.locator('.announcement').textContent()).toMatch(/^Profil enregistré\./);
    expect((await sql(`SELECT soft_skills FROM candidate_profiles WHERE user_id = $1`, [candidate.id]))[0].soft_skills).toEqual([
      'AUTONOMY',
      'CURIOSITY',
      'RIGOUR',
      'COMMUNICATION',
      'TEAMWORK',
    ]);

    // Read back after a reload, at 320 px: the boxes ticked, the definitions under them, no sideways scroll.
    await page.setViewportSize({ width: 320, height: 800 });
    await page.reload();
    await group.waitFor();
    await poll(() => box('CURIOSITY').isChecked()).toBe(true);
    expect(await box('PERSEVERANCE').isChecked()).toBe(false);
    await expectNoSidewaysScroll(page, 'savoir-être à 320 px');
    await checkPage(page, 'savoir-etre-320');
    await context.close();

    // The référent reads the same choices on the candidate's page (« Ses savoir-être »).
    const { page: referentPage, context: referentContext } = await newPage(browser);
    await signIn(referentPage, referent.email);
    await visit(referentPage, `/referent/candidats/${candidate.id}`);
    const theirs = referentPage.getByRole('group', { name: `Ses savoir-être (${SOFT_SKILLS_MAX} au plus)` });
    await poll(() => theirs.getByRole('checkbox', { name: 'Curiosité', exact: true }).isChecked()).toBe(true);
    await referentContext.close();
  });
});
