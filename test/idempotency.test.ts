// Idempotency-Key (api/idempotency.ts) on the real API, Temporal and PostgreSQL: for every kind of route
// that takes it — creations and transitions of the four processes, and the anonymous sign-up — the same
// request twice gives the first answer (same status and body, `Idempotent-Replayed: true`) and one
// effect (one row, one history event, one successful Update in the workflow's history); the two sent at
// the same instant as well (the second waits for the first and replays its answer); another body with
// the key is a 422; a refused request replays its refusal; without the key nothing changes. Below the
// cache, a run that did its effect but never recorded its answer (a crash, simulated by taking the row
// back to IN_PROGRESS with its lease over) is run again without a second effect. Then the middleware
// alone, on a small Express app against the same database, for what the API cannot be made to do on
// demand (a 503, a request that hangs, an expired key). Spontaneous applications: one live per
// candidate and company, with or without a key.
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createLogger } from '../config/logger.js';
import { errorHandler, HttpError } from '../api/errors.js';
import { canonicalJson, idempotency, uuidV5 } from '../api/idempotency.js';
import { earlierTransition } from '../api/transitions.js';
import { createDatabase } from '../models/index.js';
import { registration } from './authorization-table.js';
import { linksTo, mailsTo, openLink, outboxDrained, updatesIn, workflowHistoryOf } from './drivers.js';
import { createCast, createUser, insertPublishedOffer, type Cast, type Person } from './fixtures.js';
import { ApiClient, eventually, sql, temporalClient, type ApiResponse } from './support.js';

let cast: Cast;
const tag = `idem${randomUUID().slice(0, 8)}`;

beforeAll(async () => {
  cast = await createCast();
  // As a sign-up leaves them: the recruiter's own place in the company, verified (colleagues need it).
  await sql(`INSERT INTO company_memberships (id, company_id, user_id, kind, status) VALUES ($1, $2, $3, 'FOUNDER', 'VERIFIED')`, [randomUUID(), cast.company.id, cast.recruiter.id]);
  await Promise.all([cast.candidate, cast.referent, cast.recruiter, cast.admin].map((p) => p.client()));
});

const newKey = () => randomUUID();
const withKey = (key: string) => ({ 'Idempotency-Key': key });
const replayed = (r: ApiResponse) => r.headers.get('idempotent-replayed') === 'true';

async function post(by: Person | ApiClient, path: string, body: unknown, key?: string): Promise<ApiResponse> {
  const client = by instanceof ApiClient ? by : await by.client();
  return client.post(path, body, key !== undefined ? withKey(key) : {});
}

/** The same request twice, one after the other. */
async function twice(by: Person | ApiClient, path: string, body: unknown, key = newKey()) {
  const first = await post(by, path, body, key);
  const second = await post(by, path, body, key);
  return { first, second, key };
}

/** The same request twice, at the same instant. */
async function together(by: Person | ApiClient, path: string, body: unknown, key = newKey()) {
  const [a, b] = await Promise.all([post(by, path, body, key), post(by, path, body, key)]);
  return { answers: [a, b], key };
}

/** The first answer, and a replay of it: same status, same body, the replay marked as such. */
function expectReplay(first: ApiResponse, second: ApiResponse, status: number) {
  expect(first.status, JSON.stringify(first.body)).toBe(status);
  expect(second.status, JSON.stringify(second.body)).toBe(status);
  expect(second.body).toEqual(first.body);
  expect(replayed(first)).toBe(false);
  expect(replayed(second)).toBe(true);
}

/** Two answers to requests sent together: equal, one of them the replay of the other. */
function expectOneRanOneReplayed(answers: ApiResponse[], status: number) {
  for (const a of answers) expect(a.status, JSON.stringify(a.body)).toBe(status);
  expect(answers[1]!.body).toEqual(answers[0]!.body);
  expect(answers.filter(replayed)).toHaveLength(1);
}

/** Successful Updates sent with an Idempotency-Key, in the workflow's history: each id once per successful completion. */
const keyedUpdates = async (workflowId: string): Promise<string[]> =>
  (await updatesIn(await workflowHistoryOf(workflowId))).filter((u) => u.updateId.startsWith('idempotency-')).flatMap((u) => Array<string>(u.successes).fill(u.updateId));

const count = async (query: string, params: unknown[]) => Number((await sql<{ n: string }>(query, params))[0]!.n);
const eventsOf = (table: string, column: string, id: string, type: string) => count(`SELECT count(*) AS n FROM ${table} WHERE ${column} = $1 AND type = $2`, [id, type]);

