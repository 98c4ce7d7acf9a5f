// Every link of every mail, opened in Chromium by the person who received it. The real flows make each
// kind of mail — application notices to the candidate, the référent, the recruiters and the mission
// officer (an escalation on short timers), offer moderation (to the admins, then the recruiters), a
// sponsorship request and its acceptance, a company's registration (confirmation link, the admins'
// back-office link, the founder's « verified »), a colleague's invitation, a candidate account made by
// a référent, a sign-up attempt on a taken address — then every address in each mail is opened: signed
// out, through the login page and back to the page the link names (never the home page), then signed
// in, straight there (a published offer is public: signed out, its public page, then « Se connecter »);
// the page's heading names the entity. People the entity is not theirs get
// « introuvable ou pas accessible » with a way back; the login page never sends anyone off the site.
// axe-core on each kind of page. Screenshots: test-results/web/.
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { CaughtMail } from '../scripts/services/mail-catcher.js';
import type { Role } from '../workflows/actors.js';
import { PASSWORD, act, confirm, linksOf, mailbox, mailsTo, outboxDrained, reach, register, registration, startApplication, uniqueEmail, type Process } from './drivers.js';
import { createCast, createUser, inDays, type Cast } from './fixtures.js';
import { ApiClient, eventually, platformConfig } from './support.js';
import { checkPage, launchBrowser, newPage } from './web-support.js';
import { de } from '../workflows/glossary.js';

const tag = randomUUID().slice(0, 6);
let browser: Browser;
let cast: Cast;

/** Everyone this file mails: how they sign in, and who they are. */
interface Reader {
  email: string;
  password: string;
  role: Role;
  /** A temporary password: the app asks for a new one first. */
  temporary?: boolean;
}
const readers = new Map<string, Reader>();
const know = (email: string, role: Role, password = inject('demoPassword'), temporary = false) => readers.set(email.toLowerCase(), { email, password, role, temporary });

/** What each entity's page must show, whoever reads it. */
const entities = new Map<string, { process: Process; candidateName?: string; offerTitle?: string; companyName?: string }>();
let founderCompany = '';
let candidateAccountEmail = '';
let colleagueEmail = '';

const SPACE: Record<Role, string> = { CANDIDATE: '/candidat', RECRUITER: '/recruteur', REFERENT: '/referent', MISSION_OFFICER: '/referent', ADMIN: '/administration' };
const SEGMENT: Record<string, Process> = { candidatures: 'application', offres: 'offer', parrainages: 'sponsorship' };
const HOME_HEADING: Record<Role, string> = { CANDIDATE: 'Mes candidatures', RECRUITER: 'Tableau de bord', REFERENT: 'Candidatures à valider', MISSION_OFFICER: 'Candidatures à valider', ADMIN: 'Administration' };

/** The page a mail's entity link opens for this reader, and the heading that names the entity there. */
function expectedPage(reader: Reader, segment: string, id: string): { path: string; heading: string } {
  const entity = entities.get(id);
  if (!entity) throw new Error(`a link to an entity this file did not make: /${segment}/${id}`);
  const path = `${SPACE[reader.role]}/${segment}/${id}`;
  switch (entity.process) {
    case 'application':
      return { path, heading: reader.role === 'CANDIDATE' ? `Candidature : ${entity.offerTitle}` : `Candidature ${de(entity.candidateName!)}` };
    case 'offer':
      return { path, heading: entity.offerTitle! };
    case 'sponsorship':
      return { path, heading: reader.role === 'CANDIDATE' ? `Parrainage : ${entity.companyName}` : `Demande de parrainage ${de(entity.candidateName!)}` };
    default:
      throw new Error(`no page for ${entity.process}`);
  }
}

const h1 = (page: Page) => page.locator('main h1').first();
const pathOf = (page: Page) => new URL(page.url()).pathname;
const local = (link: string) => {
  const url = new URL(link);
  return url.pathname + url.search;
};

/** Types the reader's credentials in the login page shown now, and sends them. */
async function typeCredentials(page: Page, reader: Reader) {
  await page.getByLabel('Adresse e-mail').fill(reader.email);
  await page.getByLabel('Mot de passe').fill(reader.password);
  await page.getByLabel('Mot de passe').press('Enter');
}

const checked = new Set<string>();
/** axe once per kind of page (role × page), with a screenshot. */
async function checkOnce(page: Page, kind: string) {
  if (checked.has(kind)) return;
  checked.add(kind);
  await checkPage(page, `lien-${kind}`);
}

