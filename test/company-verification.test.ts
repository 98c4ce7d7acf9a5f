// Company verification end to end, on the real Temporal server, PostgreSQL and SMTP server: a recruiter
// registers a company by SIREN/SIRET, confirms their e-mail through the link of the mail received,
// waits for an admin's verification (login refused with the reason at each stage), then signs in; the
// rejection with its reason; every action from every state by every role; the expiry (reminder, then
// EXPIRED) at second scale; a second recruiter joining a verified company; colleagues invited with a
// temporary password changed at first login.
import { createHash, randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { CaughtMail } from '../scripts/services/mail-catcher.js';
import { LA_POSTE_SIREN, luhnValid, sirenError, siretError } from '../workflows/company-numbers.js';
import { recruiterAccessRefusal } from '../workflows/company-verification-rules.js';
import { type CompanyVerificationInput, type CompanyVerificationSnapshot } from '../workflows/company-verification.js';
import {
  PASSWORD,
  act,
  confirm,
  linksTo,
  mailsTo,
  openLink,
  register,
  registration,
  runStatus,
  searchAttributes,
  startCompanyVerification,
  transition,
  uniqueEmail,
  type Registered,
} from './drivers.js';
import { createUser, validSiren, type Person } from './fixtures.js';
import { ApiClient, DEMO, eventually, sql, temporalClient } from './support.js';
import { startProcess } from '../api/transitions.js';
import { workflowIdOf } from '../workflows/processes.js';

/** A SIRET of this SIREN that passes Luhn. */
function validSiret(siren: string): string {
  const body = `${siren}${Array.from({ length: 4 }, () => Math.floor(Math.random() * 10)).join('')}`;
  for (let key = 0; key < 10; key++) if (luhnValid(`${body}${key}`)) return `${body}${key}`;
  throw new Error('unreachable');
}

const tokenOf = (link: string) => new URL(link).searchParams.get('token')!;

async function loginAttempt(email: string, password = PASSWORD) {
  return new ApiClient().post('/api/auth/login', { email, password });
}

let admin: ApiClient;
let candidate: ApiClient;
let otherRecruiter: ApiClient;

async function adminView(companyId: string) {
  const response = await admin.get(`/api/companies/${companyId}`);
  expect(response.status).toBe(200);
  return response.body;
}

async function membershipState(membershipId: string) {
  const [row] = await sql(`SELECT status FROM company_memberships WHERE id = $1`, [membershipId]);
  const [{ count }] = await sql(`SELECT count(*)::int AS count FROM membership_events WHERE membership_id = $1`, [membershipId]);
  return { status: row.status as string, events: count as number };
}

async function verifiedCompany(): Promise<Registered & { client: ApiClient }> {
  const r = await register();
  await confirm(r.email);
  await act('company', admin, r.companyId, { action: 'verify' }, 'VERIFIED');
  return { ...r, client: await ApiClient.login(r.email, PASSWORD) };
}

beforeAll(async () => {
  [admin, candidate, otherRecruiter] = await Promise.all([ApiClient.login(DEMO.admin), ApiClient.login(DEMO.candidate), ApiClient.login(DEMO.recruiter)]);
});

describe('SIREN and SIRET', () => {
  it('checks length, digits and the Luhn key, naming the field in French', () => {
    expect(sirenError('732829320')).toBeNull();
    expect(sirenError('732 829 320')).toBeNull();
    expect(sirenError('73282932')).toBe('siren : le numéro SIREN doit comporter 9 chiffres (8 saisis).');
    expect(sirenError('7328293201')).toMatch(/^siren : le numéro SIREN doit comporter 9 chiffres \(10 saisis\)/);
    expect(sirenError('73282932A')).toMatch(/^siren : le numéro SIREN ne doit contenir que des chiffres/);
    expect(sirenError('732829321')).toMatch(/^siren : ce numéro SIREN n’existe pas \(sa clé de contrôle est fausse\)/);
    expect(sirenError('')).toMatch(/obligatoire/);
    expect(siretError('73282932000074')).toBeNull();
    expect(siretError('7328293200007')).toMatch(/^siret : le numéro SIRET doit comporter 14 chiffres \(13 saisis\)/);
    expect(siretError('7328293200007X')).toMatch(/^siret : le numéro SIRET ne doit contenir que des chiffres/);
    expect(siretError('73282932000075')).toMatch(/^siret : ce numéro SIRET n’existe pas/);
    // A SIRET whose own key is right but whose first 9 digits are not a SIREN.
    const badSirenSiret = (() => {
      for (let key = 0; key < 10; key++) for (let k2 = 0; k2 < 10; k2++) {
        const candidate = `73282932100${key}7${k2}`;
        if (luhnValid(candidate)) return candidate;
      }
      throw new Error('unreachable');
    })();
    expect(siretError(badSirenSiret)).toMatch(/^siret : ses 9 premiers chiffres \(732829321\) ne forment pas un SIREN valide/);
    // La Poste: its establishments' SIRETs fail Luhn; their digits add up to a multiple of 5.
    expect(LA_POSTE_SIREN).toBe('356000000');
    expect(luhnValid('35600000049837')).toBe(false);
    expect(siretError('35600000049837')).toBeNull();
    expect(siretError('35600000000048')).toBeNull(); // head office, Luhn-valid
    expect(siretError('35600000049838')).toMatch(/^siret : ce numéro SIRET de La Poste n’existe pas/);
  });

  it('refuses a bad SIREN or SIRET before anything starts, with the field and the reason', async () => {
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ siren: '12345678' }, /company\.siren : le numéro SIREN doit comporter 9 chiffres \(8 saisis\)/],
      [{ siren: '1234567890' }, /company\.siren : le numéro SIREN doit comporter 9 chiffres \(10 saisis\)/],
      [{ siren: '12345678A' }, /company\.siren : le numéro SIREN ne doit contenir que des chiffres/],
      [{ siren: '123456789' }, /company\.siren : ce numéro SIREN n’existe pas \(sa clé de contrôle est fausse\)/],
      [{ siren: undefined, siret: '7328293200007' }, /company\.siret : le numéro SIRET doit comporter 14 chiffres \(13 saisis\)/],
      [{ siren: undefined, siret: 'ABCDEFGHIJKLMN' }, /company\.siret : le numéro SIRET ne doit contenir que des chiffres/],
      [{ siren: undefined, siret: '73282932000075' }, /company\.siret : ce numéro SIRET n’existe pas/],
      [{ siren: '552100554', siret: '73282932000074' }, /company\.siret : les 9 premiers chiffres du SIRET \(732829320\) doivent être le SIREN indiqué \(552100554\)/],
      [{ siren: undefined }, /company\.siren : indiquez le numéro SIREN \(9 chiffres\) ou SIRET \(14 chiffres\)/],
    ];
    for (const [company, message] of cases) {
      const body = registration({ company });
      const response = await new ApiClient().post('/api/auth/register-recruiter', body);
      expect(response.status, JSON.stringify(company)).toBe(400);
      expect(response.body.error.code).toBe('VALIDATION_FAILED');
      expect(response.body.error.message).toMatch(message);
      expect(await sql(`SELECT 1 FROM users WHERE email = $1`, [body.user.email])).toHaveLength(0);
    }
    const weak = await new ApiClient().post('/api/auth/register-recruiter', registration({ user: { password: 'court' } }));
    expect(weak.status).toBe(400);
    expect(weak.body.error.message).toMatch(/user\.password : le mot de passe doit faire au moins 12 caractères/);
    const noSymbol = await new ApiClient().post('/api/auth/register-recruiter', registration({ user: { password: 'Abcdefghijk1' } }));
    expect(noSymbol.body.error.message).toMatch(/user\.password : le mot de passe doit contenir un caractère spécial/);
  });

  it('takes a SIRET alone (its SIREN is its first 9 digits), with spaces, and La Poste’s', async () => {
    const siren = validSiren();
    const siret = validSiret(siren);
    const r = await register(registration({ company: { siren: undefined, siret: `${siret.slice(0, 3)} ${siret.slice(3, 6)} ${siret.slice(6, 9)} ${siret.slice(9)}` } }));
    const [company] = await sql(`SELECT siren, siret, status FROM companies WHERE id = $1`, [r.companyId]);
    expect(company).toMatchObject({ siren, siret, status: 'PENDING_EMAIL_CONFIRMATION' });
    const laPoste = await new ApiClient().post('/api/auth/register-recruiter', registration({ company: { siren: undefined, siret: '35600000049837', name: 'La Poste (établissement)' } }));
    expect(laPoste.status, JSON.stringify(laPoste.body)).toBe(202);
  });
});

