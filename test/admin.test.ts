// The back office (AdminJS at /admin) through its HTTP routes, on the real servers of the harness: only
// ADMIN accounts sign in (rate-limited, secure cookie); the console loads nothing from outside; the
// verify / reject and publish / refuse actions move the workflows (asserted on the workflow's own
// state and on the mails) and show the workflow's refusal in states that do not allow them; statuses
// cannot be set by hand; accounts are created, disabled and re-enabled; the dashboard lists what waits.
import { noticeQueueWorkflowId } from '../workflows/notice-queue.js';
import { randomBytes, randomUUID } from 'node:crypto';
import AdminJS from 'adminjs';
import { afterAll, beforeAll, describe, expect, inject, it, onTestFailed } from 'vitest';
import { createComponentLoader, ensureAdminBundle } from '../admin/bundle.js';
import { startMailCatcher, type MailCatcherHandle } from '../scripts/services/mail-catcher.js';
import { PASSWORD, act, confirm, mailsTo, register, registration, rowOf, snapshotOf, startApplication, uniqueEmail } from './drivers.js';
import { createCast, createUser, validSiren } from './fixtures.js';
import { ADMIN_COOKIE, AdminSession, type Answer } from './admin-support.js';
import { ApiClient, DEMO, eventually, killWorker, spawnWorker, sql, temporalClient, type SpawnedWorker } from './support.js';

const actionsOf = (answer: Answer) => (answer.body.record.recordActions as Array<{ name: string }>).map((a) => a.name);

/** A recruiter registers a company through the API; with `confirmed`, they click the link of their mail. */
async function registerCompany(confirmed: boolean, name = `Scierie ${randomUUID().slice(0, 6)}`) {
  const registered = await register(
    registration({
      company: { name, address: '1 rue du Bois', postalCode: '38000', city: 'Grenoble' },
      user: { firstName: 'Paul', lastName: 'Fondateur', jobTitle: 'Gérant', phone: '04 76 00 00 00', email: uniqueEmail('fondateur') },
    }),
  );
  if (confirmed) await confirm(registered.email);
  return { ...registered, name };
}

async function companyStatus(id: string): Promise<string> {
  return (await sql<{ status: string }>('SELECT status FROM companies WHERE id = $1', [id]))[0]!.status;
}

async function mailTo(email: string, subject: RegExp) {
  return eventually(async () => (await mailsTo(email, subject))[0], 20_000, `mail ${subject} to ${email}`);
}

