// Sponsorship (parrainage) end to end, on the real Temporal server, PostgreSQL and SMTP server: asking
// (by the candidate, by their référent, and every refused way of asking), every action from every state
// by every role with the error contract of PRODUCT.md, the sponsor's checks, the mails each step sends,
// the recruiters' reminder at second scale, and what each role's list holds.
//
// The expectations come from a table written here from PRODUCT.md ("Sponsorship (parrainage)", the HTTP
// error contract), not from the product's own rules.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { CaughtMail } from '../scripts/services/mail-catcher.js';
import { act, eventsOf, mailsAbout, matching, runStatus, searchAttributes, startSponsorship, transition } from './drivers.js';
import { createCast, createUser, type Cast, type Person } from './fixtures.js';
import { ApiClient, eventually, sql, type ApiResponse } from './support.js';
import { insertProcessEvent } from '../activities/process-events.js';
import { createDatabase } from '../models/index.js';

let cast: Cast;
beforeAll(async () => {
  cast = await createCast();
  await sql(`UPDATE users SET phone = '06 12 34 56 78', job_title = 'Responsable d’atelier' WHERE id = $1`, [cast.colleague.id]);
  // Everyone logged in once: reminders due in 2 s leave no time for password hashing on the way.
  await Promise.all(
    [cast.candidate, cast.referent, cast.missionOfficer, cast.admin, cast.recruiter, cast.colleague, cast.otherRecruiter, cast.otherReferent, cast.otherMissionOfficer, cast.otherCandidate].map((p) => p.client()),
  );
});

import {
  ACTIONS,
  TO,
  ACTORS,
  SEES,
  ANSWERS,
  expectedAllowed,
  expectedOutcome,
  type Status,
  type Action,
  type ActorName,
} from './oracles/sponsorship.js';

// ---------------------------------------------------------------------------------------------------
// Helpers.

interface Created {
  id: string;
  candidate: Person;
  body: any;
}

/** A fresh candidate of the cast's référent (one pending request per candidate and company). */
const newCandidate = () => createUser('CANDIDATE', { referentId: cast.referent.id });

async function ask(by: Person, body: Record<string, unknown>): Promise<ApiResponse> {
  return (await by.client()).post('/api/sponsorships', body);
}

async function created(candidate?: Person, companyId = cast.company.id, message = 'Je souhaite être accompagnée dans ma reconversion.'): Promise<Created> {
  candidate ??= await newCandidate();
  const response = await ask(candidate, { companyId, message });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return { id: response.body.id, candidate, body: response.body };
}

function personOf(actor: ActorName, request: Created): Person {
  return actor === 'candidate' ? request.candidate : cast[actor];
}

const bodyFor = (action: Action, label: string) =>
  action === 'accept' ? { action, sponsorUserId: cast.colleague.id } : { action, comment: `Motif : ${label}` };

/** Reaches a state: PENDING as created, or answered by the cast's recruiter. */
async function reach(status: Status): Promise<Created> {
  const request = await created();
  if (status !== 'PENDING') await act('sponsorship', cast.recruiter, request.id, bodyFor(status === 'ACCEPTED' ? 'accept' : 'refuse', 'mise en place'), status);
  return request;
}

