// Offers end to end through the API, on the real Temporal server, PostgreSQL and SMTP server:
// creation with warnings, edits and duplication, every action from every state by every role (the
// table below is written from PRODUCT.md, "Offer — offerModerationWorkflow", not from the product's
// rules), a rejected offer fixed and published, a published offer edited (back to moderation, its
// expiry kept, even when it comes during moderation), the expiry timer (seconds, through the workflow
// input) and archiving before it, the public listing and its filters, the mails, and applications
// refused once an offer is offline.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it, type ExpectStatic } from 'vitest';
import { addDays, endOfParisDay, parisDate } from '../workflows/paris-time.js';
import { act, mailsAbout, reach, rowOf, runStatus, searchAttributes, snapshotOf, transition } from './drivers.js';
import { createCast, createUser, type Cast, type Person } from './fixtures.js';
import { ApiClient, DEMO, eventually, sql, temporalClient, type ApiResponse } from './support.js';
import { startProcess } from '../api/transitions.js';
import { workflowIdOf } from '../workflows/processes.js';

import {
  STATUSES,
  FINAL,
  ACTIONS,
  TABLE,
  ACTORS,
  COMPANY_SIDE,
  sees,
  expectedAllowed,
  expectedOutcome,
  type Status,
  type Action,
  type ActorName,
} from './oracles/offer.js';

// ---------------------------------------------------------------------------------------------------
// The platform.

let cast: Cast;
let cells = 0;
const started = Date.now();

beforeAll(async () => {
  cast = await createCast();
  await Promise.all([cast.recruiter, cast.colleague, cast.otherRecruiter, cast.admin, cast.candidate, cast.referent, cast.missionOfficer].map((p) => p.client()));
});

afterAll(() => {
  console.log(`offer matrix: ${cells} cells checked; file ran ${((Date.now() - started) / 1000).toFixed(1)} s`);
});

const personOf = (actor: ActorName): Person => cast[actor];
const client = (actor: ActorName | Person) => (typeof actor === 'string' ? cast[actor] : actor).client();

/** A complete, clean offer; `token` makes it findable in listings and mails. */
function offerBody(overrides: Record<string, unknown> = {}) {
  const token = `tok${randomUUID().slice(0, 8)}`;
  return {
    title: `Chargé de clientèle H/F ${token}`,
    contractType: 'CDD',
    contractDurationMonths: 12,
    experience: '1 à 3 ans',
    education: 'Bac+2',
    postalCode: '69003',
    city: 'Lyon',
    jobFamily: 'Relation client',
    job: 'Chargé de clientèle',
    description: `Accueil et conseil des clients par téléphone et par écrit, suivi des dossiers. Poste aménageable. ${token}`,
    salaryMin: 24000,
    salaryMax: 27000,
    remote: 'PARTIAL',
    startDate: addDays(parisDate(), 30),
    screeningQuestion: 'Qu’est-ce qui vous attire dans la relation client ?',
    ...overrides,
  };
}

async function createOffer(overrides: Record<string, unknown> = {}, by: ActorName | Person = 'recruiter') {
  const response = await (await client(by)).post('/api/offers', offerBody(overrides));
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body as OfferView;
}

interface OfferView {
  id: string;
  status: Status;
  title: string;
  history: Array<{ type: string; actor: { id: string } | null; message: string | null }>;
  allowedActions: string[];
  warnings: Array<{ code: string; message: string; excerpt: string; field: string }>;
  publishedAt: string | null;
  expiresAt: string | null;
  duplicatedFrom: string | null;
  lastEdit?: { at: string; changes: Array<{ field: string; label: string; before: unknown; after: unknown }> } | null;
  [key: string]: unknown;
}

const patch = async (by: ActorName | Person, id: string, body: Record<string, unknown>) => (await client(by)).request('PATCH', `/api/offers/${id}`, body);

const bodyFor = (action: Action, label: string) =>
  action === 'reject' ? { action, reason: `Motif : ${label}` } : action === 'edit' ? { action, title: `Offre modifiée H/F (${label})` } : { action };

/** An offer row as the demo data or the back office writes it: no workflow. */
async function insertOffer(status: Status, extra: { expiresInMs?: number; title?: string } = {}) {
  const id = randomUUID();
  await sql(
    `INSERT INTO offers (id, company_id, title, contract_type, postal_code, city, departments, description, status, published_at, expires_at)
     VALUES ($1, $2, $3, 'CDI', '69003', 'Lyon', '{69}', 'Offre écrite sans workflow, pour les tests.', $4::text,
             CASE WHEN $4::text = 'PUBLISHED' THEN now() END, CASE WHEN $5::int IS NOT NULL THEN now() + $5::int * interval '1 millisecond' END)`,
    [id, cast.company.id, extra.title ?? `Offre sans workflow H/F ${id.slice(0, 8)}`, status, extra.expiresInMs ?? null],
  );
  return id;
}

/** Starts the workflow of an offer with a seconds-scale publication, as the test of timers needs. */
async function startWithPublication(offerId: string, publicationMs: number, status: Status) {
  await startProcess(await temporalClient(), inject('taskQueue'), 'offer', { offerId, companyId: cast.company.id, publicationMs }, status);
  await eventually(async () => (await sql('SELECT 1 FROM offers WHERE id = $1 AND workflow_id IS NOT NULL', [offerId])).length === 1, 15_000, 'workflow attached');
}

const waitForStatus = (id: string, status: Status, timeoutMs = 20_000) =>
  eventually(async () => (await sql('SELECT 1 FROM offers WHERE id = $1 AND status = $2', [id, status])).length === 1, timeoutMs, `offer ${status}`);

/** Each state reached through the API (EXPIRED: a one-second publication, started with the client). */
async function offerIn(status: Status): Promise<string> {
  if (status === 'EXPIRED') {
    const id = await insertOffer('DRAFT');
    await startWithPublication(id, 1000, 'DRAFT');
    await act('offer', cast.recruiter, id, { action: 'submit' }, 'PENDING_MODERATION');
    await act('offer', cast.admin, id, { action: 'approve' }, 'PUBLISHED');
    await waitForStatus(id, 'EXPIRED');
    return id;
  }
  return (await reach('offer', status, cast)).id;
}

async function stateOf(id: string) {
  const view = await (await client('admin')).get(`/api/offers/${id}`);
  const [row] = await sql('SELECT status, published_at, expires_at, updated_at FROM offers WHERE id = $1', [id]);
  const [{ n }] = await sql('SELECT count(*)::int AS n FROM offer_events WHERE offer_id = $1', [id]);
  return { apiStatus: view.body.status, apiHistory: view.body.history.length, row, events: n };
}

const describeError = (response: ApiResponse) => JSON.stringify(response.body?.error ?? response.body);

// ---------------------------------------------------------------------------------------------------