/** What a crash between the effect and the record of its answer leaves: the key held, its lease over. */
async function loseTheAnswer(key: string) {
  const rows = await sql(
    `UPDATE idempotency_keys SET state = 'IN_PROGRESS', response_status = NULL, response_body = NULL, completed_at = NULL,
       locked_until = now() - interval '1 second'
     WHERE key = $1 RETURNING key`,
    [key],
  );
  expect(rows).toHaveLength(1);
}

async function newApplication(candidate: Person = cast.candidate): Promise<any> {
  const company = await createOffer();
  const created = await post(candidate, '/api/applications', { offerId: company, message: 'Bonjour' });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body;
}

const createOffer = () => insertPublishedOffer(cast.company.id, 'Agent d’accueil H/F', 'Accueil du public.');

const offerBody = (title = `Magasinier ${tag} ${randomUUID().slice(0, 6)} H/F`) => ({
  title,
  contractType: 'CDI',
  postalCode: '69007',
  city: 'Lyon',
  description: 'Réception et préparation des commandes, gestion des stocks, travail en équipe.',
});

// ---------------------------------------------------------------------------------------------------

describe('the key itself', () => {
  it('is checked: 1 to 255 visible ASCII characters, else 400 naming the header', async () => {
    const application = await newApplication();
    for (const key of ['', 'deux mots', 'clé', 'x'.repeat(256), '\t']) {
      const response = await post(cast.referent, `/api/applications/${application.id}/transitions`, { action: 'validate' }, key);
      expect(response.status, `key ${JSON.stringify(key)}`).toBe(400);
      expect(response.body.error.code).toBe('VALIDATION_FAILED');
      expect(response.body.error.message).toContain('Idempotency-Key');
    }
    // Nothing ran.
    expect(await eventsOf('application_events', 'application_id', application.id, 'validate')).toBe(0);
    const ok = await post(cast.referent, `/api/applications/${application.id}/transitions`, { action: 'validate' }, '!' + 'x'.repeat(253) + '~');
    expect(ok.status).toBe(200);
  });

  it('is declared in the OpenAPI document on the routes that take it', async () => {
    const doc = (await (await fetch(`${inject('apiUrl')}/api/openapi.json`)).json()) as { paths: Record<string, Record<string, { parameters?: Array<{ name: string; in: string; required?: boolean }>; responses: Record<string, unknown> }>> };
    const withHeader = Object.entries(doc.paths)
      .flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => [`${method.toUpperCase()} ${path}`, op] as const))
      .filter(([, op]) => op.parameters?.some((p) => p.in === 'header' && p.name === 'Idempotency-Key' && !p.required))
      .map(([key, op]) => {
        expect(op.responses['422'], key).toBeDefined();
        return key;
      })
      .sort();
    expect(withHeader).toEqual(
      [
        'POST /applications',
        'POST /applications/{id}/messages',
        'POST /applications/{id}/transitions',
        'POST /auth/register-recruiter',
        'POST /companies/{id}/transitions',
        'POST /company/colleagues',
        'POST /contact-requests/{id}/transitions',
        'POST /cvtheque/profiles/{candidateId}/contact',
        'POST /mission/referents',
        'POST /offers',
        'POST /offers/{id}/duplicate',
        'POST /offers/{id}/transitions',
        'POST /referent/candidates',
        'POST /sponsorships',
        'POST /sponsorships/{id}/transitions',
      ].sort(),
    );
  });

  it('helpers: UUID v5 as RFC 9562 spells it, and a body whatever the order of its keys', () => {
    expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
    expect(canonicalJson({ b: [1, { y: 2, x: null }], a: 'é' })).toBe(canonicalJson({ a: 'é', b: [1, { x: null, y: 2 }] }));
    expect(canonicalJson({ b: 1, a: [true, 'x'] })).toBe('{"a":[true,"x"],"b":1}');
    const deep = JSON.parse(`${'['.repeat(20_000)}${']'.repeat(20_000)}`);
    expect(canonicalJson(deep)).toHaveLength(40_000);
  });
});