describe('a new company, from sign-up to the first login', () => {
  it('registers, confirms by the mailed link, waits for the admin, then lets the recruiter in', async () => {
    const body = registration();
    const r = await register(body);
    expect(r.workflowId).toBe(workflowIdOf('membership', r.membershipId));
    const [company] = await sql(`SELECT status, workflow_id, siren FROM companies WHERE id = $1`, [r.companyId]);
    expect(company).toMatchObject({ status: 'PENDING_EMAIL_CONFIRMATION', workflow_id: r.workflowId, siren: body.company.siren });
    const [membership] = await sql(`SELECT kind, status, user_id FROM company_memberships WHERE id = $1`, [r.membershipId]);
    expect(membership).toEqual({ kind: 'FOUNDER', status: 'PENDING_EMAIL_CONFIRMATION', user_id: r.userId });

    // Stage 1: e-mail not confirmed: no account yet, even with the right password — the same answer as
    // a wrong password or an unknown address (else signing up with someone's address, then in with
    // the password chosen, would tell whether the address had an account), which says what to do.
    const early = await loginAttempt(r.email);
    const wrong = await loginAttempt(r.email, 'Pas-le-bon-2026!');
    const unknown = await loginAttempt(uniqueEmail('personne'), 'Pas-le-bon-2026!');
    for (const answer of [early, wrong]) {
      expect(answer.status).toBe(401);
      expect(answer.body).toEqual(unknown.body);
    }
    expect(early.body.error.message).toMatch(/confirmez d’abord votre adresse avec le lien reçu par e-mail/);

    // The link of the mail: only its hash is stored; the outbox forgets the body once it is sent.
    const [link] = await linksTo(r.email);
    const token = tokenOf(link!);
    expect(token.length).toBeGreaterThanOrEqual(43);
    const tokens = await sql(`SELECT token_hash, expires_at, used_at FROM email_tokens WHERE user_id = $1`, [r.userId]);
    expect(tokens).toHaveLength(1);
    expect(tokens[0].token_hash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(new Date(tokens[0].expires_at).getTime() - Date.now()).toBeGreaterThan(47 * 3_600_000);
    await eventually(async () => {
      const rows = await sql(`SELECT text_body FROM email_outbox WHERE workflow_id = $1`, [r.workflowId]);
      return rows.length === 1 && !rows[0].text_body.includes(token);
    }, 10_000, 'outbox body removed');
    expect(await searchAttributes(r.workflowId)).toMatchObject({ CompanyStatus: 'PENDING_EMAIL_CONFIRMATION', WaitingFor: 'EMAIL', CompanyId: r.companyId });

    const page = await openLink(link!);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(String(page.body)).toContain('<html lang="fr">');
    expect(String(page.body)).toContain('Adresse e-mail confirmée');
    const [confirmed] = await sql(`SELECT c.status, u.email_confirmed_at, t.used_at FROM companies c JOIN users u ON u.company_id = c.id JOIN email_tokens t ON t.user_id = u.id WHERE c.id = $1`, [r.companyId]);
    expect(confirmed.status).toBe('PENDING_ADMIN_VERIFICATION');
    expect(confirmed.email_confirmed_at).toBeTruthy();
    expect(confirmed.used_at).toBeTruthy();

    // A second click: already confirmed, nothing changes.
    const again = await openLink(link!);
    expect(again.status).toBe(200);
    expect(String(again.body)).toContain('déjà confirmée');
    const againJson = await openLink(link!, 'json');
    expect(againJson.body).toMatchObject({ outcome: 'ALREADY_CONFIRMED', membershipStatus: 'PENDING_ADMIN_VERIFICATION' });
    expect((await membershipState(r.membershipId)).events).toBe(2);

    // Stage 2: waiting for the operator.
    const waiting = await loginAttempt(r.email);
    expect(waiting.status).toBe(403);
    expect(waiting.body.error.message).toMatch(/vérifie maintenant votre entreprise/);
    await eventually(async () => (await searchAttributes(r.workflowId)).WaitingFor === 'ADMIN', 10_000, 'WaitingFor ADMIN');

    // Every admin is told, by mail and in the app.
    const adminMail = await eventually(async () => (await mailsTo(DEMO.admin, /^Entreprise à vérifier : Menuiserie Solidaire/)).find((m) => m.text.includes(r.membershipId)), 20_000, 'admin mail');
    expect(adminMail.text).toContain(body.company.siren);
    expect(adminMail.text).toContain(r.email);
    const [{ id: adminId }] = await sql(`SELECT id FROM users WHERE email = $1`, [DEMO.admin]);
    const notifications = await sql(`SELECT kind, title FROM notifications WHERE user_id = $1 AND entity_id = $2`, [adminId, r.companyId]);
    expect(notifications).toEqual([{ kind: 'company.confirm_email', title: 'Entreprise à vérifier : Menuiserie Solidaire' }]);

    // The admin's queue, oldest first.
    const queue = await admin.get('/api/companies?status=PENDING_ADMIN_VERIFICATION');
    expect(queue.status).toBe(200);
    const item = queue.body.items.find((i: { id: string }) => i.id === r.companyId);
    expect(item).toMatchObject({ status: 'PENDING_ADMIN_VERIFICATION', pendingMemberships: [{ id: r.membershipId, kind: 'FOUNDER' }] });
    const since = queue.body.items.map((i: { waitingSince: string }) => Date.parse(i.waitingSince));
    expect(since).toEqual([...since].sort((a, b) => a - b));

    const before = await adminView(r.companyId);
    expect(before).toMatchObject({ status: 'PENDING_ADMIN_VERIFICATION', allowedActions: ['verify', 'reject'] });
    const verified = await transition('company', admin, r.companyId, { action: 'verify' });
    expect(verified.status, JSON.stringify(verified.body)).toBe(200);
    expect(verified.body.status).toBe('VERIFIED');
    expect(verified.body.history.map((h: { type: string }) => h.type)).toEqual(['registered', 'confirm_email', 'verify']);
    expect(verified.body.history.at(-1)).toMatchObject({ fromStatus: 'PENDING_ADMIN_VERIFICATION', toStatus: 'VERIFIED', actor: { role: 'ADMIN' } });
    expect(verified.body.pendingMemberships).toEqual([]);
    await eventually(async () => (await mailsTo(r.email, /^Votre compte recruteur est activé/)).length === 1, 20_000, 'activation mail');

    const recruiter = await ApiClient.login(r.email, PASSWORD);
    const me = await recruiter.get('/api/me');
    expect(me.body).toMatchObject({ role: 'RECRUITER', company: { id: r.companyId, status: 'VERIFIED' }, mustChangePassword: false });
    const own = await recruiter.get(`/api/companies/${r.companyId}`);
    expect(own.status).toBe(200);
    expect(own.body.allowedActions).toEqual([]);

    await eventually(async () => (await runStatus(r.workflowId)) === 'COMPLETED', 20_000, 'workflow completed');
    expect(await searchAttributes(r.workflowId)).toMatchObject({ CompanyStatus: 'VERIFIED', WaitingFor: 'NOBODY' });
  });

  it('lets operators list companies waiting for verification in Temporal', async () => {
    const r = await register();
    await confirm(r.email);
    const client = await temporalClient();
    const query = `WorkflowType = 'companyVerificationWorkflow' AND CompanyStatus = 'PENDING_ADMIN_VERIFICATION'`;
    const found = await eventually(async () => {
      const ids: string[] = [];
      for await (const wf of client.workflow.list({ query })) ids.push(wf.workflowId);
      return ids.includes(r.workflowId) ? ids : null;
    }, 20_000, 'waiting company in visibility');
    expect(found).toContain(r.workflowId);
    const waitingForAdmin: string[] = [];
    for await (const wf of client.workflow.list({ query: `WorkflowType = 'companyVerificationWorkflow' AND WaitingFor = 'ADMIN' AND StatusChangedAt < '${new Date(Date.now() + 60_000).toISOString()}'` })) {
      waitingForAdmin.push(wf.workflowId);
    }
    expect(waitingForAdmin).toContain(r.workflowId);
  });

  it('answers a taken e-mail like a new one (test/auth-hardening.test.ts); a SIREN under verification cannot be registered twice', async () => {
    const taken = await new ApiClient().post('/api/auth/register-recruiter', registration({ user: { email: DEMO.candidate } }));
    expect(taken.status).toBe(202);
    expect(taken.body.message.replace(DEMO.candidate, '')).not.toMatch(/candidat|CANDIDATE|existe/i);

    const r = await register();
    const [{ siren }] = await sql(`SELECT siren FROM companies WHERE id = $1`, [r.companyId]);
    const twice = await new ApiClient().post('/api/auth/register-recruiter', registration({ company: { siren } }));
    expect(twice.status).toBe(409);
    expect(twice.body.error.message).toMatch(/déjà en cours de vérification/);
  });
});

describe('rejection', () => {
  it('needs a reason (400 otherwise, state unchanged), tells it by mail and at login', async () => {
    const r = await register();
    await confirm(r.email);
    const before = await membershipState(r.membershipId);
    for (const body of [{ action: 'reject' }, { action: 'reject', reason: '   ' }, { action: 'reject', reason: null }]) {
      const response = await transition('company', admin, r.companyId, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.body.error).toMatchObject({ code: 'VALIDATION_FAILED' });
      expect(response.body.error.message).toMatch(/reason : un motif est obligatoire/);
    }
    expect(await membershipState(r.membershipId)).toEqual(before);
    const reason = 'Le SIREN correspond à une entreprise radiée.';
    const rejected = await transition('company', admin, r.companyId, { action: 'reject', reason });
    expect(rejected.status).toBe(200);
    expect(rejected.body.status).toBe('REJECTED');
    expect(rejected.body.history.at(-1)).toMatchObject({ type: 'reject', message: reason });
    const [company] = await sql(`SELECT status FROM companies WHERE id = $1`, [r.companyId]);
    expect(company.status).toBe('REJECTED');
    await eventually(async () => (await mailsTo(r.email, /n’a pas été acceptée/)).some((m) => m.text.includes(reason)), 20_000, 'rejection mail');
    const login = await loginAttempt(r.email);
    expect(login.status).toBe(403);
    expect(login.body.error.message).toMatch(/refusée/);
    expect(login.body.error.message).toContain(reason);
    // A second click on the link after the rejection says where things stand.
    const [link] = await linksTo(r.email);
    expect((await openLink(link!, 'json')).body).toMatchObject({ outcome: 'ALREADY_CONFIRMED', membershipStatus: 'REJECTED' });
  });
});

describe('every action from every state by every role', () => {
  type Who = 'admin' | 'recruiter' | 'otherRecruiter' | 'candidate' | 'anonymous';
  const ACTIONS: Array<Record<string, unknown>> = [{ action: 'verify' }, { action: 'reject', reason: 'Motif de test' }, { action: 'reject' }];

  /** The documented answer for a refused action: who first (401/404/403), then the state (409), then the fields (400). */
  function expected(who: Who, state: string, body: Record<string, unknown>, ownCanLogIn: boolean): number {
    if (who === 'anonymous') return 401;
    if (who === 'otherRecruiter' || who === 'candidate') return 404;
    if (who === 'recruiter') return ownCanLogIn ? 403 : 401;
    if (state !== 'PENDING_ADMIN_VERIFICATION') return 409;
    return body.action === 'reject' && !body.reason ? 400 : 200;
  }

  async function reach(state: string) {
    if (state === 'EXPIRED') {
      const r = await startCompanyVerification({ emailReminderMs: 60_000, emailExpiryMs: 1_000 });
      await eventually(async () => (await sql(`SELECT status FROM companies WHERE id = $1`, [r.companyId]))[0]?.status === 'EXPIRED', 15_000, 'EXPIRED');
      return r;
    }
    const r = await register();
    if (state === 'PENDING_EMAIL_CONFIRMATION') return r;
    await confirm(r.email);
    if (state === 'PENDING_ADMIN_VERIFICATION') return r;
    const body = state === 'VERIFIED' ? { action: 'verify' } : { action: 'reject', reason: 'Entreprise inconnue.' };
    expect((await transition('company', admin, r.companyId, body)).status).toBe(200);
    return r;
  }

  for (const state of ['PENDING_EMAIL_CONFIRMATION', 'PENDING_ADMIN_VERIFICATION', 'VERIFIED', 'REJECTED', 'EXPIRED']) {
    it(`from ${state}`, async () => {
      const r = await reach(state);
      const ownCanLogIn = state === 'VERIFIED';
      const own = ownCanLogIn ? await ApiClient.login(r.email, PASSWORD) : new ApiClient();
      // Never confirmed (PENDING_EMAIL_CONFIRMATION, EXPIRED): no account yet, answered like a wrong password.
      if (!ownCanLogIn) expect((await loginAttempt(r.email)).status).toBe(state === 'PENDING_EMAIL_CONFIRMATION' || state === 'EXPIRED' ? 401 : 403);
      const clients: Record<Who, ApiClient> = { admin, recruiter: own, otherRecruiter, candidate, anonymous: new ApiClient() };
      const before = await membershipState(r.membershipId);
      const [{ status: companyBefore }] = await sql(`SELECT status FROM companies WHERE id = $1`, [r.companyId]);
      for (const who of Object.keys(clients) as Who[]) {
        for (const body of ACTIONS) {
          const want = expected(who, state, body, ownCanLogIn);
          if (want === 200) continue; // the successes change the state: covered one by one below
          const response = await transition('company', clients[who], r.companyId, body);
          expect(response.status, `${who} ${JSON.stringify(body)} from ${state}: ${JSON.stringify(response.body)}`).toBe(want);
          if (want === 409) {
            expect(response.body.error.code).toBe('ILLEGAL_TRANSITION');
            expect(response.body.error.message).toContain(state);
            expect(response.body.error.details).toMatchObject({ status: state });
          }
          if (want === 403) expect(response.body.error.message).toMatch(/administrateur/);
          // Reading follows the same rule: a stranger does not even see the company.
          if (who === 'otherRecruiter' || who === 'candidate') expect((await clients[who].get(`/api/companies/${r.companyId}`)).status).toBe(404);
        }
      }
      // confirm_email is not an admin action: it only comes from the mailed link.
      const viaApi = await transition('company', admin, r.companyId, { action: 'confirm_email' });
      expect(viaApi.status).toBe(400);
      expect(viaApi.body.error.message).toMatch(/action : une valeur parmi verify, reject/);
      expect(await membershipState(r.membershipId)).toEqual(before);
      expect((await sql(`SELECT status FROM companies WHERE id = $1`, [r.companyId]))[0].status).toBe(companyBefore);
      expect((await adminView(r.companyId)).status).toBe(state);
      // Lists are for admins only.
      for (const who of ['recruiter', 'otherRecruiter', 'candidate'] as const) {
        if (who === 'recruiter' && !ownCanLogIn) continue;
        expect((await clients[who].get('/api/companies?status=PENDING_ADMIN_VERIFICATION')).status).toBe(403);
      }
    });
  }

  it('admin verify and reject succeed from PENDING_ADMIN_VERIFICATION only', async () => {
    for (const body of [{ action: 'verify' }, { action: 'reject', reason: 'Motif de test' }]) {
      const r = await reach('PENDING_ADMIN_VERIFICATION');
      const response = await transition('company', admin, r.companyId, body);
      expect(response.status).toBe(200);
      expect(response.body.status).toBe(body.action === 'verify' ? 'VERIFIED' : 'REJECTED');
      const again = await transition('company', admin, r.companyId, body);
      expect(again.status).toBe(409);
      expect(again.body.error.details).toMatchObject({ status: response.body.status, allowedActions: [] });
    }
  });

  it('answers 404 for a company that does not exist or an id that is not one', async () => {
    expect((await transition('company', admin, randomUUID(), { action: 'verify' })).status).toBe(404);
    expect((await transition('company', admin, 'pas-un-id', { action: 'verify' })).status).toBe(404);
    expect((await admin.get(`/api/companies/${randomUUID()}`)).status).toBe(404);
  });
});

describe('the e-mail link', () => {
  it('is refused when unknown or malformed (400), and when expired (410), with a page a person understands', async () => {
    const unknown = await new ApiClient().request('GET', `/api/auth/confirm-email?token=${'x'.repeat(43)}`, undefined, { accept: 'text/html' });
    expect(unknown.status).toBe(400);
    expect(String(unknown.body)).toContain('Lien de confirmation invalide');
    const missing = await new ApiClient().request('GET', '/api/auth/confirm-email', undefined, { accept: 'application/json' });
    expect(missing.status).toBe(400);
    expect(missing.body.error).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringMatching(/^token : /) });

    // A token past its expiry while the request still waits (the database's clock decides).
    const r = await register();
    const [link] = await linksTo(r.email);
    await sql(`UPDATE email_tokens SET expires_at = now() - interval '1 minute' WHERE user_id = $1`, [r.userId]);
    const expired = await openLink(link!, 'json');
    expect(expired.status).toBe(410);
    expect(expired.body.error).toMatchObject({ code: 'TOKEN_EXPIRED', message: expect.stringMatching(/a expiré/) });
    const expiredPage = await openLink(link!);
    expect(expiredPage.status).toBe(410);
    expect(String(expiredPage.body)).toContain('Lien expiré');
    expect((await membershipState(r.membershipId)).status).toBe('PENDING_EMAIL_CONFIRMATION');
  });

  it('sends one reminder with a fresh link, then expires the request; the old links answer 410', async () => {
    const r = await startCompanyVerification({ emailReminderMs: 1_500, emailExpiryMs: 4_500 });
    const [first, reminder] = await linksTo(r.email, 2);
    expect(tokenOf(reminder!)).not.toBe(tokenOf(first!));
    const reminderMail = (await mailsTo(r.email, /^Rappel : confirmez votre adresse e-mail/))[0]!;
    expect(Date.parse(reminderMail.receivedAt) - r.createdAt).toBeGreaterThanOrEqual(1_500);
    expect(reminderMail.text).toMatch(/elle expirera/);
    const [{ status: companyStatus }] = await eventually(async () => {
      const rows = await sql(`SELECT status FROM companies WHERE id = $1`, [r.companyId]);
      return rows[0]?.status === 'EXPIRED' ? rows : null;
    }, 15_000, 'EXPIRED');
    expect(companyStatus).toBe('EXPIRED');
    const events = await sql(`SELECT type, to_status FROM membership_events WHERE membership_id = $1 ORDER BY seq`, [r.membershipId]);
    expect(events.map((e) => e.type)).toEqual(['registered', 'email_reminder', 'expire']);
    const [expiredAt] = await sql(`SELECT at FROM membership_events WHERE membership_id = $1 AND type = 'expire'`, [r.membershipId]);
    expect(new Date(expiredAt.at).getTime() - r.createdAt).toBeGreaterThanOrEqual(4_500);
    const client = await temporalClient();
    const result: CompanyVerificationSnapshot = await client.workflow.getHandle(r.workflowId).result();
    expect(result).toMatchObject({ status: 'EXPIRED', events: 3, registered: true });
    expect(await searchAttributes(r.workflowId)).toMatchObject({ CompanyStatus: 'EXPIRED', WaitingFor: 'NOBODY' });
    // Only one reminder, ever.
    expect(await mailsTo(r.email, /^Rappel/)).toHaveLength(1);

    for (const link of [first!, reminder!]) {
      const response = await openLink(link, 'json');
      expect(response.status).toBe(410);
    }
    // Never confirmed, now expired: no account (the same answer as a wrong password).
    const login = await loginAttempt(r.email);
    expect(login.status).toBe(401);
    expect(login.body.error.message).toMatch(/^E-mail ou mot de passe incorrect/);

    // Signing up again with the same e-mail and SIREN starts over: the abandoned sign-up gives way.
    const [{ siren }] = await sql(`SELECT siren FROM companies WHERE id = $1`, [r.companyId]);
    const again = await register(registration({ company: { siren }, user: { email: r.email } }));
    expect(again.companyId).toBe(r.companyId);
    const [company] = await sql(`SELECT status, workflow_id FROM companies WHERE id = $1`, [r.companyId]);
    expect(company).toEqual({ status: 'PENDING_EMAIL_CONFIRMATION', workflow_id: again.workflowId });
    await confirm(again.email, 3); // the first link, the reminder, and the new sign-up's
  });

  it('confirms with the reminder’s link too; the first one then says "already confirmed"', async () => {
    const r = await startCompanyVerification({ emailReminderMs: 1_000, emailExpiryMs: 120_000 });
    const [first, reminder] = await linksTo(r.email, 2);
    const confirmed = await openLink(reminder!, 'json');
    expect(confirmed.body).toMatchObject({ outcome: 'CONFIRMED' });
    const other = await openLink(first!, 'json');
    expect(other.status).toBe(200);
    expect(other.body).toMatchObject({ outcome: 'ALREADY_CONFIRMED', membershipStatus: 'PENDING_ADMIN_VERIFICATION' });
    expect((await membershipState(r.membershipId)).status).toBe('PENDING_ADMIN_VERIFICATION');
  });

  it('leaves nothing to verify when the API’s transaction never committed', async () => {
    const membershipId = randomUUID();
    const input: CompanyVerificationInput = {
      membershipId,
      companyId: randomUUID(),
      userId: randomUUID(),
      kind: 'FOUNDER',
      createdAt: new Date().toISOString(),
      createdBy: null,
    };
    await startProcess(await temporalClient(), inject('taskQueue'), 'membership', input);
    const result: CompanyVerificationSnapshot = await (await temporalClient()).workflow.getHandle(workflowIdOf('membership', membershipId)).result();
    expect(result).toMatchObject({ registered: false, events: 0 });
    expect(await sql(`SELECT 1 FROM company_memberships WHERE id = $1`, [membershipId])).toHaveLength(0);
  });
});