describe('every action from every state by every role', () => {
  async function refusedCells(expect: ExpectStatic, status: Status) {
    const id = await offerIn(status);
    const before = await stateOf(id);
    expect(before.apiStatus).toBe(status);
    for (const actor of ACTORS) {
      const view = await (await client(actor)).get(`/api/offers/${id}`);
      cells++;
      if (!sees(status, actor)) {
        expect.soft(view.status, `${status} · GET by ${actor}`).toBe(404);
        continue;
      }
      expect.soft(view.status, `${status} · GET by ${actor}`).toBe(200);
      expect.soft([...(view.body.allowedActions ?? [])].sort(), `${status} · allowedActions of ${actor}`).toEqual(expectedAllowed(status, actor));
    }
    let refused = 0;
    for (const action of ACTIONS) {
      await Promise.all(
        ACTORS.map(async (actor) => {
          const expected = expectedOutcome(status, action, actor);
          if (expected.http === 200) return;
          const label = `${status} · ${action} by ${actor}`;
          const response = await transition('offer', personOf(actor), id, bodyFor(action, label));
          cells++;
          refused++;
          expect.soft(response.status, `${label} → ${describeError(response)}`).toBe(expected.http);
          const code = { 404: 'NOT_FOUND', 403: 'FORBIDDEN', 409: 'ILLEGAL_TRANSITION' }[expected.http];
          expect.soft(response.body?.error?.code, label).toBe(code);
          if (expected.http === 409) {
            expect.soft(response.body.error.details?.status, `${label}: details.status`).toBe(status);
            expect.soft([...(response.body.error.details?.allowedActions ?? [])].sort(), `${label}: details.allowedActions`).toEqual(expectedAllowed(status, actor));
          }
        }),
      );
    }
    // Edits: the company's recruiters in DRAFT and REJECTED only.
    for (const actor of ACTORS) {
      const editable = status === 'DRAFT' || status === 'REJECTED';
      const expected = !sees(status, actor) ? 404 : !COMPANY_SIDE.includes(actor) ? 403 : editable ? 200 : 409;
      if (expected === 200) continue; // edits are checked below, and change the offer
      const response = await patch(actor, id, { city: 'Villeurbanne' });
      cells++;
      expect.soft(response.status, `${status} · PATCH by ${actor} → ${describeError(response)}`).toBe(expected);
    }
    expect(await stateOf(id), `${status}: unchanged after ${refused} refused attempts`).toEqual(before);
  }

  for (const status of STATUSES) {
    it.concurrent(`refuses what the contract refuses in ${status}, and changes nothing`, async ({ expect }) => {
      await refusedCells(expect, status);
    });
  }

  const allowed = STATUSES.flatMap((status) =>
    ACTIONS.flatMap((action) => ACTORS.filter((actor) => expectedOutcome(status, action, actor).http === 200).map((actor) => ({ status, action, actor }))),
  );
  it.concurrent(`allows the ${allowed.length} allowed cells, each on an offer of its own`, async ({ expect }) => {
    await Promise.all(
      allowed.map(async ({ status, action, actor }) => {
        const label = `${status} · ${action} by ${actor}`;
        const id = await offerIn(status);
        const before = await stateOf(id);
        const response = await transition('offer', personOf(actor), id, bodyFor(action, label));
        cells++;
        expect.soft(response.status, `${label} → ${describeError(response)}`).toBe(200);
        if (response.status !== 200) return;
        const next = TABLE[action].to;
        expect.soft(response.body.status, label).toBe(next);
        expect.soft([...response.body.allowedActions].sort(), `${label}: allowed next`).toEqual(expectedAllowed(next, actor));
        expect.soft(response.body.history.length, `${label}: history`).toBe(before.apiHistory + 1);
        expect.soft(response.body.history.at(-1)?.type, label).toBe(action);
        expect.soft(response.body.history.at(-1)?.actor?.id, label).toBe(personOf(actor).id);
        const [row] = await sql('SELECT status FROM offers WHERE id = $1', [id]);
        expect.soft(row.status, `${label}: database`).toBe(next);
        if (FINAL.includes(next)) {
          const { workflowId } = await rowOf('offer', id);
          await eventually(async () => (await runStatus(workflowId)) === 'COMPLETED', 20_000, `${label}: workflow completed`);
        }
      }),
    );
  });
});