/**
 * A link to an application, an offer or a sponsorship request: signed out, the login page (which
 * knows where to come back), then the entity's page in the reader's space; signed in, straight there.
 */
async function openEntityLink(reader: Reader, link: string) {
  const [, segment, id] = new URL(link).pathname.split('/');
  const want = expectedPage(reader, segment!, id!);
  const { context, page } = await newPage(browser);
  try {
    await page.goto(local(link));
    if (segment === 'offres' && (await fetch(`${platformConfig().PUBLIC_URL}/api/public/offers/${id}`)).status === 200) {
      // A published offer is public: its page, whose « Se connecter » comes back to it.
      await expect.poll(() => h1(page).textContent(), { timeout: 15_000 }).toBe(want.heading);
      await page.getByRole('navigation', { name: 'Tremplin' }).getByRole('link', { name: 'Se connecter' }).click();
    }
    await page.getByRole('heading', { level: 1, name: 'Connexion' }).waitFor();
    expect(pathOf(page), `${reader.email} signed out, ${link}`).toBe('/connexion');
    expect(new URL(page.url()).searchParams.get('retour')).toBe(local(link));
    await typeCredentials(page, reader);
    await expect.poll(() => h1(page).textContent(), { timeout: 15_000, message: `${reader.role} ${reader.email} after sign-in from ${link}` }).toBe(want.heading);
    expect(pathOf(page)).toBe(want.path);
    await checkOnce(page, `${reader.role}-${segment}`);

    await page.goto(local(link));
    await expect.poll(() => h1(page).textContent(), { timeout: 15_000, message: `${reader.role} ${reader.email} signed in, ${link}` }).toBe(want.heading);
    expect(pathOf(page)).toBe(want.path);
  } finally {
    await context.close();
  }
}

/** A link to the app's front door (`/`, `/connexion`): the login page, then the reader's home (or the new password first). */
async function openSignInLink(reader: Reader, link: string) {
  const home = reader.temporary ? 'Choisir mon mot de passe' : HOME_HEADING[reader.role];
  const { context, page } = await newPage(browser);
  try {
    await page.goto(local(link));
    await page.getByRole('heading', { level: 1, name: 'Connexion' }).waitFor();
    await typeCredentials(page, reader);
    await expect.poll(() => h1(page).textContent(), { timeout: 15_000, message: `${reader.email} after sign-in from ${link}` }).toBe(home);
    expect(pathOf(page).startsWith(SPACE[reader.role])).toBe(true);
    await page.goto(local(link));
    await expect.poll(() => h1(page).textContent(), { timeout: 15_000, message: `${reader.email} signed in, ${link}` }).toBe(home);
  } finally {
    await context.close();
  }
}

/** The link confirming a registrant's address (used once already by the flow): its page says so. */
async function openConfirmationLink(link: string) {
  const { context, page } = await newPage(browser);
  try {
    const response = await page.goto(local(link));
    expect(response?.status()).toBe(200);
    expect(await page.locator('h1').textContent()).toBe('Adresse e-mail déjà confirmée');
    await checkOnce(page, 'confirmation');
  } finally {
    await context.close();
  }
}

