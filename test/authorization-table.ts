// The authorization matrix, written from PRODUCT.md (roles, visibility, "404 also for entities the
// caller may not see") and never from the product's own rules: every route of the OpenAPI document ×
// every kind of caller × whose entity it is, with the HTTP status expected. test/authorization.test.ts
// runs every cell against the running platform and fails when a documented route has no row here.
//
// Callers: nobody (anonymous); a candidate followed by référent A (`candidate`), one followed by
// référent B (`otherCandidate`), one without référent (`loneCandidate`); référents A and B; their
// mission officers; a recruiter of company A and one of company B; an admin.
//
// The world (entities every row may name): companies A and B (verified) and a company waiting for the
// admin; offers of A (published, draft, waiting for moderation) and of B (published, draft);
// applications of `candidate` to A before the référent validated (appPending) and after (appSent,
// appInterview with an interview proposed), of `otherCandidate` to B (appB, validated) and of
// `loneCandidate` to A (appLone, sent at once: no référent), of `candidate` to A rejected by the
// référent (appRejected, never sent); sponsorship requests of `candidate` to
// A and of `otherCandidate` to B; documents of `candidate` (the CV of appPending, the CV of appSent,
// one attached to nothing) and of `otherCandidate` (the CV of appB); référents A and B as entities, and A2,
// a second référent of A's mission officer who follows nobody. `unknown` is an id nobody has.
//
// A state-changing cell expected to succeed runs on a fresh entity owned like the one named (the
// test's factories), so the shared entities stay as they are; every refused cell runs on the shared
// entity, which must come out of it unchanged.

import { TERMS_VERSION } from '../workflows/account-rules.js';
import { validSiren } from './fixtures.js';

export const ACTORS = [
  'anonymous',
  'candidate',
  'otherCandidate',
  'loneCandidate',
  'referent',
  'otherReferent',
  'missionOfficer',
  'otherMissionOfficer',
  'recruiter',
  'otherRecruiter',
  'admin',
] as const;
export type ActorName = (typeof ACTORS)[number];

export const ENTITIES = [
  'companyA',
  'companyB',
  'companyPending',
  'publishedA',
  'draftA',
  'pendingA',
  'publishedB',
  'draftB',
  'appPending',
  'appSent',
  'appInterview',
  'appB',
  'appLone',
  'appRejected',
  // Seed 002 (issue #19): an application of `candidate` to an anonymous offer of A, validated (sent to A).
  'appAnon',
  'interviewA',
  'sponsA',
  'sponsB',
  'docPending',
  'docSent',
  'docFree',
  'docB',
  'candidate',
  'otherCandidate',
  'loneCandidate',
  'recruiter',
  'otherRecruiter',
  // Mission officers' référents (item 10 of issue #15): référent A and a second one of the same
  // network (A2, nobody's référent), référent B of the other network.
  'referentA',
  'referentA2',
  'referentB',
  // CVthèque (issue #17, item 7): a CV list of company A holding `candidate` (whose profile is in the
  // CVthèque), one of company B; a saved search of recruiter A, one of recruiter B.
  'listA',
  'listB',
  'savedA',
  'savedB',
] as const;
export type EntityName = (typeof ENTITIES)[number];
export type Target = EntityName | 'unknown';

/** What a body may use: the world's ids, and fresh things for cells that create. */
export interface World {
  ids: Record<EntityName, string>;
  /** A word of this run, in every name the matrix writes (to find its rows). */
  tag: string;
  emails: Record<Exclude<ActorName, 'anonymous'>, string>;
  password: string;
  /** The founder of the company waiting for verification (password: FOUNDER_PASSWORD). */
  pendingFounder: string;
  /** A published offer of company B nobody applied to (a creation cell gets its own). */
  freshPublishedOffer(): Promise<string>;
  /** A verified company nobody asked a sponsor of. */
  freshCompany(): Promise<string>;
  unique(prefix: string): string;
}

type Statuses = readonly [number, number, number, number, number, number, number, number, number, number, number];

export interface Row {
  /** What is tried, for the report. */
  what: string;
  /** Fills `{id}` of the path. */
  target?: Target;
  /** Fills the second parameter of the path (`{interviewId}`). */
  second?: Target;
  query?: string;
  body?: (world: World, actor: ActorName) => unknown;
  /** One status per caller, in the order of ACTORS. */
  expect: Statuses;
  /** Lists: which of `among` each caller finds (absent: none); every other one of `among` must be missing. */
  among?: readonly EntityName[];
  sees?: Partial<Record<ActorName, readonly EntityName[]>>;
  /** Only these callers (said why where used). */
  only?: readonly ActorName[];
  /** Each caller in a session of its own, opened for the cell (sign-in and sign-out). */
  ownSession?: boolean;
}

const row = (what: string, expect: Statuses, more: Omit<Row, 'what' | 'expect'> = {}): Row => ({ what, expect, ...more });
const on = (target: Target, what: string, expect: Statuses, more: Omit<Row, 'what' | 'expect' | 'target'> = {}): Row => ({ what, target, expect, ...more });

const APPLICATIONS: readonly EntityName[] = ['appPending', 'appSent', 'appInterview', 'appB', 'appLone', 'appRejected'];
const SPONSORSHIPS: readonly EntityName[] = ['sponsA', 'sponsB'];
const OFFERS: readonly EntityName[] = ['publishedA', 'draftA', 'pendingA', 'publishedB', 'draftB'];
const DOCUMENTS: readonly EntityName[] = ['docPending', 'docSent', 'docFree', 'docB'];
const CANDIDATES: readonly EntityName[] = ['candidate', 'otherCandidate', 'loneCandidate'];
const REFERENTS: readonly EntityName[] = ['referentA', 'referentA2', 'referentB'];
const APPS_A: readonly EntityName[] = ['appPending', 'appSent', 'appInterview', 'appRejected'];

export const FOUNDER_PASSWORD = 'Recrute-Tremplin-2026!';

export const registration = (w: Pick<World, 'tag'>, email: string) => ({
  company: { siren: validSiren(), name: `Menuiserie ${w.tag}`, sector: 'Artisanat', size: '1-9', address: '3 rue des Lilas', postalCode: '38000', city: 'Grenoble' },
  user: { firstName: 'Léa', lastName: `Fondatrice ${w.tag}`, jobTitle: 'Gérante', phone: '04 76 00 00 00', email, password: FOUNDER_PASSWORD },
  acceptedTermsVersion: TERMS_VERSION,
});

const offerBody = (w: World) => ({
  title: `Magasinier ${w.tag} H/F`,
  contractType: 'CDI',
  postalCode: '69007',
  city: 'Lyon',
  description: 'Réception et préparation des commandes, gestion des stocks, travail en équipe.',
});
// Columns:                        anon cand oCnd lone  ref oRef   mo  oMo  rec oRec admin
/** A whole CVthèque profile, both consents left as they are by default (not given). */
const profileBody = () => ({
  headline: 'Vendeuse en boulangerie',
  summary: null,
  metiers: ['D1106'],
  skills: ['Encaissement'],
  softSkills: ['RIGOUR'],
  experiences: [{ title: 'Vendeuse', employer: 'Boulangerie du marché', start: '2021-03', end: '2023-06', description: null }],
  diplomas: [{ title: 'CAP Vente', level: 3, year: 2020 }],
  educationLevel: 3,
  languages: [{ code: 'fr', level: 'NATIVE' }],
  drivingLicences: ['B'],
  contractTypes: ['CDI'],
  workingTimes: ['FULL_TIME'],
  remote: 'NONE',
  availableFrom: null,
  communeInsee: '69123',
  places: [{ insee: '69123', radiusKm: 20 }],
  rqth: false,
  cvthequeVisible: false,
  rqthShared: false,
});