describe('creating, editing and duplicating', () => {
  it('creates a DRAFT for a recruiter of a verified company, with the warnings computed', async () => {
    const recruiter = await client('recruiter');
    const created = await recruiter.post(
      '/api/offers',
      offerBody({
        title: 'Vendeur dynamique',
        description: 'Nous recherchons un jeune vendeur de moins de 30 ans, de nationalité française, bonne présentation exigée, sans handicap, célibataire de préférence.',
        departments: undefined,
      }),
    );
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const offer = created.body as OfferView;
    expect(offer).toMatchObject({ status: 'DRAFT', departments: ['69'], company: { id: cast.company.id }, duplicatedFrom: null, publishedAt: null });
    expect(offer.allowedActions.sort()).toEqual(['archive', 'submit']);
    expect(offer.history.map((h) => h.type)).toEqual(['created']);
    const codes = offer.warnings.map((w) => w.code);
    for (const code of ['GENDER_MENTION_MISSING', 'DISCRIMINATION_AGE', 'DISCRIMINATION_ORIGIN', 'DISCRIMINATION_APPEARANCE', 'DISCRIMINATION_HEALTH', 'DISCRIMINATION_FAMILY']) {
      expect(codes, code).toContain(code);
    }
    const age = offer.warnings.find((w) => w.code === 'DISCRIMINATION_AGE')!;
    expect(age.message).toMatch(/âge/);
    expect(age.excerpt).toMatch(/jeune vendeur|moins de 30 ans/);
    expect(offer.warnings.find((w) => w.code === 'GENDER_MENTION_MISSING')).toMatchObject({ field: 'title', excerpt: 'Vendeur dynamique' });
    // Warnings do not block: the offer can be submitted as it is.
    const submitted = await act<OfferView>('offer', cast.recruiter, offer.id, { action: 'submit' }, 'PENDING_MODERATION');
    expect(submitted.warnings.length).toBe(offer.warnings.length);

    // Clean wording, in its accepted forms, raises nothing.
    for (const title of ['Comptable (H/F)', 'Comptable F/H', 'Comptable H/F/X']) {
      const clean = await createOffer({ title, description: 'Tenue de la comptabilité générale, déclarations, relation avec l’expert-comptable. Hommes et femmes bienvenus.' });
      expect(clean.warnings, title).toEqual([]);
    }
    const [row] = await sql('SELECT workflow_id, created_by FROM offers WHERE id = $1', [offer.id]);
    expect(row).toEqual({ workflow_id: workflowIdOf('offer', offer.id), created_by: cast.recruiter.id });
  });

  it('refuses creation to other roles and bad fields with messages naming the field', async () => {
    for (const actor of ['admin', 'candidate', 'referent', 'missionOfficer'] as const) {
      const response = await (await client(actor)).post('/api/offers', offerBody());
      expect(response.status, actor).toBe(403);
      expect(response.body.error.code).toBe('FORBIDDEN');
    }
    // Who before what: a body that is wrong too is still a 403.
    expect((await (await client('candidate')).post('/api/offers', { title: '' })).status).toBe(403);
    expect((await new ApiClient().post('/api/offers', offerBody())).status).toBe(401);

    const recruiter = await client('recruiter');
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ title: undefined }, /title/],
      [{ contractType: 'FREELANCE' }, /contractType/],
      [{ contractType: 'CDD', contractDurationMonths: undefined }, /contractDurationMonths.*CDD/],
      [{ contractType: 'CDI', contractDurationMonths: 12 }, /contractDurationMonths.*CDI/],
      [{ postalCode: '6900' }, /postalCode.*5 chiffres/],
      [{ city: undefined }, /city/],
      [{ description: 'Trop court' }, /description/],
      [{ salaryMin: 40000, salaryMax: 30000 }, /salaryMax/],
      [{ remote: 'SOMETIMES' }, /remote/],
      [{ chosenEndDate: parisDate() }, /chosenEndDate.*futur/],
      [{ chosenEndDate: addDays(parisDate(), 61) }, /chosenEndDate.*60 jours/],
      [{ chosenEndDate: '2026-13-45' }, /chosenEndDate/],
      [{ departments: ['99'] }, /departments/],
      [{ unknownField: 1 }, /unknownField|clé|key/i],
    ];
    for (const [overrides, message] of cases) {
      const response = await recruiter.post('/api/offers', offerBody(overrides));
      expect(response.status, JSON.stringify(overrides)).toBe(400);
      expect(response.body.error.code).toBe('VALIDATION_FAILED');
      expect(response.body.error.message, JSON.stringify(overrides)).toMatch(message);
    }
    // A company that is no longer verified publishes nothing.
    const company = randomUUID();
    await sql(`INSERT INTO companies (id, siren, name, status) VALUES ($1, $2, 'Entreprise suspendue', 'VERIFIED')`, [company, String(100_000_000 + Math.floor(Math.random() * 800_000_000))]);
    const suspended = await createUser('RECRUITER', { companyId: company });
    const suspendedClient = await suspended.client();
    await sql(`UPDATE companies SET status = 'REJECTED' WHERE id = $1`, [company]);
    expect((await suspendedClient.post('/api/offers', offerBody())).status).toBe(403);
  });

  it('edits a draft (any recruiter of the company), merged fields checked, and never once submitted', async () => {
    const offer = await createOffer({ title: 'Magasinier', chosenEndDate: addDays(parisDate(), 20) });
    expect(offer.warnings.map((w) => w.code)).toEqual(['GENDER_MENTION_MISSING']);
    const edited = await patch('colleague', offer.id, { title: 'Magasinier H/F', postalCode: '75011', city: 'Paris' });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(edited.body).toMatchObject({ title: 'Magasinier H/F', city: 'Paris', departments: ['75'], status: 'DRAFT', warnings: [] });
    // The offer as the edit leaves it must be whole.
    const noDuration = await patch('recruiter', offer.id, { contractType: 'CDD', contractDurationMonths: null });
    expect(noDuration.status).toBe(400);
    expect(noDuration.body.error.message).toMatch(/contractDurationMonths/);
    const toCdi = await patch('recruiter', offer.id, { contractType: 'CDI', contractDurationMonths: null });
    expect(toCdi.status, JSON.stringify(toCdi.body)).toBe(200);
    expect(toCdi.body).toMatchObject({ contractType: 'CDI', contractDurationMonths: null });
    expect((await patch('recruiter', offer.id, {})).status).toBe(400);
    expect((await patch('recruiter', offer.id, { status: 'PUBLISHED' })).status).toBe(400);
    expect((await patch('otherRecruiter', offer.id, { city: 'Lyon' })).status).toBe(404);
    expect((await patch('admin', offer.id, { city: 'Lyon' })).status).toBe(403);
    expect((await patch('candidate', offer.id, { city: 'Lyon' })).status).toBe(404);

    await act('offer', cast.recruiter, offer.id, { action: 'submit' }, 'PENDING_MODERATION');
    const late = await patch('recruiter', offer.id, { city: 'Lyon' });
    expect(late.status).toBe(409);
    expect(late.body.error).toMatchObject({ code: 'ILLEGAL_TRANSITION', details: { status: 'PENDING_MODERATION' } });
    expect(late.body.error.message).toMatch(/Dupliquez/);
    const [row] = await sql('SELECT city FROM offers WHERE id = $1', [offer.id]);
    expect(row.city).toBe('Paris');
  });

  it('duplicates an offer into a new DRAFT pointing at the original, for the company only', async () => {
    const original = await createOffer({ title: 'Soudeur H/F' });
    await act('offer', cast.recruiter, original.id, { action: 'submit' }, 'PENDING_MODERATION');
    await act('offer', cast.admin, original.id, { action: 'approve' }, 'PUBLISHED');
    const copy = await (await client('colleague')).post(`/api/offers/${original.id}/duplicate`);
    expect(copy.status, JSON.stringify(copy.body)).toBe(201);
    expect(copy.body).toMatchObject({ status: 'DRAFT', title: 'Soudeur H/F', duplicatedFrom: original.id, publishedAt: null, expiresAt: null, city: 'Lyon', contractDurationMonths: 12 });
    expect(copy.body.id).not.toBe(original.id);
    expect(copy.body.history).toEqual([expect.objectContaining({ type: 'created', message: 'Copie de l’offre « Soudeur H/F ».' })]);
    const [row] = await sql('SELECT duplicated_from, created_by FROM offers WHERE id = $1', [copy.body.id]);
    expect(row).toEqual({ duplicated_from: original.id, created_by: cast.colleague.id });
    // The copy runs its own process; the original is untouched.
    await act('offer', cast.recruiter, copy.body.id, { action: 'submit' }, 'PENDING_MODERATION');
    expect((await stateOf(original.id)).apiStatus).toBe('PUBLISHED');
    // A published offer is seen by all, duplicated by its company only; a draft is not seen outside it.
    expect((await (await client('otherRecruiter')).post(`/api/offers/${original.id}/duplicate`)).status).toBe(403);
    expect((await (await client('admin')).post(`/api/offers/${original.id}/duplicate`)).status).toBe(403);
    expect((await (await client('candidate')).post(`/api/offers/${original.id}/duplicate`)).status).toBe(403);
    const draft = await createOffer();
    expect((await (await client('otherRecruiter')).post(`/api/offers/${draft.id}/duplicate`)).status).toBe(404);
    expect((await (await client('candidate')).post(`/api/offers/${draft.id}/duplicate`)).status).toBe(404);
    // An archived offer can be republished through a copy.
    await act('offer', cast.recruiter, draft.id, { action: 'archive' }, 'ARCHIVED');
    expect((await (await client('recruiter')).post(`/api/offers/${draft.id}/duplicate`)).status).toBe(201);
  });
});