describe('a second recruiter joins a verified company', () => {
  it('runs the same process for the membership; the company stays VERIFIED; the admin names the request', async () => {
    const company = await verifiedCompany();
    const [{ siren }] = await sql(`SELECT siren FROM companies WHERE id = $1`, [company.companyId]);
    const member = await register(registration({ company: { siren, name: 'Autre nom saisi' }, user: { firstName: 'Hugo', lastName: 'Lemaire', email: uniqueEmail('membre') } }));
    expect(member.companyId).toBe(company.companyId);
    const [row] = await sql(`SELECT c.status, c.name, c.workflow_id, m.kind FROM companies c JOIN company_memberships m ON m.company_id = c.id WHERE m.id = $1`, [member.membershipId]);
    expect(row).toEqual({ status: 'VERIFIED', name: 'Menuiserie Solidaire', workflow_id: company.workflowId, kind: 'MEMBER' });
    expect((await loginAttempt(member.email)).body.error.message).toMatch(/confirmez d’abord votre adresse/);

    await confirm(member.email);
    const waiting = await loginAttempt(member.email);
    expect(waiting.status).toBe(403);
    expect(waiting.body.error.message).toMatch(/appartenez bien à l’entreprise/);
    await eventually(async () => (await mailsTo(DEMO.admin, /^Demande d’adhésion à vérifier : Hugo Lemaire/)).length === 1, 20_000, 'admin mail for the member');

    const queue = await admin.get('/api/companies?status=PENDING_ADMIN_VERIFICATION&pageSize=100');
    const item = queue.body.items.find((i: { id: string }) => i.id === company.companyId);
    expect(item).toMatchObject({ status: 'VERIFIED', pendingMemberships: [{ id: member.membershipId, kind: 'MEMBER', status: 'PENDING_ADMIN_VERIFICATION' }] });

    const unnamed = await transition('company', admin, company.companyId, { action: 'verify' });
    expect(unnamed.status).toBe(400);
    expect(unnamed.body.error.message).toMatch(/membershipId : l’entreprise est déjà vérifiée/);
    expect(unnamed.body.error.message).toContain(member.membershipId);
    const wrongId = await transition('company', admin, company.companyId, { action: 'verify', membershipId: randomUUID() });
    expect(wrongId.status).toBe(400);
    expect(wrongId.body.error.message).toMatch(/^membershipId : /);
    // The founder sees the request but may not decide it; strangers do not see the company.
    const seen = await company.client.get(`/api/companies/${company.companyId}`);
    expect(seen.body.pendingMemberships.map((m: { id: string }) => m.id)).toEqual([member.membershipId]);
    expect((await transition('company', company.client, company.companyId, { action: 'verify', membershipId: member.membershipId })).status).toBe(403);
    expect((await transition('company', otherRecruiter, company.companyId, { action: 'verify', membershipId: member.membershipId })).status).toBe(404);
    expect((await transition('company', candidate, company.companyId, { action: 'verify', membershipId: member.membershipId })).status).toBe(404);
    expect((await membershipState(member.membershipId)).status).toBe('PENDING_ADMIN_VERIFICATION');

    const verified = await transition('company', admin, company.companyId, { action: 'verify', membershipId: member.membershipId });
    expect(verified.status, JSON.stringify(verified.body)).toBe(200);
    expect(verified.body).toMatchObject({ status: 'VERIFIED', pendingMemberships: [] });
    expect(verified.body.history.map((h: { type: string }) => h.type)).toEqual(['registered', 'confirm_email', 'verify']); // the company's own
    const memberHistory = await sql(`SELECT type FROM membership_events WHERE membership_id = $1 ORDER BY seq`, [member.membershipId]);
    expect(memberHistory.map((e) => e.type)).toEqual(['registered', 'confirm_email', 'verify']);
    await eventually(async () => (await mailsTo(member.email, /^Votre compte recruteur est activé/)).length === 1, 20_000, 'member activation mail');
    const memberClient = await ApiClient.login(member.email, PASSWORD);
    expect((await memberClient.get('/api/me')).body.company).toMatchObject({ id: company.companyId, status: 'VERIFIED' });
    const again = await transition('company', admin, company.companyId, { action: 'verify' });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toMatch(/aucune demande d’adhésion n’attend/);
  });

  it('a member request from PENDING_EMAIL_CONFIRMATION cannot be verified yet; a rejected member is told why', async () => {
    const company = await verifiedCompany();
    const [{ siren }] = await sql(`SELECT siren FROM companies WHERE id = $1`, [company.companyId]);
    const member = await register(registration({ company: { siren }, user: { email: uniqueEmail('membre') } }));
    const early = await transition('company', admin, company.companyId, { action: 'verify', membershipId: member.membershipId });
    expect(early.status).toBe(409);
    expect(early.body.error.details).toMatchObject({ status: 'PENDING_EMAIL_CONFIRMATION', allowedActions: [] });
    await confirm(member.email);
    const noReason = await transition('company', admin, company.companyId, { action: 'reject', membershipId: member.membershipId });
    expect(noReason.status).toBe(400);
    const rejected = await transition('company', admin, company.companyId, { action: 'reject', membershipId: member.membershipId, reason: 'Personne inconnue de l’entreprise.' });
    expect(rejected.status).toBe(200);
    expect(rejected.body.status).toBe('VERIFIED'); // the company is untouched
    const login = await loginAttempt(member.email);
    expect(login.status).toBe(403);
    expect(login.body.error.message).toContain('Personne inconnue de l’entreprise.');
    // The founder still signs in.
    expect((await loginAttempt(company.email)).status).toBe(200);
  });
});