/** The request as the API (admin's view), the database and its history have it. */
async function stateOf(id: string) {
  const view = await (await cast.admin.client()).get(`/api/sponsorships/${id}`);
  const [row] = await sql(`SELECT status, sponsor_id, comment, status_changed_at FROM sponsorship_requests WHERE id = $1`, [id]);
  const [{ n }] = await sql(`SELECT count(*)::int AS n FROM sponsorship_events WHERE sponsorship_id = $1`, [id]);
  return { api: view.body.status, apiHistory: view.body.history.length, apiSponsor: view.body.sponsor?.id ?? null, row, events: n };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const SLOW = { timeout: 120_000 };

// ---------------------------------------------------------------------------------------------------

describe.concurrent('asking for a sponsor', () => {
  it('a candidate asks for themself: 201 with the request, the recruiters are told, the workflow waits for them', async () => {
    const request = await created(undefined, cast.company.id, '  Je cherche un parrain dans la maintenance.  ');
    expect(request.body).toMatchObject({
      status: 'PENDING',
      message: 'Je cherche un parrain dans la maintenance.',
      company: { id: cast.company.id, name: 'Entreprise A' },
      candidate: { id: request.candidate.id },
      referent: { id: cast.referent.id },
      requestedBy: { id: request.candidate.id },
      sponsor: null,
      allowedActions: [],
      workflowId: `sponsorship-${request.id}`,
    });
    expect(request.body.history).toEqual([expect.objectContaining({ type: 'created', toStatus: 'PENDING', actor: expect.objectContaining({ id: request.candidate.id }) })]);
    expect(request.body).not.toHaveProperty('eligibleSponsors');

    const recruiterView = await (await cast.recruiter.client()).get(`/api/sponsorships/${request.id}`);
    expect(recruiterView.body.allowedActions).toEqual(['accept', 'refuse']);
    expect(recruiterView.body.eligibleSponsors.map((p: { id: string }) => p.id).sort()).toEqual([cast.recruiter.id, cast.colleague.id].sort());

    const told = await eventually(async () => {
      const list = await mailsAbout('sponsorship', request.id);
      return matching(list, { to: cast.recruiter.email }).length && matching(list, { to: cast.colleague.email }).length ? list : null;
    }, 20_000, 'mails to the recruiters');
    expect(matching(told, { to: cast.recruiter.email })[0].subject).toMatch(/^Nouvelle demande de parrainage d(e |’)/);
    expect(matching(told, { to: cast.recruiter.email })[0].text).toContain('Je cherche un parrain dans la maintenance.');
    await sleep(500);
    const all = await mailsAbout('sponsorship', request.id);
    expect(all).toHaveLength(2); // the two recruiters, nobody else
    expect(matching(all, { to: cast.otherRecruiter.email })).toHaveLength(0);

    await eventually(async () => (await searchAttributes(request.body.workflowId)).WaitingFor === 'RECRUITER', 10_000, 'search attributes');
    expect(await searchAttributes(request.body.workflowId)).toMatchObject({ SponsorshipStatus: 'PENDING', WaitingFor: 'RECRUITER' });
  });

  it('a référent asks for their candidate, who then sees the request', async () => {
    const candidate = await newCandidate();
    const response = await ask(cast.referent, { companyId: cast.company.id, candidateId: candidate.id, message: 'Pour Camille, qui vise la maintenance.' });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    expect(response.body).toMatchObject({ status: 'PENDING', candidate: { id: candidate.id }, requestedBy: { id: cast.referent.id }, referent: { id: cast.referent.id } });
    expect(response.body.history[0].actor.id).toBe(cast.referent.id);
    expect((await (await candidate.client()).get(`/api/sponsorships/${response.body.id}`)).status).toBe(200);
    const told = await eventually(async () => (await mailsAbout('sponsorship', response.body.id, { to: cast.recruiter.email }))[0], 20_000, 'mail to the recruiter');
    expect(told.text).toContain('transmise par son référent');
  });

  it('refuses every other way of asking, with the documented statuses', async () => {
    const candidate = await newCandidate();
    const message = 'Bonjour';
    const check = async (label: string, response: ApiResponse, status: number, code: string, field?: RegExp) => {
      expect(response.status, `${label}: ${JSON.stringify(response.body)}`).toBe(status);
      expect(response.body.error.code, label).toBe(code);
      if (field) expect(response.body.error.message, label).toMatch(field);
    };
    await check('by a recruiter', await ask(cast.recruiter, { companyId: cast.company.id, candidateId: candidate.id, message }), 403, 'FORBIDDEN');
    await check('by an admin', await ask(cast.admin, { companyId: cast.company.id, candidateId: candidate.id, message }), 403, 'FORBIDDEN');
    await check('by a mission officer', await ask(cast.missionOfficer, { companyId: cast.company.id, candidateId: candidate.id, message }), 403, 'FORBIDDEN');
    await check('by a candidate for another', await ask(candidate, { companyId: cast.company.id, candidateId: cast.otherCandidate.id, message }), 403, 'FORBIDDEN');
    await check('by a référent for another référent’s candidate', await ask(cast.referent, { companyId: cast.company.id, candidateId: cast.otherCandidate.id, message }), 404, 'NOT_FOUND');
    await check('by a référent for a recruiter', await ask(cast.referent, { companyId: cast.company.id, candidateId: cast.recruiter.id, message }), 404, 'NOT_FOUND');
    await check('by a référent without candidateId', await ask(cast.referent, { companyId: cast.company.id, message }), 400, 'VALIDATION_FAILED', /candidateId/);
    await check('to an unknown company', await ask(candidate, { companyId: randomUUID(), message }), 404, 'NOT_FOUND');
    const unverified = randomUUID();
    await sql(`INSERT INTO companies (id, siren, name, status) VALUES ($1, $2, 'Pas encore vérifiée', 'PENDING_ADMIN_VERIFICATION')`, [
      unverified,
      String(100_000_000 + Math.floor(Math.random() * 800_000_000)),
    ]);
    await check('to an unverified company', await ask(candidate, { companyId: unverified, message }), 404, 'NOT_FOUND');
    await check('without a message', await ask(candidate, { companyId: cast.company.id }), 400, 'VALIDATION_FAILED', /message/);
    await check('with a blank message', await ask(candidate, { companyId: cast.company.id, message: ' \n ' }), 400, 'VALIDATION_FAILED', /message/);
    await check('with too long a message', await ask(candidate, { companyId: cast.company.id, message: 'x'.repeat(5001) }), 400, 'VALIDATION_FAILED', /message/);
    await check('without a company', await ask(candidate, { message }), 400, 'VALIDATION_FAILED', /companyId/);
    await check('with an unknown field', await ask(candidate, { companyId: cast.company.id, message, offerId: randomUUID() }), 400, 'VALIDATION_FAILED');
    expect((await new ApiClient().post('/api/sponsorships', { companyId: cast.company.id, message })).status).toBe(401);
    const [{ n }] = await sql(`SELECT count(*)::int AS n FROM sponsorship_requests WHERE candidate_id = $1`, [candidate.id]);
    expect(n).toBe(0);
  });

  it('keeps one pending request per candidate and company (409), by whoever asks; an answered one does not block', async () => {
    const first = await created();
    const again = await ask(first.candidate, { companyId: cast.company.id, message: 'Encore moi' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('CONFLICT');
    const byReferent = await ask(cast.referent, { companyId: cast.company.id, candidateId: first.candidate.id, message: 'Pour lui' });
    expect(byReferent.status).toBe(409);
    // Another company is another request.
    const elsewhere = await ask(first.candidate, { companyId: cast.otherCompany.id, message: 'Autre entreprise' });
    expect(elsewhere.status).toBe(201);
    await act('sponsorship', cast.recruiter, first.id, { action: 'refuse', comment: 'Pas de parrain disponible ce mois-ci.' }, 'REFUSED');
    const later = await ask(first.candidate, { companyId: cast.company.id, message: 'Je retente ma chance.' });
    expect(later.status).toBe(201);
    const [{ n }] = await sql(`SELECT count(*)::int AS n FROM sponsorship_requests WHERE candidate_id = $1 AND company_id = $2`, [first.candidate.id, cast.company.id]);
    expect(n).toBe(2);
  });
});

// ---------------------------------------------------------------------------------------------------

describe.concurrent('every action from every state, by every role', () => {
  for (const status of ['PENDING', 'ACCEPTED', 'REFUSED'] as const) {
    it(`${status}: what each role sees and may do; refused cells answer 404/403/409 and change nothing`, SLOW, async ({ expect }) => {
      const request = await reach(status);
      const before = await stateOf(request.id);
      expect(before.api).toBe(status);

      for (const actor of ACTORS) {
        const view = await (await personOf(actor, request).client()).get(`/api/sponsorships/${request.id}`);
        const label = `${status} · GET by ${actor}`;
        if (!SEES.includes(actor)) {
          expect.soft(view.status, label).toBe(404);
          continue;
        }
        expect.soft(view.status, label).toBe(200);
        expect.soft(view.body.allowedActions, `${label}: allowedActions`).toEqual(expectedAllowed(status, actor));
      }

      let refused = 0;
      for (const action of ACTIONS) {
        await Promise.all(
          ACTORS.map(async (actor) => {
            const expected = expectedOutcome(status, actor);
            if (expected.http === 200) return; // allowed: on a request of its own below
            const label = `${status} · ${action} by ${actor}`;
            const response = await transition('sponsorship', personOf(actor, request), request.id, bodyFor(action, label));
            refused++;
            expect.soft(response.status, `${label}: ${JSON.stringify(response.body)}`).toBe(expected.http);
            const error = response.body?.error;
            if (expected.http === 404) expect.soft(error?.code, label).toBe('NOT_FOUND');
            if (expected.http === 403) expect.soft(error?.code, label).toBe('FORBIDDEN');
            if (expected.http === 409) {
              expect.soft(error?.code, label).toBe('ILLEGAL_TRANSITION');
              expect.soft(error?.details?.status, `${label}: details.status`).toBe(status);
              expect.soft(error?.details?.allowedActions, `${label}: details.allowedActions`).toEqual(expectedAllowed(status, actor));
            }
          }),
        );
      }
      expect(refused).toBeGreaterThan(0);
      expect(await stateOf(request.id), `${status}: unchanged after ${refused} refused attempts`).toEqual(before);
    });
  }

  for (const action of ACTIONS) {
    for (const actor of ANSWERS) {
      it(`PENDING · ${action} by ${actor}: 200, ${TO[action]}, history and projection written`, SLOW, async ({ expect }) => {
        const request = await reach('PENDING');
        const body = bodyFor(action, `${action} by ${actor}`);
        const response = await transition('sponsorship', cast[actor], request.id, body);
        expect(response.status, JSON.stringify(response.body)).toBe(200);
        expect(response.body.status).toBe(TO[action]);
        expect(response.body.allowedActions).toEqual([]);
        expect(response.body.history.map((h: { type: string }) => h.type)).toEqual(['created', action]);
        const last = response.body.history.at(-1);
        expect(last).toMatchObject({ actor: { id: cast[actor].id }, fromStatus: 'PENDING', toStatus: TO[action] });
        const [row] = await sql(`SELECT status, sponsor_id, comment FROM sponsorship_requests WHERE id = $1`, [request.id]);
        if (action === 'accept') {
          expect(response.body.sponsor).toMatchObject({ id: cast.colleague.id, email: cast.colleague.email, phone: '06 12 34 56 78' });
          expect(row).toEqual({ status: 'ACCEPTED', sponsor_id: cast.colleague.id, comment: null });
        } else {
          expect(last.message).toBe(body.comment);
          expect(response.body.comment).toBe(body.comment);
          expect(row).toEqual({ status: 'REFUSED', sponsor_id: null, comment: body.comment });
        }
        const workflowId = response.body.workflowId;
        expect(await searchAttributes(workflowId)).toMatchObject({ SponsorshipStatus: TO[action], WaitingFor: 'NOBODY' });
        await eventually(async () => (await runStatus(workflowId)) === 'COMPLETED', 20_000, 'workflow completed');
        // Closed: a second answer is a 409 with the final state, for the colleague too.
        const late = await transition('sponsorship', cast.colleague, request.id, bodyFor(action === 'accept' ? 'refuse' : 'accept', 'trop tard'));
        expect(late.status).toBe(409);
        expect(late.body.error.details).toEqual({ status: TO[action], allowedActions: [] });
      });
    }
  }

  it('accept needs a sponsor who is an active recruiter of the company asked (400 naming sponsorUserId); refuse needs a comment', SLOW, async ({ expect }) => {
    const request = await reach('PENDING');
    const before = await stateOf(request.id);
    const disabled = await createUser('RECRUITER', { companyId: cast.company.id, disabled: true });
    const unverified = await createUser('RECRUITER', { companyId: cast.company.id, pendingMembership: true });
    const invalid: Array<[string, Record<string, unknown>, RegExp]> = [
      ['a recruiter of another company', { action: 'accept', sponsorUserId: cast.otherRecruiter.id }, /sponsorUserId/],
      ['the candidate', { action: 'accept', sponsorUserId: request.candidate.id }, /sponsorUserId/],
      ['the référent', { action: 'accept', sponsorUserId: cast.referent.id }, /sponsorUserId/],
      ['nobody', { action: 'accept', sponsorUserId: randomUUID() }, /sponsorUserId/],
      ['a disabled recruiter', { action: 'accept', sponsorUserId: disabled.id }, /sponsorUserId/],
      ['a recruiter not yet verified', { action: 'accept', sponsorUserId: unverified.id }, /sponsorUserId/],
      ['no sponsor', { action: 'accept' }, /sponsorUserId/],
      ['not a UUID', { action: 'accept', sponsorUserId: 'abc' }, /sponsorUserId/],
      ['no comment', { action: 'refuse' }, /comment/],
      ['a blank comment', { action: 'refuse', comment: '   ' }, /comment/],
      ['an unknown action', { action: 'withdraw' }, /action/],
    ];
    for (const [label, body, field] of invalid) {
      const response = await transition('sponsorship', cast.recruiter, request.id, body);
      expect.soft(response.status, `${label}: ${JSON.stringify(response.body)}`).toBe(400);
      expect.soft(response.body.error?.code, label).toBe('VALIDATION_FAILED');
      expect.soft(response.body.error?.message, label).toMatch(field);
    }
    // Who, then state, then fields: a wrong sponsor from someone who may not answer is still their 403/404.
    expect((await transition('sponsorship', request.candidate, request.id, { action: 'accept', sponsorUserId: cast.otherRecruiter.id })).status).toBe(403);
    expect((await transition('sponsorship', cast.otherRecruiter, request.id, { action: 'accept', sponsorUserId: cast.otherRecruiter.id })).status).toBe(404);
    expect(await stateOf(request.id), 'unchanged after the invalid requests').toEqual(before);

    // A recruiter may name themself.
    const self = await act('sponsorship', cast.recruiter, request.id, { action: 'accept', sponsorUserId: cast.recruiter.id }, 'ACCEPTED');
    expect(self.sponsor.id).toBe(cast.recruiter.id);
    const closed = await transition('sponsorship', cast.recruiter, request.id, { action: 'accept', sponsorUserId: cast.otherRecruiter.id });
    expect(closed.status).toBe(409);
  });
});

// ---------------------------------------------------------------------------------------------------

describe.concurrent('mails', () => {
  it('on acceptance, the candidate, the référent and the sponsor get one mail each, with each other’s contact', async () => {
    const request = await reach('PENDING');
    await eventually(async () => (await mailsAbout('sponsorship', request.id, { to: cast.colleague.email })).length === 1, 20_000, 'request mail');
    await act('sponsorship', cast.recruiter, request.id, { action: 'accept', sponsorUserId: cast.colleague.id }, 'ACCEPTED');
    const accepted = (list: CaughtMail[]) => list.filter((m) => !/^Nouvelle demande/.test(m.subject));
    const list = await eventually(async () => {
      const all = accepted(await mailsAbout('sponsorship', request.id));
      return all.length >= 3 ? all : null;
    }, 20_000, 'acceptance mails');
    await sleep(500);
    const settled = accepted(await mailsAbout('sponsorship', request.id));
    expect(settled).toHaveLength(3);
    const [toCandidate] = matching(settled, { to: request.candidate.email });
    const [toReferent] = matching(settled, { to: cast.referent.email });
    const [toSponsor] = matching(settled, { to: cast.colleague.email });
    expect(toCandidate.subject).toMatch(/^Votre demande de parrainage est acceptée/);
    expect(toCandidate.text).toContain(cast.colleague.email);
    expect(toCandidate.text).toContain('06 12 34 56 78');
    expect(toCandidate.text).toContain('Responsable d’atelier');
    expect(toCandidate.text).toContain(cast.referent.email);
    expect(toReferent.text).toContain(request.candidate.email);
    expect(toReferent.text).toContain(cast.colleague.email);
    expect(toSponsor.subject).toMatch(/^Vous parrainez /);
    expect(toSponsor.text).toContain(request.candidate.email);
    expect(toSponsor.text).toContain(cast.referent.email);
    expect(toSponsor.text).toMatch(/vous a confié le parrainage/);
    expect(matching(settled, { to: cast.recruiter.email })).toHaveLength(0);
    expect(list.every((m) => m.html?.includes('/parrainages/'))).toBe(true);
    const [{ n }] = await sql(`SELECT count(*)::int AS n FROM notifications WHERE entity_id = $1 AND kind = 'sponsorship.accept'`, [request.id]);
    expect(n).toBe(3);
  });

  it('on refusal, the candidate and the référent get the comment', async () => {
    const request = await reach('PENDING');
    const comment = 'Nos parrains sont tous engagés jusqu’en septembre : revenez vers nous à la rentrée.';
    await act('sponsorship', cast.colleague, request.id, { action: 'refuse', comment }, 'REFUSED');
    const refusals = async () => (await mailsAbout('sponsorship', request.id)).filter((m) => m.text.includes(comment));
    await eventually(async () => (await refusals()).length >= 2, 20_000, 'refusal mails');
    await sleep(500);
    const settled = await refusals();
    expect(settled).toHaveLength(2);
    expect(matching(settled, { to: request.candidate.email })).toHaveLength(1);
    expect(matching(settled, { to: cast.referent.email })).toHaveLength(1);
    expect(matching(settled, { to: request.candidate.email })[0].subject).toMatch(/^Réponse à votre demande de parrainage/);
  });
});

// ---------------------------------------------------------------------------------------------------

describe.concurrent('the recruiters’ reminder, at second scale', () => {
  /** Started with the Temporal client, as the API would with a reminder delay in seconds. */
  const startWithReminder = (reminderMs: number) => startSponsorship(cast, { timers: { reminderMs } });
  const REMINDER = /^Rappel : demande de parrainage en attente/;
  const eventTypes = async (id: string) => (await eventsOf('sponsorship', id)).map((e) => e.type);

  it('reminds every recruiter of the company once, and the request can still be answered', SLOW, async () => {
    const { id, workflowId, createdAt } = await startWithReminder(2000);
    for (const recruiter of [cast.recruiter, cast.colleague]) {
      const reminder = await eventually(async () => (await mailsAbout('sponsorship', id, { to: recruiter.email })).find((m) => REMINDER.test(m.subject)), 12_000, `reminder to ${recruiter.email}`);
      expect(Date.parse(reminder.receivedAt)).toBeGreaterThanOrEqual(createdAt + 2000);
    }
    await sleep(2500); // room for a duplicate to show up
    const reminders = (await mailsAbout('sponsorship', id)).filter((m) => REMINDER.test(m.subject));
    expect(reminders).toHaveLength(2);
    expect(reminders.flatMap((m) => m.envelopeTo).sort()).toEqual([cast.recruiter.email, cast.colleague.email].sort());
    expect(await eventTypes(id)).toEqual(['created', 'reminder']);
    expect(await searchAttributes(workflowId)).toMatchObject({ SponsorshipStatus: 'PENDING', WaitingFor: 'RECRUITER' });

    const view = await act('sponsorship', cast.recruiter, id, { action: 'accept', sponsorUserId: cast.colleague.id }, 'ACCEPTED');
    expect(view.history.map((h: { type: string; actor: unknown }) => [h.type, h.actor === null])).toEqual([
      ['created', false],
      ['reminder', true],
      ['accept', false],
    ]);
    expect((await mailsAbout('sponsorship', id)).filter((m) => REMINDER.test(m.subject))).toHaveLength(2);
  });

  it('sends no reminder once the request is answered in time', SLOW, async () => {
    const { id, workflowId, createdAt } = await startWithReminder(3000);
    const view = await act('sponsorship', cast.recruiter, id, { action: 'refuse', comment: 'Merci, mais pas pour le moment.' }, 'REFUSED');
    expect(Date.parse(view.statusChangedAt)).toBeLessThan(createdAt + 3000);
    await sleep(Math.max(0, createdAt + 3000 - Date.now()) + 2000);
    expect((await mailsAbout('sponsorship', id)).filter((m) => REMINDER.test(m.subject))).toHaveLength(0);
    expect(await eventTypes(id)).toEqual(['created', 'refuse']);
    expect(await runStatus(workflowId)).toBe('COMPLETED');
  });
});

// ---------------------------------------------------------------------------------------------------

describe('lists', () => {
  it('shows each role its own requests, the recruiters’ queue pending first and oldest first', SLOW, async () => {
    // A cast of its own, so the counts are exact.
    const own = await createCast();
    const second = await createUser('CANDIDATE', { referentId: own.referent.id });
    const askAs = async (by: Person, body: Record<string, unknown>) => {
      const response = await ask(by, { message: 'Demande pour la liste', ...body });
      expect(response.status, JSON.stringify(response.body)).toBe(201);
      return response.body.id as string;
    };
    const oldest = await askAs(own.candidate, { companyId: own.company.id });
    const answeredId = await askAs(own.referent, { companyId: own.company.id, candidateId: second.id });
    const newest = await askAs(own.loneCandidate, { companyId: own.company.id });
    const elsewhere = await askAs(own.otherCandidate, { companyId: own.otherCompany.id });
    await act('sponsorship', own.recruiter, answeredId, { action: 'accept', sponsorUserId: own.colleague.id }, 'ACCEPTED');

    const ids = async (person: Person, query = '') => {
      const response = await (await person.client()).get(`/api/sponsorships?pageSize=100${query}`);
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      return response.body.items.map((i: { id: string }) => i.id) as string[];
    };

    expect(await ids(own.candidate)).toEqual([oldest]);
    expect(await ids(second)).toEqual([answeredId]);
    expect((await ids(own.referent)).sort()).toEqual([oldest, answeredId].sort());
    expect((await ids(own.missionOfficer)).sort()).toEqual([oldest, answeredId].sort());
    expect(await ids(own.otherReferent)).toEqual([elsewhere]);
    expect(await ids(own.otherMissionOfficer)).toEqual([elsewhere]);
    expect(await ids(own.recruiter)).toEqual([oldest, newest, answeredId]);
    expect(await ids(own.colleague, '&status=PENDING')).toEqual([oldest, newest]);
    expect(await ids(own.colleague, '&status=ACCEPTED')).toEqual([answeredId]);
    expect(await ids(own.otherRecruiter)).toEqual([elsewhere]);
    const adminIds = await ids(own.admin, '&status=all');
    for (const id of [oldest, answeredId, newest, elsewhere]) expect(adminIds).toContain(id);

    const page = await (await own.recruiter.client()).get('/api/sponsorships?page=2&pageSize=2');
    expect(page.body).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(page.body.items.map((i: { id: string }) => i.id)).toEqual([answeredId]);
    const item = (await (await own.recruiter.client()).get('/api/sponsorships?status=ACCEPTED')).body.items[0];
    expect(item).toMatchObject({ id: answeredId, status: 'ACCEPTED', sponsor: { id: own.colleague.id }, candidate: { id: second.id }, company: { id: own.company.id } });

    const bad = await (await own.candidate.client()).get('/api/sponsorships?status=NOPE');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/status/);
    expect((await (await own.otherRecruiter.client()).get(`/api/sponsorships/${oldest}`)).status).toBe(404);
    expect((await (await own.candidate.client()).get('/api/sponsorships/not-a-uuid')).status).toBe(404);
    expect((await new ApiClient().get('/api/sponsorships')).status).toBe(401);
  });

  it('is documented in the OpenAPI document', async () => {
    const doc = (await new ApiClient().get('/api/openapi.json')).body;
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/sponsorships', '/sponsorships/{id}', '/sponsorships/{id}/transitions']));
  });
});

describe('the projection of an answer', () => {
  it('takes the same event again as a retry, and the same action by another recruiter at its place as a PROJECTION_CONFLICT', async () => {
    const request = await created();
    const sequelize = createDatabase(inject('databaseUrl'), { poolMax: 1 });
    const accepted = (by: Person) => ({
      entity: 'sponsorship' as const,
      entityId: request.id,
      seq: 1,
      type: 'accept',
      fromStatus: 'PENDING',
      toStatus: 'ACCEPTED',
      actor: { id: by.id, role: 'RECRUITER' as const, companyId: cast.company.id },
      message: null,
      at: new Date().toISOString(),
    });
    const rolledBack = new Error('rolled back: the workflow never saw these events');
    try {
      await expect(
        sequelize.transaction(async (transaction) => {
          expect(await insertProcessEvent(sequelize, accepted(cast.recruiter), transaction)).toBe(true);
          expect(await insertProcessEvent(sequelize, accepted(cast.recruiter), transaction)).toBe(false);
          await expect(insertProcessEvent(sequelize, accepted(cast.colleague), transaction)).rejects.toMatchObject({ type: 'PROJECTION_CONFLICT' });
          throw rolledBack;
        }),
      ).rejects.toBe(rolledBack);
    } finally {
      await sequelize.close();
    }
    expect(await sql(`SELECT type FROM sponsorship_events WHERE sponsorship_id = $1 AND seq > 0`, [request.id])).toEqual([]);
  });
});