describe('moderation', () => {
  it('takes a rejected offer through an edit and a second submission to publication, with the mails', async () => {
    const chosenEndDate = addDays(parisDate(), 10);
    const offer = await createOffer({ title: 'Préparateur de commandes', description: 'Préparation des commandes en entrepôt. Jeune homme motivé, bonne présentation.', chosenEndDate });
    expect(offer.warnings.map((w) => w.code).sort()).toEqual(['DISCRIMINATION_AGE', 'DISCRIMINATION_APPEARANCE', 'DISCRIMINATION_SEX', 'GENDER_MENTION_MISSING']);

    const submitted = await act<OfferView>('offer', cast.recruiter, offer.id, { action: 'submit' }, 'PENDING_MODERATION');
    expect(submitted.allowedActions.sort()).toEqual(['archive']);
    const { workflowId } = await rowOf('offer', offer.id);
    await eventually(async () => (await searchAttributes(workflowId)).WaitingFor === 'ADMIN', 10_000, 'WaitingFor ADMIN');
    expect((await searchAttributes(workflowId)).OfferStatus).toBe('PENDING_MODERATION');
    // What an operator types in the Temporal UI (the dev server refuses ORDER BY: see workflows/offer.ts).
    const temporal = await temporalClient();
    await eventually(async () => {
      for await (const wf of temporal.workflow.list({ query: `OfferStatus='PENDING_MODERATION' AND WaitingFor='ADMIN' AND OfferId='${offer.id}'` })) return wf;
      return undefined;
    }, 20_000, 'offer in the moderation query');

    // Every admin is told, once, with the points flagged.
    await eventually(async () => (await mailsAbout('offer', offer.id, { subject: /^Offre à modérer/, to: cast.admin.email })).length === 1, 20_000, 'mail to the admin');
    const [adminMail] = await mailsAbout('offer', offer.id, { subject: /^Offre à modérer/, to: cast.admin.email });
    expect(adminMail.subject).toBe(`Offre à modérer — « Préparateur de commandes » (Entreprise A)`);
    expect(adminMail.text).toMatch(/4 point\(s\) à vérifier/);
    expect(adminMail.text).toContain('Jeune homme motivé');
    expect(await mailsAbout('offer', offer.id, { subject: /^Offre à modérer/, to: DEMO.admin })).toHaveLength(1);

    // The moderation queue lists it, oldest first, for admins only.
    const queue = await (await client('admin')).get('/api/offers/moderation?pageSize=100');
    expect(queue.status).toBe(200);
    const item = queue.body.items.find((i: { id: string }) => i.id === offer.id);
    expect(item).toMatchObject({ status: 'PENDING_MODERATION', warningCount: 4 });
    const waiting = queue.body.items.map((i: { statusChangedAt: string }) => i.statusChangedAt);
    expect(waiting).toEqual([...waiting].sort());
    expect((await (await client('recruiter')).get('/api/offers/moderation')).status).toBe(403);
    expect((await (await client('candidate')).get('/api/offers/moderation')).status).toBe(403);

    const noReason = await transition('offer', cast.admin, offer.id, { action: 'reject' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(noReason.body.error.message).toMatch(/reason/);
    expect((await transition('offer', cast.admin, offer.id, { action: 'reject', reason: '   ' })).status).toBe(400);
    const reason = 'Ajoutez la mention H/F et retirez « jeune homme » et « bonne présentation ».';
    const rejected = await act<OfferView>('offer', cast.admin, offer.id, { action: 'reject', reason }, 'REJECTED');
    expect(rejected.history.at(-1)).toMatchObject({ type: 'reject', message: reason, actor: expect.objectContaining({ id: cast.admin.id }) });
    for (const email of [cast.recruiter.email, cast.colleague.email]) {
      await eventually(async () => (await mailsAbout('offer', offer.id, { subject: /^Votre offre n’a pas été validée/, to: email })).some((m) => m.text.includes(reason)), 20_000, `reject mail to ${email}`);
    }

    const fixed = await patch('recruiter', offer.id, { title: 'Préparateur de commandes H/F', description: 'Préparation des commandes en entrepôt, port de charges légères, travail en équipe.' });
    expect(fixed.status, JSON.stringify(fixed.body)).toBe(200);
    expect(fixed.body.warnings).toEqual([]);
    await act('offer', cast.colleague, offer.id, { action: 'submit' }, 'PENDING_MODERATION');
    const approvedAt = Date.now();
    const published = await act<OfferView>('offer', cast.admin, offer.id, { action: 'approve' }, 'PUBLISHED');
    expect(published.history.map((h) => h.type)).toEqual(['created', 'submit', 'reject', 'submit', 'approve']);
    expect(Date.parse(published.publishedAt!)).toBeGreaterThanOrEqual(approvedAt - 1000);
    // Online until the end (Paris time) of the day the recruiter chose, earlier than 60 days.
    expect(published.expiresAt).toBe(endOfParisDay(chosenEndDate).toISOString());
    await eventually(async () => (await searchAttributes(workflowId)).WaitingFor === 'EXPIRY', 10_000, 'WaitingFor EXPIRY');
    for (const email of [cast.recruiter.email, cast.colleague.email]) {
      await eventually(async () => (await mailsAbout('offer', offer.id, { subject: /^Votre offre est publiée/, to: email })).length === 1, 20_000, `approve mail to ${email}`);
    }
    // Two submissions, two mails to each admin; nothing to another company.
    await eventually(async () => (await mailsAbout('offer', offer.id, { subject: /^Offre à modérer/, to: cast.admin.email })).length === 2, 20_000, 'second mail to the admin');
    expect(await mailsAbout('offer', offer.id, { to: cast.otherRecruiter.email })).toHaveLength(0);
    expect(await mailsAbout('offer', offer.id, { to: cast.candidate.email })).toHaveLength(0);

    // Outside the company, the history says when it was published, not who refused it or why.
    const seen = await (await client('candidate')).get(`/api/offers/${offer.id}`);
    expect(seen.status).toBe(200);
    expect(seen.body.history).toEqual([expect.objectContaining({ type: 'approve', actor: null, message: null })]);
    expect(seen.body.warnings).toEqual([]);
    expect(seen.body.allowedActions).toEqual([]);

    // Published at 60 days when no end date was chosen.
    const plain = await createOffer();
    await act('offer', cast.recruiter, plain.id, { action: 'submit' }, 'PENDING_MODERATION');
    const plainPublished = await act<OfferView>('offer', cast.admin, plain.id, { action: 'approve' }, 'PUBLISHED');
    const days = (Date.parse(plainPublished.expiresAt!) - Date.parse(plainPublished.publishedAt!)) / 86_400_000;
    expect(days).toBe(60);
  });

  it('does not publish an offer whose chosen end date has passed, and says so', async () => {
    const offer = await createOffer({ chosenEndDate: addDays(parisDate(), 5) });
    await act('offer', cast.recruiter, offer.id, { action: 'submit' }, 'PENDING_MODERATION');
    // Time passes while it waits (the date is moved back, as days going by would).
    await sql(`UPDATE offers SET chosen_end_date = $2 WHERE id = $1`, [offer.id, addDays(parisDate(), -1)]);
    const before = await stateOf(offer.id);
    const refused = await transition('offer', cast.admin, offer.id, { action: 'approve' });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toMatch(/date de fin choisie.*passée/);
    expect(refused.body.error.details).toEqual({ status: 'PENDING_MODERATION', allowedActions: expect.arrayContaining(['approve', 'reject']) });
    // Refused by the approval's own write: nothing written, nothing moved, in the database or the workflow.
    expect(await stateOf(offer.id)).toEqual(before);
    expect((await stateOf(offer.id)).apiStatus).toBe('PENDING_MODERATION');
    await act('offer', cast.admin, offer.id, { action: 'reject', reason: 'Date de fin dépassée.' }, 'REJECTED');
    const stale = await transition('offer', cast.recruiter, offer.id, { action: 'submit' });
    expect(stale.status).toBe(400);
    expect(stale.body.error.message).toMatch(/chosenEndDate/);
    expect((await patch('recruiter', offer.id, { chosenEndDate: null })).status).toBe(200);
    await act('offer', cast.recruiter, offer.id, { action: 'submit' }, 'PENDING_MODERATION');
    await act('offer', cast.admin, offer.id, { action: 'approve' }, 'PUBLISHED');
  });
});

describe('editing a published offer', () => {
  /** A published offer of the cast's company, with a seconds-scale publication when `publicationMs` is given. */
  async function published(overrides: Record<string, unknown> = {}, publicationMs?: number) {
    let id: string;
    if (publicationMs) {
      id = await insertOffer('DRAFT');
      await startWithPublication(id, publicationMs, 'DRAFT');
      const fields = offerBody(overrides);
      expect((await patch('recruiter', id, fields)).status).toBe(200);
    } else {
      id = (await createOffer(overrides)).id;
    }
    await act('offer', cast.recruiter, id, { action: 'submit' }, 'PENDING_MODERATION');
    return act<OfferView>('offer', cast.admin, id, { action: 'approve' }, 'PUBLISHED');
  }

  it('sends it back to moderation with the changed fields, off the candidates’ lists, and publishes it again until the same end', async () => {
    const chosenEndDate = addDays(parisDate(), 20);
    const offer = await published({ title: 'Magasinier H/F', chosenEndDate });
    expect((await (await client('colleague')).get(`/api/offers/${offer.id}`)).body.allowedActions.sort()).toEqual(['archive', 'edit']);
    expect(offer.expiresAt).toBe(endOfParisDay(chosenEndDate).toISOString());
    const token = String(offer.description).split(' ').at(-1);
    // An application received while it was online goes on as it was.
    const candidate = await createUser('CANDIDATE', { referentId: null });
    const applied = await (await candidate.client()).post('/api/applications', { offerId: offer.id, message: 'Bonjour', screeningAnswer: 'La logistique.' });
    expect(applied.status, JSON.stringify(applied.body)).toBe(201);

    const description = `Réception et rangement des marchandises. Jeune homme dynamique, bonne présentation. Poste aménageable. ${token}`;
    const edited = await act<OfferView>('offer', cast.colleague, offer.id, { action: 'edit', title: 'Magasinier cariste', description, city: 'Lyon', chosenEndDate: undefined }, 'PENDING_MODERATION');
    // Same end; the history names the fields that changed (not the city, which did not), never their content.
    expect(edited).toMatchObject({ expiresAt: offer.expiresAt, publishedAt: offer.publishedAt, chosenEndDate, title: 'Magasinier cariste', description });
    expect(edited.history.at(-1)).toMatchObject({
      type: 'edit',
      fromStatus: 'PUBLISHED',
      toStatus: 'PENDING_MODERATION',
      actor: expect.objectContaining({ id: cast.colleague.id }),
      message: 'Champs modifiés : Intitulé du poste, Description du poste.',
    });
    // The warnings computed again, and what changed for the moderator: before and now.
    expect(edited.warnings.map((w) => w.code).sort()).toEqual(['DISCRIMINATION_AGE', 'DISCRIMINATION_APPEARANCE', 'DISCRIMINATION_SEX', 'GENDER_MENTION_MISSING']);
    expect(edited.lastEdit).toEqual({
      at: expect.any(String),
      changes: [
        { field: 'title', label: 'Intitulé du poste', before: 'Magasinier H/F', after: 'Magasinier cariste' },
        { field: 'description', label: 'Description du poste', before: offer.description, after: description },
      ],
    });
    expect(edited.allowedActions).toEqual(['archive']);
    const forAdmin = await (await client('admin')).get(`/api/offers/${offer.id}`);
    expect(forAdmin.body.lastEdit).toEqual(edited.lastEdit);
    expect(forAdmin.body.allowedActions.sort()).toEqual(['approve', 'archive', 'reject']);
    const { workflowId } = await rowOf('offer', offer.id);
    await eventually(async () => (await searchAttributes(workflowId)).OfferStatus === 'PENDING_MODERATION', 10_000, 'OfferStatus');
    expect((await searchAttributes(workflowId)).WaitingFor).toBe('ADMIN');
    expect(await snapshotOf(workflowId)).toMatchObject({ status: 'PENDING_MODERATION', expiresAt: offer.expiresAt });

    // Candidates no longer see it, nor apply; the moderation queue has it.
    const other = await createUser('CANDIDATE', { referentId: null });
    expect((await (await other.client()).get(`/api/offers/${offer.id}`)).status).toBe(404);
    expect((await (await other.client()).get(`/api/offers?q=${token}`)).body.items).toEqual([]);
    expect((await (await other.client()).post('/api/applications', { offerId: offer.id, screeningAnswer: 'x' })).status).toBe(404);
    const queue = await (await client('admin')).get('/api/offers/moderation?pageSize=100');
    expect(queue.body.items.find((i: { id: string }) => i.id === offer.id)).toMatchObject({ warningCount: 4 });
    const application = await (await candidate.client()).get(`/api/applications/${applied.body.id}`);
    expect(application.status).toBe(200);
    expect(application.body.status).toBe(applied.body.status);

    // Every admin is told what changed, with the warnings.
    await eventually(async () => (await mailsAbout('offer', offer.id, { subject: /^Offre modifiée à modérer/, to: cast.admin.email })).length === 1, 20_000, 'edit mail to the admin');
    const [mail] = await mailsAbout('offer', offer.id, { subject: /^Offre modifiée à modérer/, to: cast.admin.email });
    expect(mail.text).toContain('Champs modifiés : Intitulé du poste, Description du poste.');
    expect(mail.text).toMatch(/4 point\(s\) à vérifier/);
    expect(mail.text).toContain('garde sa date de fin');

    // Approved: online again until the same end, published at the same date; the diff is gone.
    const again = await act<OfferView>('offer', cast.admin, offer.id, { action: 'approve' }, 'PUBLISHED');
    expect(again).toMatchObject({ expiresAt: offer.expiresAt, publishedAt: offer.publishedAt, lastEdit: null });
    expect(again.history.map((h) => h.type)).toEqual(['created', 'submit', 'approve', 'edit', 'approve']);
    expect((await (await other.client()).get(`/api/offers?q=${token}`)).body.items.map((i: { id: string }) => i.id)).toEqual([offer.id]);
    expect(await snapshotOf(workflowId)).toMatchObject({ status: 'PUBLISHED', expiresAt: offer.expiresAt });
    // The public history shows the publications, not the edit.
    expect((await (await other.client()).get(`/api/offers/${offer.id}`)).body.history.map((h: { type: string }) => h.type)).toEqual(['approve', 'approve']);
  });

  it('refused after an edit, fixed and resubmitted, keeps its end', async () => {
    const offer = await published();
    await act('offer', cast.recruiter, offer.id, { action: 'edit', salaryMin: 25000, salaryMax: 30000, departments: ['69', 'Ain'] }, 'PENDING_MODERATION');
    const [row] = await sql('SELECT salary_min, salary_max, departments FROM offers WHERE id = $1', [offer.id]);
    expect(row).toEqual({ salary_min: 25000, salary_max: 30000, departments: ['69', '01'] });
    const rejected = await act<OfferView>('offer', cast.admin, offer.id, { action: 'reject', reason: 'Le salaire minimum est sous le SMIC annuel.' }, 'REJECTED');
    expect(rejected.lastEdit?.changes.map((c) => c.field)).toEqual(['departments', 'salaryMin', 'salaryMax']);
    expect((await (await client('recruiter')).get(`/api/offers/${offer.id}`)).body.allowedActions.sort()).toEqual(['archive', 'submit']);
    expect((await patch('recruiter', offer.id, { salaryMin: 26000 })).status).toBe(200);
    await act('offer', cast.recruiter, offer.id, { action: 'submit' }, 'PENDING_MODERATION');
    const again = await act<OfferView>('offer', cast.admin, offer.id, { action: 'approve' }, 'PUBLISHED');
    expect(again).toMatchObject({ expiresAt: offer.expiresAt, publishedAt: offer.publishedAt, salaryMin: 26000 });
    expect(again.history.map((h) => h.type)).toEqual(['created', 'submit', 'approve', 'edit', 'reject', 'submit', 'approve']);
  });

  it('refuses edits that change nothing, touch the end date or leave the offer incomplete, and edits by others', async () => {
    const offer = await published({ contractType: 'CDD', contractDurationMonths: 12 });
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{}, /au moins un champ/],
      [{ title: offer.title, city: offer.city }, /Aucun champ n’est modifié/],
      [{ chosenEndDate: addDays(parisDate(), 5) }, /chosenEndDate/],
      [{ contractDurationMonths: null }, /contractDurationMonths/],
      [{ title: 'ab' }, /title/],
      [{ status: 'DRAFT' }, /status/],
    ];
    for (const [fields, message] of cases) {
      const response = await transition('offer', cast.recruiter, offer.id, { action: 'edit', ...fields });
      expect(response.status, JSON.stringify(fields)).toBe(400);
      expect(response.body.error.code).toBe('VALIDATION_FAILED');
      expect(response.body.error.message, JSON.stringify(fields)).toMatch(message);
    }
    const incomplete = await transition('offer', cast.recruiter, offer.id, { action: 'edit', contractDurationMonths: null });
    expect(incomplete.body.error.details.fields).toEqual([expect.objectContaining({ field: 'contractDurationMonths' })]);
    // Who before what: another company, an admin, a candidate are refused even with a bad body.
    for (const actor of ['otherRecruiter', 'admin', 'candidate', 'referent'] as const) {
      const response = await transition('offer', personOf(actor), offer.id, { action: 'edit', title: 'ab' });
      expect(response.status, actor).toBe(403);
      expect(response.body.error.code).toBe('FORBIDDEN');
    }
    expect(await stateOf(offer.id)).toMatchObject({ apiStatus: 'PUBLISHED', events: 3 });
    // Only once published: waiting for moderation, it is refused with the state (the draft is PATCHed).
    await act('offer', cast.recruiter, offer.id, { action: 'edit', title: 'Chargé de clientèle confirmé H/F' }, 'PENDING_MODERATION');
    const twice = await transition('offer', cast.recruiter, offer.id, { action: 'edit', title: 'Encore H/F' });
    expect(twice.status).toBe(409);
    expect(twice.body.error).toMatchObject({ code: 'ILLEGAL_TRANSITION', details: { status: 'PENDING_MODERATION', allowedActions: ['archive'] } });
    expect(twice.body.error.message).toMatch(/en attente de modération/);
  });

  it('keeps the expiry at the second: approved in time it goes offline at the same instant; still in moderation, it expires there for good', async () => {
    const [inTime, late] = await Promise.all([published({}, 6000), published({}, 3000)]);
    for (const offer of [inTime, late]) {
      const edited = await act<OfferView>('offer', cast.recruiter, offer.id, { action: 'edit', city: 'Villeurbanne' }, 'PENDING_MODERATION');
      expect(edited.expiresAt).toBe(offer.expiresAt);
    }
    const again = await act<OfferView>('offer', cast.admin, inTime.id, { action: 'approve' }, 'PUBLISHED');
    expect(again.expiresAt).toBe(inTime.expiresAt);

    // Left in moderation, it expires at its end, from PENDING_MODERATION, and cannot be published any more.
    await waitForStatus(late.id, 'EXPIRED', 3000 + 15_000);
    expect(Date.now()).toBeGreaterThanOrEqual(Date.parse(late.expiresAt!));
    const expired = await (await client('recruiter')).get(`/api/offers/${late.id}`);
    expect(expired.body).toMatchObject({ status: 'EXPIRED', allowedActions: [], expiresAt: late.expiresAt });
    expect(expired.body.history.at(-1)).toMatchObject({ type: 'expired', fromStatus: 'PENDING_MODERATION', toStatus: 'EXPIRED', actor: null });
    const refused = await transition('offer', cast.admin, late.id, { action: 'approve' });
    expect(refused.status).toBe(409);
    expect((await stateOf(late.id)).apiStatus).toBe('EXPIRED');
    const { workflowId } = await rowOf('offer', late.id);
    await eventually(async () => (await runStatus(workflowId)) === 'COMPLETED', 15_000, 'workflow completed');
    expect(await searchAttributes(workflowId)).toMatchObject({ OfferStatus: 'EXPIRED', WaitingFor: 'NOBODY' });
    await eventually(async () => (await mailsAbout('offer', late.id, { subject: /^Votre offre a expiré/, to: cast.recruiter.email })).length === 1, 15_000, 'expiry mail');

    // Published again in time, it still goes offline at its first end.
    await waitForStatus(inTime.id, 'EXPIRED', 6000 + 15_000);
    expect(Date.now()).toBeGreaterThanOrEqual(Date.parse(inTime.expiresAt!));
    const [{ at }] = await sql(`SELECT at FROM offer_events WHERE offer_id = $1 AND type = 'expired'`, [inTime.id]);
    expect(new Date(at).getTime() - Date.parse(inTime.expiresAt!)).toBeLessThan(5000);
  });

  it('two actions at once: of two edits one wins; an edit and an archive end as one order or the other', async () => {
    const rounds = 5;
    await Promise.all(
      Array.from({ length: rounds }, async (_, i) => {
        const offer = await published();
        const [first, second] = await Promise.all([
          transition('offer', cast.recruiter, offer.id, { action: 'edit', title: `Première version H/F ${i}` }),
          transition('offer', cast.colleague, offer.id, { action: 'edit', title: `Seconde version H/F ${i}` }),
        ]);
        expect([first.status, second.status].sort(), `edit × edit ${i}`).toEqual([200, 409]);
        const winner = first.status === 200 ? `Première version H/F ${i}` : `Seconde version H/F ${i}`;
        const [row] = await sql('SELECT title, status FROM offers WHERE id = $1', [offer.id]);
        expect(row).toEqual({ title: winner, status: 'PENDING_MODERATION' });
        expect(await sql(`SELECT type FROM offer_events WHERE offer_id = $1 AND type = 'edit'`, [offer.id])).toHaveLength(1);
      }),
    );
    await Promise.all(
      Array.from({ length: rounds }, async (_, i) => {
        const offer = await published();
        const [edit, archive] = await Promise.all([
          transition('offer', cast.recruiter, offer.id, { action: 'edit', title: `Version archivée H/F ${i}` }),
          transition('offer', cast.colleague, offer.id, { action: 'archive' }),
        ]);
        // Archive first: the edit finds it archived. Edit first: an offer in moderation can be archived too.
        expect(archive.status, `archive ${i}: ${describeError(archive)}`).toBe(200);
        expect([200, 409], `edit ${i}: ${describeError(edit)}`).toContain(edit.status);
        const [row] = await sql('SELECT title, status FROM offers WHERE id = $1', [offer.id]);
        expect(row.status).toBe('ARCHIVED');
        const types = (await sql('SELECT type FROM offer_events WHERE offer_id = $1 ORDER BY seq', [offer.id])).map((r: { type: string }) => r.type);
        expect(types, `events ${i}`).toEqual(edit.status === 200 ? ['created', 'submit', 'approve', 'edit', 'archive'] : ['created', 'submit', 'approve', 'archive']);
        expect(row.title === `Version archivée H/F ${i}`, `title ${i}`).toBe(edit.status === 200);
      }),
    );
  });

  it('answers a repeated edit with the same Idempotency-Key with its first answer, and edits once', async () => {
    const offer = await published();
    const key = randomUUID();
    const body = { action: 'edit', title: 'Conseiller clientèle H/F' };
    const first = await transition('offer', cast.recruiter, offer.id, body, { idempotencyKey: key });
    expect(first.status, describeError(first)).toBe(200);
    const again = await transition('offer', cast.recruiter, offer.id, body, { idempotencyKey: key });
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    // Below the cache (its answer lost after the effect): the Update's id finds the first outcome.
    await sql('DELETE FROM idempotency_keys WHERE key = $1', [key]);
    const below = await transition('offer', cast.recruiter, offer.id, body, { idempotencyKey: key });
    expect(below.status, describeError(below)).toBe(200);
    expect(below.body.status).toBe('PENDING_MODERATION');
    expect(await sql(`SELECT 1 FROM offer_events WHERE offer_id = $1 AND type = 'edit'`, [offer.id])).toHaveLength(1);
    // The same key with another body is another request.
    expect((await transition('offer', cast.recruiter, offer.id, { ...body, title: 'Autre H/F' }, { idempotencyKey: key })).status).toBe(422);
  });
});