/** The admins' link to a company in the back office: its login page signed out, the company's record signed in. */
async function openBackOfficeLink(reader: Reader, link: string) {
  expect(reader.role).toBe('ADMIN');
  const { context, page } = await newPage(browser);
  try {
    await page.goto(local(link));
    await expect.poll(() => page.url()).toContain('/admin/login');
    await page.getByLabel('Adresse e-mail').fill(reader.email);
    await page.getByLabel('Mot de passe').fill(reader.password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByTestId('dashboard').waitFor();
    await page.goto(local(link));
    await page.getByText(founderCompany).first().waitFor();
    expect(pathOf(page)).toBe(new URL(link).pathname);
  } finally {
    await context.close();
  }
}

/** Each mail of `mails` read by its recipient, every link of it opened; returns the link kinds met. */
async function openEveryLink(mails: CaughtMail[]): Promise<Set<string>> {
  const publicUrl = platformConfig().PUBLIC_URL;
  const jitsi = platformConfig().JITSI_BASE_URL;
  const kinds = new Set<string>();
  const opened = new Set<string>();
  for (const mail of mails) {
    const reader = mail.envelopeTo.map((to) => readers.get(to.toLowerCase())).find(Boolean);
    if (!reader) throw new Error(`a mail to nobody this file knows: ${mail.envelopeTo.join(', ')} « ${mail.subject} »`);
    const links = linksOf(mail);
    expect(links.length, `« ${mail.subject} » to ${reader.email} has a link`).toBeGreaterThan(0);
    for (const link of links) {
      const key = `${reader.email} ${link}`;
      if (opened.has(key)) continue;
      opened.add(key);
      if (link.startsWith(`${jitsi}/`)) {
        // The interview's room, on the Jitsi deployment: not this site (no internet in tests).
        kinds.add('visio');
        continue;
      }
      expect(link.startsWith(`${publicUrl}/`), `${link} in « ${mail.subject} »`).toBe(true);
      const path = new URL(link).pathname;
      const segment = path.split('/')[1]!;
      if (SEGMENT[segment]) {
        kinds.add(segment);
        await openEntityLink(reader, link);
      } else if (path === '/' || path === '/connexion') {
        kinds.add('connexion');
        await openSignInLink(reader, link);
      } else if (path === '/api/auth/confirm-email') {
        kinds.add('confirmation');
        await openConfirmationLink(link);
      } else if (path.startsWith('/admin/')) {
        kinds.add('back-office');
        await openBackOfficeLink(reader, link);
      } else {
        throw new Error(`a kind of link this test does not know: ${link} in « ${mail.subject} »`);
      }
    }
  }
  return kinds;
}

async function mailsFor(emails: string[]): Promise<CaughtMail[]> {
  const all = await mailbox();
  return (await Promise.all(emails.map((email) => mailsTo(email, undefined, all)))).flat();
}

beforeAll(async () => {
  browser = await launchBrowser();
  cast = await createCast();
  know(cast.candidate.email, 'CANDIDATE');
  for (const [person, role] of [
    [cast.referent, 'REFERENT'],
    [cast.missionOfficer, 'MISSION_OFFICER'],
    [cast.recruiter, 'RECRUITER'],
    [cast.colleague, 'RECRUITER'],
    [cast.admin, 'ADMIN'],
    [cast.otherReferent, 'REFERENT'],
    [cast.otherRecruiter, 'RECRUITER'],
    [cast.otherCandidate, 'CANDIDATE'],
  ] as const) {
    know(person.email, role);
  }
});

afterAll(async () => {
  await browser?.close();
});

describe('links in the mails of an application', () => {
  const video = { id: '', candidate: '' };
  const escalated = { id: '', candidate: '' };

  beforeAll(async () => {
    const offerTitle = 'Technicien de maintenance H/F';
    // An application taken to a video interview the candidate confirms: the candidate, the référent and the recruiters are told.
    const maelle = await createUser('CANDIDATE', { referentId: cast.referent.id, firstName: 'Maëlle', lastName: `Lien-${tag}` });
    know(maelle.email, 'CANDIDATE');
    const application = await reach('application', 'ACCEPTED', cast, { candidate: maelle });
    await act('application', cast.recruiter, application.id, { action: 'propose_interview', startsAt: inDays(3), durationMinutes: 45, mode: 'VIDEO', message: 'Entretien en visio.' }, 'INTERVIEW_PROPOSED');
    await act('application', maelle, application.id, { action: 'confirm_interview' }, 'INTERVIEW_PROPOSED');
    entities.set(application.id, { process: 'application', candidateName: `Maëlle Lien-${tag}`, offerTitle });
    Object.assign(video, { id: application.id, candidate: maelle.email });

    // One left waiting for the référent until it reaches their mission officer (seconds, not days).
    const ilyes = await createUser('CANDIDATE', { referentId: cast.referent.id, firstName: 'Ilyes', lastName: `Relance-${tag}` });
    know(ilyes.email, 'CANDIDATE');
    const started = await startApplication(cast, { candidate: ilyes, timers: { referentReminderMs: 1_000, referentEscalationMs: 2_000 } });
    entities.set(started.id, { process: 'application', candidateName: `Ilyes Relance-${tag}`, offerTitle });
    Object.assign(escalated, { id: started.id, candidate: ilyes.email });

    await outboxDrained(application.workflowId);
    await eventually(async () => (await mailsTo(cast.missionOfficer.email)).some((m) => m.text.includes(`/candidatures/${started.id}`)), 30_000, 'the escalation to the mission officer');
    await outboxDrained(started.workflowId);
  });

  it('opens each one as its reader — candidate, référent, recruiters, mission officer — signed out and signed in', async () => {
    const mails = (await mailsFor([video.candidate, escalated.candidate, cast.referent.email, cast.recruiter.email, cast.colleague.email, cast.missionOfficer.email])).filter(
      (m) => m.text.includes(`/candidatures/${video.id}`) || m.text.includes(`/candidatures/${escalated.id}`),
    );
    const roles = new Set(mails.flatMap((m) => m.envelopeTo.map((to) => readers.get(to.toLowerCase())?.role)));
    expect([...roles].sort()).toEqual(['CANDIDATE', 'MISSION_OFFICER', 'RECRUITER', 'REFERENT']);
    const kinds = await openEveryLink(mails);
    expect([...kinds].sort()).toEqual(['candidatures', 'visio']);
  }, 300_000);

  it('tells someone the application is not theirs: « introuvable ou pas accessible », and the way back', async () => {
    for (const email of [cast.otherReferent.email, cast.otherRecruiter.email, cast.otherCandidate.email]) {
      const reader = readers.get(email.toLowerCase())!;
      const { context, page } = await newPage(browser);
      await page.goto(`/candidatures/${video.id}`);
      await typeCredentials(page, reader);
      await expect.poll(() => h1(page).textContent(), { timeout: 15_000 }).toBe('Candidature introuvable ou pas accessible');
      expect(pathOf(page)).toBe(`${SPACE[reader.role]}/candidatures/${video.id}`);
      await checkOnce(page, `introuvable-${reader.role}`);
      await page.getByRole('link', { name: /← / }).first().click();
      await expect.poll(() => pathOf(page)).not.toContain(video.id);
      await context.close();
    }
  }, 120_000);
});

describe('links in the mails of an offer and of a sponsorship request', () => {
  let offerId = '';
  let sponsorshipId = '';
  beforeAll(async () => {
    const offer = await reach('offer', 'PUBLISHED', cast);
    offerId = offer.id;
    const title = (await (await cast.recruiter.client()).get(`/api/offers/${offer.id}`)).body.title as string;
    entities.set(offer.id, { process: 'offer', offerTitle: title });

    const sacha = await createUser('CANDIDATE', { referentId: cast.referent.id, firstName: 'Sacha', lastName: `Parrainage-${tag}` });
    know(sacha.email, 'CANDIDATE');
    const sponsorship = await reach('sponsorship', 'ACCEPTED', cast, { candidate: sacha });
    sponsorshipId = sponsorship.id;
    entities.set(sponsorship.id, { process: 'sponsorship', candidateName: `Sacha Parrainage-${tag}`, companyName: 'Entreprise A' });
    await outboxDrained(offer.workflowId);
    await outboxDrained(sponsorship.workflowId);
  });

  it('offer: the admins (to moderate) and the recruiters (published) reach their own offer page', async () => {
    const mails = (await mailsFor([cast.admin.email, cast.recruiter.email, cast.colleague.email])).filter((m) => m.text.includes(`/offres/${offerId}`));
    expect(new Set(mails.flatMap((m) => m.envelopeTo.map((to) => readers.get(to.toLowerCase())?.role)))).toEqual(new Set(['ADMIN', 'RECRUITER']));
    expect([...(await openEveryLink(mails))]).toEqual(['offres']);
  }, 240_000);

  it('sponsorship: the candidate, the référent and the recruiters reach the request', async () => {
    const mails = (await mailbox()).filter((m) => m.text.includes(`/parrainages/${sponsorshipId}`));
    expect(new Set(mails.flatMap((m) => m.envelopeTo.map((to) => readers.get(to.toLowerCase())?.role)))).toEqual(new Set(['CANDIDATE', 'REFERENT', 'RECRUITER']));
    expect([...(await openEveryLink(mails))]).toEqual(['parrainages']);
  }, 240_000);

  it('a recruiter of another company, a référent who does not follow the candidate: « introuvable ou pas accessible »', async () => {
    for (const email of [cast.otherRecruiter.email, cast.otherReferent.email]) {
      const reader = readers.get(email.toLowerCase())!;
      const { context, page } = await newPage(browser);
      await page.goto(`/parrainages/${sponsorshipId}`);
      await typeCredentials(page, reader);
      await expect.poll(() => h1(page).textContent(), { timeout: 15_000 }).toBe('Demande de parrainage introuvable ou pas accessible');
      await checkOnce(page, `parrainage-introuvable-${reader.role}`);
      await context.close();
    }
  }, 120_000);
});

describe('links in the mails of a company, an invitation and an account', () => {
  const sent: string[] = [];
  beforeAll(async () => {
    founderCompany = `Menuiserie ${tag}`;
    const founder = await register(registration({ company: { name: founderCompany } }));
    know(founder.email, 'RECRUITER', PASSWORD);
    await confirm(founder.email);
    await act('company', cast.admin, founder.companyId, { action: 'verify' }, 'VERIFIED');
    await outboxDrained(founder.workflowId);

    colleagueEmail = uniqueEmail('collegue');
    const invited = await (await ApiClient.login(founder.email, PASSWORD)).post('/api/company/colleagues', { firstName: 'Lina', lastName: `Invitée-${tag}`, email: colleagueEmail, jobTitle: 'Chargée de recrutement' });
    expect(invited.status, JSON.stringify(invited.body)).toBe(201);

    candidateAccountEmail = uniqueEmail('nouveau-candidat');
    const account = await (await cast.referent.client()).post('/api/referent/candidates', { firstName: 'Noé', lastName: `Compte-${tag}`, email: candidateAccountEmail, rqth: true });
    expect(account.status, JSON.stringify(account.body)).toBe(201);

    // Someone signs up with an address that has an account: its owner is told, with the sign-in link.
    const attempt = await new ApiClient().post('/api/auth/register-recruiter', registration({ user: { email: cast.otherRecruiter.email } }));
    expect(attempt.status, JSON.stringify(attempt.body)).toBe(202);

    const temporaryPassword = async (email: string) =>
      eventually(async () => /Mot de passe provisoire\s*:\s*(\S+)/.exec((await mailsTo(email)).at(0)?.text ?? '')?.[1], 30_000, `the temporary password of ${email}`);
    know(colleagueEmail, 'RECRUITER', await temporaryPassword(colleagueEmail), true);
    know(candidateAccountEmail, 'CANDIDATE', await temporaryPassword(candidateAccountEmail), true);
    await eventually(async () => (await mailsTo(cast.otherRecruiter.email)).length > 0, 30_000, 'the sign-up attempt mail');
    sent.push(founder.email, colleagueEmail, candidateAccountEmail, cast.otherRecruiter.email);
  });

  it('confirmation, the admins’ back-office link, « verified », the invitations, the sign-up attempt: each opens its page', async () => {
    const companyMails = (await mailsTo(cast.admin.email)).filter((m) => m.text.includes('/admin/resources/companies/'));
    expect(companyMails.length).toBeGreaterThan(0);
    const mails = [...(await mailsFor(sent)), ...companyMails];
    const kinds = await openEveryLink(mails);
    expect([...kinds].sort()).toEqual(['back-office', 'confirmation', 'connexion']);
  }, 240_000);
});

describe('the way back after sign-in', () => {
  it('goes only to a page of this site: another site, a protocol-relative or backslashed address, a script, the API land on the home page', async () => {
    const reader = readers.get(cast.recruiter.email.toLowerCase())!;
    for (const retour of ['https://evil.example/', '//evil.example/', '/\\evil.example', 'javascript:alert(1)', '/api/me', '/admin']) {
      const { context, page } = await newPage(browser);
      await page.goto(`/connexion?retour=${encodeURIComponent(retour)}`);
      await typeCredentials(page, reader);
      await expect.poll(() => h1(page).textContent(), { timeout: 15_000, message: retour }).toBe('Tableau de bord');
      expect(new URL(page.url()).origin, retour).toBe(new URL(inject('apiUrl')).origin);
      expect(pathOf(page), retour).toBe('/recruteur');
      await context.close();
    }
  }, 120_000);

  it('after the session is lost on a page, signing in again comes back to it', async () => {
    const reader = readers.get(cast.recruiter.email.toLowerCase())!;
    const { context, page } = await newPage(browser);
    await page.goto('/recruteur/offres');
    await typeCredentials(page, reader);
    await expect.poll(() => h1(page).textContent(), { timeout: 15_000 }).toBe('Mes offres');
    // No answer still on its way to set the session cookie again once it is gone.
    await page.locator('.loading').first().waitFor({ state: 'detached' });
    await page.waitForLoadState('networkidle');
    await context.clearCookies();
    await page.goto('/recruteur/collegues?page=1');
    await page.getByRole('heading', { level: 1, name: 'Connexion' }).waitFor();
    await typeCredentials(page, reader);
    await expect.poll(() => h1(page).textContent(), { timeout: 15_000 }).toBe('Collègues');
    expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe('/recruteur/collegues?page=1');
    await context.close();
  }, 60_000);
});
