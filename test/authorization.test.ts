// The authorization matrix of test/authorization-table.ts against the running platform (real API,
// Temporal, PostgreSQL): every route of the OpenAPI document × every caller × whose entity it is.
//
// Phase 1 runs every read and every change expected to be refused, all on the shared world, which must
// come out of it unchanged (each entity's rows compared before and after; no row added anywhere the
// world reaches). A 404 for an entity the caller may not see must say exactly what it says for an id
// nobody has. Lists must show each caller what the table says and nothing else of the world; no answer
// may carry text planted for others (a recruiter's private note, a moderator's reason for refusing).
// Phase 2 runs the changes expected to succeed, each on a fresh entity owned like the one named.
// Then the back office: only an admin gets an AdminJS session; without one, everything redirects.
// The first test fails when a route of the OpenAPI document has no row (new routes must be added).
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { hashPassword } from '../models/passwords.js';
import type { Role } from '../workflows/actors.js';
import {
  ACTORS,
  ADMIN_LIST_AFTER_LOGIN,
  ADMIN_LOGIN,
  ADMIN_RESOURCES,
  ADMIN_WITH_API_SESSION,
  CODEC_AFTER_LOGIN,
  CODEC_WITH_API_SESSION,
  ENTITIES,
  PDF_BASE64,
  SECRETS,
  TABLE,
  registration,
  type ActorName,
  type EntityName,
  type Row,
  type SecretName,
  type Target,
  type World,
} from './authorization-table.js';
import { act, confirm, register } from './drivers.js';
import { insertPublishedOffer, validSiren, writeCompanyPage } from './fixtures.js';
import { ApiClient, apiUrl, eventually, sql, type ApiResponse } from './support.js';

type Member = Exclude<ActorName, 'anonymous'>;
interface Person {
  id: string;
  email: string;
}

const tag = `authz${randomUUID().slice(0, 8)}`;
const unknownId = randomUUID();
const people = {} as Record<Member, Person>;
const ids = {} as Record<EntityName, string>;
const clients = {} as Record<Member, ApiClient>;
let world: World;
let pendingFounder = '';
const secrets: Record<SecretName, string> = {
  noteA: `Note privée A ${tag}`,
  noteB: `Note privée B ${tag}`,
  moderationReasonA: `Motif de refus ${tag}`,
};

const CODE_OF: Record<number, readonly string[]> = {
  400: ['VALIDATION_FAILED'],
  401: ['UNAUTHENTICATED'],
  403: ['FORBIDDEN'],
  404: ['NOT_FOUND'],
  409: ['ILLEGAL_TRANSITION', 'CONFLICT'],
  415: ['UNSUPPORTED_MEDIA_TYPE'],
  429: ['RATE_LIMITED'],
};

// ---------------------------------------------------------------------------------------------------
// The world, written as the platform writes it: people straight into the database (as the back office
// would), then every process through the API.

let passwordHash: Promise<string> | undefined;

async function insertUser(role: Role, options: { companyId?: string; missionOfficerId?: string; referentId?: string | null } = {}): Promise<Person> {
  const id = randomUUID();
  const email = `${role.toLowerCase().replace('_', '-')}-${tag}-${id.slice(0, 6)}@authz.test`;
  await sql(
    `INSERT INTO users (id, email, password_hash, role, first_name, last_name, company_id, mission_officer_id) VALUES ($1, $2, $3, $4, 'Matrice', $5, $6, $7)`,
    [id, email, await (passwordHash ??= hashPassword(inject('demoPassword'))), role, `Test ${tag}`, options.companyId ?? null, options.missionOfficerId ?? null],
  );
  if (role === 'CANDIDATE') await sql(`INSERT INTO candidate_profiles (user_id, referent_id, rqth) VALUES ($1, $2, true)`, [id, options.referentId ?? null]);
  // As a sign-up leaves it: the recruiter's own place in the company, verified.
  if (role === 'RECRUITER') await sql(`INSERT INTO company_memberships (id, company_id, user_id, kind, status) VALUES ($1, $2, $3, 'FOUNDER', 'VERIFIED')`, [randomUUID(), options.companyId, id]);
  return { id, email };
}

async function insertCompany(name: string): Promise<string> {
  const id = randomUUID();
  await sql(`INSERT INTO companies (id, siren, name, status) VALUES ($1, $2, $3, 'VERIFIED')`, [id, validSiren(), name]);
  return id;
}