describe('colleagues', () => {
  let company: Registered & { client: ApiClient };
  beforeAll(async () => {
    company = await verifiedCompany();
  });

  it('invites a colleague with a temporary password, to be changed at first login', async () => {
    const email = uniqueEmail('collegue');
    const invited = await company.client.post('/api/company/colleagues', { firstName: 'Lina', lastName: 'Moreau', email, jobTitle: 'Chargée de recrutement' });
    expect(invited.status, JSON.stringify(invited.body)).toBe(201);
    expect(invited.body).toMatchObject({ email, membership: { kind: 'INVITED', status: 'VERIFIED' }, mustChangePassword: true, invitedBy: { id: company.userId } });
    const [membership] = await sql(`SELECT id, status FROM company_memberships WHERE user_id = $1`, [invited.body.id]);
    const history = await sql(`SELECT type, to_status, actor_id FROM membership_events WHERE membership_id = $1 ORDER BY seq`, [membership.id]);
    expect(history).toEqual([{ type: 'invited', to_status: 'VERIFIED', actor_id: company.userId }]);

    const mail: CaughtMail = await eventually(async () => (await mailsTo(email, /^Votre accès recruteur Tremplin/))[0], 20_000, 'invitation mail');
    const password = /Mot de passe provisoire : (\S+)/.exec(mail.text)?.[1];
    expect(password).toBeTruthy();
    expect(mail.text).toContain('Tremplin');
    await eventually(async () => {
      const rows = await sql(`SELECT text_body FROM email_outbox WHERE to_address = $1`, [email]);
      return rows.length === 1 && !rows[0].text_body.includes(password!);
    }, 10_000, 'temporary password removed from the outbox');

    const colleague = await ApiClient.login(email, password!);
    expect((await colleague.get('/api/me')).body).toMatchObject({ mustChangePassword: true, company: { id: company.companyId } });
    const blocked = await colleague.get('/api/applications');
    expect(blocked.status).toBe(403);
    expect(blocked.body.error.message).toMatch(/mot de passe est provisoire/);
    expect((await colleague.get('/api/company/colleagues')).status).toBe(403);

    const wrongCurrent = await colleague.post('/api/auth/change-password', { currentPassword: 'Pas-le-bon-2026!', newPassword: PASSWORD });
    expect(wrongCurrent.status).toBe(400);
    expect(wrongCurrent.body.error.message).toMatch(/^currentPassword : /);
    const weak = await colleague.post('/api/auth/change-password', { currentPassword: password, newPassword: 'motdepasse' });
    expect(weak.status).toBe(400);
    expect(weak.body.error.message).toMatch(/newPassword : le mot de passe doit faire au moins 12 caractères/);
    const changed = await colleague.post('/api/auth/change-password', { currentPassword: password, newPassword: PASSWORD });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.body.mustChangePassword).toBe(false);
    expect((await colleague.get('/api/applications')).status).toBe(200);
    expect((await loginAttempt(email, password!)).status).toBe(401);
    expect((await loginAttempt(email, PASSWORD)).status).toBe(200);

    const list = await company.client.get('/api/company/colleagues');
    expect(list.status).toBe(200);
    expect(list.body.items.map((c: { email: string; membership: { kind: string } }) => [c.email, c.membership.kind])).toEqual([
      [company.email, 'FOUNDER'],
      [email, 'INVITED'],
    ]);
    expect(list.body).toMatchObject({ total: 2, page: 1 });
  });

  it('refuses a taken e-mail (409), non-recruiters (403) and bad input (400)', async () => {
    const taken = await company.client.post('/api/company/colleagues', { firstName: 'A', lastName: 'B', email: DEMO.referent });
    expect(taken.status).toBe(409);
    expect((await candidate.post('/api/company/colleagues', { firstName: 'A', lastName: 'B', email: uniqueEmail('x') })).status).toBe(403);
    expect((await admin.post('/api/company/colleagues', { firstName: 'A', lastName: 'B', email: uniqueEmail('x') })).status).toBe(403);
    expect((await new ApiClient().post('/api/company/colleagues', { firstName: 'A', lastName: 'B', email: uniqueEmail('x') })).status).toBe(401);
    const bad = await company.client.post('/api/company/colleagues', { firstName: 'A', lastName: 'B', email: 'pas-une-adresse' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/email : adresse e-mail invalide/);
  });
});