export const TABLE: Record<string, Row[]> = {
  // ---- Session -------------------------------------------------------------------------------------
  'POST /auth/login': [
    row('signs in with their own e-mail and password (anonymous: an unknown e-mail)', [401, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200], {
      ownSession: true,
      body: (w, a) => (a === 'anonymous' ? { email: w.unique('personne'), password: 'Pas-le-bon-1!x' } : { email: w.emails[a], password: w.password }),
    }),
    // The same request whoever sends it; a few callers only (a right password never counts against
    // the sign-in throttle, but the matrix has no need for more).
    row('signs in as the founder of the company waiting for verification (right password)', [403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403], {
      ownSession: true,
      only: ['anonymous', 'candidate', 'referent', 'recruiter', 'admin'],
      body: (w) => ({ email: w.pendingFounder, password: FOUNDER_PASSWORD }),
    }),
  ],
  'POST /auth/logout': [row('signs out', [204, 204, 204, 204, 204, 204, 204, 204, 204, 204, 204], { ownSession: true })],
  'GET /me': [row('who am I', [401, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200])],
  'POST /auth/change-password': [
    row('with a wrong current password', [401, 400, 400, 400, 400, 400, 400, 400, 400, 400, 400], {
      body: () => ({ currentPassword: 'Pas-le-mot-de-passe-1!', newPassword: 'Un-Nouveau-Mot-2026!' }),
    }),
  ],
  // ---- Self-service: password reset and the sign-up's company lookup (issue #15, sign-up part) ----
  // The same 202 for every address, one's own or nobody's.
  'POST /auth/password-reset': [
    row('asks for a reset link (anonymous: an address without account)', [202, 202, 202, 202, 202, 202, 202, 202, 202, 202, 202], {
      body: (w, a) => ({ email: a === 'anonymous' ? w.unique('personne') : w.emails[a] }),
    }),
  ],
  'POST /auth/password-reset/confirm': [
    row('with a token nobody was sent', [400, 400, 400, 400, 400, 400, 400, 400, 400, 400, 400], {
      body: () => ({ token: 'inconnu-00000000000000000000', password: 'Un-Nouveau-Mot-2026!' }),
    }),
  ],
  'GET /auth/company-lookup': [row('a SIREN nobody registered', [200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200], { query: `number=${validSiren()}` })],
  'POST /referent/candidates/{id}/password-reset': [
    on('candidate', 'to a candidate of référent A', [401, 403, 403, 403, 202, 404, 202, 404, 403, 403, 202]),
    on('otherCandidate', 'to a candidate of référent B', [401, 403, 403, 403, 404, 202, 404, 202, 403, 403, 202]),
    on('loneCandidate', 'to a candidate followed by nobody', [401, 403, 403, 403, 404, 404, 404, 404, 403, 403, 202]),
    on('recruiter', 'to a recruiter', [401, 403, 403, 403, 404, 404, 404, 404, 403, 403, 404]),
    on('unknown', 'to nobody', [401, 403, 403, 403, 404, 404, 404, 404, 403, 403, 404]),
  ],
  'GET /health': [row('database and Temporal', [200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200])],

  // ---- Account deletion (issue #15, « delete my account ») --------------------------------------------
  // Only refusals here: a deletion that succeeds would erase a caller of the matrix a few seconds later
  // (test/account-deletion.test.ts carries them out on people of its own).
  'DELETE /me': [
    row('with a field the route does not take', [401, 400, 400, 400, 400, 400, 400, 400, 400, 400, 400], { body: () => ({ confirm: 'oui' }) }),
    row('by a référent who follows candidates, a mission officer who has référents', [401, 0, 0, 0, 409, 409, 409, 409, 0, 0, 0], {
      only: ['anonymous', 'referent', 'otherReferent', 'missionOfficer', 'otherMissionOfficer'],
    }),
  ],
  'GET /me/deletion': [row('their own deletion (none asked)', [401, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200])],
  'POST /me/deletion/cancel': [row('with no deletion scheduled', [401, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404])],

  // ---- Companies -----------------------------------------------------------------------------------
  'POST /auth/register-recruiter': [
    // The same 202 as for a new address (nothing is created; the owner is told by mail): the answer
    // never says which addresses have an account.
    row('registers with an e-mail that already has an account', [202, 202, 202, 202, 202, 202, 202, 202, 202, 202, 202], {
      body: (w) => registration(w, w.emails.candidate),
    }),
    // Only the anonymous sign-up of a new address here: each one creates a company and a workflow.
    row('registers a new company', [202, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], { only: ['anonymous'], body: (w) => registration(w, w.unique('fondatrice')) }),
  ],
  'GET /auth/confirm-email': [row('with a token nobody was sent', [400, 400, 400, 400, 400, 400, 400, 400, 400, 400, 400], { query: 'token=inconnu-0000000000000000' })],
  'GET /companies': [
    row('lists companies', [401, 403, 403, 403, 403, 403, 403, 403, 403, 403, 200], {
      query: 'pageSize=100',
      among: ['companyA', 'companyB', 'companyPending'],
      sees: { admin: ['companyA', 'companyB', 'companyPending'] },
    }),
  ],
  'GET /companies/{id}': [
    on('companyA', 'company A', [401, 404, 404, 404, 404, 404, 404, 404, 200, 404, 200]),
    on('companyB', 'company B', [401, 404, 404, 404, 404, 404, 404, 404, 404, 200, 200]),
    on('companyPending', 'a company waiting for verification', [401, 404, 404, 404, 404, 404, 404, 404, 404, 404, 200]),
    on('unknown', 'nobody’s', [401, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404]),
  ],
  'POST /companies/{id}/transitions': [
    on('companyPending', 'verify a company waiting for it', [401, 404, 404, 404, 404, 404, 404, 404, 404, 404, 200], { body: () => ({ action: 'verify' }) }),
    on('companyA', 'reject company A (already verified)', [401, 404, 404, 404, 404, 404, 404, 404, 403, 404, 409], {
      body: () => ({ action: 'reject', reason: 'Essai de refus' }),
    }),
    on('unknown', 'verify nobody’s', [401, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404], { body: () => ({ action: 'verify' }) }),
  ],
  // Part « acting » (issue #15, items 6–7): the companies one may apply to spontaneously or ask a sponsor of.
  'GET /verified-companies': [
    row('verified companies to apply to', [401, 200, 200, 200, 200, 200, 403, 403, 403, 403, 200], {
      query: 'q=TAG&pageSize=100',
      among: ['companyA', 'companyB', 'companyPending'],
      sees: Object.fromEntries(['candidate', 'otherCandidate', 'loneCandidate', 'referent', 'otherReferent', 'admin'].map((a) => [a, ['companyA', 'companyB']])),
    }),
  ],
  'GET /company/colleagues': [
    row('my colleagues', [401, 403, 403, 403, 403, 403, 403, 403, 200, 200, 403], {
      among: ['recruiter', 'otherRecruiter'],
      sees: { recruiter: ['recruiter'], otherRecruiter: ['otherRecruiter'] },
    }),
  ],
  'POST /company/colleagues': [
    row('invite a colleague', [401, 403, 403, 403, 403, 403, 403, 403, 201, 201, 403], {
      body: (w) => ({ firstName: 'Inès', lastName: `Collègue ${w.tag}`, email: w.unique('collegue'), jobTitle: 'Assistante RH' }),
    }),
  ],

  // ---- Company page, settings and public company pages (issue #15, item 4 — companypage) ------------
  // The world: company B's page is published, A's is not; both have a logo and a banner. The public
  // routes answer everyone alike (A's recruiters preview their page through GET /company/page), except
  // the images of an unpublished page, which its own recruiters see.
  'GET /company/page': [row('my company’s page', [401, 403, 403, 403, 403, 403, 403, 403, 200, 200, 403])],
  'PUT /company/page': [
    row('save my company’s page', [401, 403, 403, 403, 403, 403, 403, 403, 200, 200, 403], {
      body: (w) => ({ description: `<p>Page ${w.tag}</p>`, advantages: ['Tickets restaurant'], spontaneousApplications: true, published: false }),
    }),
  ],
  'PATCH /company': [row('edit my company’s settings', [401, 403, 403, 403, 403, 403, 403, 403, 200, 200, 403], { body: () => ({ sector: 'Artisanat', city: 'Grenoble' }) })],
  ...Object.fromEntries(
    (['logo', 'banner'] as const).flatMap((image) => [
      [`PUT /company/page/${image}`, [row(`upload my company’s ${image}`, [401, 403, 403, 403, 403, 403, 403, 403, 200, 200, 403], { body: () => ({ contentBase64: PNG_BASE64 }) })]],
      // A removal carries no body (a body is refused: 400).
      [`DELETE /company/page/${image}`, [row(`remove my company’s ${image}`, [401, 403, 403, 403, 403, 403, 403, 403, 200, 200, 403], { body: () => undefined })]],
      [
        `GET /public/companies/{id}/${image}`,
        [
          on('companyB', `the ${image} of a published page`, [200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200]),
          on('companyA', `the ${image} of an unpublished page`, [404, 404, 404, 404, 404, 404, 404, 404, 200, 404, 404]),
          on('unknown', `nobody’s ${image}`, [404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404]),
        ],
      ],
    ]),
  ),
  'GET /public/companies': [
    row('published company pages', [200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200], {
      query: 'q=TAG&pageSize=50',
      among: ['companyA', 'companyB', 'companyPending'],
      sees: Object.fromEntries(ACTORS.map((a) => [a, ['companyB']])),
    }),
  ],
  'GET /public/companies/{id}': [
    on('companyB', 'a published page', [200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200]),
    on('companyA', 'an unpublished page (its recruiters preview it elsewhere)', [404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404]),
    on('companyPending', 'a company waiting for verification', [404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404]),
    on('unknown', 'nobody’s', [404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404]),
  ],

  // ---- Offers --------------------------------------------------------------------------------------
  'GET /offers': [
    row('published offers', [401, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200], {
      query: 'q=TAG&pageSize=100',
      among: OFFERS,
      sees: Object.fromEntries(['candidate', 'otherCandidate', 'loneCandidate', 'referent', 'otherReferent', 'missionOfficer', 'otherMissionOfficer', 'recruiter', 'otherRecruiter', 'admin'].map((a) => [a, ['publishedA', 'publishedB']])),
    }),
  ],
  'GET /offers/moderation': [
    row('the moderation queue', [401, 403, 403, 403, 403, 403, 403, 403, 403, 403, 200], { query: 'pageSize=100', among: OFFERS, sees: { admin: ['pendingA'] } }),
  ],
  'GET /company/offers': [
    row('my company’s offers', [401, 403, 403, 403, 403, 403, 403, 403, 200, 200, 403], {
      query: 'pageSize=100',
      among: OFFERS,
      sees: { recruiter: ['publishedA', 'draftA', 'pendingA'], otherRecruiter: ['publishedB', 'draftB'] },
    }),
  ],
  'POST /offers': [row('a complete draft', [401, 403, 403, 403, 403, 403, 403, 403, 201, 201, 403], { body: offerBody })],
  'GET /offers/{id}': [
    on('publishedA', 'published offer of A', [401, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200]),
    on('draftA', 'draft of A', [401, 404, 404, 404, 404, 404, 404, 404, 200, 404, 200]),
    on('pendingA', 'offer of A waiting for moderation', [401, 404, 404, 404, 404, 404, 404, 404, 200, 404, 200]),
    on('draftB', 'draft of B', [401, 404, 404, 404, 404, 404, 404, 404, 404, 200, 200]),
    on('unknown', 'nobody’s', [401, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404]),
  ],
  'PATCH /offers/{id}': [
    on('draftA', 'edit the draft of A', [401, 404, 404, 404, 404, 404, 404, 404, 200, 404, 403], { body: () => ({ city: 'Villeurbanne' }) }),
    on('draftB', 'edit the draft of B', [401, 404, 404, 404, 404, 404, 404, 404, 404, 200, 403], { body: () => ({ city: 'Villeurbanne' }) }),
    on('publishedA', 'edit the published offer of A', [401, 403, 403, 403, 403, 403, 403, 403, 409, 403, 403], { body: () => ({ city: 'Villeurbanne' }) }),
    on('unknown', 'edit nobody’s', [401, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404], { body: () => ({ city: 'Villeurbanne' }) }),
  ],
  'POST /offers/{id}/duplicate': [
    on('draftA', 'duplicate the draft of A', [401, 404, 404, 404, 404, 404, 404, 404, 201, 404, 403]),
    on('publishedB', 'duplicate the published offer of B', [401, 403, 403, 403, 403, 403, 403, 403, 403, 201, 403]),
    on('unknown', 'duplicate nobody’s', [401, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404]),
  ],
  // Invitations to apply (issue #18, item 5): the recruiters of the offer's company invite CVthèque
  // profiles to a published offer (409 otherwise) and read its counts (admins read them too); another
  // company's offer: 404. Candidates read and decline their own (none received: 404).
  'POST /offers/{id}/invitations': [
    on('publishedA', 'invites `candidate` (in the CVthèque) to the published offer of A', [401, 403, 403, 403, 403, 403, 403, 403, 202, 404, 403], {
      body: (w) => ({ candidateIds: [w.ids.candidate] }),
    }),
    on('draftA', 'to the draft of A', [401, 403, 403, 403, 403, 403, 403, 403, 409, 404, 403], { body: (w) => ({ candidateIds: [w.ids.candidate] }) }),
    on('unknown', 'to nobody’s offer', [401, 403, 403, 403, 403, 403, 403, 403, 404, 404, 403], { body: (w) => ({ candidateIds: [w.ids.candidate] }) }),
  ],
  'GET /offers/{id}/invitations': [
    on('publishedA', 'the invitation counts of the published offer of A', [401, 403, 403, 403, 403, 403, 403, 403, 200, 404, 200]),
    on('unknown', 'of nobody’s offer', [401, 403, 403, 403, 403, 403, 403, 403, 404, 404, 404]),
  ],
  'GET /me/invitations': [row('my invitations to apply', [401, 200, 200, 200, 403, 403, 403, 403, 403, 403, 403])],
  'POST /me/invitations/{id}/decline': [
    on('publishedA', 'declines an invitation never received', [401, 404, 404, 404, 403, 403, 403, 403, 403, 403, 403], { body: () => ({}) }),
    on('unknown', 'declines for nobody’s offer', [401, 404, 404, 404, 403, 403, 403, 403, 403, 403, 403], { body: () => ({}) }),
  ],
  'POST /offers/{id}/transitions': [
    on('draftA', 'submit the draft of A', [401, 404, 404, 404, 404, 404, 404, 404, 200, 404, 403], { body: () => ({ action: 'submit' }) }),
    on('pendingA', 'approve the offer of A', [401, 404, 404, 404, 404, 404, 404, 404, 403, 404, 200], { body: () => ({ action: 'approve' }) }),
    on('publishedA', 'archive the published offer of A', [401, 403, 403, 403, 403, 403, 403, 403, 200, 403, 200], { body: () => ({ action: 'archive' }) }),
    on('draftB', 'archive the draft of B', [401, 404, 404, 404, 404, 404, 404, 404, 404, 200, 200], { body: () => ({ action: 'archive' }) }),
    on('unknown', 'submit nobody’s', [401, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404], { body: () => ({ action: 'submit' }) }),
    // Editing a published offer (issue #15, item 8): its company's recruiters only; published, it is seen
    // by everyone signed in, so the others get 403, as for archive. Waiting for moderation: 409 for the company.
    on('publishedA', 'edit the published offer of A', [401, 403, 403, 403, 403, 403, 403, 403, 200, 403, 403], { body: () => ({ action: 'edit', city: 'Villeurbanne' }) }),
    on('pendingA', 'edit the offer of A waiting for moderation', [401, 404, 404, 404, 404, 404, 404, 404, 409, 404, 403], { body: () => ({ action: 'edit', city: 'Villeurbanne' }) }),
    on('draftB', 'edit the draft of B', [401, 404, 404, 404, 404, 404, 404, 404, 404, 409, 403], { body: () => ({ action: 'edit', city: 'Villeurbanne' }) }),
  ],

  // ---- Public showcase (issue #15, part « showcase »): no sign-in, published offers only, for everyone alike.
  'GET /public/offers': [
    row('published offers, without signing in', [200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200], {
      query: 'q=TAG&pageSize=100',
      among: OFFERS,
      sees: Object.fromEntries(ACTORS.map((a) => [a, ['publishedA', 'publishedB']])),
    }),
  ],
  'GET /public/offers/{id}': [
    on('publishedA', 'published offer of A', [200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200]),
    on('publishedB', 'published offer of B', [200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200]),
    // Even its own company and the admins: the public page shows published offers only.
    on('draftA', 'draft of A', [404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404]),
    on('pendingA', 'offer of A waiting for moderation', [404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404]),
    on('draftB', 'draft of B', [404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404]),
    on('unknown', 'nobody’s', [404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404]),
  ],

  // ---- Applications --------------------------------------------------------------------------------
  'POST /applications': [
    row('for oneself, to a published offer', [401, 201, 201, 201, 400, 400, 403, 403, 403, 403, 403], {
      body: async (w) => ({ offerId: await w.freshPublishedOffer(), message: 'Je suis motivé(e).' }),
    }),
    row('for `candidate` (candidateId), to a published offer', [401, 201, 403, 403, 201, 404, 403, 403, 403, 403, 403], {
      body: async (w) => ({ offerId: await w.freshPublishedOffer(), candidateId: w.ids.candidate }),
    }),
    row('for `loneCandidate` (candidateId), whom no référent follows', [401, 403, 403, 201, 404, 404, 403, 403, 403, 403, 403], {
      body: async (w) => ({ offerId: await w.freshPublishedOffer(), candidateId: w.ids.loneCandidate }),
    }),
    row('for `candidate`, to the draft of A', [401, 404, 403, 403, 404, 404, 403, 403, 403, 403, 403], {
      body: (w) => ({ offerId: w.ids.draftA, candidateId: w.ids.candidate }),
    }),
    row('for `candidate`, spontaneously to the company waiting for verification', [401, 404, 403, 403, 404, 404, 403, 403, 403, 403, 403], {
      body: (w) => ({ companyId: w.ids.companyPending, candidateId: w.ids.candidate }),
    }),
  ],
  'GET /applications': [
    row('applications I may see', [401, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200], {
      query: 'status=all&pageSize=100',
      among: APPLICATIONS,
      sees: {
        candidate: APPS_A,
        otherCandidate: ['appB'],
        loneCandidate: ['appLone'],
        referent: APPS_A,
        otherReferent: ['appB'],
        missionOfficer: APPS_A,
        otherMissionOfficer: ['appB'],
        recruiter: ['appSent', 'appInterview', 'appLone'],
        otherRecruiter: ['appB'],
        admin: APPLICATIONS,
      },
    }),
    // The short list's stages (issue #19, item 3) are the company's: a filter for its recruiters (and admins).
    row('the short list’s « en attente »', [401, 403, 403, 403, 403, 403, 403, 403, 200, 200, 200], {
      query: 'stage=pending&pageSize=100',
      among: APPLICATIONS,
      sees: { recruiter: ['appSent', 'appLone'], otherRecruiter: ['appB'], admin: ['appSent', 'appB', 'appLone'] },
    }),
    row('the short list’s favourites (appLone starred by A)', [401, 403, 403, 403, 403, 403, 403, 403, 200, 200, 200], {
      query: 'stage=favourite&pageSize=100',
      among: APPLICATIONS,
      sees: { recruiter: ['appLone'], admin: ['appLone'] },
    }),
  ],
  'GET /applications/{id}': [
    on('appPending', 'of `candidate` to A, before the référent validated', [401, 200, 404, 404, 200, 404, 200, 404, 404, 404, 200]),
    on('appSent', 'of `candidate` to A, validated', [401, 200, 404, 404, 200, 404, 200, 404, 200, 404, 200]),
    on('appB', 'of `otherCandidate` to B, validated', [401, 404, 200, 404, 404, 200, 404, 200, 404, 200, 200]),
    on('appLone', 'of `loneCandidate` to A (no référent)', [401, 404, 404, 200, 404, 404, 404, 404, 200, 404, 200]),
    on('appRejected', 'of `candidate` to A, rejected by the référent (never sent)', [401, 200, 404, 404, 200, 404, 200, 404, 404, 404, 200]),
    on('unknown', 'nobody’s', [401, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404]),
  ],
  'POST /applications/{id}/transitions': [
    on('appPending', 'validate, before the référent validated', [401, 403, 404, 404, 200, 404, 200, 404, 404, 404, 200], { body: () => ({ action: 'validate' }) }),
    on('appPending', 'withdraw, before the référent validated', [401, 200, 404, 404, 200, 404, 403, 404, 404, 404, 403], { body: () => ({ action: 'withdraw' }) }),
    on('appSent', 'accept, once validated', [401, 403, 404, 404, 403, 404, 403, 404, 200, 404, 403], { body: () => ({ action: 'accept' }) }),
    on('appB', 'accept the one sent to B', [401, 404, 403, 404, 404, 403, 404, 403, 404, 200, 403], { body: () => ({ action: 'accept' }) }),
    on('appLone', 'refuse the one of `loneCandidate`', [401, 404, 404, 403, 404, 404, 404, 404, 200, 404, 403], {
      body: () => ({ action: 'refuse', reason: 'POSTE_POURVU', message: 'Le poste est pourvu.' }),
    }),
    on('appInterview', 'confirm the interview', [401, 200, 404, 404, 200, 404, 403, 404, 403, 404, 403], { body: () => ({ action: 'confirm_interview' }) }),
    on('appRejected', 'withdraw one the référent rejected (closed)', [401, 409, 404, 404, 409, 404, 409, 404, 404, 404, 409], { body: () => ({ action: 'withdraw' }) }),
    on('unknown', 'validate nobody’s', [401, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404], { body: () => ({ action: 'validate' }) }),
    // Anonymous applications (issue #19): the company's recruiters lift the anonymity, with the commitment (else 400 under it).
    on('appAnon', 'lift_anonymity with the commitment', [401, 403, 404, 404, 403, 404, 403, 404, 200, 404, 403], { body: () => ({ action: 'lift_anonymity', commitment: true, contactNow: false }) }),
    on('appAnon', 'lift_anonymity without the commitment', [401, 403, 404, 404, 403, 404, 403, 404, 400, 404, 403], { body: () => ({ action: 'lift_anonymity', contactNow: true }) }),
    on('appAnon', 'mark_contacted before any lift', [401, 403, 404, 404, 403, 404, 403, 404, 409, 404, 403], { body: () => ({ action: 'mark_contacted' }) }),
    on('appSent', 'lift_anonymity of an application made openly', [401, 403, 404, 404, 403, 404, 403, 404, 409, 404, 403], { body: () => ({ action: 'lift_anonymity', commitment: true, contactNow: true }) }),
    on('appB', 'lift_anonymity of the one sent to B', [401, 404, 403, 404, 404, 403, 404, 403, 404, 409, 403], { body: () => ({ action: 'lift_anonymity', commitment: true, contactNow: true }) }),
  ],
  'PUT /applications/{id}/note': [
    // `version`: a fresh application's note is at version 0 (the allowed cell runs on a fresh one).
    on('appSent', 'private note, once validated', [401, 403, 404, 404, 403, 404, 403, 404, 200, 404, 403], { body: () => ({ note: 'À rappeler', version: 0 }) }),
    on('appPending', 'private note, before the référent validated', [401, 403, 404, 404, 403, 404, 403, 404, 404, 404, 403], { body: () => ({ note: 'À rappeler', version: 0 }) }),
    on('unknown', 'private note on nobody’s', [401, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404], { body: () => ({ note: 'À rappeler', version: 0 }) }),
    // A stale version: refused like any other for those who may not write, 409 for the company's recruiter.
    on('appSent', 'private note over a stale version', [401, 403, 404, 404, 403, 404, 403, 404, 409, 404, 403], { body: () => ({ note: 'Écrase la note', version: 0 }) }),
  ],
  // The short list (issue #19, item 3): the company's star, like its private note — its recruiters only.
  ...Object.fromEntries(
    (['PUT', 'DELETE'] as const).map((method) => [
      `${method} /applications/{id}/favourite`,
      [
        on('appSent', `${method === 'PUT' ? 'star' : 'unstar'}, once validated`, [401, 403, 404, 404, 403, 404, 403, 404, 200, 404, 403]),
        on('appPending', 'before the référent validated', [401, 403, 404, 404, 403, 404, 403, 404, 404, 404, 403]),
        on('appB', 'the one sent to B', [401, 404, 403, 404, 404, 403, 404, 403, 404, 200, 403]),
        on('appAnon', 'an anonymous one, not lifted', [401, 403, 404, 404, 403, 404, 403, 404, 200, 404, 403]),
        on('unknown', 'nobody’s', [401, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404]),
      ],
    ]),
  ),
  'GET /applications/{id}/interviews/{interviewId}.ics': [
    on('appInterview', 'the interview of appInterview', [401, 200, 404, 404, 200, 404, 200, 404, 200, 404, 200], { second: 'interviewA' }),
    on('appB', 'that interview, under another application', [401, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404], { second: 'interviewA' }),
    on('unknown', 'under nobody’s application', [401, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404], { second: 'interviewA' }),
  ],
  'GET /applications/{id}/documents': [
    on('appPending', 'its CV, before the référent validated', [401, 200, 404, 404, 200, 404, 200, 404, 404, 404, 200], {
      among: DOCUMENTS,
      sees: { candidate: ['docPending'], referent: ['docPending'], missionOfficer: ['docPending'], admin: ['docPending'] },
    }),
    on('appSent', 'its CV, once validated', [401, 200, 404, 404, 200, 404, 200, 404, 200, 404, 200], {
      among: DOCUMENTS,
      sees: { candidate: ['docSent'], referent: ['docSent'], missionOfficer: ['docSent'], recruiter: ['docSent'], admin: ['docSent'] },
    }),
    on('appB', 'the CV of appB', [401, 404, 200, 404, 404, 200, 404, 200, 404, 200, 200]),
    on('unknown', 'nobody’s', [401, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404]),
  ],

  // ---- Application threads (issue #16, item 3): who sees the application reads its thread; the
  // candidate, their référent and the company's recruiters write, once the company has it (409 before,
  // and for an application closed without ever reaching it); the mission officer and admins read only.
  'GET /applications/{id}/messages': [
    on('appPending', 'the thread, before the référent validated', [401, 200, 404, 404, 200, 404, 200, 404, 404, 404, 200]),
    on('appSent', 'the thread, once validated', [401, 200, 404, 404, 200, 404, 200, 404, 200, 404, 200]),
    on('appB', 'the thread of appB', [401, 404, 200, 404, 404, 200, 404, 200, 404, 200, 200]),
    on('appLone', 'the thread of an application without référent', [401, 404, 404, 200, 404, 404, 404, 404, 200, 404, 200]),
    on('unknown', 'nobody’s', [401, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404]),
  ],
  'POST /applications/{id}/messages': [
    on('appPending', 'writes before the company has the application', [401, 409, 404, 404, 409, 404, 403, 404, 404, 404, 403], { body: (w) => ({ body: `Bonjour ${w.tag}` }) }),
    on('appSent', 'writes once the company has it', [401, 201, 404, 404, 201, 404, 403, 404, 201, 404, 403], { body: (w) => ({ body: `Bonjour ${w.tag}` }) }),
    on('appRejected', 'writes on an application closed before reaching the company', [401, 409, 404, 404, 409, 404, 403, 404, 404, 404, 403], { body: (w) => ({ body: `Bonjour ${w.tag}` }) }),
    on('appB', 'writes in appB’s thread', [401, 404, 201, 404, 404, 201, 404, 403, 404, 201, 403], { body: (w) => ({ body: `Bonjour ${w.tag}` }) }),
    on('unknown', 'nobody’s', [401, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404], { body: (w) => ({ body: `Bonjour ${w.tag}` }) }),
  ],
  'GET /messages': [row('my threads', [401, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200])],

  // ---- Documents -----------------------------------------------------------------------------------
  'POST /me/documents': [
    row('upload a PDF', [401, 201, 201, 201, 403, 403, 403, 403, 403, 403, 403], {
      body: (w) => ({ kind: 'CV', filename: `cv-${w.tag}.pdf`, contentBase64: PDF_BASE64 }),
    }),
  ],
  'GET /me/documents': [
    row('my documents', [401, 200, 200, 200, 403, 403, 403, 403, 403, 403, 403], {
      among: DOCUMENTS,
      sees: { candidate: ['docPending', 'docSent', 'docFree'], otherCandidate: ['docB'] },
    }),
  ],
  'DELETE /me/documents/{id}': [
    on('docFree', 'a document of `candidate` attached to nothing', [401, 204, 404, 404, 403, 403, 403, 403, 403, 403, 403]),
    on('docSent', 'the CV of a live application of `candidate`', [401, 409, 404, 404, 403, 403, 403, 403, 403, 403, 403]),
    on('docB', 'the CV of a live application of `otherCandidate`', [401, 404, 409, 404, 403, 403, 403, 403, 403, 403, 403]),
    on('unknown', 'nobody’s', [401, 404, 404, 404, 403, 403, 403, 403, 403, 403, 403]),
  ],
  'GET /documents/{id}/download': [
    on('docPending', 'CV of an application before the référent validated', [401, 200, 404, 404, 200, 404, 200, 404, 404, 404, 200]),
    on('docSent', 'CV of an application once validated', [401, 200, 404, 404, 200, 404, 200, 404, 200, 404, 200]),
    on('docFree', 'a document of `candidate` attached to nothing', [401, 200, 404, 404, 200, 404, 200, 404, 404, 404, 200]),
    on('docB', 'the CV of appB', [401, 404, 200, 404, 404, 200, 404, 200, 404, 200, 200]),
    on('unknown', 'nobody’s', [401, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404]),
  ],

  // ---- Exports and the activity feed (issue #16, items 8 and 10) -------------------------------------
  // An offer's exports: its insiders only (the company's recruiters, admins), as for its draft; a
  // published offer is no export for the others (404). An offer without applications: a file all the same.
  ...Object.fromEntries(
    ['applications.csv', 'cvs.zip'].map((file) => [
      `GET /offers/{id}/${file}`,
      [
        on('publishedA', 'published offer of A (applications sent, CVs)', [401, 404, 404, 404, 404, 404, 404, 404, 200, 404, 200]),
        on('publishedB', 'published offer of B', [401, 404, 404, 404, 404, 404, 404, 404, 404, 200, 200]),
        on('draftA', 'draft of A (no application)', [401, 404, 404, 404, 404, 404, 404, 404, 200, 404, 200]),
        on('unknown', 'nobody’s', [401, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404]),
      ],
    ]),
  ),
  'GET /feed': [row('my activity feed', [401, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200])],

  // ---- The métier list (issue #17, item 1): reference data for pickers, to anyone signed in ----------
  'GET /metiers': [
    row('search the métier list', [401, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200], { query: 'q=vendeuse&limit=5' }),
    row('chosen métiers by code', [401, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200], { query: 'codes=D1106,K2204' }),
    row('a bad limit (400 for everyone signed in)', [401, 400, 400, 400, 400, 400, 400, 400, 400, 400, 400], { query: 'limit=500' }),
  ],
  // ---- CVthèque: lists and saved searches (issue #17, item 7) ------------------------------------------
  // Lists: shared by the recruiters of a verified company (another company: 404), read by admins
  // (who change none: 403), refused to everyone else (403). Saved searches: their author's (another
  // recruiter: 404), read by admins.
  'GET /cvtheque/lists': [
    row('the company’s CV lists', [401, 403, 403, 403, 403, 403, 403, 403, 200, 200, 200], {
      among: ['listA', 'listB'],
      sees: { recruiter: ['listA'], otherRecruiter: ['listB'], admin: ['listA', 'listB'] },
    }),
  ],
  'POST /cvtheque/lists': [row('creates a list', [401, 403, 403, 403, 403, 403, 403, 403, 201, 201, 403], { body: (w) => ({ name: w.unique('Liste') }) })],
  'GET /cvtheque/lists/{id}': [
    on('listA', 'a list of company A', [401, 403, 403, 403, 403, 403, 403, 403, 200, 404, 200]),
    on('unknown', 'nobody’s', [401, 403, 403, 403, 403, 403, 403, 403, 404, 404, 404]),
  ],
  'PATCH /cvtheque/lists/{id}': [
    on('listA', 'renames a list of company A', [401, 403, 403, 403, 403, 403, 403, 403, 200, 404, 403], { body: (w) => ({ name: w.unique('Renommée') }) }),
    on('unknown', 'nobody’s', [401, 403, 403, 403, 403, 403, 403, 403, 404, 404, 403], { body: (w) => ({ name: w.unique('Renommée') }) }),
  ],
  'DELETE /cvtheque/lists/{id}': [
    on('listA', 'deletes a list of company A', [401, 403, 403, 403, 403, 403, 403, 403, 204, 404, 403]),
    on('unknown', 'nobody’s', [401, 403, 403, 403, 403, 403, 403, 403, 404, 404, 403]),
  ],
  'POST /cvtheque/lists/{id}/items': [
    on('listA', 'adds a profile of the CVthèque to a list of company A', [401, 403, 403, 403, 403, 403, 403, 403, 201, 404, 403], { body: (w) => ({ candidateId: w.ids.loneCandidate }) }),
    on('unknown', 'to nobody’s', [401, 403, 403, 403, 403, 403, 403, 403, 404, 404, 403], { body: (w) => ({ candidateId: w.ids.loneCandidate }) }),
  ],
  'DELETE /cvtheque/lists/{id}/items/{candidateId}': [
    on('listA', 'removes `candidate` from a list of company A', [401, 403, 403, 403, 403, 403, 403, 403, 204, 404, 403], { second: 'candidate' }),
    on('unknown', 'from nobody’s', [401, 403, 403, 403, 403, 403, 403, 403, 404, 404, 403], { second: 'candidate' }),
  ],
  'GET /cvtheque/saved-searches': [
    row('my saved searches', [401, 403, 403, 403, 403, 403, 403, 403, 200, 200, 200], {
      among: ['savedA', 'savedB'],
      sees: { recruiter: ['savedA'], otherRecruiter: ['savedB'], admin: ['savedA', 'savedB'] },
    }),
  ],
  'POST /cvtheque/saved-searches': [
    row('saves a search', [401, 403, 403, 403, 403, 403, 403, 403, 201, 201, 403], { body: (w) => ({ name: w.unique('Recherche'), criteria: { q: 'soudeur', department: '69' }, alert: false }) }),
    // Saved matching searches (issue #18, item 3): from criteria, anyone who saves; from an offer, its company's recruiters only.
    row('saves a matching search', [401, 403, 403, 403, 403, 403, 403, 403, 201, 201, 403], {
      body: (w) => ({ kind: 'matching', name: w.unique('Matching'), criteria: { metier: 'D1106', place: { insee: '69123', radiusKm: 20 } }, minScore: 60, alert: false }),
    }),
    row('saves the matches of the published offer of A', [401, 403, 403, 403, 403, 403, 403, 403, 201, 404, 403], {
      body: (w) => ({ kind: 'offer-matching', name: w.unique('Offre'), offerId: w.ids.publishedA, minScore: 60, alert: false }),
    }),
  ],
  'PATCH /cvtheque/saved-searches/{id}': [
    on('savedA', 'renames the saved search of recruiter A', [401, 403, 403, 403, 403, 403, 403, 403, 200, 404, 403], { body: (w) => ({ name: w.unique('Recherche') }) }),
    on('unknown', 'nobody’s', [401, 403, 403, 403, 403, 403, 403, 403, 404, 404, 403], { body: (w) => ({ name: w.unique('Recherche') }) }),
  ],
  'DELETE /cvtheque/saved-searches/{id}': [
    on('savedA', 'deletes the saved search of recruiter A', [401, 403, 403, 403, 403, 403, 403, 403, 204, 404, 403]),
    on('unknown', 'nobody’s', [401, 403, 403, 403, 403, 403, 403, 403, 404, 404, 403]),
  ],
  // ---- CVthèque search and its history (issue #17, items 3–5 and 7) ---------------------------------
  // Verified companies' recruiters and admins only; a history is its owner's alone.
  'GET /cvtheque': [
    row('searches the CVthèque', [401, 403, 403, 403, 403, 403, 403, 403, 200, 200, 200], { query: 'q=vendeur&near=69123&radiusKm=20&contractType=CDI' }),
  ],
  'GET /offers/{id}/matches': [
    on('publishedA', 'the profiles matching the published offer of A', [401, 403, 403, 403, 403, 403, 403, 403, 200, 404, 200]),
    on('draftA', 'the profiles matching the draft of A (seed 004 matches unpublished offers)', [401, 403, 403, 403, 403, 403, 403, 403, 200, 404, 200]),
    on('publishedB', 'the profiles matching the published offer of B', [401, 403, 403, 403, 403, 403, 403, 403, 404, 200, 200]),
    on('unknown', 'of nobody’s offer', [401, 403, 403, 403, 403, 403, 403, 403, 404, 404, 404]),
  ],
  'POST /matching': [
    row('matches profiles to criteria', [401, 403, 403, 403, 403, 403, 403, 403, 200, 200, 200], {
      body: () => ({ criteria: { metier: 'D1106', place: { insee: '69123', radiusKm: 20 }, indispensable: ['metier'] }, minScore: 0 }),
    }),
  ],
  'GET /cvtheque/history': [row('my last searches', [401, 403, 403, 403, 403, 403, 403, 403, 200, 200, 200])],
  'DELETE /cvtheque/history': [row('forgets my searches', [401, 403, 403, 403, 403, 403, 403, 403, 204, 204, 204], { body: () => undefined })],
  'DELETE /cvtheque/history/{id}': [
    on('unknown', 'forgets a search that is not mine', [401, 403, 403, 403, 403, 403, 403, 403, 404, 404, 404], { body: () => undefined }),
  ],

  // ---- Interviews ----------------------------------------------------------------------------------
  'GET /interviews': [
    row('my interview calendar', [401, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200], {
      among: ['interviewA'],
      sees: { candidate: ['interviewA'], referent: ['interviewA'], missionOfficer: ['interviewA'], recruiter: ['interviewA'], admin: ['interviewA'] },
    }),
  ],

  // ---- Référents' candidates -----------------------------------------------------------------------
  'GET /referent/candidates': [
    row('candidates I follow', [401, 403, 403, 403, 200, 200, 200, 200, 403, 403, 200], {
      query: 'q=TAG&pageSize=100',
      among: CANDIDATES,
      sees: {
        referent: ['candidate'],
        otherReferent: ['otherCandidate'],
        missionOfficer: ['candidate'],
        otherMissionOfficer: ['otherCandidate'],
        admin: CANDIDATES,
      },
    }),
  ],
  'GET /referent/candidates/{id}': [
    on('candidate', 'followed by référent A', [401, 403, 403, 403, 200, 404, 200, 404, 403, 403, 200]),
    on('otherCandidate', 'followed by référent B', [401, 403, 403, 403, 404, 200, 404, 200, 403, 403, 200]),
    on('loneCandidate', 'followed by nobody', [401, 403, 403, 403, 404, 404, 404, 404, 403, 403, 200]),
    on('recruiter', 'a recruiter', [401, 403, 403, 403, 404, 404, 404, 404, 403, 403, 404]),
    on('unknown', 'nobody', [401, 403, 403, 403, 404, 404, 404, 404, 403, 403, 404]),
  ],
  'POST /referent/candidates': [
    row('create a candidate account', [401, 403, 403, 403, 201, 201, 403, 403, 403, 403, 403], {
      body: (w) => ({ firstName: 'Yanis', lastName: `Nouveau ${w.tag}`, email: w.unique('nouveau'), rqth: true }),
    }),
  ],

  // ---- Accommodation needs for interviews (issue #16, item 6) ----------------------------------------
  // The matrix never gives the consent (shareWithCompanies: false), so no company reads them here: what
  // the inviting company reads, and when, is test/accommodations.test.ts's.
  'GET /me/accommodations': [row('my accommodation needs', [401, 200, 200, 200, 403, 403, 403, 403, 403, 403, 403])],
  'PUT /me/accommodations': [
    row('save my accommodation needs', [401, 200, 200, 200, 403, 403, 403, 403, 403, 403, 403], { body: () => ({ needs: ['EXTRA_TIME'], details: null, shareWithCompanies: false }) }),
    row('an unknown need', [401, 400, 400, 400, 403, 403, 403, 403, 403, 403, 403], { body: () => ({ needs: ['TELEPATHIE'], shareWithCompanies: false }) }),
  ],
  'GET /referent/candidates/{id}/accommodations': [
    on('candidate', 'of a candidate of référent A', [401, 403, 403, 403, 200, 404, 200, 404, 403, 403, 403]),
    on('otherCandidate', 'of a candidate of référent B', [401, 403, 403, 403, 404, 200, 404, 200, 403, 403, 403]),
    on('loneCandidate', 'of a candidate followed by nobody', [401, 403, 403, 403, 404, 404, 404, 404, 403, 403, 403]),
    on('unknown', 'of nobody', [401, 403, 403, 403, 404, 404, 404, 404, 403, 403, 403]),
  ],
  'PUT /referent/candidates/{id}/accommodations': [
    on('candidate', 'for a candidate of référent A', [401, 403, 403, 403, 200, 404, 200, 404, 403, 403, 403], { body: () => ({ needs: ['BREAKS'], details: null, shareWithCompanies: false }) }),
    on('otherCandidate', 'for a candidate of référent B', [401, 403, 403, 403, 404, 200, 404, 200, 403, 403, 403], { body: () => ({ needs: ['BREAKS'], details: null, shareWithCompanies: false }) }),
    on('unknown', 'for nobody', [401, 403, 403, 403, 404, 404, 404, 404, 403, 403, 403], { body: () => ({ needs: [], shareWithCompanies: false }) }),
  ],
  // ---- The CVthèque profile (issue #17, item 1) ------------------------------------------------------
  // The matrix never gives a consent (both false): giving and withdrawing them, and the référent who may
  // only withdraw, are test/profiles.test.ts's. Mission officers and admins read a followed candidate's
  // profile; only the candidate and their référent write it.
  'GET /me/profile': [row('my CVthèque profile', [401, 200, 200, 200, 403, 403, 403, 403, 403, 403, 403])],
  'PUT /me/profile': [
    row('save my CVthèque profile', [401, 200, 200, 200, 403, 403, 403, 403, 403, 403, 403], { body: () => profileBody() }),
    row('a métier code that is no ROME code', [401, 400, 400, 400, 403, 403, 403, 403, 403, 403, 403], { body: () => ({ ...profileBody(), metiers: ['Z9999'] }) }),
  ],
  'GET /referent/candidates/{id}/profile': [
    on('candidate', 'of a candidate of référent A', [401, 403, 403, 403, 200, 404, 200, 404, 403, 403, 200]),
    on('otherCandidate', 'of a candidate of référent B', [401, 403, 403, 403, 404, 200, 404, 200, 403, 403, 200]),
    on('loneCandidate', 'of a candidate followed by nobody', [401, 403, 403, 403, 404, 404, 404, 404, 403, 403, 200]),
    on('unknown', 'of nobody', [401, 403, 403, 403, 404, 404, 404, 404, 403, 403, 404]),
  ],
  'PUT /referent/candidates/{id}/profile': [
    on('candidate', 'for a candidate of référent A', [401, 403, 403, 403, 200, 404, 403, 403, 403, 403, 403], { body: () => profileBody() }),
    on('otherCandidate', 'for a candidate of référent B', [401, 403, 403, 403, 404, 200, 403, 403, 403, 403, 403], { body: () => profileBody() }),
    on('unknown', 'for nobody', [401, 403, 403, 403, 404, 404, 403, 403, 403, 403, 403], { body: () => profileBody() }),
  ],
  'GET /communes': [row('communes for a picker', [401, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200], { query: 'q=Lyon' })],
  'GET /applications/{id}/accommodations': [
    on('appInterview', 'an interview proposed, no consent given', [401, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404]),
    on('appPending', 'before the référent validated', [401, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404]),
    on('appB', 'another company’s', [401, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404]),
    on('unknown', 'nobody’s', [401, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404]),
  ],

  // ---- « Mon compte » and directories (issue #15, part « account ») ----------------------------------
  'PATCH /me': [
    row('edit one’s own account (video interviews accepted)', [401, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200], { body: () => ({ videoInterviews: true }) }),
    row('change one’s e-mail (not editable here)', [401, 400, 400, 400, 400, 400, 400, 400, 400, 400, 400], { body: (w) => ({ email: w.unique('autre') }) }),
  ],
  // Professionals only: a candidate gets 403 (the directories are a tool of who accompanies and hires).
  'GET /directory/referents': [row('the directory of référents', [401, 403, 403, 403, 200, 200, 200, 200, 200, 200, 200], { query: 'q=TAG&pageSize=100' })],
  'GET /directory/companies': [
    row('the directory of companies: verified ones only', [401, 403, 403, 403, 200, 200, 200, 200, 200, 200, 200], {
      query: 'q=TAG&pageSize=100',
      among: ['companyA', 'companyB', 'companyPending'],
      sees: Object.fromEntries(['referent', 'otherReferent', 'missionOfficer', 'otherMissionOfficer', 'recruiter', 'otherRecruiter', 'admin'].map((a) => [a, ['companyA', 'companyB']])),
    }),
  ],

  // ---- Mission officers manage their référents (api/mission) ---------------------------------------
  // Their own network's (users.mission_officer_id), every one for an admin; 404 for another network's.
  'GET /mission/referents': [
    row('référents of my network', [401, 403, 403, 403, 403, 403, 200, 200, 403, 403, 200], {
      query: 'q=TAG&pageSize=100',
      among: REFERENTS,
      sees: { missionOfficer: ['referentA', 'referentA2'], otherMissionOfficer: ['referentB'], admin: REFERENTS },
    }),
  ],
  'GET /mission/referents/{id}': [
    on('referentA', 'référent of network A', [401, 403, 403, 403, 403, 403, 200, 404, 403, 403, 200]),
    on('referentB', 'référent of network B', [401, 403, 403, 403, 403, 403, 404, 200, 403, 403, 200]),
    on('candidate', 'a candidate, no référent', [401, 403, 403, 403, 403, 403, 404, 404, 403, 403, 404]),
    on('unknown', 'nobody', [401, 403, 403, 403, 403, 403, 404, 404, 403, 403, 404]),
  ],
  'POST /mission/referents': [
    row('create a référent', [401, 403, 403, 403, 403, 403, 201, 201, 403, 403, 201], {
      body: (w) => ({ firstName: 'Inès', lastName: `Nouvelle ${w.tag}`, email: w.unique('referente'), jobTitle: 'Référente handicap' }),
    }),
  ],
  'POST /mission/referents/{id}/disable': [
    on('referentA', 'disable référent A (fresh: follows nobody)', [401, 403, 403, 403, 403, 403, 200, 404, 403, 403, 200]),
    on('referentB', 'disable référent B (fresh: follows nobody)', [401, 403, 403, 403, 403, 403, 404, 200, 403, 403, 200]),
    on('unknown', 'nobody', [401, 403, 403, 403, 403, 403, 404, 404, 403, 403, 404]),
  ],
  'POST /mission/referents/{id}/enable': [
    on('referentA', 'enable référent A', [401, 403, 403, 403, 403, 403, 200, 404, 403, 403, 200]),
    on('referentB', 'enable référent B', [401, 403, 403, 403, 403, 403, 404, 200, 403, 403, 200]),
    on('unknown', 'nobody', [401, 403, 403, 403, 403, 403, 404, 404, 403, 403, 404]),
  ],
  'POST /mission/candidates/{id}/referent': [
    on('candidate', 'give `candidate` to référent A2', [401, 403, 403, 403, 403, 403, 200, 404, 403, 403, 200], { body: (w) => ({ referentId: w.ids.referentA2 }) }),
    // Mission officer B may move their candidate, but not into network A (400, on the field).
    on('otherCandidate', 'give `otherCandidate` to référent A2', [401, 403, 403, 403, 403, 403, 404, 400, 403, 403, 200], { body: (w) => ({ referentId: w.ids.referentA2 }) }),
    on('unknown', 'nobody', [401, 403, 403, 403, 403, 403, 404, 404, 403, 403, 404], { body: (w) => ({ referentId: w.ids.referentA2 }) }),
  ],

  // ---- Statistics (issue #16, item 9): those who steer; a mission officer's are scoped to their network ----
  'GET /statistics': [
    row('statistics of the period', [401, 403, 403, 403, 403, 403, 200, 200, 403, 403, 200], { query: 'from=2026-01-01&to=2026-12-31' }),
    row('a day that does not exist', [401, 403, 403, 403, 403, 403, 400, 400, 403, 403, 400], { query: 'from=2026-02-30' }),
  ],

  // ---- Sponsorships --------------------------------------------------------------------------------
  'POST /sponsorships': [
    row('for oneself', [401, 201, 201, 201, 400, 400, 403, 403, 403, 403, 403], {
      body: async (w) => ({ companyId: await w.freshCompany(), message: 'Je cherche un parrain.' }),
    }),
    row('for `candidate` (candidateId)', [401, 201, 403, 403, 201, 404, 403, 403, 403, 403, 403], {
      body: async (w) => ({ companyId: await w.freshCompany(), candidateId: w.ids.candidate, message: 'Pour mon candidat.' }),
    }),
    row('for `candidate`, to the company waiting for verification', [401, 404, 403, 403, 404, 404, 403, 403, 403, 403, 403], {
      body: (w) => ({ companyId: w.ids.companyPending, candidateId: w.ids.candidate, message: 'Pour mon candidat.' }),
    }),
  ],
  'GET /sponsorships': [
    row('sponsorship requests I may see', [401, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200], {
      query: 'pageSize=100',
      among: SPONSORSHIPS,
      sees: {
        candidate: ['sponsA'],
        otherCandidate: ['sponsB'],
        referent: ['sponsA'],
        otherReferent: ['sponsB'],
        missionOfficer: ['sponsA'],
        otherMissionOfficer: ['sponsB'],
        recruiter: ['sponsA'],
        otherRecruiter: ['sponsB'],
        admin: SPONSORSHIPS,
      },
    }),
  ],
  'GET /sponsorships/{id}': [
    on('sponsA', 'of `candidate` to A', [401, 200, 404, 404, 200, 404, 200, 404, 200, 404, 200]),
    on('sponsB', 'of `otherCandidate` to B', [401, 404, 200, 404, 404, 200, 404, 200, 404, 200, 200]),
    on('unknown', 'nobody’s', [401, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404]),
  ],
  'POST /sponsorships/{id}/transitions': [
    on('sponsA', 'refuse the request to A', [401, 403, 404, 404, 403, 404, 403, 404, 200, 404, 403], { body: () => ({ action: 'refuse', comment: 'Pas de parrain disponible.' }) }),
    on('sponsB', 'accept the request to B, sponsor: the recruiter of B', [401, 404, 403, 404, 404, 403, 404, 403, 404, 200, 403], {
      body: (w) => ({ action: 'accept', sponsorUserId: w.ids.otherRecruiter }),
    }),
    on('unknown', 'refuse nobody’s', [401, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404], { body: () => ({ action: 'refuse', comment: 'Non.' }) }),
  ],

  // ---- CVthèque: working a profile, contact requests (issue #17, part « work ») -----------------------
  // Only verified companies' recruiters and admins read a profile (admins without acting); everyone else
  // is refused by role (403). `otherCandidate` has not joined the CVthèque (the world puts `candidate` and
  // `loneCandidate` in it): 404 to those who may search, as for an id nobody has. A visible profile read by
  // each role, and the contact requests' actions, are in test/cvtheque-work.test.ts (a read records a view;
  // the world holds no contact request).
  'GET /cvtheque/profiles/{candidateId}': [
    on('otherCandidate', 'a profile not in the CVthèque', [401, 403, 403, 403, 403, 403, 403, 403, 404, 404, 404]),
    on('unknown', 'nobody’s', [401, 403, 403, 403, 403, 403, 403, 403, 404, 404, 404]),
  ],
  'GET /cvtheque/profiles/{candidateId}/cv': [
    on('otherCandidate', 'the CV of a profile not in the CVthèque', [401, 403, 403, 403, 403, 403, 403, 403, 404, 404, 404]),
    on('unknown', 'nobody’s', [401, 403, 403, 403, 403, 403, 403, 403, 404, 404, 404]),
  ],
  'PUT /cvtheque/profiles/{candidateId}/comment': [
    on('otherCandidate', 'comment a profile not in the CVthèque', [401, 403, 403, 403, 403, 403, 403, 403, 404, 404, 403], { body: () => ({ comment: 'À rappeler.', version: 0 }) }),
    on('unknown', 'nobody’s', [401, 403, 403, 403, 403, 403, 403, 403, 404, 404, 403], { body: () => ({ comment: 'À rappeler.', version: 0 }) }),
  ],
  'PUT /cvtheque/profiles/{candidateId}/decision': [
    on('otherCandidate', 'retain a profile not in the CVthèque', [401, 403, 403, 403, 403, 403, 403, 403, 404, 404, 403], { body: () => ({ decision: 'RETAINED' }) }),
    on('unknown', 'nobody’s', [401, 403, 403, 403, 403, 403, 403, 403, 404, 404, 403], { body: () => ({ decision: 'DISCARDED' }) }),
  ],
  'POST /cvtheque/profiles/{candidateId}/contact': [
    on('otherCandidate', 'ask to contact a profile not in the CVthèque', [401, 403, 403, 403, 403, 403, 403, 403, 404, 404, 403], { body: () => ({ message: 'Bonjour, votre profil nous intéresse.' }) }),
    on('unknown', 'nobody’s', [401, 403, 403, 403, 403, 403, 403, 403, 404, 404, 403], { body: () => ({ message: 'Bonjour.' }) }),
  ],
  'GET /contact-requests': [row('contact requests I may see', [401, 200, 200, 200, 200, 200, 403, 403, 200, 200, 200])],
  'GET /contact-requests/{id}': [on('unknown', 'nobody’s', [401, 404, 404, 404, 404, 404, 403, 403, 404, 404, 404])],
  'POST /contact-requests/{id}/transitions': [
    on('unknown', 'accept nobody’s', [401, 404, 404, 404, 404, 404, 403, 403, 404, 404, 404], { body: () => ({ action: 'accept' }) }),
  ],

  // ---- Notification centre and preferences (issue #16, part « notif ») -------------------------------
  // One's own only: every statement names the caller (test/notifications.test.ts checks that nobody
  // reads or marks another's notification); an id that is not one's own changes nothing and says nothing.
  'GET /notifications': [row('their own notifications', [401, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200], { query: 'unread=true' })],
  'POST /notifications/read': [
    row('marks all their own as read', [401, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200], { body: () => ({ all: true }) }),
    row('an id of nobody’s: nothing changes, the same answer', [401, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200], { body: () => ({ ids: ['00000000-0000-4000-8000-000000000000'] }) }),
  ],
  'GET /me/preferences': [row('their own preferences', [401, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200])],
  'PUT /me/preferences': [
    row('saves their interviews’ channels (admins: their reminders)', [401, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200], {
      body: (_w, a) => (a === 'admin' ? { reminders: { email: true, inApp: true } } : { interviews: { email: true, inApp: true } }),
    }),
    row('the message digests: not an admin’s kind', [401, 200, 200, 200, 200, 200, 200, 200, 200, 200, 400], { body: () => ({ message: { email: true, inApp: true } }) }),
  ],
  // ---- The anti-CV (issue #19, item 4): whoever reads the application reads its anti-CV (the company
  // once it was sent to it); the short list's PDF to the offer's insiders (the world stars appLone), 409
  // while nothing is starred.
  'GET /applications/{id}/anti-cv.pdf': [
    on('appPending', 'before the référent validated', [401, 200, 404, 404, 200, 404, 200, 404, 404, 404, 200]),
    on('appSent', 'once validated', [401, 200, 404, 404, 200, 404, 200, 404, 200, 404, 200]),
    on('appAnon', 'an anonymous application, validated', [401, 200, 404, 404, 200, 404, 200, 404, 200, 404, 200]),
    on('appB', 'of `otherCandidate` to B', [401, 404, 200, 404, 404, 200, 404, 200, 404, 200, 200]),
    on('appLone', 'of `loneCandidate` to A (no référent)', [401, 404, 404, 200, 404, 404, 404, 404, 200, 404, 200]),
    on('unknown', 'nobody’s', [401, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404]),
  ],
  'GET /offers/{id}/favourites/anti-cv.pdf': [
    on('publishedA', 'published offer of A, appLone starred', [401, 404, 404, 404, 404, 404, 404, 404, 200, 404, 200]),
    on('publishedB', 'published offer of B, no favourite', [401, 404, 404, 404, 404, 404, 404, 404, 404, 409, 409]),
    on('draftA', 'draft of A', [401, 404, 404, 404, 404, 404, 404, 404, 409, 404, 409]),
    on('unknown', 'nobody’s', [401, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404]),
  ],
};