function must<T = any>(response: ApiResponse<T>, status: number, what: string): T {
  if (response.status !== status) throw new Error(`${what}: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

async function createOffer(by: ApiClient, state: 'DRAFT' | 'PENDING_MODERATION' | 'PUBLISHED', refusedFirstBecause?: string): Promise<string> {
  const offer = must(
    await by.post('/api/offers', {
      title: `Préparateur de commandes ${tag} H/F`,
      contractType: 'CDI',
      postalCode: '69007',
      city: 'Lyon',
      description: 'Préparation des commandes, réception des marchandises et inventaires.',
    }),
    201,
    'create an offer',
  );
  if (state !== 'DRAFT') await act('offer', by, offer.id, { action: 'submit' }, 'PENDING_MODERATION');
  if (state !== 'DRAFT' && refusedFirstBecause) {
    await act('offer', clients.admin, offer.id, { action: 'reject', reason: refusedFirstBecause }, 'REJECTED');
    await act('offer', by, offer.id, { action: 'submit' }, 'PENDING_MODERATION');
  }
  if (state === 'PUBLISHED') await act('offer', clients.admin, offer.id, { action: 'approve' }, 'PUBLISHED');
  return offer.id;
}

const upload = async (by: ApiClient, name: string) =>
  must(await by.post('/api/me/documents', { kind: 'CV', filename: `${name}-${tag}.pdf`, contentBase64: PDF_BASE64 }), 201, 'upload a document').id as string;
const apply = async (by: ApiClient, body: Record<string, unknown>) => must(await by.post('/api/applications', body), 201, 'apply').id as string;

/** A company registered through the API whose founder clicked the link of their mail: it waits for an admin. */
async function registerPendingCompany(): Promise<{ companyId: string; email: string }> {
  const email = world.unique('fondatrice');
  const registered = await register(registration(world, email));
  await confirm(email);
  await eventually(
    async () => (await sql(`SELECT status FROM companies WHERE id = $1`, [registered.companyId]))[0]?.status === 'PENDING_ADMIN_VERIFICATION',
    30_000,
    'company waiting for the admin',
  );
  return { companyId: registered.companyId, email };
}

/** An application of `candidate` to an anonymous offer of A of its own, validated: the company reads it anonymously (issue #19). */
async function anonymousApplication(): Promise<string> {
  const offerId = await insertPublishedOffer(ids.companyA);
  await sql(`UPDATE offers SET anonymous = true, screening_question = 'Votre dernière expérience ?' WHERE id = $1`, [offerId]);
  const id = await apply(clients.candidate, { offerId, screeningAnswer: 'La rigueur.' });
  await act('application', clients.referent, id, { action: 'validate' }, 'PENDING_RECRUITER');
  return id;
}

/** Fresh entities for the cells that change one and are expected to succeed: owned like the one named. */
const fresh: Partial<Record<EntityName, () => Promise<string>>> = {
  companyPending: async () => (await registerPendingCompany()).companyId,
  draftA: () => createOffer(clients.recruiter, 'DRAFT'),
  draftB: () => createOffer(clients.otherRecruiter, 'DRAFT'),
  pendingA: () => createOffer(clients.recruiter, 'PENDING_MODERATION'),
  publishedA: () => createOffer(clients.recruiter, 'PUBLISHED'),
  publishedB: () => createOffer(clients.otherRecruiter, 'PUBLISHED'),
  appPending: async () => apply(clients.candidate, { offerId: await insertPublishedOffer(ids.companyA) }),
  // Each application to an offer of its own: one live application per candidate and offer, and one
  // live spontaneous application per candidate and company.
  appSent: async () => {
    const id = await apply(clients.candidate, { offerId: await insertPublishedOffer(ids.companyA) });
    await act('application', clients.referent, id, { action: 'validate' }, 'PENDING_RECRUITER');
    return id;
  },
  appB: async () => {
    const id = await apply(clients.otherCandidate, { offerId: await insertPublishedOffer(ids.companyB) });
    await act('application', clients.otherReferent, id, { action: 'validate' }, 'PENDING_RECRUITER');
    return id;
  },
  appLone: async () => apply(clients.loneCandidate, { offerId: await insertPublishedOffer(ids.companyA) }),
  appAnon: () => anonymousApplication(),
  appInterview: async () => {
    const id = await apply(clients.candidate, { offerId: await insertPublishedOffer(ids.companyA) });
    await act('application', clients.referent, id, { action: 'validate' }, 'PENDING_RECRUITER');
    await act('application', clients.recruiter, id, { action: 'accept' }, 'ACCEPTED');
    await act('application', clients.recruiter, id, { action: 'propose_interview', startsAt: new Date(Date.now() + 4 * 86_400_000).toISOString(), durationMinutes: 45, mode: 'PHONE' }, 'INTERVIEW_PROPOSED');
    return id;
  },
  sponsA: async () => {
    const candidate = await insertUser('CANDIDATE', { referentId: people.referent.id });
    return must(await clients.referent.post('/api/sponsorships', { companyId: ids.companyA, candidateId: candidate.id, message: 'Un parrain ?' }), 201, 'sponsorship').id;
  },
  sponsB: async () => {
    const candidate = await insertUser('CANDIDATE', { referentId: people.otherReferent.id });
    return must(await clients.otherReferent.post('/api/sponsorships', { companyId: ids.companyB, candidateId: candidate.id, message: 'Un parrain ?' }), 201, 'sponsorship').id;
  },
  docFree: () => upload(clients.candidate, 'libre'),
  // Mission officers' référents: a fresh référent of each network (following nobody). A fresh candidate
  // followed like the one named (a password reset sent to them, a candidate moved by a mission officer).
  referentA: async () => (await insertUser('REFERENT', { missionOfficerId: people.missionOfficer.id })).id,
  referentB: async () => (await insertUser('REFERENT', { missionOfficerId: people.otherMissionOfficer.id })).id,
  candidate: async () => (await insertUser('CANDIDATE', { referentId: people.referent.id })).id,
  otherCandidate: async () => (await insertUser('CANDIDATE', { referentId: people.otherReferent.id })).id,
  loneCandidate: async () => (await insertUser('CANDIDATE')).id,
  listA: () => cvthequeList(clients.recruiter),
  savedA: () => savedSearch(clients.recruiter),
};

/** A CV list holding `candidate` (whose profile is in the CVthèque). */
async function cvthequeList(by: ApiClient): Promise<string> {
  const id = must(await by.post('/api/cvtheque/lists', { name: `Dossier ${randomUUID().slice(0, 8)} ${tag}` }), 201, 'CV list').id as string;
  must(await by.post(`/api/cvtheque/lists/${id}/items`, { candidateId: people.candidate.id }), 201, 'CV list item');
  return id;
}
const savedSearch = async (by: ApiClient) =>
  must(await by.post('/api/cvtheque/saved-searches', { name: `Recherche ${randomUUID().slice(0, 8)} ${tag}`, criteria: { q: 'cariste' }, alert: false }), 201, 'saved search').id as string;

beforeAll(async () => {
  const companyA = await insertCompany(`Entreprise A ${tag}`);
  const companyB = await insertCompany(`Entreprise B ${tag}`);
  // Company pages: B's published, A's not; both with a logo and a banner.
  await writeCompanyPage(companyA, { published: false });
  await writeCompanyPage(companyB, { published: true });
  const missionOfficer = await insertUser('MISSION_OFFICER');
  const otherMissionOfficer = await insertUser('MISSION_OFFICER');
  const referent = await insertUser('REFERENT', { missionOfficerId: missionOfficer.id });
  const otherReferent = await insertUser('REFERENT', { missionOfficerId: otherMissionOfficer.id });
  Object.assign(people, {
    missionOfficer,
    otherMissionOfficer,
    referent,
    otherReferent,
    candidate: await insertUser('CANDIDATE', { referentId: referent.id }),
    otherCandidate: await insertUser('CANDIDATE', { referentId: otherReferent.id }),
    loneCandidate: await insertUser('CANDIDATE', { referentId: null }),
    recruiter: await insertUser('RECRUITER', { companyId: companyA }),
    otherRecruiter: await insertUser('RECRUITER', { companyId: companyB }),
    admin: await insertUser('ADMIN'),
  });
  for (const member of ACTORS.filter((a): a is Member => a !== 'anonymous')) clients[member] = await ApiClient.login(people[member].email);
  world = {
    ids,
    tag,
    emails: Object.fromEntries(Object.entries(people).map(([k, p]) => [k, p.email])) as World['emails'],
    password: inject('demoPassword'),
    get pendingFounder() {
      return pendingFounder;
    },
    freshPublishedOffer: () => insertPublishedOffer(ids.companyB),
    freshCompany: () => insertCompany(`Entreprise fraîche ${tag}`),
    unique: (prefix) => `${prefix}-${tag}-${randomUUID().slice(0, 8)}@authz.test`,
  };
  Object.assign(ids, {
    companyA,
    companyB,
    candidate: people.candidate.id,
    otherCandidate: people.otherCandidate.id,
    loneCandidate: people.loneCandidate.id,
    recruiter: people.recruiter.id,
    otherRecruiter: people.otherRecruiter.id,
    referentA: referent.id,
    referentA2: (await insertUser('REFERENT', { missionOfficerId: missionOfficer.id })).id,
    referentB: otherReferent.id,
  });

  const [pending, publishedA, draftA, pendingA, publishedB, draftB, docPending, docSent, docFree, docB] = await Promise.all([
    registerPendingCompany(),
    createOffer(clients.recruiter, 'PUBLISHED', secrets.moderationReasonA),
    createOffer(clients.recruiter, 'DRAFT'),
    createOffer(clients.recruiter, 'PENDING_MODERATION'),
    createOffer(clients.otherRecruiter, 'PUBLISHED'),
    createOffer(clients.otherRecruiter, 'DRAFT'),
    upload(clients.candidate, 'cv-en-attente'),
    upload(clients.candidate, 'cv-transmis'),
    upload(clients.candidate, 'libre'),
    upload(clients.otherCandidate, 'cv-b'),
  ]);
  pendingFounder = pending.email;
  Object.assign(ids, { companyPending: pending.companyId, publishedA, draftA, pendingA, publishedB, draftB, docPending, docSent, docFree, docB });

  // appSent, appInterview: to offers of A of their own (one live application per candidate and offer);
  // appRejected: spontaneous (one live spontaneous application per candidate and company).
  const [offerSent, offerInterview] = await Promise.all([insertPublishedOffer(companyA), insertPublishedOffer(companyA)]);
  const [appPending, appSent, appInterview, appB, appLone, appRejected, sponsA, sponsB] = await Promise.all([
    apply(clients.candidate, { offerId: publishedA, cvDocumentId: docPending, message: 'Bonjour' }),
    apply(clients.candidate, { offerId: offerSent, cvDocumentId: docSent }),
    apply(clients.candidate, { offerId: offerInterview }),
    apply(clients.otherCandidate, { offerId: publishedB, cvDocumentId: docB }),
    apply(clients.loneCandidate, { offerId: publishedA }),
    apply(clients.candidate, { companyId: companyA, message: 'Spontanée' }),
    clients.candidate.post('/api/sponsorships', { companyId: companyA, message: 'Je cherche un parrain.' }).then((r) => must(r, 201, 'sponsorship A').id as string),
    clients.otherCandidate.post('/api/sponsorships', { companyId: companyB, message: 'Je cherche un parrain.' }).then((r) => must(r, 201, 'sponsorship B').id as string),
  ]);
  await Promise.all([
    act('application', clients.referent, appSent, { action: 'validate' }, 'PENDING_RECRUITER'),
    act('application', clients.otherReferent, appB, { action: 'validate' }, 'PENDING_RECRUITER'),
    act('application', clients.referent, appRejected, { action: 'reject', message: 'Profil à retravailler avant d’envoyer.' }, 'REJECTED_BY_REFERENT'),
  ]);
  must(await clients.recruiter.put(`/api/applications/${appSent}/note`, { note: secrets.noteA, version: 0 }), 200, 'note A');
  must(await clients.otherRecruiter.put(`/api/applications/${appB}/note`, { note: secrets.noteB, version: 0 }), 200, 'note B');
  await act('application', clients.referent, appInterview, { action: 'validate' }, 'PENDING_RECRUITER');
  await act('application', clients.recruiter, appInterview, { action: 'accept' }, 'ACCEPTED');
  const proposed = await act(
    'application',
    clients.recruiter,
    appInterview,
    { action: 'propose_interview', startsAt: new Date(Date.now() + 4 * 86_400_000).toISOString(), durationMinutes: 45, mode: 'PHONE' },
    'INTERVIEW_PROPOSED',
  );
  Object.assign(ids, { appPending, appSent, appInterview, appB, appLone, appRejected, sponsA, sponsB, interviewA: proposed.interviews[0].id, appAnon: await anonymousApplication() });
  // The CVthèque: `candidate` and `loneCandidate` share their profiles there.
  await sql(`UPDATE candidate_profiles SET cvtheque_visible_at = now(), headline = $2 WHERE user_id = ANY($1::uuid[])`, [[people.candidate.id, people.loneCandidate.id], `Cariste ${tag}`]);
  const [listA, listB, savedA, savedB] = await Promise.all([cvthequeList(clients.recruiter), cvthequeList(clients.otherRecruiter), savedSearch(clients.recruiter), savedSearch(clients.otherRecruiter)]);
  Object.assign(ids, { listA, listB, savedA, savedB });
  // The short list (issue #19): appLone starred by A, so publishedA has a favourites' anti-CV (the star's own route aside).
  await sql(`UPDATE applications SET favourite_at = now(), favourite_by = $2 WHERE id = $1`, [appLone, people.recruiter.id]);
  for (const entity of ENTITIES) if (!ids[entity]) throw new Error(`world: ${entity} missing`);
}, 240_000);

// ---------------------------------------------------------------------------------------------------
// Cells.

interface Cell {
  route: string;
  method: string;
  template: string;
  row: Row;
  actor: ActorName;
  expected: number;
}

const cells: Cell[] = Object.entries(TABLE).flatMap(([route, rows]) => {
  const [method, template] = route.split(' ') as [string, string];
  return rows.flatMap((row) =>
    (row.only ?? ACTORS).map((actor) => ({ route, method, template, row, actor, expected: row.expect[ACTORS.indexOf(actor)]! })),
  );
});

const isChange = (cell: Cell) => cell.method !== 'GET';
/** Changes expected to succeed, and sign-ins and sign-outs: phase 2. */
const inPhase2 = (cell: Cell) => Boolean(cell.row.ownSession) || (isChange(cell) && cell.expected < 300);

const label = (cell: Cell) => `${cell.route} · ${cell.row.target ? `[${cell.row.target}] ` : ''}${cell.row.what} · by ${cell.actor}`;
const idOf = (target: Target | undefined) => (target === undefined ? '' : target === 'unknown' ? unknownId : ids[target]);

interface Outcome {
  cell: Cell;
  response: ApiResponse;
  problems: string[];
  /** Planted secrets this answer showed (to someone allowed to read them). */
  secretsSeen?: SecretName[];
}

const bodyOf = async (cell: Cell) => (cell.row.body ? await cell.row.body(world, cell.actor) : cell.method === 'GET' ? undefined : {});

async function run(cell: Cell, targetId?: string, prepared?: { body: unknown }): Promise<Outcome> {
  // {candidateId} is the second parameter after an {id} (a list's item), else the route's only one (a profile).
  const second = cell.template.includes('{id}') ? idOf(cell.row.second) : (targetId ?? idOf(cell.row.target));
  const path = `/api${cell.template.replace('{id}', targetId ?? idOf(cell.row.target)).replace('{interviewId}', idOf(cell.row.second)).replace('{candidateId}', second)}`;
  const query = cell.row.query?.replace('TAG', tag);
  const body = prepared ? prepared.body : await bodyOf(cell);
  let client: ApiClient;
  if (cell.actor === 'anonymous') client = new ApiClient();
  else if (cell.row.ownSession && cell.route === 'POST /auth/login') client = new ApiClient();
  else if (cell.row.ownSession) client = await ApiClient.login(people[cell.actor].email);
  else client = clients[cell.actor];
  // An API client: JSON wanted (the e-mail link answers a page to a browser).
  const response = await client.request(cell.method, query ? `${path}?${query}` : path, body, { accept: 'application/json' });
  const problems: string[] = [];
  const secretsSeen: SecretName[] = [];
  const said = JSON.stringify(response.body)?.slice(0, 300);
  if (response.status !== cell.expected) problems.push(`expected ${cell.expected}, got ${response.status}: ${said}`);
  if (response.status >= 400) {
    const error = response.body?.error;
    if (!error || typeof error.message !== 'string' || !error.message.trim()) problems.push(`not the error envelope: ${said}`);
    else if (CODE_OF[response.status] && !CODE_OF[response.status]!.includes(error.code)) problems.push(`code ${error.code} for ${response.status}`);
  }
  if (response.status === 200 && cell.row.among) problems.push(...(await checkList(cell, client, path, query ?? '', response.body)));
  if (response.status < 300 && !cell.row.ownSession) {
    const text = JSON.stringify(response.body) ?? '';
    for (const [name, { mayRead }] of Object.entries(SECRETS) as Array<[SecretName, { mayRead: readonly ActorName[] }]>) {
      if (!text.includes(secrets[name])) continue;
      secretsSeen.push(name);
      if (!mayRead.includes(cell.actor)) problems.push(`shows ${name} (« ${secrets[name]} »), which is not theirs to read`);
    }
  }
  if (cell.route === 'POST /auth/logout' && cell.actor !== 'anonymous' && response.status === 204) {
    const after = await client.get('/api/me');
    if (after.status !== 401) problems.push(`still signed in after signing out (${after.status})`);
  }
  return { cell, response, problems, secretsSeen };
}

/** Every page of a list; then: what the table says this caller finds, and nothing else of the world. */
async function checkList(cell: Cell, client: ApiClient, path: string, query: string, first: any): Promise<string[]> {
  const items: Array<{ id: string }> = [...(first.items ?? [])];
  for (let page = 2; items.length < (first.total ?? 0) && page <= 60; page++) {
    const params = new URLSearchParams(query);
    params.set('page', String(page));
    const next = await client.get(`${path}?${params}`);
    if (next.status !== 200 || !next.body.items?.length) break;
    items.push(...next.body.items);
  }
  const found = new Set(items.map((item) => item.id));
  const expected = new Set(cell.row.sees?.[cell.actor] ?? []);
  const problems: string[] = [];
  for (const entity of cell.row.among!) {
    if (expected.has(entity) && !found.has(ids[entity])) problems.push(`list misses ${entity}`);
    if (!expected.has(entity) && found.has(ids[entity])) problems.push(`list shows ${entity}, which is not theirs to see`);
  }
  return problems;
}

async function pool<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

// ---------------------------------------------------------------------------------------------------
// What must not move: each entity of the world, and the number of rows the world reaches.

const ENTITY_SQL: Record<EntityName, string> = {
  companyA: 'company',
  companyB: 'company',
  companyPending: 'company',
  publishedA: 'offer',
  draftA: 'offer',
  pendingA: 'offer',
  publishedB: 'offer',
  draftB: 'offer',
  appPending: 'application',
  appSent: 'application',
  appInterview: 'application',
  appB: 'application',
  appLone: 'application',
  appRejected: 'application',
  appAnon: 'application',
  interviewA: 'interview',
  sponsA: 'sponsorship',
  sponsB: 'sponsorship',
  docPending: 'document',
  docSent: 'document',
  docFree: 'document',
  docB: 'document',
  candidate: 'person',
  otherCandidate: 'person',
  loneCandidate: 'person',
  recruiter: 'person',
  otherRecruiter: 'person',
  referentA: 'person',
  referentA2: 'person',
  referentB: 'person',
  listA: 'cvthequeList',
  listB: 'cvthequeList',
  savedA: 'savedSearch',
  savedB: 'savedSearch',
};

const SNAPSHOT: Record<string, string> = {
  company: `SELECT md5(c::text) AS row,
              (SELECT string_agg(md5(m::text), ',' ORDER BY m.id) FROM company_memberships m WHERE m.company_id = c.id) AS memberships,
              (SELECT count(*) FROM membership_events e JOIN company_memberships m ON m.id = e.membership_id WHERE m.company_id = c.id) AS events
            FROM companies c WHERE c.id = $1`,
  offer: `SELECT md5(o::text) AS row, (SELECT count(*) FROM offer_events e WHERE e.offer_id = o.id) AS events FROM offers o WHERE o.id = $1`,
  application: `SELECT md5(a::text) AS row, (SELECT count(*) FROM application_events e WHERE e.application_id = a.id) AS events,
                  (SELECT string_agg(md5(i::text), ',' ORDER BY i.round) FROM interviews i WHERE i.application_id = a.id) AS interviews
                FROM applications a WHERE a.id = $1`,
  interview: `SELECT md5(i::text) AS row FROM interviews i WHERE i.id = $1`,
  sponsorship: `SELECT md5(s::text) AS row, (SELECT count(*) FROM sponsorship_events e WHERE e.sponsorship_id = s.id) AS events FROM sponsorship_requests s WHERE s.id = $1`,
  document: `SELECT md5(d::text) AS row FROM documents d WHERE d.id = $1`,
  cvthequeList: `SELECT md5(l::text) AS row, (SELECT string_agg(md5(i::text), ',' ORDER BY i.candidate_id) FROM cvtheque_list_items i WHERE i.list_id = l.id) AS items
                 FROM cvtheque_lists l WHERE l.id = $1`,
  savedSearch: `SELECT md5(s::text) AS row FROM saved_searches s WHERE s.id = $1`,
  // Not last_login_at: signing in is no change to the account.
  person: `SELECT md5(row(u.email, u.role, u.password_hash, u.company_id, u.mission_officer_id, u.disabled_at, u.must_change_password, u.first_name, u.last_name)::text) AS row,
             (SELECT md5(p::text) FROM candidate_profiles p WHERE p.user_id = u.id) AS profile
           FROM users u WHERE u.id = $1`,
};

async function snapshot(): Promise<Record<EntityName, string>> {
  const entries = await Promise.all(ENTITIES.map(async (entity) => [entity, JSON.stringify(await sql(SNAPSHOT[ENTITY_SQL[entity]]!, [ids[entity]]))] as const));
  return Object.fromEntries(entries) as Record<EntityName, string>;
}

/** Rows the world's people and companies reach, per table: a refused creation adds none. */
async function reach(): Promise<Record<string, number>> {
  const reached = [...new Set([...Object.values(ids), ...Object.values(peopleIds())])];
  const [counts] = await sql(
    `SELECT
       (SELECT count(*) FROM applications WHERE candidate_id = ANY($1::uuid[]) OR company_id = ANY($1::uuid[]))::int AS applications,
       (SELECT count(*) FROM offers WHERE company_id = ANY($1::uuid[]))::int AS offers,
       (SELECT count(*) FROM sponsorship_requests WHERE candidate_id = ANY($1::uuid[]) OR company_id = ANY($1::uuid[]))::int AS sponsorships,
       (SELECT count(*) FROM documents WHERE candidate_id = ANY($1::uuid[]))::int AS documents,
       (SELECT count(*) FROM users WHERE email LIKE $2 OR last_name LIKE $2 OR company_id = ANY($1::uuid[]))::int AS users,
       (SELECT count(*) FROM companies WHERE name LIKE $2)::int AS companies,
       (SELECT count(*) FROM company_memberships WHERE company_id = ANY($1::uuid[]))::int AS memberships,
       (SELECT count(*) FROM candidate_profiles p JOIN users u ON u.id = p.user_id WHERE u.last_name LIKE $2 OR p.referent_id = ANY($1::uuid[]))::int AS profiles,
       (SELECT count(*) FROM interviews i JOIN applications a ON a.id = i.application_id WHERE a.company_id = ANY($1::uuid[]))::int AS interviews,
       (SELECT count(*) FROM application_messages m JOIN applications a ON a.id = m.application_id WHERE a.company_id = ANY($1::uuid[]))::int AS messages,
       (SELECT count(*) FROM cvtheque_lists WHERE company_id = ANY($1::uuid[]))::int AS cvtheque_lists,
       (SELECT count(*) FROM cvtheque_list_items i JOIN cvtheque_lists l ON l.id = i.list_id WHERE l.company_id = ANY($1::uuid[]))::int AS cvtheque_list_items,
       (SELECT count(*) FROM saved_searches WHERE company_id = ANY($1::uuid[]) OR user_id = ANY($1::uuid[]))::int AS saved_searches`,
    [reached, `%${tag}%`],
  );
  return counts;
}
const peopleIds = () => Object.fromEntries(Object.entries(people).map(([k, p]) => [k, p.id]));

// ---------------------------------------------------------------------------------------------------

describe('authorization matrix', () => {
  it('has rows for every route of the OpenAPI document, and for every caller on each', async () => {
    const doc = (await (await fetch(`${apiUrl()}/api/openapi.json`)).json()) as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(doc.paths).flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`));
    expect(documented.length).toBeGreaterThan(30);
    const missing = documented.filter((route) => !TABLE[route]?.length);
    expect(missing, 'documented routes without a row in test/authorization-table.ts').toEqual([]);
    const stale = Object.keys(TABLE).filter((route) => !documented.includes(route));
    expect(stale, 'rows for routes the OpenAPI document does not have').toEqual([]);
    const uncovered = Object.entries(TABLE).flatMap(([route, rows]) =>
      ACTORS.filter((actor) => !rows.some((row) => (row.only ?? ACTORS).includes(actor))).map((actor) => `${route} by ${actor}`),
    );
    expect(uncovered, 'callers without a cell on a route').toEqual([]);
  });

  it('phase 1: reads and refused changes answer as the table says, show nobody what is not theirs, and change nothing', { timeout: 300_000 }, async () => {
    // Let the processes of the setup finish writing (mails, notifications, projections).
    let before = await snapshot();
    await eventually(
      async () => {
        await new Promise((resolve) => setTimeout(resolve, 1_000));
        const again = await snapshot();
        const settled = JSON.stringify(again) === JSON.stringify(before);
        before = again;
        return settled;
      },
      30_000,
      'the world to settle',
    );
    const phase1 = cells.filter((cell) => !inPhase2(cell));
    // Bodies first: some name a fresh offer or company, which is the test's writing, not the requests'.
    const bodies = await Promise.all(phase1.map(async (cell) => ({ body: await bodyOf(cell) })));
    const countsBefore = await reach();
    const outcomes: Outcome[] = [];
    await pool([...phase1.keys()], 6, async (i) => {
      outcomes.push(await run(phase1[i]!, undefined, bodies[i]));
    });

    const problems = outcomes.flatMap((o) => o.problems.map((p) => `${label(o.cell)}: ${p}`));

    // A 404 for an entity the caller may not see says what it says for an id nobody has.
    const unknownMessage = new Map<string, string>();
    for (const o of outcomes) if (o.cell.row.target === 'unknown' && o.response.status === 404) unknownMessage.set(`${o.cell.route}|${o.cell.actor}`, o.response.body.error.message);
    for (const o of outcomes) {
      if (o.response.status !== 404 || o.cell.row.target === 'unknown' || o.cell.row.second || !o.cell.row.target) continue;
      const reference = unknownMessage.get(`${o.cell.route}|${o.cell.actor}`);
      if (reference !== undefined && o.response.body.error.message !== reference) {
        problems.push(`${label(o.cell)}: its 404 says « ${o.response.body.error.message} », for an unknown id « ${reference} »`);
      }
    }

    // The planted secrets are there to be found (by those who may): the check above is not empty.
    for (const name of Object.keys(SECRETS) as SecretName[]) {
      if (!outcomes.some((o) => o.secretsSeen?.includes(name))) problems.push(`${name} never shown, even to ${SECRETS[name].mayRead.join(' or ')}`);
    }

    // Nothing moved.
    const after = await snapshot();
    for (const entity of ENTITIES) {
      if (after[entity] !== before[entity]) {
        const tried = outcomes.filter((o) => isChange(o.cell) && o.cell.row.target === entity).map((o) => `${o.cell.row.what} by ${o.cell.actor} → ${o.response.status}`);
        problems.push(`${entity} changed during refused requests (${tried.join('; ')})`);
      }
    }
    const countsAfter = await reach();
    for (const [table, count] of Object.entries(countsAfter)) {
      if (count !== countsBefore[table]) problems.push(`${table}: ${countsBefore[table]} rows reached by the world before the refused requests, ${count} after`);
    }

    console.log(`authorization matrix, phase 1: ${outcomes.length} cells (${outcomes.filter((o) => isChange(o.cell)).length} refused changes)`);
    expect(problems).toEqual([]);
  });

  it('phase 2: allowed changes succeed (each on a fresh entity owned like the one named), and sign-in and sign-out', { timeout: 300_000 }, async () => {
    const phase2 = cells.filter(inPhase2);
    const outcomes: Outcome[] = [];
    await pool(phase2, 4, async (cell) => {
      const target = cell.row.target;
      const make = target && target !== 'unknown' && cell.route !== 'POST /auth/login' ? fresh[target] : undefined;
      if (target && target !== 'unknown' && !make && isChange(cell) && !cell.row.ownSession) {
        outcomes.push({ cell, response: { status: 0, body: null, headers: new Headers() }, problems: [`no factory for a fresh ${target}`] });
        return;
      }
      outcomes.push(await run(cell, make ? await make() : undefined));
    });
    console.log(`authorization matrix, phase 2: ${outcomes.length} cells`);
    expect(outcomes.flatMap((o) => o.problems.map((p) => `${label(o.cell)}: ${p}`))).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------------
// The back office.

/** A browser-less AdminJS session: its own cookie jar (the admin cookie, or an API session cookie). */
async function adminRequest(method: string, path: string, cookie: string, form?: Record<string, string>) {
  const response = await fetch(`${apiUrl()}${path}`, {
    method,
    headers: { ...(cookie ? { cookie } : {}), ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : method === 'POST' ? { 'content-type': 'application/json' } : {}) },
    body: form ? new URLSearchParams(form).toString() : method === 'POST' ? '{}' : undefined,
    redirect: 'manual',
  });
  const setCookie = response.headers.getSetCookie().find((c) => c.startsWith('tremplin.admin='));
  await response.arrayBuffer();
  return { status: response.status, location: response.headers.get('location'), cookie: setCookie?.split(';')[0] ?? cookie };
}

describe('the back office', () => {
  it('gives an AdminJS session to admins only; without one every page and call redirects to the login', { timeout: 120_000 }, async () => {
    const problems: string[] = [];
    const before = await sql(`SELECT id, disabled_at FROM users WHERE id = ANY($1::uuid[]) ORDER BY id`, [Object.values(peopleIds())]);
    await pool([...ACTORS], 3, async (actor) => {
      const i = ACTORS.indexOf(actor);
      const email = actor === 'anonymous' ? world.unique('personne') : people[actor].email;
      const login = await adminRequest('POST', '/admin/login', '', { email, password: inject('demoPassword') });
      if (login.status !== ADMIN_LOGIN[i]) problems.push(`POST /admin/login by ${actor}: expected ${ADMIN_LOGIN[i]}, got ${login.status}`);
      for (const resource of ADMIN_RESOURCES) {
        const list = await adminRequest('GET', `/admin/api/resources/${resource}/actions/list`, login.cookie);
        if (list.status !== ADMIN_LIST_AFTER_LOGIN[i]) problems.push(`${resource} list after the login of ${actor}: expected ${ADMIN_LIST_AFTER_LOGIN[i]}, got ${list.status}`);
        if (list.status === 302 && !/\/admin\/login$/.test(list.location ?? '')) problems.push(`${resource} list by ${actor} redirects to ${list.location}`);
      }
      // With the API session only (the cookie of /api): the back office opens to an admin (one sign-in), to nobody else.
      const apiCookie = actor === 'anonymous' ? '' : (clients[actor] as unknown as { cookie: string }).cookie;
      for (const resource of ADMIN_RESOURCES) {
        const list = await adminRequest('GET', `/admin/api/resources/${resource}/actions/list`, apiCookie);
        if (list.status !== ADMIN_WITH_API_SESSION[i]) problems.push(`${resource} list with the API session of ${actor}: expected ${ADMIN_WITH_API_SESSION[i]}, got ${list.status}`);
      }
      // The Temporal UI's codec endpoint decodes for the back-office session of an admin only.
      for (const [cookie, expected, which] of [[login.cookie, CODEC_AFTER_LOGIN[i], 'after the login'], [apiCookie, CODEC_WITH_API_SESSION[i], 'with the API session']] as const) {
        const decode = await fetch(`${apiUrl()}/admin/temporal-codec/decode`, { method: 'POST', headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) }, body: '{"payloads":[]}' });
        if (decode.status !== expected) problems.push(`temporal codec ${which} of ${actor}: expected ${expected}, got ${decode.status}`);
      }
      // A change is never made with the API session alone, an admin's included: it needs the back office's own.
      const disable = await adminRequest('POST', `/admin/api/resources/users/records/${people.candidate.id}/disable`, actor === 'admin' ? apiCookie : login.cookie);
      if (disable.status !== 302) problems.push(`disable a user through the back office by ${actor} without an admin session: ${disable.status}`);
    });
    const after = await sql(`SELECT id, disabled_at FROM users WHERE id = ANY($1::uuid[]) ORDER BY id`, [Object.values(peopleIds())]);
    expect(after, 'no account disabled').toEqual(before);
    console.log(`authorization matrix, back office: ${ACTORS.length * (4 + 2 * ADMIN_RESOURCES.length)} cells`);
    expect(problems).toEqual([]);
  });
});