describe('login rules', () => {
  it('words each refusal for the recruiter, in French', () => {
    expect(recruiterAccessRefusal({ status: 'PENDING_EMAIL_CONFIRMATION', kind: 'FOUNDER' }, 'PENDING_EMAIL_CONFIRMATION')).toMatch(/adresse e-mail n’est pas encore confirmée/);
    expect(recruiterAccessRefusal({ status: 'PENDING_ADMIN_VERIFICATION', kind: 'FOUNDER' }, 'PENDING_ADMIN_VERIFICATION')).toMatch(/vérifie maintenant votre entreprise/);
    expect(recruiterAccessRefusal({ status: 'REJECTED', kind: 'MEMBER', reason: 'Inconnu' }, 'VERIFIED')).toMatch(/refusée.*« Inconnu »/);
    expect(recruiterAccessRefusal({ status: 'EXPIRED', kind: 'FOUNDER' }, 'EXPIRED')).toMatch(/a expiré/);
    expect(recruiterAccessRefusal({ status: 'VERIFIED', kind: 'INVITED' }, 'VERIFIED')).toBeNull();
    expect(recruiterAccessRefusal(null, 'VERIFIED')).toBeNull();
    expect(recruiterAccessRefusal(null, 'PENDING_ADMIN_VERIFICATION')).toMatch(/pas encore actif/);
  });

  it('still lets in a recruiter made without the sign-up when their company is verified', async () => {
    const [{ id: companyId }] = await sql(`SELECT id FROM companies WHERE siren = '842100000'`);
    const person: Person = await createUser('RECRUITER', { companyId });
    expect((await loginAttempt(person.email, inject('demoPassword'))).status).toBe(200);
  });
});