describe('publication ends', () => {
  it('expires a published offer when its timer fires, tells the recruiters, and refuses applications', async () => {
    const id = await insertOffer('DRAFT', { title: 'Opérateur de production H/F' });
    await startWithPublication(id, 3000, 'DRAFT');
    await act('offer', cast.recruiter, id, { action: 'submit' }, 'PENDING_MODERATION');
    const published = await act<OfferView>('offer', cast.admin, id, { action: 'approve' }, 'PUBLISHED');
    const expiresAt = Date.parse(published.expiresAt!);
    expect(expiresAt - Date.parse(published.publishedAt!)).toBe(3000);
    const candidate = await createUser('CANDIDATE', { referentId: null });
    expect((await (await candidate.client()).get(`/api/offers/${id}`)).status).toBe(200);

    await waitForStatus(id, 'EXPIRED', 3000 + 15_000);
    expect(Date.now()).toBeGreaterThanOrEqual(expiresAt);
    const expired = await (await client('recruiter')).get(`/api/offers/${id}`);
    expect(expired.body).toMatchObject({ status: 'EXPIRED', allowedActions: [] });
    expect(expired.body.history.at(-1)).toMatchObject({ type: 'expired', actor: null });
    const { workflowId } = await rowOf('offer', id);
    await eventually(async () => (await runStatus(workflowId)) === 'COMPLETED', 15_000, 'workflow completed');
    expect(await searchAttributes(workflowId)).toMatchObject({ OfferStatus: 'EXPIRED', WaitingFor: 'NOBODY' });
    for (const email of [cast.recruiter.email, cast.colleague.email]) {
      await eventually(async () => (await mailsAbout('offer', id, { subject: /^Votre offre a expiré/, to: email })).length === 1, 15_000, `expiry mail to ${email}`);
    }

    const applied = await (await candidate.client()).post('/api/applications', { offerId: id, message: 'Bonjour' });
    expect(applied.status).toBe(409);
    expect(applied.body.error.message).toMatch(/n’accepte plus de candidatures \(expirée\)/);
    expect((await (await candidate.client()).get(`/api/offers/${id}`)).status).toBe(404);
    const late = await transition('offer', cast.recruiter, id, { action: 'archive' });
    expect(late.status).toBe(409);
    expect(late.body.error.message).toMatch(/EXPIRED/);
  });

  it('archives a published offer before its timer, which then never fires', async () => {
    const id = await insertOffer('DRAFT', { title: 'Agent d’accueil H/F' });
    await startWithPublication(id, 3000, 'DRAFT');
    await act('offer', cast.recruiter, id, { action: 'submit' }, 'PENDING_MODERATION');
    const published = await act<OfferView>('offer', cast.admin, id, { action: 'approve' }, 'PUBLISHED');
    const archived = await act<OfferView>('offer', cast.colleague, id, { action: 'archive' }, 'ARCHIVED');
    expect(archived.history.map((h) => h.type)).toEqual(['submit', 'approve', 'archive']);
    const { workflowId } = await rowOf('offer', id);
    await eventually(async () => (await runStatus(workflowId)) === 'COMPLETED', 15_000, 'workflow completed');
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, Date.parse(published.expiresAt!) + 1500 - Date.now())));
    expect((await stateOf(id)).apiStatus).toBe('ARCHIVED');
    const [{ n }] = await sql(`SELECT count(*)::int AS n FROM offer_events WHERE offer_id = $1 AND type = 'expired'`, [id]);
    expect(n).toBe(0);
    expect(await mailsAbout('offer', id, { subject: /expiré/ })).toHaveLength(0);
    // A recruiter archiving their own offer is not mailed about it.
    expect(await mailsAbout('offer', id, { subject: /archivée/ })).toHaveLength(0);

    const candidate = await createUser('CANDIDATE', { referentId: null });
    const applied = await (await candidate.client()).post('/api/applications', { offerId: id });
    expect(applied.status).toBe(409);
    expect(applied.body.error.message).toMatch(/archivée/);
    // Never published (draft, waiting, refused): no such offer for a candidate.
    const draft = await createOffer();
    expect((await (await candidate.client()).post('/api/applications', { offerId: draft.id })).status).toBe(404);
  });

  it('runs the demo offer, published without a workflow, from the platform start', async () => {
    const [demo] = await sql(`SELECT id, status, workflow_id, expires_at FROM offers WHERE title = 'Assistant administratif H/F'`);
    expect(demo.workflow_id).toBe(workflowIdOf('offer', demo.id));
    await eventually(async () => (await searchAttributes(demo.workflow_id)).WaitingFor === 'EXPIRY', 10_000, 'demo offer workflow');
    expect(await searchAttributes(demo.workflow_id)).toMatchObject({ OfferStatus: 'PUBLISHED' });
    expect(await runStatus(demo.workflow_id)).toBe('RUNNING');
    const snapshot = await snapshotOf(demo.workflow_id);
    expect(snapshot).toMatchObject({ status: 'PUBLISHED', expiresAt: new Date(demo.expires_at).toISOString() });
  });

  it('takes over offers written without a workflow: their timer, their archive, and an admin archiving tells the company', async () => {
    // As the platform does at start for the demo offer: published, about to go offline.
    const soon = await insertOffer('PUBLISHED', { expiresInMs: 2000 });
    await startWithPublication(soon, 60_000, 'PUBLISHED');
    await waitForStatus(soon, 'EXPIRED', 2000 + 15_000);
    expect((await (await client('recruiter')).get(`/api/offers/${soon}`)).body.history.map((h: { type: string }) => h.type)).toEqual(['expired']);

    // The first transition starts the workflow of an offer that has none (a fixture's published offer).
    const [fixture] = await sql('SELECT workflow_id FROM offers WHERE id = $1', [cast.otherCompany.offerId]);
    expect(fixture.workflow_id).toBeNull();
    const otherAdminArchive = await transition('offer', cast.admin, cast.otherCompany.offerId, { action: 'archive', reason: 'Offre en double.' });
    expect(otherAdminArchive.status, JSON.stringify(otherAdminArchive.body)).toBe(200);
    expect(otherAdminArchive.body.status).toBe('ARCHIVED');
    await eventually(async () => (await mailsAbout('offer', cast.otherCompany.offerId, { subject: /^Votre offre a été archivée/, to: cast.otherRecruiter.email })).some((m) => m.text.includes('Offre en double.')), 20_000, 'archive mail to the company');
  });
});