/** A draft offer of the demo company, created by its recruiter through the API; `submitted` sends it to moderation. */
async function demoOffer(submitted: boolean, title = `Agent de maintenance H/F ${randomUUID().slice(0, 6)}`) {
  const recruiter = await ApiClient.login(DEMO.recruiter);
  const created = await recruiter.post('/api/offers', {
    title,
    contractType: 'CDI',
    postalCode: '69002',
    city: 'Lyon',
    description: 'Entretien des bâtiments et des équipements. Poste ouvert à toutes et à tous, aménageable.',
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const id = created.body.id as string;
  if (submitted) {
    await act('offer', recruiter, id, { action: 'submit' }, 'PENDING_MODERATION');
  }
  return { id, title };
}

let admin: AdminSession;
beforeAll(async () => {
  admin = await AdminSession.as(DEMO.admin);
});

describe('signing in to the back office', () => {
  it('lets the demo admin in, with an HttpOnly SameSite=Lax session cookie', async () => {
    const session = new AdminSession();
    const page = await session.get('/admin/login');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<html lang=fr>');
    const login = await session.login(DEMO.admin, inject('demoPassword'));
    expect(login.status).toBe(302);
    expect(login.headers.get('location')).toBe('/admin');
    const cookie = login.headers.getSetCookie().find((c) => c.startsWith(`${ADMIN_COOKIE}=`))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/i); // PUBLIC_URL is http:// in tests; https:// makes it Secure
    const home = await session.get('/admin');
    expect(home.status).toBe(200);
    expect(home.text).toContain('<title>Tremplin back-office</title>');
    const list = await session.get('/admin/api/resources/companies/actions/list');
    expect(list.status).toBe(200);
    expect(list.body.records.length).toBeGreaterThan(0);
  });

  it('refuses the recruiter, the référent, the mission officer and the candidate, with their right password', async () => {
    for (const email of [DEMO.recruiter, DEMO.referent, DEMO.missionOfficer, DEMO.candidate]) {
      const session = new AdminSession();
      const login = await session.login(email, inject('demoPassword'));
      expect(login.status, email).toBe(400);
      expect(login.text, email).toContain('réservé aux administrateurs de la plateforme');
      const home = await session.get('/admin');
      expect(home.status, email).toBe(302);
      expect(home.headers.get('location')).toBe('/admin/login');
      const api = await session.get('/admin/api/resources/users/actions/list');
      expect(api.status, email).toBe(302);
    }
  });

  it('refuses a wrong password without saying whether the account exists', async () => {
    const wrong = await new AdminSession().login(DEMO.admin, 'Pas-le-bon-mot-de-passe-1!');
    const unknown = await new AdminSession().login('personne@admin.test', 'Pas-le-bon-mot-de-passe-1!');
    for (const answer of [wrong, unknown]) {
      expect(answer.status).toBe(400);
      expect(answer.text).toContain('E-mail ou mot de passe incorrect.');
    }
  });

  it('limits failed attempts per address and source: the 7th answers 429, the real admin still gets in', async () => {
    const target = uniqueEmail('cible');
    for (let i = 0; i < 6; i++) expect((await new AdminSession().login(target, `Essai-${i}-Mauvais!x`)).status).toBe(400);
    const limited = await new AdminSession().login(target, 'Essai-7-Mauvais!x');
    expect(limited.status).toBe(429);
    expect(limited.text).toContain('Trop de tentatives de connexion');
    await AdminSession.as(DEMO.admin);
  });

  it('ends the session of an admin whose account is disabled, and refuses their next login', async () => {
    const other = await createUser('ADMIN');
    const session = await AdminSession.as(other.email);
    expect((await session.get('/admin/api/resources/users/actions/list')).status).toBe(200);
    const disabled = await admin.act('users', other.id, 'disable');
    expect(disabled.body.notice).toMatchObject({ type: 'success' });
    expect((await session.get('/admin/api/resources/users/actions/list')).status).toBe(302);
    const again = await new AdminSession().login(other.email, inject('demoPassword'));
    expect(again.status).toBe(400);
    expect(again.text).toContain('Ce compte est désactivé.');
  });

  it('refuses a state-changing request sent from another site', async () => {
    const response = await fetch(`${inject('apiUrl')}/admin/api/resources/users/records/${randomUUID()}/disable`, {
      method: 'POST',
      headers: { cookie: admin.cookie, origin: 'https://malveillant.example', 'content-type': 'application/json' },
      body: '{}',
    });
    expect(response.status).toBe(403);
  });
});

describe('one sign-in for the platform and its back office', () => {
  /** GET with the platform's session cookie (and the back office's, once given): where it leads. */
  const withWebSession = async (apiCookie: string, path: string, adminCookie = '') => {
    const response = await fetch(`${inject('apiUrl')}${path}`, { headers: { cookie: [apiCookie, adminCookie].filter(Boolean).join('; ') }, redirect: 'manual' });
    const set = response.headers.getSetCookie().find((c) => c.startsWith(`${ADMIN_COOKIE}=`));
    const text = await response.text();
    return { status: response.status, location: response.headers.get('location'), adminCookie: set?.split(';')[0] ?? adminCookie, text };
  };

  it('opens the back office to an admin signed in on the platform, without a second sign-in; signing out there ends it', async () => {
    const other = await createUser('ADMIN');
    const web = await ApiClient.login(other.email);
    const apiCookie = web.cookie;
    const home = await withWebSession(apiCookie, '/admin');
    expect(home.status).toBe(200);
    expect(home.adminCookie).toMatch(new RegExp(`^${ADMIN_COOKIE}=`));
    // The platform's session id stays in its cookie: never in the page's state.
    const webSid = decodeURIComponent(web.cookie.split('=')[1]!).slice(2).split('.')[0]!;
    expect(home.text).toContain('window.REDUX_STATE');
    expect(home.text).not.toContain(webSid);
    const list = await withWebSession(apiCookie, '/admin/api/resources/companies/actions/list', home.adminCookie);
    expect(list.status).toBe(200);
    // The login page is the dashboard for somebody signed in.
    expect((await withWebSession(apiCookie, '/admin/login', home.adminCookie)).location).toBe('/admin');
    // Signed out of the platform: the back office's session opened from it ends too.
    expect((await web.post('/api/auth/logout', {})).status).toBe(204);
    const after = await withWebSession('', '/admin/api/resources/companies/actions/list', home.adminCookie);
    expect(after.status).toBe(302);
    expect(after.location).toBe('/admin/login');
  });

  it('opens nothing to the other roles, nor to a request that changes something', async () => {
    for (const email of [DEMO.recruiter, DEMO.referent, DEMO.missionOfficer, DEMO.candidate]) {
      const apiCookie = (await ApiClient.login(email)).cookie;
      const home = await withWebSession(apiCookie, '/admin/api/resources/users/actions/list');
      expect(home.status, email).toBe(302);
      expect(home.location, email).toBe('/admin/login');
    }
    const other = await createUser('ADMIN');
    const apiCookie = (await ApiClient.login(other.email)).cookie;
    const candidate = await createUser('CANDIDATE');
    const post = await fetch(`${inject('apiUrl')}/admin/api/resources/users/records/${candidate.id}/disable`, {
      method: 'POST',
      headers: { cookie: apiCookie, 'content-type': 'application/json' },
      body: '{}',
      redirect: 'manual',
    });
    expect(post.status).toBe(302);
    expect((await sql('SELECT disabled_at FROM users WHERE id = $1', [candidate.id]))[0]!.disabled_at).toBeNull();
  });

  it('signs out of the platform too when the admin signs out of the back office', async () => {
    const other = await createUser('ADMIN');
    const web = await ApiClient.login(other.email);
    const apiCookie = web.cookie;
    const home = await withWebSession(apiCookie, '/admin');
    expect(home.status).toBe(200);
    await withWebSession(apiCookie, '/admin/logout', home.adminCookie);
    expect((await web.get('/api/me')).status).toBe(401);
    expect((await withWebSession(apiCookie, '/admin')).status).toBe(302);
  });
});

describe('a console that loads nothing from outside', () => {
  it('serves the login page and the console with local fonts, local scripts and a CSP', async () => {
    for (const [path, session] of [['/admin/login', new AdminSession()], ['/admin', admin]] as const) {
      const page = await session.get(path);
      expect(page.status, path).toBe(200);
      expect(page.text, path).not.toContain('fonts.googleapis.com');
      const urls = [...page.text.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
      expect(urls.length, path).toBeGreaterThan(3);
      for (const url of urls) expect(url, `${path}: ${url}`).toMatch(/^\/admin\//);
      expect(page.text).toContain('/admin/fonts/roboto.css');
      expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    }
    const css = await new AdminSession().get('/admin/fonts/roboto.css');
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toMatch(/text\/css/);
    const font = /url\((roboto\/files\/[^)]+\.woff2)\)/.exec(css.text)![1]!;
    const file = await fetch(`${inject('apiUrl')}/admin/fonts/${font}`);
    expect(file.status).toBe(200);
    expect((await file.arrayBuffer()).byteLength).toBeGreaterThan(1000);
  });

  it('serves the bundle of our components, built at start and not rebuilt while unchanged', async () => {
    const bundle = await new AdminSession().get('/admin/frontend/assets/components.bundle.js');
    expect(bundle.status).toBe(200);
    expect(bundle.headers.get('content-type')).toMatch(/javascript/);
    for (const name of ['TremplinDashboard', 'TremplinWorkflowLink', 'TremplinTransitionAction', 'TremplinHistory', 'Login']) {
      expect(bundle.text).toContain(`AdminJS.UserComponents.${name} =`);
    }
    // The same components and mode as the server's: the stamp says the bundle on disk is theirs.
    expect(await ensureAdminBundle(new AdminJS({ componentLoader: createComponentLoader().loader }))).toBe('up-to-date');
  });
});

/** The <script> elements of a page, their text as the HTML parser cuts them (the first `</script` ends one). */
function inlineScripts(html: string): string[] {
  return [...html.matchAll(/<script(?:\s[^>]*)?>([\s\S]*?)<\/script/gi)].map((m) => m[1]!);
}

/** The value AdminJS's page gives `window.<name>`, read back as JSON from its line. */
function inlineState(html: string, name: string): any {
  const line = html.split('\n').find((l) => l.trim().startsWith(`window.${name} = `));
  if (!line) throw new Error(`no window.${name} in the page`);
  return JSON.parse(line.trim().slice(`window.${name} = `.length, -1));
}

describe('an admin’s name in the pages of the back office', () => {
  const NAME = '</script><script>window.__pwned=1</script><!--';

  it('is written into the page’s state escaped: no script of its own, the same name read back', async () => {
    // A name stored before names were checked at input (or written by hand in the database).
    const other = await createUser('ADMIN');
    await sql(`UPDATE users SET first_name = $1, last_name = $2 WHERE id = $3`, [NAME, 'Test\u2028&amp;', other.id]);
    const session = await AdminSession.as(other.email);
    for (const path of ['/admin', '/admin/resources/users', `/admin/resources/users/records/${other.id}/show`]) {
      const page = await session.get(path);
      expect(page.status, path).toBe(200);
      const scripts = inlineScripts(page.text);
      expect(scripts.filter((s) => s.includes('__pwned') && !s.includes('REDUX_STATE')), path).toEqual([]);
      const state = scripts.find((s) => s.includes('window.REDUX_STATE'))!;
      expect(state, path).not.toMatch(/<\/?script|<!--|\u2028/i);
      expect(state, path).toContain('\\u003c/script\\u003e');
      expect(inlineState(page.text, 'REDUX_STATE').session.title, path).toBe(`${NAME} Test\u2028&amp;`);
    }
    // The login page's state, parsed by the server rather than by a script from a quoted string.
    const login = await fetch(`${inject('apiUrl')}/admin/login`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'x' });
    const loginPage = await login.text();
    expect(login.status).toBe(415);
    expect(inlineState(loginPage, '__APP_STATE__')).toMatchObject({ action: '/admin/login', errorMessage: expect.stringMatching(/Format de requête non pris en charge/) });
  });
});

describe('company verification from the back office', () => {
  it('verifies a company through its workflow: buttons only while it waits, the recruiter told and let in', async () => {
    const company = await registerCompany(false);
    // Before the e-mail is confirmed: no button, and a forced POST is refused by the workflow.
    expect(actionsOf(await admin.show('companies', company.companyId))).not.toContain('verify');
    const early = await admin.act('companies', company.companyId, 'verify');
    expect(early.body.notice.type).toBe('error');
    expect(early.body.notice.message).toMatch(/impossible.*PENDING_EMAIL_CONFIRMATION/);
    expect(await companyStatus(company.companyId)).toBe('PENDING_EMAIL_CONFIRMATION');

    await confirm(company.email);

    const shown = await admin.show('companies', company.companyId);
    expect(shown.body.record.params.status).toBe('PENDING_ADMIN_VERIFICATION');
    expect(actionsOf(shown)).toEqual(expect.arrayContaining(['verify', 'reject']));
    expect(actionsOf(shown)).not.toContain('delete');
    expect(JSON.parse(shown.body.record.params.history).map((e: { type: string }) => e.type)).toEqual(['registered', 'confirm_email']);

    // A GET of the action reads the record and changes nothing.
    const read = await admin.get(`/admin/api/resources/companies/records/${company.companyId}/verify`);
    expect(read.status).toBe(200);
    expect(await companyStatus(company.companyId)).toBe('PENDING_ADMIN_VERIFICATION');

    const verified = await admin.act('companies', company.companyId, 'verify');
    expect(verified.body.notice, JSON.stringify(verified.body.notice)).toMatchObject({ type: 'success' });
    expect(verified.body.record.params.status).toBe('VERIFIED');
    expect(verified.body.redirectUrl).toBe(`/admin/resources/companies/records/${company.companyId}/show`);
    expect(actionsOf(verified)).not.toContain('verify');
    const snapshot = await snapshotOf(company.workflowId);
    expect(snapshot.status).toBe('VERIFIED');
    const history = await sql<{ type: string; actor_id: string }>('SELECT type, actor_id FROM membership_events WHERE membership_id = $1 ORDER BY seq', [company.membershipId]);
    expect(history.at(-1)!.type).toBe('verify');
    const [demoAdmin] = await sql<{ id: string }>('SELECT id FROM users WHERE email = $1', [DEMO.admin]);
    expect(history.at(-1)!.actor_id).toBe(demoAdmin!.id);
    await mailTo(company.email, /Votre compte recruteur est activé/);
    expect((await new ApiClient().post('/api/auth/login', { email: company.email, password: PASSWORD })).status).toBe(200);

    // Once verified, the action is refused (409 of the service), and nothing changes.
    const again = await admin.act('companies', company.companyId, 'verify');
    expect(again.body.notice.type).toBe('error');
    expect(again.body.notice.message).toMatch(/déjà vérifiée/);
    expect(await companyStatus(company.companyId)).toBe('VERIFIED');
  });

  it('rejects a company with a reason, which the recruiter receives; without one the workflow refuses', async () => {
    const company = await registerCompany(true);
    const blank = await admin.act('companies', company.companyId, 'reject', { reason: '   ' });
    expect(blank.body.notice.type).toBe('error');
    expect(blank.body.notice.message).toMatch(/motif est obligatoire/);
    expect(await companyStatus(company.companyId)).toBe('PENDING_ADMIN_VERIFICATION');

    const reason = 'Le SIREN ne correspond pas à la raison sociale indiquée.';
    const rejected = await admin.act('companies', company.companyId, 'reject', { reason });
    expect(rejected.body.notice).toMatchObject({ type: 'success' });
    expect(await companyStatus(company.companyId)).toBe('REJECTED');
    const snapshot = await snapshotOf(company.workflowId);
    expect(snapshot.status).toBe('REJECTED');
    const mail = await mailTo(company.email, /n’a pas été acceptée/);
    expect(mail.text).toContain(reason);
    expect(actionsOf(await admin.show('companies', company.companyId))).not.toContain('reject');
  });

  it('verifies a recruiter’s request to join a verified company from its own record', async () => {
    const [demoCompany] = await sql<{ id: string; siren: string }>(`SELECT id, siren FROM companies WHERE name = 'Atelier Inclusif (démo)'`);
    const { membershipId, email, workflowId } = await register(
      registration({
        company: { siren: demoCompany!.siren, name: 'Atelier Inclusif', sector: 'Services', size: '50-249', address: '12 rue de la République', postalCode: '69002', city: 'Lyon' },
        user: { firstName: 'Lina', lastName: 'Membre', jobTitle: 'Chargée RH', phone: '04 72 00 00 01', email: uniqueEmail('membre') },
      }),
    );
    await confirm(email);

    expect(actionsOf(await admin.show('company_memberships', membershipId))).toEqual(expect.arrayContaining(['verify', 'reject']));
    const verified = await admin.act('company_memberships', membershipId, 'verify');
    expect(verified.body.notice).toMatchObject({ type: 'success' });
    expect(verified.body.record.params.status).toBe('VERIFIED');
    const snapshot = await snapshotOf(workflowId);
    expect(snapshot.status).toBe('VERIFIED');
    await mailTo(email, /Votre compte recruteur est activé/);
  });
});

describe('offer moderation from the back office', () => {
  it('publishes a pending offer through its workflow, then refuses to publish it twice', async () => {
    const draft = await demoOffer(false);
    // A draft has no button; a forced POST is refused by the workflow, with its words.
    expect(actionsOf(await admin.show('offers', draft.id))).not.toContain('approve');
    const early = await admin.act('offers', draft.id, 'approve');
    expect(early.body.notice.type).toBe('error');
    expect(early.body.notice.message).toMatch(/impossible.*DRAFT/);

    const offer = await demoOffer(true);
    expect(actionsOf(await admin.show('offers', offer.id))).toEqual(expect.arrayContaining(['approve', 'reject']));
    const published = await admin.act('offers', offer.id, 'approve');
    expect(published.body.notice, JSON.stringify(published.body.notice)).toMatchObject({ type: 'success' });
    expect(published.body.record.params.status).toBe('PUBLISHED');
    const snapshot = await snapshotOf((await rowOf('offer', offer.id)).workflowId);
    expect(snapshot.status).toBe('PUBLISHED');
    await mailTo(DEMO.recruiter, new RegExp(`Votre offre est publiée — « ${offer.title} »`));
    const listed = await (await ApiClient.login(DEMO.candidate)).get('/api/offers?pageSize=100');
    expect(listed.body.items.map((o: { id: string }) => o.id)).toContain(offer.id);

    const again = await admin.act('offers', offer.id, 'approve');
    expect(again.body.notice.type).toBe('error');
    expect(again.body.notice.message).toMatch(/impossible.*PUBLISHED/);
    expect(actionsOf(await admin.show('offers', offer.id))).not.toContain('approve');
  });

  it('refuses an offer with a reason, which the recruiters receive', async () => {
    const offer = await demoOffer(true);
    const reason = 'La mention H/F manque dans le texte de l’annonce.';
    const refused = await admin.act('offers', offer.id, 'reject', { reason });
    expect(refused.body.notice).toMatchObject({ type: 'success' });
    expect(refused.body.record.params.status).toBe('REJECTED');
    const snapshot = await snapshotOf((await rowOf('offer', offer.id)).workflowId);
    expect(snapshot.status).toBe('REJECTED');
    const mail = await mailTo(DEMO.recruiter, new RegExp(`Votre offre n’a pas été validée — « ${offer.title} »`));
    expect(mail.text).toContain(reason);
    const history = JSON.parse((await admin.show('offers', offer.id)).body.record.params.history) as Array<{ type: string; message: string | null }>;
    expect(history.at(-1)).toMatchObject({ type: 'reject', message: reason });
  });
});

describe('what the operator reads before deciding', () => {
  it('shows the offer’s text and its wording warnings on the moderation pages', async () => {
    const offer = await demoOffer(true, `Vendeur ${randomUUID().slice(0, 6)}`);
    await sql(`UPDATE offers SET description = 'Jeune et dynamique, vous accueillez la clientèle.' WHERE id = $1`, [offer.id]);
    for (const action of ['approve', 'reject']) {
      const page = await admin.get(`/admin/api/resources/offers/records/${offer.id}/${action}`);
      expect(page.status).toBe(200);
      const context = JSON.parse(page.body.record.params.transitionContext);
      expect(context.texts).toEqual(expect.arrayContaining([{ label: 'Description', value: 'Jeune et dynamique, vous accueillez la clientèle.' }]));
      const codes = context.warnings.map((w: { message: string }) => w.message).join(' | ');
      expect(codes, action).toMatch(/H\/F/);
      expect(codes, action).toMatch(/âge|jeune/i);
    }
  });

  it('shows what an edit of the published offer changed, before its approve and reject buttons', async () => {
    const offer = await demoOffer(true);
    await admin.act('offers', offer.id, 'approve');
    const recruiter = await ApiClient.login(DEMO.recruiter);
    const newTitle = `Agent de maintenance confirmé H/F ${randomUUID().slice(0, 6)}`;
    await act('offer', recruiter, offer.id, { action: 'edit', title: newTitle, city: 'Villeurbanne', postalCode: '69100' }, 'PENDING_MODERATION');
    expect(actionsOf(await admin.show('offers', offer.id))).toEqual(expect.arrayContaining(['approve', 'reject']));
    for (const action of ['approve', 'reject']) {
      const context = JSON.parse((await admin.get(`/admin/api/resources/offers/records/${offer.id}/${action}`)).body.record.params.transitionContext);
      expect(context.facts, action).toEqual(
        expect.arrayContaining([
          { label: 'Champs modifiés', value: 'Intitulé du poste, Code postal, Ville' },
          { label: 'Intitulé du poste — avant', value: offer.title },
          { label: 'Ville — avant', value: 'Lyon' },
          { label: 'Code postal — avant', value: '69002' },
        ]),
      );
      expect(context.texts, action).toEqual(expect.arrayContaining([{ label: 'Intitulé', value: newTitle }]));
    }
    const history = JSON.parse((await admin.show('offers', offer.id)).body.record.params.history) as Array<Record<string, string | null>>;
    expect(history.at(-1)).toMatchObject({ typeLabel: 'Modifiée (retour en modération)', fromLabel: 'Publiée', toLabel: 'En attente de modération' });
    // Published again: the changes are no longer pending.
    await admin.act('offers', offer.id, 'approve');
    const recheck = await admin.get(`/admin/api/resources/offers/records/${offer.id}/reject`);
    expect(JSON.parse(recheck.body.record.params.transitionContext).facts ?? []).toEqual([]);
  });

  it('shows who asks for the company’s verification and the company in the official register', async () => {
    const company = await registerCompany(true);
    const [row] = await sql<{ siren: string }>('SELECT siren FROM companies WHERE id = $1', [company.companyId]);
    for (const action of ['verify', 'reject']) {
      const page = await admin.get(`/admin/api/resources/companies/records/${company.companyId}/${action}`);
      const facts = JSON.parse(page.body.record.params.transitionContext).facts as Array<{ label: string; value: string; href?: string }>;
      expect(facts).toEqual(
        expect.arrayContaining([
          { label: 'Demandeur', value: 'Paul Fondateur' },
          { label: 'E-mail', value: company.email },
          { label: 'Fonction', value: 'Gérant' },
          expect.objectContaining({ label: 'Registre officiel', href: `https://annuaire-entreprises.data.gouv.fr/entreprise/${row!.siren}` }),
        ]),
      );
    }
    const shown = (await admin.show('companies', company.companyId)).body.record.params;
    expect(shown.requester).toBe(`Paul Fondateur — ${company.email} — Gérant`);
    expect(shown.registerUrl).toBe(`https://annuaire-entreprises.data.gouv.fr/entreprise/${row!.siren}`);
  });

  it('writes histories with French states and roles, never their codes', async () => {
    const offer = await demoOffer(true);
    const history = JSON.parse((await admin.show('offers', offer.id)).body.record.params.history) as Array<Record<string, string | null>>;
    expect(history.at(-1)).toMatchObject({ typeLabel: 'Soumise à la modération', fromLabel: 'En brouillon', toLabel: 'En attente de modération' });
    expect(history.at(-1)!.actorLabel).toMatch(/\(recruteur\)$/);
    const shown = JSON.stringify(history.map(({ type: _type, ...labels }) => labels));
    expect(shown).not.toMatch(/PENDING_MODERATION|DRAFT|RECRUITER/);
  });
});

describe('the applications list', () => {
  it('names candidates, offers and companies, and finds applications by any of them', async () => {
    const cast = await createCast();
    const started = await startApplication(cast);
    const [candidate] = await sql<{ first_name: string; last_name: string; email: string }>('SELECT first_name, last_name, email FROM users WHERE id = $1', [started.candidate.id]);
    const name = `${candidate!.first_name} ${candidate!.last_name}`;
    for (const text of [candidate!.last_name.toUpperCase(), candidate!.email, 'Entreprise A']) {
      const list = await admin.get(`/admin/api/resources/applications/actions/list?filters.search=${encodeURIComponent(text)}&perPage=500`);
      expect(list.status, text).toBe(200);
      const ids = (list.body.records as Array<{ id: string }>).map((r) => r.id);
      expect(ids, text).toContain(started.id);
    }
    const none = await admin.get(`/admin/api/resources/applications/actions/list?filters.search=${encodeURIComponent(`personne-${randomUUID()}`)}`);
    expect(none.body.records).toEqual([]);
    const list = await admin.get(`/admin/api/resources/applications/actions/list?filters.search=${encodeURIComponent(candidate!.email)}`);
    const record = (list.body.records as Array<{ id: string; title: string; populated: Record<string, { title: string }> }>).find((r) => r.id === started.id)!;
    expect(record.populated.candidateId!.title).toBe(`${name} (${candidate!.email})`);
    expect(record.populated.companyId!.title).toBe('Entreprise A');
    expect(record.title).toContain(name);
  });
});

describe('statuses are not set by hand', () => {
  it('ignores a status sent with a company edit and keeps the workflow; corrects the SIREN only with a valid, free one', async () => {
    const company = await registerCompany(true);
    const [before] = await sql<{ siren: string }>('SELECT siren FROM companies WHERE id = $1', [company.companyId]);
    // A SIREN whose key is wrong, and one that is another company's: refused, next to the field.
    const [demo] = await sql<{ siren: string }>(`SELECT siren FROM companies WHERE name = 'Atelier Inclusif (démo)'`);
    for (const [siren, message] of [['123456789', /clé de contrôle/], [demo!.siren, /déjà celui d’une autre entreprise/]] as const) {
      const refused = await admin.post(`/admin/api/resources/companies/records/${company.companyId}/edit`, { name: company.name, siren });
      expect(refused.body.record?.errors?.siren?.message, JSON.stringify(refused.body)).toMatch(message);
    }
    expect((await sql<{ siren: string }>('SELECT siren FROM companies WHERE id = $1', [company.companyId]))[0]!.siren).toBe(before!.siren);
    const siren = validSiren();
    const edited = await admin.post(`/admin/api/resources/companies/records/${company.companyId}/edit`, {
      name: `${company.name} SARL`,
      status: 'VERIFIED',
      siren,
      workflowId: 'offer-bidon',
    });
    expect(edited.body.notice, JSON.stringify(edited.body)).toMatchObject({ type: 'success' });
    const [row] = await sql<{ name: string; status: string; siren: string; workflow_id: string }>('SELECT name, status, siren, workflow_id FROM companies WHERE id = $1', [company.companyId]);
    expect(row).toMatchObject({ name: `${company.name} SARL`, status: 'PENDING_ADMIN_VERIFICATION', workflow_id: company.workflowId, siren });
  });

  it('has no edit, creation or deletion of offers, applications, sponsorships or mails', async () => {
    const offer = await demoOffer(true);
    const edit = await admin.post(`/admin/api/resources/offers/records/${offer.id}/edit`, { status: 'PUBLISHED' });
    expect(edit.body.notice?.type).toBe('error');
    expect((await sql('SELECT status FROM offers WHERE id = $1', [offer.id]))[0].status).toBe('PENDING_MODERATION');
    for (const resource of ['offers', 'applications', 'sponsorship_requests', 'email_outbox', 'notice_queue', 'company_memberships', 'interviews']) {
      const created = await admin.post(`/admin/api/resources/${resource}/actions/new`, { status: 'PUBLISHED' });
      expect(created.body.notice?.type, resource).toBe('error');
    }
    const deleted = await admin.post(`/admin/api/resources/offers/records/${offer.id}/delete`);
    expect(deleted.body.notice?.type).toBe('error');
    expect((await sql('SELECT count(*)::int AS n FROM offers WHERE id = $1', [offer.id]))[0].n).toBe(1);
  });
});

describe('accounts', () => {
  const base = () => ({ email: uniqueEmail('compte'), firstName: 'Nadia', lastName: 'Test', password: PASSWORD });

  it('creates a référent attached to a mission officer, who signs in; the hash is never shown', async () => {
    const [mission] = await sql<{ id: string }>('SELECT id FROM users WHERE email = $1', [DEMO.missionOfficer]);
    const input = { ...base(), role: 'REFERENT', missionOfficerId: mission!.id, jobTitle: 'Conseillère Cap emploi' };
    const created = await admin.post('/admin/api/resources/users/actions/new', input);
    expect(created.body.notice, JSON.stringify(created.body)).toMatchObject({ type: 'success' });
    const id = created.body.record.id as string;
    const [row] = await sql<{ role: string; mission_officer_id: string; password_hash: string }>('SELECT role, mission_officer_id, password_hash FROM users WHERE id = $1', [id]);
    expect(row).toMatchObject({ role: 'REFERENT', mission_officer_id: mission!.id });
    expect(row!.password_hash).toMatch(/^\$argon2id\$/);
    const me = await (await ApiClient.login(input.email, PASSWORD)).get('/api/me');
    expect(me.body).toMatchObject({ role: 'REFERENT', email: input.email });
    for (const answer of [created, await admin.show('users', id), await admin.get('/admin/api/resources/users/actions/list?perPage=100')]) {
      expect(answer.text).not.toContain('argon2');
      expect(answer.text).not.toContain('passwordHash');
    }
  });

  it('creates a candidate followed by a référent, and a recruiter of a verified company who can publish', async () => {
    const [referent] = await sql<{ id: string }>('SELECT id FROM users WHERE email = $1', [DEMO.referent]);
    const candidate = await admin.post('/admin/api/resources/users/actions/new', { ...base(), role: 'CANDIDATE', referentId: referent!.id });
    expect(candidate.body.notice, JSON.stringify(candidate.body)).toMatchObject({ type: 'success' });
    const [profile] = await sql<{ referent_id: string }>('SELECT referent_id FROM candidate_profiles WHERE user_id = $1', [candidate.body.record.id]);
    expect(profile!.referent_id).toBe(referent!.id);
    expect((await admin.show('users', candidate.body.record.id)).body.record.params.referentId).toBe(referent!.id);

    const [company] = await sql<{ id: string }>(`SELECT id FROM companies WHERE name = 'Atelier Inclusif (démo)'`);
    const recruiterInput = { ...base(), role: 'RECRUITER', companyId: company!.id };
    const recruiter = await admin.post('/admin/api/resources/users/actions/new', recruiterInput);
    expect(recruiter.body.notice, JSON.stringify(recruiter.body)).toMatchObject({ type: 'success' });
    const [membership] = await sql<{ status: string }>('SELECT status FROM company_memberships WHERE user_id = $1', [recruiter.body.record.id]);
    expect(membership!.status).toBe('VERIFIED');
    const colleagues = await (await ApiClient.login(recruiterInput.email, PASSWORD)).get('/api/company/colleagues');
    expect(colleagues.status).toBe(200);
  });

  it('answers role rules, weak passwords and taken addresses with readable field errors, never a 500', async () => {
    const [company] = await sql<{ id: string }>(`SELECT id FROM companies WHERE name = 'Atelier Inclusif (démo)'`);
    const cases: Array<[Record<string, unknown>, string, RegExp]> = [
      [{ ...base(), role: 'RECRUITER' }, 'companyId', /appartient à une entreprise/],
      [{ ...base(), role: 'CANDIDATE', companyId: company!.id }, 'companyId', /Seuls les recruteurs/],
      [{ ...base(), role: 'REFERENT', password: 'court' }, 'password', /12 caractères/],
      [{ ...base(), role: 'CANDIDATE', email: DEMO.candidate }, 'email', /existe déjà/],
      [{ ...base(), role: 'CHEF' }, 'role', /Choisissez un rôle/],
      [{ ...base(), role: 'CANDIDATE', referentId: company!.id }, 'referentId', /référent/],
    ];
    for (const [input, field, message] of cases) {
      const answer = await admin.post('/admin/api/resources/users/actions/new', input);
      expect(answer.status, JSON.stringify(input)).toBe(200);
      expect(answer.body.notice.type).toBe('error');
      expect(answer.body.record.errors[field]?.message, `${field}: ${JSON.stringify(answer.body.record.errors)}`).toMatch(message);
    }
    const [{ n }] = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM users WHERE first_name = 'Nadia' AND last_name = 'Test' AND role IN ('RECRUITER') AND company_id IS NULL`);
    expect(n).toBe(0);
  });

  it('refuses a name with markup, quotes or a line break, at creation and at modification, naming the field and the character', async () => {
    for (const [field, value, shown] of [
      ['firstName', '</script><script>alert(1)</script>', '« < »'],
      ['lastName', 'Dupont" ;ROLE=CHAIR', '« " »'],
      ['firstName', 'Ligne\nCassée', 'U+000A'],
      ['lastName', 'Nom\u202eàl’envers', 'U+202E'],
    ] as const) {
      const created = await admin.post('/admin/api/resources/users/actions/new', { ...base(), role: 'CANDIDATE', [field]: value });
      expect(created.body.notice?.type, `${field} ${JSON.stringify(value)}`).toBe('error');
      expect(created.body.record.errors[field]?.message, JSON.stringify(created.body.record.errors)).toMatch(/caractère refusé/);
      expect(created.body.record.errors[field].message).toContain(shown);
    }
    const person = await createUser('CANDIDATE');
    const edited = await admin.post(`/admin/api/resources/users/records/${person.id}/edit`, { email: person.email, firstName: '<img src=x onerror=alert(1)>', lastName: 'Test' });
    expect(edited.body.notice?.type).toBe('error');
    expect(edited.body.record.errors.firstName.message).toMatch(/^Prénom : caractère refusé : « < » — un nom s’écrit avec des lettres/);
    expect((await sql('SELECT first_name FROM users WHERE id = $1', [person.id]))[0].first_name).toBe('Candidate');
    // What names are made of goes through.
    const fine = await admin.post(`/admin/api/resources/users/records/${person.id}/edit`, { email: person.email, firstName: 'Marie-Hélène', lastName: 'N’Diaye-O\'Brien Jr.' });
    expect(fine.body.notice, JSON.stringify(fine.body)).toMatchObject({ type: 'success' });
  });

  it('disables an account (its sessions end, its login is refused) and enables it again; the role does not change', async () => {
    const person = await createUser('CANDIDATE');
    const client = await person.client();
    expect((await client.get('/api/me')).status).toBe(200);
    const shown = await admin.show('users', person.id);
    expect(actionsOf(shown)).toContain('disable');
    expect(actionsOf(shown)).not.toContain('enable');
    expect(actionsOf(shown)).not.toContain('delete');

    const disabled = await admin.act('users', person.id, 'disable');
    expect(disabled.body.notice).toMatchObject({ type: 'success' });
    expect(disabled.body.record.params.disabledAt).toBeTruthy();
    expect(actionsOf(disabled)).toContain('enable');
    expect((await client.get('/api/me')).status).toBe(401);
    const refused = await new ApiClient().post('/api/auth/login', { email: person.email, password: inject('demoPassword') });
    expect(refused.status).toBe(403);

    const twice = await admin.act('users', person.id, 'disable');
    expect(twice.body.notice).toMatchObject({ type: 'error', message: 'Ce compte est déjà désactivé.' });
    const enabled = await admin.act('users', person.id, 'enable');
    expect(enabled.body.notice).toMatchObject({ type: 'success' });
    expect((await new ApiClient().post('/api/auth/login', { email: person.email, password: inject('demoPassword') })).status).toBe(200);

    const role = await admin.post(`/admin/api/resources/users/records/${person.id}/edit`, { email: person.email, firstName: 'Candidate', lastName: 'Test', role: 'ADMIN', disabledAt: '2020-01-01T00:00:00Z' });
    expect(role.body.record.errors.role.message).toMatch(/ne change pas/);
    const edited = await admin.post(`/admin/api/resources/users/records/${person.id}/edit`, { email: person.email, firstName: 'Camille', lastName: 'Test', disabledAt: '2020-01-01T00:00:00Z', passwordHash: 'x' });
    expect(edited.body.notice, JSON.stringify(edited.body)).toMatchObject({ type: 'success' });
    const [row] = await sql<{ role: string; first_name: string; disabled_at: Date | null; password_hash: string }>('SELECT role, first_name, disabled_at, password_hash FROM users WHERE id = $1', [person.id]);
    expect(row).toMatchObject({ role: 'CANDIDATE', first_name: 'Camille', disabled_at: null });
    expect(row!.password_hash).not.toBe('x');
  });

  it('does not let an admin disable their own account', async () => {
    const [me] = await sql<{ id: string }>('SELECT id FROM users WHERE email = $1', [DEMO.admin]);
    expect(actionsOf(await admin.show('users', me!.id))).not.toContain('disable');
    const forced = await admin.act('users', me!.id, 'disable');
    expect(forced.body.notice).toMatchObject({ type: 'error' });
    expect((await sql('SELECT disabled_at FROM users WHERE id = $1', [me!.id]))[0].disabled_at).toBeNull();
  });
});

describe('the dashboard', () => {
  it('lists what waits, oldest first with its age, each item linked to its record and its workflow', async () => {
    const company = await registerCompany(true);
    const offer = await demoOffer(true);
    // An application of the demo candidate (who has a référent), left waiting beyond the reminder delay.
    const candidate = await ApiClient.login(DEMO.candidate);
    const published = await demoOffer(true);
    expect((await admin.act('offers', published.id, 'approve')).body.notice.type).toBe('success');
    const applied = await candidate.post('/api/applications', { offerId: published.id, screeningAnswer: 'Aucun.' });
    expect(applied.status, JSON.stringify(applied.body)).toBe(201);
    await sql(`UPDATE applications SET status_changed_at = now() - interval '10 days' WHERE id = $1`, [applied.body.id]);
    // A mail the relay refused: the outbox keeps it FAILED with its attempts and error.
    const outboxId = randomUUID();
    await sql(
      `INSERT INTO email_outbox (id, idempotency_key, to_address, subject, text_body, workflow_id, status, attempts, last_error)
       VALUES ($1, $2, 'panne@admin.test', 'Relance en panne', 'texte', $3, 'FAILED', 4, 'connect ECONNREFUSED 127.0.0.1:2525')`,
      [outboxId, `test-${outboxId}`, `application-${applied.body.id}`],
    );

    const dashboard = await admin.get('/admin/api/dashboard');
    expect(dashboard.status).toBe(200);
    const ui = `http://localhost:8233/namespaces/${inject('temporalNamespace')}/workflows/`;
    const companyItem = dashboard.body.companiesToVerify.find((i: { companyId: string }) => i.companyId === company.companyId);
    expect(companyItem).toMatchObject({
      kind: 'FOUNDER',
      recordUrl: `/admin/resources/companies/records/${company.companyId}/show`,
      temporalUrl: `${ui}${company.workflowId}`,
    });
    expect(companyItem.age).toMatch(/secondes|min/);
    const offerItem = dashboard.body.offersToModerate.find((i: { offerId: string }) => i.offerId === offer.id);
    expect(offerItem).toMatchObject({ recordUrl: `/admin/resources/offers/records/${offer.id}/show`, temporalUrl: `${ui}offer-${offer.id}` });
    const since = (items: Array<{ since: string }>) => items.map((i) => i.since);
    expect(since(dashboard.body.offersToModerate)).toEqual([...since(dashboard.body.offersToModerate)].sort());
    expect(since(dashboard.body.companiesToVerify)).toEqual([...since(dashboard.body.companiesToVerify)].sort());
    const waiting = dashboard.body.applicationsWaitingReferent.find((i: { applicationId: string }) => i.applicationId === applied.body.id);
    expect(waiting).toMatchObject({ referent: 'Rachida Référente', age: '10 j', temporalUrl: `${ui}application-${applied.body.id}` });
    const failing = dashboard.body.failingActivities.find((i: { key: string }) => i.key === `mail-${outboxId}`);
    expect(failing).toMatchObject({ attempts: 4, lastError: 'connect ECONNREFUSED 127.0.0.1:2525', recordUrl: `/admin/resources/email_outbox/records/${outboxId}/show` });
    await sql(`UPDATE email_outbox SET status = 'SENT' WHERE id = $1`, [outboxId]);
  });

  it('links every record that has a workflow to it in the Temporal UI', async () => {
    const offer = await demoOffer(true);
    const shown = await admin.show('offers', offer.id);
    expect(shown.body.record.params.workflowId ?? `offer-${offer.id}`).toBe(`offer-${offer.id}`);
    const resource = (await admin.get('/admin/api/resources/offers/actions/list')).body;
    expect(resource.records.length).toBeGreaterThan(0);
    // The link's base comes from the resource's property options (TEMPORAL_UI_URL + namespace).
    const page = await admin.get('/admin');
    expect(page.text).toContain(`http://localhost:8233/namespaces/${inject('temporalNamespace')}/workflows/`);
  });
});

// A worker of this file, on its own task queue and its own SMTP server, which refuses mail: a real
// "SMTP down", seen by the dashboard both in the outbox and in the notice queue (the notice retried).
describe('the dashboard while the SMTP relay is down', () => {
  const TASK_QUEUE = `tremplin-admin-${randomBytes(4).toString('hex')}`;
  let catcher: MailCatcherHandle;
  let worker: SpawnedWorker | undefined;
  const started: string[] = [];

  beforeAll(async () => {
    catcher = await startMailCatcher();
    worker = spawnWorker(TASK_QUEUE, catcher.smtpUrl);
  });

  afterAll(async () => {
    catcher?.setRefusing(false);
    if (worker) await killWorker(worker);
    const client = await temporalClient();
    for (const workflowId of [...started, noticeQueueWorkflowId(TASK_QUEUE)]) await client.workflow.getHandle(workflowId).terminate('fin du test').catch(() => undefined);
    await catcher?.stop();
  });

  it('lists the mail that cannot leave and the notice the queue retries, then clears once the relay is back', { timeout: 120_000 }, async () => {
    onTestFailed(() => console.error(`worker output:\n${worker?.output.join('').slice(-4000)}`));
    catcher.setRefusing(true);
    const cast = await createCast();
    const { id, workflowId } = await startApplication(cast, {
      candidate: cast.candidate,
      message: 'Candidature envoyée pendant une panne du relais SMTP.',
      taskQueue: TASK_QUEUE,
      waitForRow: false,
    });
    started.push(workflowId);

    const failing = await eventually(
      async () => {
        const items = ((await admin.get('/admin/api/dashboard')).body.failingActivities as Array<Record<string, any>>).filter((i) => i.workflowId === workflowId);
        const mail = items.find((i) => i.kind === 'MAIL');
        const notice = items.find((i) => i.kind === 'NOTICE' && i.attempts >= 2);
        return mail && notice ? { mail, notice } : null;
      },
      60_000,
      'the failing mail and activity on the dashboard',
    );
    expect(failing.mail.attempts).toBeGreaterThanOrEqual(1);
    expect(failing.mail.lastError).toMatch(/451|refus/i);
    expect(failing.mail.recordUrl).toMatch(/^\/admin\/resources\/email_outbox\/records\/[0-9a-f-]{36}\/show$/);
    expect(failing.notice.kindLabel).toBe('Notification en échec (candidature)');
    expect(failing.notice.lastError).toMatch(/451|refus/i);
    expect(failing.notice.recordUrl).toBe(`/admin/resources/applications/records/${id}/show`);
    expect(failing.notice.temporalUrl).toBe(`http://localhost:8233/namespaces/${inject('temporalNamespace')}/workflows/${workflowId}`);
    // The back office's list of the notice queue shows it too, with its error.
    const queued = (await admin.get(`/admin/api/resources/notice_queue/actions/list?filters.workflowId=${encodeURIComponent(workflowId)}`)).body.records as Array<{ params: Record<string, unknown> }>;
    expect(queued.map((r) => r.params.workflowId)).toContain(workflowId);
    expect(String(queued[0]!.params.lastError)).toMatch(/451|refus/i);

    catcher.setRefusing(false);
    await eventually(
      async () => {
        const rows = await sql<{ status: string }>('SELECT status FROM email_outbox WHERE workflow_id = $1', [workflowId]);
        return rows.length > 0 && rows.every((r) => r.status === 'SENT');
      },
      90_000,
      'the mails sent once the relay is back',
    );
    const after = (await admin.get('/admin/api/dashboard')).body.failingActivities as Array<{ workflowId: string }>;
    expect(after.filter((i) => i.workflowId === workflowId)).toEqual([]);
  });
});