describe('transitions', () => {
  it('applications: the same validate twice is one event, one Update, the same answer', async () => {
    const application = await newApplication();
    const { first, second } = await twice(cast.referent, `/api/applications/${application.id}/transitions`, { action: 'validate' });
    expectReplay(first, second, 200);
    expect(first.body.status).toBe('PENDING_RECRUITER');
    expect(await eventsOf('application_events', 'application_id', application.id, 'validate')).toBe(1);
    expect(await keyedUpdates(application.workflowId)).toHaveLength(1);
  });

  it('applications: the same validate twice at the same instant — the second waits for the first and replays it', async () => {
    const application = await newApplication();
    const { answers } = await together(cast.referent, `/api/applications/${application.id}/transitions`, { action: 'validate' });
    expectOneRanOneReplayed(answers, 200);
    expect(await eventsOf('application_events', 'application_id', application.id, 'validate')).toBe(1);
    expect(await keyedUpdates(application.workflowId)).toHaveLength(1);
  });

  it('another body, or another route, with the key: 422 IDEMPOTENCY_KEY_REUSED, nothing done', async () => {
    const application = await newApplication();
    const key = newKey();
    expect((await post(cast.referent, `/api/applications/${application.id}/transitions`, { action: 'validate' }, key)).status).toBe(200);
    const otherBody = await post(cast.referent, `/api/applications/${application.id}/transitions`, { action: 'reject', message: 'Non.' }, key);
    expect(otherBody.status).toBe(422);
    expect(otherBody.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(otherBody.body.error.message).toMatch(/Idempotency-Key.*déjà servi/);
    const other = await newApplication();
    const otherRoute = await post(cast.referent, `/api/applications/${other.id}/transitions`, { action: 'validate' }, key);
    expect(otherRoute.status).toBe(422);
    expect(otherRoute.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect((await (await cast.referent.client()).get(`/api/applications/${other.id}`)).body.status).toBe('PENDING_REFERENT_VALIDATION');
    // The same key is another person's own: no clash.
    const byAnother = await post(cast.missionOfficer, `/api/applications/${other.id}/transitions`, { action: 'validate' }, key);
    expect(byAnother.status).toBe(200);
    expect(replayed(byAnother)).toBe(false);
  });

  it('a refused transition is replayed as the same 409', async () => {
    const application = await newApplication();
    const path = `/api/applications/${application.id}/transitions`;
    expect((await post(cast.referent, path, { action: 'validate' }, newKey())).status).toBe(200);
    const key = newKey();
    const refused = await post(cast.referent, path, { action: 'validate' }, key);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('ILLEGAL_TRANSITION');
    expect(refused.body.error.details.status).toBe('PENDING_RECRUITER');
    const again = await post(cast.referent, path, { action: 'validate' }, key);
    expectReplay(refused, again, 409);
    expect(await eventsOf('application_events', 'application_id', application.id, 'validate')).toBe(1);
  });

  it('without a key, nothing changed: a second identical transition is a 409 naming the state', async () => {
    const application = await newApplication();
    const path = `/api/applications/${application.id}/transitions`;
    expect((await post(cast.referent, path, { action: 'validate' })).status).toBe(200);
    const second = await post(cast.referent, path, { action: 'validate' });
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('ILLEGAL_TRANSITION');
    expect(second.body.error.details.status).toBe('PENDING_RECRUITER');
    expect(second.body.error.message).toMatch(/./);
    expect(second.headers.get('idempotent-replayed')).toBeNull();
    expect(await eventsOf('application_events', 'application_id', application.id, 'validate')).toBe(1);
  });

  it('an answer lost between the effect and its record: the retry runs again, Temporal answers the first outcome (one event)', async () => {
    const application = await newApplication();
    const path = `/api/applications/${application.id}/transitions`;
    const key = newKey();
    const first = await post(cast.referent, path, { action: 'validate' }, key);
    expect(first.status).toBe(200);
    await loseTheAnswer(key);
    const retry = await post(cast.referent, path, { action: 'validate' }, key);
    expect(retry.status, JSON.stringify(retry.body)).toBe(200);
    expect(replayed(retry)).toBe(false);
    expect(retry.body).toEqual(first.body);
    expect(await eventsOf('application_events', 'application_id', application.id, 'validate')).toBe(1);
    expect(await keyedUpdates(application.workflowId)).toHaveLength(1);
  });

  it('the same, for the transition that closes the application (withdraw): the retry answers 200, not « close »', async () => {
    const application = await newApplication();
    const path = `/api/applications/${application.id}/transitions`;
    const key = newKey();
    const first = await post(cast.candidate, path, { action: 'withdraw' }, key);
    expect(first.status).toBe(200);
    expect(first.body.status).toBe('WITHDRAWN');
    await loseTheAnswer(key);
    const retry = await post(cast.candidate, path, { action: 'withdraw' }, key);
    expect(retry.status, JSON.stringify(retry.body)).toBe(200);
    expect(retry.body.status).toBe('WITHDRAWN');
    expect(await eventsOf('application_events', 'application_id', application.id, 'withdraw')).toBe(1);
    // Someone else's key on the closed application: the usual 409.
    const other = await post(cast.candidate, path, { action: 'withdraw' }, newKey());
    expect(other.status).toBe(409);
    expect(other.body.error.details.status).toBe('WITHDRAWN');
  });

  it('asking Temporal for an earlier Update of a running workflow: its outcome if it was sent, null at once if not', async () => {
    const application = await newApplication();
    expect((await post(cast.referent, `/api/applications/${application.id}/transitions`, { action: 'validate' }, newKey())).status).toBe(200);
    const [updateId] = await keyedUpdates(application.workflowId);
    const temporal = await temporalClient();
    expect(await earlierTransition(temporal, application.workflowId, updateId!)).toMatchObject({ status: 'PENDING_RECRUITER' });
    const started = Date.now();
    expect(await earlierTransition(temporal, application.workflowId, `idempotency-${randomUUID()}`)).toBeNull();
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('offers: the same submit twice, and twice at once', async () => {
    const recruiter = await cast.recruiter.client();
    const draft = (await recruiter.post('/api/offers', offerBody())).body;
    const { first, second } = await twice(recruiter, `/api/offers/${draft.id}/transitions`, { action: 'submit' });
    expectReplay(first, second, 200);
    expect(first.body.status).toBe('PENDING_MODERATION');
    expect(await eventsOf('offer_events', 'offer_id', draft.id, 'submit')).toBe(1);
    expect(await keyedUpdates(draft.workflowId)).toHaveLength(1);

    const { answers } = await together(await cast.admin.client(), `/api/offers/${draft.id}/transitions`, { action: 'approve' });
    expectOneRanOneReplayed(answers, 200);
    expect(answers[0]!.body.status).toBe('PUBLISHED');
    expect(await eventsOf('offer_events', 'offer_id', draft.id, 'approve')).toBe(1);
    expect(await keyedUpdates(draft.workflowId)).toHaveLength(2);
  });

  it('sponsorships: the same refusal twice, and twice at once', async () => {
    const ask = async () => {
      const candidate = await createUser('CANDIDATE', { referentId: cast.referent.id });
      const created = await post(candidate, '/api/sponsorships', { companyId: cast.company.id, message: 'Je cherche un parrain.' });
      expect(created.status).toBe(201);
      return created.body;
    };
    const one = await ask();
    const { first, second } = await twice(cast.recruiter, `/api/sponsorships/${one.id}/transitions`, { action: 'refuse', comment: 'Pas de parrain disponible.' });
    expectReplay(first, second, 200);
    expect(first.body.status).toBe('REFUSED');
    expect(await eventsOf('sponsorship_events', 'sponsorship_id', one.id, 'refuse')).toBe(1);
    expect(await keyedUpdates(one.workflowId)).toHaveLength(1);

    const two = await ask();
    const { answers } = await together(cast.recruiter, `/api/sponsorships/${two.id}/transitions`, { action: 'accept', sponsorUserId: cast.recruiter.id });
    expectOneRanOneReplayed(answers, 200);
    expect(answers[0]!.body.status).toBe('ACCEPTED');
    expect(await eventsOf('sponsorship_events', 'sponsorship_id', two.id, 'accept')).toBe(1);
    expect(await keyedUpdates(two.workflowId)).toHaveLength(1);
  });

  it('sign-up (anonymous, keyed by the key alone) and company verification: one account, one mail, one verification', async () => {
    const email = `fondatrice-${tag}-${randomUUID().slice(0, 6)}@idem.test`;
    const body = registration({ tag }, email);
    const { first, second, key } = await twice(new ApiClient(), '/api/auth/register-recruiter', body);
    expectReplay(first, second, 202);
    // From another client (no cookie at all): the key alone finds it.
    const third = await post(new ApiClient(), '/api/auth/register-recruiter', body, key);
    expectReplay(first, third, 202);
    expect(await count(`SELECT count(*) AS n FROM users WHERE email = $1`, [email])).toBe(1);
    expect(await count(`SELECT count(*) AS n FROM companies WHERE siren = $1`, [body.company.siren])).toBe(1);
    const [link] = await linksTo(email);
    expect(await count(`SELECT count(*) AS n FROM email_outbox WHERE to_address = $1`, [email])).toBe(1);
    expect(new Set((await mailsTo(email)).map((m) => m.headers['message-id'])).size).toBe(1);
    expect((await openLink(link!, 'json')).status).toBe(200);
    const companyId = first.body.companyId as string;
    await eventually(async () => (await sql(`SELECT status FROM companies WHERE id = $1`, [companyId]))[0]?.status === 'PENDING_ADMIN_VERIFICATION', 30_000, 'company waiting');

    const { answers } = await together(await cast.admin.client(), `/api/companies/${companyId}/transitions`, { action: 'verify' });
    expectOneRanOneReplayed(answers, 200);
    expect(answers[0]!.body.status).toBe('VERIFIED');
    expect(await eventsOf('membership_events', 'membership_id', first.body.membershipId, 'verify')).toBe(1);
    expect(await keyedUpdates(answers[0]!.body.workflowId)).toHaveLength(1);
  });
});

describe('creations', () => {
  it('applications: the same application twice with a key is one application', async () => {
    const offerId = await createOffer();
    const { first, second } = await twice(cast.candidate, '/api/applications', { offerId, message: 'Bonjour' });
    expectReplay(first, second, 201);
    expect(await count(`SELECT count(*) AS n FROM applications WHERE offer_id = $1`, [offerId])).toBe(1);
    expect(await eventsOf('application_events', 'application_id', first.body.id, 'created')).toBe(1);
  });

  it('applications: twice at the same instant with a key — one application, both answers equal', async () => {
    const offerId = await createOffer();
    const { answers } = await together(cast.candidate, '/api/applications', { offerId });
    expectOneRanOneReplayed(answers, 201);
    expect(await count(`SELECT count(*) AS n FROM applications WHERE offer_id = $1`, [offerId])).toBe(1);
  });

  it('applications: an answer lost after the row was written — the retry meets the same application', async () => {
    const offerId = await createOffer();
    const key = newKey();
    const first = await post(cast.candidate, '/api/applications', { offerId }, key);
    expect(first.status).toBe(201);
    await loseTheAnswer(key);
    const retry = await post(cast.candidate, '/api/applications', { offerId }, key);
    expect(retry.status, JSON.stringify(retry.body)).toBe(201);
    expect(replayed(retry)).toBe(false);
    expect(retry.body.id).toBe(first.body.id);
    expect(await count(`SELECT count(*) AS n FROM applications WHERE offer_id = $1`, [offerId])).toBe(1);
    // A second key is a second request: the usual 409 of one live application per offer.
    const another = await post(cast.candidate, '/api/applications', { offerId }, newKey());
    expect(another.status).toBe(409);
    expect(another.body.error.message).toBe('Une candidature à cette offre est déjà en cours pour ce candidat.');
  });

  it('offers: a draft and its duplicate, each twice with a key', async () => {
    const recruiter = await cast.recruiter.client();
    const body = offerBody();
    const created = await twice(recruiter, '/api/offers', body);
    expectReplay(created.first, created.second, 201);
    expect(await count(`SELECT count(*) AS n FROM offers WHERE title = $1`, [body.title])).toBe(1);
    const id = created.first.body.id as string;
    expect(await eventsOf('offer_events', 'offer_id', id, 'created')).toBe(1);

    const { answers } = await together(recruiter, `/api/offers/${id}/duplicate`, undefined);
    expectOneRanOneReplayed(answers, 201);
    expect(await count(`SELECT count(*) AS n FROM offers WHERE duplicated_from = $1`, [id])).toBe(1);

    // Lost after the commit: the retry answers the same draft, whose workflow runs.
    const key = newKey();
    const copy = await post(recruiter, `/api/offers/${id}/duplicate`, undefined, key);
    await loseTheAnswer(key);
    const retry = await post(recruiter, `/api/offers/${id}/duplicate`, undefined, key);
    expect(retry.status).toBe(201);
    expect(retry.body.id).toBe(copy.body.id);
    expect(await count(`SELECT count(*) AS n FROM offers WHERE duplicated_from = $1`, [id])).toBe(2);
    expect(await eventsOf('offer_events', 'offer_id', copy.body.id, 'created')).toBe(1);
  });

  it('sponsorships, référents’ candidates, mission officers’ référents, colleagues: twice with a key is one', async () => {
    const candidate = await createUser('CANDIDATE', { referentId: cast.referent.id });
    const sponsorship = await twice(candidate, '/api/sponsorships', { companyId: cast.company.id, message: 'Un parrain ?' });
    expectReplay(sponsorship.first, sponsorship.second, 201);
    expect(await count(`SELECT count(*) AS n FROM sponsorship_requests WHERE candidate_id = $1`, [candidate.id])).toBe(1);
    // Its notice goes to the company's recruiters as they are when it is sent: told before the colleague below joins.
    await outboxDrained(sponsorship.first.body.workflowId);

    const email = `nouveau-${tag}-${randomUUID().slice(0, 6)}@idem.test`;
    const account = await together(cast.referent, '/api/referent/candidates', { firstName: 'Yanis', lastName: `Nouveau ${tag}`, email, rqth: true });
    expectOneRanOneReplayed(account.answers, 201);
    expect(await count(`SELECT count(*) AS n FROM users WHERE email = $1`, [email])).toBe(1);
    await loseTheAnswer(account.key);
    const retry = await post(cast.referent, '/api/referent/candidates', { firstName: 'Yanis', lastName: `Nouveau ${tag}`, email, rqth: true }, account.key);
    expect(retry.status, JSON.stringify(retry.body)).toBe(201);
    expect(retry.body).toEqual(account.answers[0]!.body);

    // A mission officer's new référent: the same key twice at once makes one account.
    const referentEmail = `referent-${tag}-${randomUUID().slice(0, 6)}@idem.test`;
    const referent = await together(cast.missionOfficer, '/api/mission/referents', { firstName: 'Rémi', lastName: `Référent ${tag}`, email: referentEmail });
    expectOneRanOneReplayed(referent.answers, 201);
    expect(await count(`SELECT count(*) AS n FROM users WHERE email = $1`, [referentEmail])).toBe(1);

    const colleagueEmail = `collegue-${tag}-${randomUUID().slice(0, 6)}@idem.test`;
    const colleague = await twice(cast.recruiter, '/api/company/colleagues', { firstName: 'Inès', lastName: `Collègue ${tag}`, email: colleagueEmail, jobTitle: 'Assistante RH' });
    expectReplay(colleague.first, colleague.second, 201);
    expect(await count(`SELECT count(*) AS n FROM users WHERE email = $1`, [colleagueEmail])).toBe(1);
    // Each account was told once of its temporary password: one outbox row, one Message-ID received
    // (the outbox may hand the relay the same message twice when a worker dies at the wrong moment).
    // Only that mail: the company's other notices (a reminder, a late one) reach a new colleague too.
    const secretMails = { [colleagueEmail]: 'Votre accès recruteur Tremplin', [email]: 'Votre compte Tremplin est prêt' };
    for (const [address, subject] of Object.entries(secretMails)) {
      const secret = async () => (await mailsTo(address)).filter((m) => m.subject.startsWith(subject));
      await eventually(async () => (await secret()).length > 0, 30_000, `the mail to ${address}`);
      const rows = await sql<{ subject: string }>(`SELECT subject FROM email_outbox WHERE to_address = $1`, [address]);
      expect(rows.filter((row) => row.subject.startsWith(subject)).length, JSON.stringify(rows)).toBe(1);
      const received = await secret();
      const ids = new Set(received.map((m) => m.headers['message-id']));
      expect(ids.size, JSON.stringify(received.map((m) => [m.subject, m.headers['message-id'], m.receivedAt]))).toBe(1);
    }
  });

  it('a refused creation replays its refusal', async () => {
    const { first, second } = await twice(cast.recruiter, '/api/applications', { offerId: await createOffer() });
    expectReplay(first, second, 403);
  });
});

describe('spontaneous applications: one live per candidate and company', () => {
  it('two identical ones at once without a key: one 201 and one 409', async () => {
    const candidate = await createUser('CANDIDATE', { referentId: cast.referent.id });
    const client = await candidate.client();
    const body = { companyId: cast.company.id, message: 'Candidature spontanée' };
    const answers = await Promise.all([client.post('/api/applications', body), client.post('/api/applications', body)]);
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
    const refused = answers.find((a) => a.status === 409)!;
    expect(refused.body.error.code).toBe('CONFLICT');
    expect(refused.body.error.message).toBe('Une candidature spontanée à cette entreprise est déjà en cours pour ce candidat.');
    expect(await count(`SELECT count(*) AS n FROM applications WHERE candidate_id = $1`, [candidate.id])).toBe(1);
    // Once closed, a new one may be sent.
    const created = answers.find((a) => a.status === 201)!;
    expect((await client.post(`/api/applications/${created.body.id}/transitions`, { action: 'withdraw' })).status).toBe(200);
    expect((await client.post('/api/applications', body)).status).toBe(201);
  });

  it('two identical ones at once with the same key: one application, both answers the same', async () => {
    const candidate = await createUser('CANDIDATE', { referentId: cast.referent.id });
    const { answers } = await together(candidate, '/api/applications', { companyId: cast.company.id });
    expectOneRanOneReplayed(answers, 201);
    expect(await count(`SELECT count(*) AS n FROM applications WHERE candidate_id = $1`, [candidate.id])).toBe(1);
  });
});

// ---------------------------------------------------------------------------------------------------
// The middleware alone, on an Express app of this file, against the test database.

describe('the middleware', () => {
  const logger = createLogger('silent', 'idempotency-test');
  let sequelize: ReturnType<typeof createDatabase>;
  let server: ReturnType<express.Express['listen']>;
  let base = '';
  const runs = new Map<string, number>();
  /** What the handler of each test answers, run after run. */
  const plans = new Map<string, Array<() => Promise<[number, unknown]>>>();

  beforeAll(async () => {
    sequelize = createDatabase(inject('databaseUrl'), { logger });
    const idempotent = idempotency({ sequelize, secret: 's'.repeat(32), logger }, { waitMs: 800, leaseMs: 2_000 });
    const app = express();
    app.use(express.json());
    app.use((req, _res, next) => {
      const user = req.get('x-user');
      if (user) (req as { user?: unknown }).user = { id: user };
      next();
    });
    const handler: express.RequestHandler = async (req, res) => {
      const plan = req.params.plan as string;
      const n = (runs.get(plan) ?? 0) + 1;
      runs.set(plan, n);
      const step = plans.get(plan)![Math.min(n, plans.get(plan)!.length) - 1]!;
      const [status, body] = await step();
      if (status >= 400) throw Object.assign(new HttpError(status === 503 ? 'SERVICE_UNAVAILABLE' : status === 429 ? 'RATE_LIMITED' : 'CONFLICT', String(body)), {});
      res.status(status).json(body);
    };
    app.post('/user/:plan', idempotent(), handler);
    app.post('/anonymous/:plan', idempotent({ anonymous: true }), handler);
    app.use(errorHandler(logger));
    server = app.listen(0);
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
    await sequelize?.close();
  });

  const send = async (path: string, body: unknown, key?: string, user: string | null = 'u1') => {
    const response = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(key !== undefined ? { 'idempotency-key': key } : {}), ...(user ? { 'x-user': user } : {}) },
      body: JSON.stringify(body),
    });
    return { status: response.status, text: await response.text(), replayed: response.headers.get('idempotent-replayed') === 'true', retryAfter: response.headers.get('retry-after') };
  };
  const plan = (steps: Array<[number, unknown] | (() => Promise<[number, unknown]>)>) => {
    const name = randomUUID().slice(0, 8);
    plans.set(name, steps.map((s) => (typeof s === 'function' ? s : async () => s)));
    return name;
  };

  it('a 503 or a 429 is not kept: the retry runs again; a 4xx is kept', async () => {
    const p = plan([[503, 'indisponible'], [429, 'trop'], [201, { id: 1 }]]);
    const key = newKey();
    expect((await send(`/user/${p}`, { a: 1 }, key)).status).toBe(503);
    expect((await send(`/user/${p}`, { a: 1 }, key)).status).toBe(429);
    const created = await send(`/user/${p}`, { a: 1 }, key);
    expect([created.status, created.replayed, created.text]).toEqual([201, false, '{"id":1}']);
    expect(await send(`/user/${p}`, { a: 1 }, key)).toMatchObject({ status: 201, replayed: true, text: '{"id":1}' });
    expect(runs.get(p)).toBe(3);

    const refused = plan([[409, 'non'], [201, {}]]);
    const first = await send(`/user/${refused}`, {}, key);
    const again = await send(`/user/${refused}`, {}, key);
    expect(first.status).toBe(422); // the key already answered another route
    expect(again.status).toBe(422);
    const k2 = newKey();
    const no = await send(`/user/${refused}`, {}, k2);
    expect(no.status).toBe(409);
    expect(await send(`/user/${refused}`, {}, k2)).toMatchObject({ status: 409, replayed: true, text: no.text });
    expect(runs.get(refused)).toBe(1);
  });

  it('the body is compared whatever the order of its keys; the key is the caller’s own; no key, no change', async () => {
    const p = plan([[201, { n: 1 }], [201, { n: 2 }], [201, { n: 3 }], [201, { n: 4 }], [201, { n: 5 }]]);
    const key = newKey();
    await send(`/user/${p}`, { a: 1, b: [1, 2] }, key);
    expect(await send(`/user/${p}`, { b: [1, 2], a: 1 }, key)).toMatchObject({ status: 201, replayed: true, text: '{"n":1}' });
    expect(await send(`/user/${p}`, { b: [2, 1], a: 1 }, key)).toMatchObject({ status: 422 });
    expect(await send(`/user/${p}`, { a: 1, b: [1, 2] }, key, 'u2')).toMatchObject({ status: 201, replayed: false, text: '{"n":2}' });
    expect(await send(`/user/${p}`, { a: 1 })).toMatchObject({ status: 201, replayed: false, text: '{"n":3}' });
    // Nobody signed in on a route that needs somebody: the key is not looked at (the route answers 401).
    expect(await send(`/user/${p}`, { a: 1 }, 'une clé invalide', null)).toMatchObject({ status: 201, text: '{"n":4}' });
    // Anonymous: the key alone.
    const anonymousKey = newKey();
    const anonymous = await send(`/anonymous/${p}`, { a: 1 }, anonymousKey, null);
    expect(await send(`/anonymous/${p}`, { a: 1 }, anonymousKey, 'someone')).toMatchObject({ status: 201, replayed: true, text: anonymous.text });
  });

  it('in progress: a retry waits, then answers 409 IDEMPOTENCY_IN_PROGRESS with Retry-After; at the same instant, the second replays the first', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const p = plan([async () => (await held, [201, { slow: true }]), [201, { slow: false }]]);
    const key = newKey();
    const first = send(`/user/${p}`, {}, key);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const waiting = await send(`/user/${p}`, {}, key);
    expect(waiting.status).toBe(409);
    expect(waiting.retryAfter).toBe('1');
    expect(JSON.parse(waiting.text).error).toMatchObject({ code: 'IDEMPOTENCY_IN_PROGRESS' });
    expect(JSON.parse(waiting.text).error.message).toContain('une requête avec cette clé est en cours');
    // Released while a third one waits: it gets the first answer.
    const third = send(`/user/${p}`, {}, key);
    setTimeout(release, 200);
    expect(await first).toMatchObject({ status: 201, replayed: false, text: '{"slow":true}' });
    expect(await third).toMatchObject({ status: 201, replayed: true, text: '{"slow":true}' });
    expect(runs.get(p)).toBe(1);
  });

  it('a claim whose lease ran out (its request died) is taken over by the retry; a key older than 24 hours is forgotten', async () => {
    const p = plan([() => new Promise<[number, unknown]>(() => undefined), [201, { second: true }]]);
    const key = newKey();
    void send(`/user/${p}`, {}, key).catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 2_200));
    expect(await send(`/user/${p}`, {}, key)).toMatchObject({ status: 201, replayed: false, text: '{"second":true}' });
    expect(runs.get(p)).toBe(2);

    const old = plan([[201, { fresh: true }]]);
    const oldKey = newKey();
    await sql(
      `INSERT INTO idempotency_keys (caller, key, method, path, request_hash, state, claim, response_status, response_body, created_at, completed_at)
       VALUES ('u1', $1, 'POST', '/elsewhere', 'x', 'DONE', $2, 200, '{}', now() - interval '25 hours', now() - interval '25 hours')`,
      [oldKey, randomUUID()],
    );
    expect(await send(`/user/${old}`, {}, oldKey)).toMatchObject({ status: 201, replayed: false, text: '{"fresh":true}' });
    // The sweep (at most once a minute per process) deletes what is older than 24 hours.
    const stale = newKey();
    await sql(
      `INSERT INTO idempotency_keys (caller, key, method, path, request_hash, state, claim, response_status, response_body, created_at)
       VALUES ('u1', $1, 'POST', '/elsewhere', 'x', 'DONE', $2, 200, '{}', now() - interval '25 hours')`,
      [stale, randomUUID()],
    );
    const sweeping = idempotency({ sequelize, secret: 's'.repeat(32), logger });
    const app = express().use(express.json()).post('/x', (req, _res, next) => ((req as { user?: unknown }).user = { id: 'u1' }, next()), sweeping(), (_req, res) => void res.status(201).json({}));
    const s = app.listen(0);
    await new Promise((resolve) => s.once('listening', resolve));
    await fetch(`http://127.0.0.1:${(s.address() as AddressInfo).port}/x`, { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': newKey() }, body: '{}' });
    s.close();
    await eventually(async () => (await sql(`SELECT 1 FROM idempotency_keys WHERE key = $1`, [stale])).length === 0, 5_000, 'the sweep');
  });
});