describe('listings', () => {
  it('lists published offers only to anyone signed in, newest first, with filters and pages', async () => {
    const tag = `lst${randomUUID().slice(0, 6)}`;
    const make = async (overrides: Record<string, unknown>, publish: boolean) => {
      const offer = await createOffer({ description: `Description de l’offre pour la recherche ${tag}, avec des missions variées.`, ...overrides });
      if (publish) {
        await act('offer', cast.recruiter, offer.id, { action: 'submit' }, 'PENDING_MODERATION');
        await act('offer', cast.admin, offer.id, { action: 'approve' }, 'PUBLISHED');
      }
      return offer.id;
    };
    const lyon = await make({ title: 'Développeur web H/F', contractType: 'CDI', contractDurationMonths: null, remote: 'FULL' }, true);
    const paris = await make({ title: 'Comptable H/F', postalCode: '75011', city: 'Paris', contractType: 'CDD', remote: 'NONE' }, true);
    const twoDepts = await make({ title: 'Technicien itinérant H/F', postalCode: '13001', city: 'Marseille', departments: ['13', '84'], contractType: 'INTERIM', remote: 'PARTIAL' }, true);
    const draft = await make({ title: 'Brouillon H/F' }, false);
    const archived = await make({ title: 'Archivée H/F' }, true);
    await act('offer', cast.recruiter, archived, { action: 'archive' }, 'ARCHIVED');

    const candidate = await client('candidate');
    const ids = async (query: string) => {
      const response = await candidate.get(`/api/offers?q=${tag}${query}`);
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      return response.body.items.map((i: { id: string }) => i.id);
    };
    expect(await ids('')).toEqual([twoDepts, paris, lyon]);
    const page = await candidate.get(`/api/offers?q=${tag}&pageSize=2&page=2`);
    expect(page.body).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(page.body.items.map((i: { id: string }) => i.id)).toEqual([lyon]);
    expect(page.body.items[0]).toMatchObject({ status: 'PUBLISHED', company: { id: cast.company.id, name: 'Entreprise A' }, remote: 'FULL' });
    expect(await ids('&department=75')).toEqual([paris]);
    expect(await ids('&department=84')).toEqual([twoDepts]);
    expect(await ids('&department=13,69')).toEqual([twoDepts, lyon]);
    expect(await ids('&contractType=CDI')).toEqual([lyon]);
    expect(await ids('&contractType=cdd,interim')).toEqual([twoDepts, paris]);
    expect(await ids('&remote=FULL,PARTIAL')).toEqual([twoDepts, lyon]);
    // Words anywhere in title, description, job or city, accents or not.
    expect(await ids('+developpeur')).toEqual([lyon]);
    expect(await ids('+marseille')).toEqual([twoDepts]);
    expect(await ids('+COMPTABLE+paris')).toEqual([paris]);
    expect(await ids('+%25')).toEqual([]);
    expect(await ids('')).not.toContain(draft);

    for (const bad of ['contractType=FREELANCE', 'remote=MAYBE', 'department=100', 'pageSize=500', 'sort=random']) {
      const response = await candidate.get(`/api/offers?${bad}`);
      expect(response.status, bad).toBe(400);
      expect(response.body.error.code).toBe('VALIDATION_FAILED');
    }
    for (const actor of ['referent', 'recruiter', 'otherRecruiter', 'admin'] as const) {
      expect((await (await client(actor)).get(`/api/offers?q=${tag}`)).body.total, actor).toBe(3);
    }
    expect((await new ApiClient().get('/api/offers')).status).toBe(401);

    // The company's own offers, every status, for its recruiters only.
    const own = await (await client('colleague')).get(`/api/company/offers?pageSize=100`);
    const ownIds = own.body.items.map((i: { id: string }) => i.id);
    for (const id of [lyon, paris, twoDepts, draft, archived]) expect(ownIds).toContain(id);
    const drafts = await (await client('recruiter')).get('/api/company/offers?status=DRAFT&pageSize=100');
    expect(drafts.body.items.every((i: { status: string }) => i.status === 'DRAFT')).toBe(true);
    expect(drafts.body.items.map((i: { id: string }) => i.id)).toContain(draft);
    const theirs = await (await client('otherRecruiter')).get('/api/company/offers?pageSize=100');
    expect(theirs.body.items.map((i: { id: string }) => i.id)).not.toContain(lyon);
    expect((await (await client('candidate')).get('/api/company/offers')).status).toBe(403);
    expect((await (await client('recruiter')).get('/api/company/offers?status=LIVE')).status).toBe(400);
  });

  it('forgives: plural and feminine forms, accents or not, a département by number or by name, the best match first', async () => {
    const tag = `fgv${randomUUID().slice(0, 6)}`;
    const publish = async (overrides: Record<string, unknown>) => {
      const offer = await createOffer({ job: null, jobFamily: null, description: `Poste ouvert à toutes et à tous, missions variées. ${tag}`, ...overrides });
      await act('offer', cast.recruiter, offer.id, { action: 'submit' }, 'PENDING_MODERATION');
      await act('offer', cast.admin, offer.id, { action: 'approve' }, 'PUBLISHED');
      return offer.id;
    };
    const assistant = await publish({ title: 'Assistant administratif H/F' });
    const educator = await publish({ title: 'Éducateur spécialisé H/F' });
    const electrician = await publish({ title: 'Électricien H/F', postalCode: '93200', city: 'Saint-Denis' });
    const cabinetMaker = await publish({ title: 'Ébéniste H/F', postalCode: '97400', city: 'Saint-Denis' });
    const seller = await publish({ title: 'Vendeur en boulangerie H/F' });
    const nurse = await publish({ title: 'Infirmier de nuit H/F', postalCode: '20200', city: 'Bastia' });
    // Published after the nurse, but the word is only in its description: ranked after the title's match.
    const mentionsNurse = await publish({ title: 'Aide-soignant H/F', description: `Vous travaillerez avec l’infirmier de l’équipe. ${tag}` });

    const candidate = await client('candidate');
    const ids = async (query: string) => {
      const response = await candidate.get(`/api/offers?q=${tag}+${query}`);
      expect(response.status, `${query}: ${JSON.stringify(response.body)}`).toBe(200);
      return response.body.items.map((i: { id: string }) => i.id);
    };
    const search = (words: string) => ids(encodeURIComponent(words));
    expect(await search('Assistante')).toEqual([assistant]);
    expect(await search('assistantes administratives')).toEqual([assistant]);
    expect(await search('Éducatrice')).toEqual([educator]);
    expect(await search('educatrices')).toEqual([educator]);
    expect(await search('électriciens')).toEqual([electrician]);
    expect(await search('ELECTRICIENNE')).toEqual([electrician]);
    expect(await search('ébéniste')).toEqual([cabinetMaker]);
    expect(await search('EBENISTES')).toEqual([cabinetMaker]);
    expect(await search('Vendeuse')).toEqual([seller]);
    expect(await search('infirmières')).toEqual([nurse, mentionsNurse]);
    // A word being typed still finds what it begins.
    expect(await search('électri')).toEqual([electrician]);

    // Départements by number or by name, accents, case and dashes forgiven.
    const inDepartment = (department: string) => ids(`&department=${encodeURIComponent(department)}`);
    expect(await inDepartment('93')).toEqual([electrician]);
    expect(await inDepartment('Seine-Saint-Denis')).toEqual([electrician]);
    expect(await inDepartment('seine st denis')).toEqual([electrician]);
    expect(await inDepartment('974')).toEqual([cabinetMaker]);
    expect(await inDepartment('haute-corse')).toEqual([nurse]);
    expect(await inDepartment('2b')).toEqual([nurse]);
    expect(await inDepartment('La Réunion')).toEqual([cabinetMaker]);
    expect(await inDepartment('Rhône')).toEqual([mentionsNurse, seller, educator, assistant]);
    expect(await inDepartment('rhone,93')).toEqual([mentionsNurse, seller, electrician, educator, assistant]);
    expect(await inDepartment('69 — Rhône')).toEqual([mentionsNurse, seller, educator, assistant]);
    const unknown = await candidate.get(`/api/offers?q=${tag}&department=${encodeURIComponent('Lyon')}`);
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringMatching(/^department : département inconnu : « Lyon »/) });
  });

  it('documents the offer routes in OpenAPI', async () => {
    const document = await new ApiClient().get('/api/openapi.json');
    for (const path of ['/offers', '/offers/{id}', '/offers/{id}/transitions', '/offers/{id}/duplicate', '/offers/moderation', '/company/offers']) {
      expect(Object.keys(document.body.paths), path).toContain(path);
    }
    expect(document.body.paths['/offers/{id}'].patch).toBeTruthy();
    expect(document.body.components.schemas.OfferTransition).toBeTruthy();
  });
});