/**
 * Text planted in the world that only some callers may read, wherever it would show: a recruiter's
 * private note ("visible to the company only"; admins operate the platform and see it too), and the
 * moderator's reason for refusing an offer before it was fixed and published (its company's side only:
 * everyone else sees that the offer was published, not why it was once refused).
 */
export const SECRETS = {
  noteA: { mayRead: ['recruiter', 'admin'] },
  noteB: { mayRead: ['otherRecruiter', 'admin'] },
  moderationReasonA: { mayRead: ['recruiter', 'admin'] },
} as const satisfies Record<string, { mayRead: readonly ActorName[] }>;
export type SecretName = keyof typeof SECRETS;

/**
 * The back office (AdminJS, not in the OpenAPI document): only admins get a session; without one,
 * every page and every API call of the console sends to the login page.
 */
export const ADMIN_RESOURCES = ['users', 'companies', 'company_memberships', 'offers', 'applications', 'interviews', 'sponsorship_requests', 'contact_requests', 'email_outbox', 'notice_queue', 'sign_in_lockouts'] as const;
//                                 anon cand oCnd lone  ref oRef   mo  oMo  rec oRec admin
export const ADMIN_LOGIN: Statuses = [400, 400, 400, 400, 400, 400, 400, 400, 400, 400, 302];
/** Each resource's list, with the session the login above gave (or did not). */
export const ADMIN_LIST_AFTER_LOGIN: Statuses = [302, 302, 302, 302, 302, 302, 302, 302, 302, 302, 200];
/**
 * Each resource's list with the caller's API session cookie only: an admin signed in on the platform
 * reads the back office without signing in again (one sign-in, admin/auth.ts); nobody else.
 */
export const ADMIN_WITH_API_SESSION: Statuses = [302, 302, 302, 302, 302, 302, 302, 302, 302, 302, 200];
/** The Temporal UI's codec endpoint (POST /admin/temporal-codec/decode): the back-office session of an admin only. */
export const CODEC_AFTER_LOGIN: Statuses = [401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 200];
export const CODEC_WITH_API_SESSION: Statuses = [401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401];

/** A 4×4 PNG (what a logo or banner upload sends). */
export const PNG_BASE64 = 'iVBORw0KGgoAAAANSUhEUgAAAAQAAAAECAIAAAAmkwkpAAAACXBIWXMAAAPoAAAD6AG1e1JrAAAAEElEQVQImWPg9p8DRwzEcQCG8w9hhhUaegAAAABJRU5ErkJggg==';

/** A one-page PDF (what a CV upload sends). */
export const PDF_BASE64 = Buffer.from(
  '%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>\nendobj\nxref\n0 4\n0000000000 65535 f \n0000000009 00000 n \n0000000058 00000 n \n0000000115 00000 n \ntrailer\n<< /Size 4 /Root 1 0 R >>\nstartxref\n186\n%%EOF\n',
  'latin1',
).toString('base64');
