// Interviews that move (issue #16, item 4), through the API on the real platform: reschedule_interview
// keeps the interview (id, round, calendar UID) and sends the updated invitation (SEQUENCE+1) for the
// candidate to confirm again; its reminder follows the new start (second-scale timers from the
// workflow input); request_other_slot (the candidate or their référent, with availabilities) shows on
// the interview until it is moved; and moves racing a confirm, a cancel or another move.
import { beforeAll, describe, expect, it } from 'vitest';
import type { ApplicationTimers } from '../workflows/application.js';
import {
  act,
  eventsOf,
  icsProperty,
  interviewsOf,
  invitationOf,
  mailsAbout,
  matching,
  snapshotOf,
  startApplication,
  transition,
  type Started,
} from './drivers.js';
import { createCast, inDays, type Cast, type Person } from './fixtures.js';
import { eventually, sql } from './support.js';

let cast: Cast;
beforeAll(async () => {
  cast = await createCast();
  // Logged in ahead: a reminder due in 2 s leaves no time for password hashing on the way.
  await Promise.all([cast.referent.client(), cast.recruiter.client(), cast.colleague.client()]);
});

const MOVED = /^Entretien déplacé — /;
const ASKED = /^Autre créneau demandé — /;
const REMINDER = /^Rappel : entretien le /;
/** A timer fires on time, but its mail goes through a workflow task and an activity. */
const LATE = 10_000;
const sleepUntil = (at: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, at - Date.now())));

/** A fresh candidate's application, validated, accepted, an interview proposed at `startsAt` (in 2 days by default). */
async function proposed(options: { timers?: Partial<ApplicationTimers>; startsAt?: () => string; mode?: string } = {}): Promise<Started & { interviewId: string }> {
  const started = await startApplication(cast, { timers: options.timers, message: 'Candidature pour un entretien qui bouge.' });
  await act('application', cast.referent, started.id, { action: 'validate' }, 'PENDING_RECRUITER');
  await act('application', cast.recruiter, started.id, { action: 'accept' }, 'ACCEPTED');
  const view = await act(
    'application',
    cast.recruiter,
    started.id,
    // Read when proposed: the setup before may take seconds on a loaded machine.
    { action: 'propose_interview', startsAt: options.startsAt?.() ?? inDays(2), durationMinutes: 45, mode: options.mode ?? 'PHONE' },
    'INTERVIEW_PROPOSED',
  );
  return { ...started, interviewId: view.interviews.at(-1).id };
}

const moveBody = (startsAt: string, fields: Record<string, unknown> = {}) => ({ action: 'reschedule_interview', startsAt, durationMinutes: 60, mode: 'VIDEO', ...fields });

describe.concurrent('moving an interview', () => {
  it('moves a confirmed interview: same id and round, new time in the database, invitation SEQUENCE:1 with the same UID, to confirm again', async () => {
    const app = await proposed();
    const candidate = app.candidate;
    await act('application', candidate, app.id, { action: 'confirm_interview', interviewVersion: 0 }, 'INTERVIEW_PROPOSED');
    const newStart = new Date(Date.parse(inDays(3)));
    newStart.setUTCSeconds(0, 0);
    const view = await act('application', cast.colleague, app.id, moveBody(newStart.toISOString(), { message: 'Un imprévu : nous décalons d’un jour.' }), 'INTERVIEW_PROPOSED');

    expect(view.interviews).toHaveLength(1);
    expect(view.interviews[0]).toMatchObject({ id: app.interviewId, round: 1, status: 'PROPOSED', version: 1, mode: 'VIDEO', durationMinutes: 60, startsAt: newStart.toISOString() });
    expect(view.interviews[0].videoUrl).toMatch(/^https?:\/\//);
    expect(view.history.at(-1)).toMatchObject({ type: 'reschedule_interview', message: 'Un imprévu : nous décalons d’un jour.' });
    expect(await interviewsOf(app.id)).toEqual([expect.objectContaining({ id: app.interviewId, round: 1, status: 'PROPOSED', icsSequence: 1, startsAt: newStart.toISOString() })]);
    // The workflow holds the same interview.
    const snapshot = await snapshotOf(app.workflowId);
    expect(snapshot.interviews).toEqual([expect.objectContaining({ id: app.interviewId, status: 'PROPOSED', icsSequence: 1, startsAt: newStart.toISOString() })]);

    // The candidate confirms the new time (proposed again), and may ask for another one.
    const seen = await (await candidate.client()).get(`/api/applications/${app.id}`);
    expect(seen.body.allowedActions).toEqual(expect.arrayContaining(['confirm_interview', 'request_other_slot']));

    // « Entretien déplacé » to the candidate, the référent and the interviewer, with the updated invitation.
    for (const person of [candidate, cast.referent, cast.recruiter]) {
      const mail = await eventually(async () => (await mailsAbout('application', app.id, { to: person.email, subject: MOVED }))[0], 20_000, `move mail to ${person.email}`);
      const ics = invitationOf(mail);
      expect(icsProperty(ics, 'METHOD')).toBe('REQUEST');
      expect(icsProperty(ics, 'UID')).toBe(`${app.interviewId}@tremplin`);
      expect(icsProperty(ics, 'SEQUENCE')).toBe('1');
      expect(icsProperty(ics, 'STATUS')).toBe('TENTATIVE');
      expect(mail.text).toContain('Un imprévu : nous décalons d’un jour.');
    }
    const proposal = (await mailsAbout('application', app.id, { to: candidate.email, subject: /^Proposition d’entretien/ }))[0]!;
    expect(icsProperty(invitationOf(proposal), 'UID')).toBe(`${app.interviewId}@tremplin`);
    expect(icsProperty(invitationOf(proposal), 'SEQUENCE')).toBe('0');
    // The calendar file offered on the page is the moved one too.
    const file = await (await candidate.client()).get<string>(view.interviews[0].icsUrl);
    expect(file.status).toBe(200);
    expect(file.body).toMatch(/^SEQUENCE:1\r?$/m);
  });

  it('refuses in French: the candidate (403), a past time or a missing address (400 under the field), a cancelled interview (409), a time one did not read (409)', async () => {
    const app = await proposed();
    const forbidden = await transition('application', app.candidate, app.id, moveBody(inDays(3)));
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error.message).toMatch(/^L’action « reschedule_interview » est réservée à un recruteur/);

    const past = await transition('application', cast.recruiter, app.id, moveBody(inDays(-1)));
    expect(past.status).toBe(400);
    expect(past.body.error.details.fields).toEqual([{ field: 'startsAt', message: 'L’entretien doit être dans le futur : indiquez une date et une heure à venir.' }]);
    const noAddress = await transition('application', cast.recruiter, app.id, moveBody(inDays(3), { mode: 'IN_PERSON', location: '  ' }));
    expect(noAddress.status).toBe(400);
    expect(noAddress.body.error.details.fields[0].field).toBe('location');

    await act('application', cast.recruiter, app.id, moveBody(inDays(4), { interviewVersion: 0 }), 'INTERVIEW_PROPOSED');
    const stale = await transition('application', cast.colleague, app.id, moveBody(inDays(5), { interviewVersion: 0 }));
    expect(stale.status).toBe(409);
    expect(stale.body.error.message).toMatch(/^L’entretien vient d’être déplacé : il est maintenant prévu le .+\. Relisez la nouvelle date avant d’agir\.$/);
    const staleConfirm = await transition('application', app.candidate, app.id, { action: 'confirm_interview', interviewVersion: 0 });
    expect(staleConfirm.status).toBe(409);

    await act('application', cast.recruiter, app.id, { action: 'cancel_interview' }, 'ACCEPTED');
    const cancelled = await transition('application', cast.recruiter, app.id, moveBody(inDays(3)));
    expect(cancelled.status).toBe(409);
    expect(cancelled.body.error.message).toMatch(/^L’action « reschedule_interview » est impossible : la candidature est acceptée/);
    // Nothing refused was written.
    expect((await eventsOf('application', app.id)).map((e) => e.type)).toEqual(['created', 'validate', 'accept', 'propose_interview', 'reschedule_interview', 'cancel_interview']);
  });

  it('another time asked, by the candidate or their référent: shown on the interview and the lists, told to the interviewer and the référent, once per time, cleared by a move or a confirmation', async () => {
    const app = await proposed();
    const blank = await transition('application', app.candidate, app.id, { action: 'request_other_slot', message: '  ' });
    expect(blank.status).toBe(400);
    expect(blank.body.error.details.fields).toEqual([
      { field: 'message', message: 'Indiquez les disponibilités (jours et heures) pour un autre créneau ; elles seront transmises au recruteur.' },
    ]);

    const availabilities = 'Disponible le mardi et le jeudi matin, de 9 h à 12 h.';
    const asked = await act('application', app.candidate, app.id, { action: 'request_other_slot', message: availabilities, interviewVersion: 0 }, 'INTERVIEW_PROPOSED');
    expect(asked.interviews[0]).toMatchObject({ id: app.interviewId, status: 'PROPOSED', otherSlotRequest: { message: availabilities, at: expect.any(String) } });
    expect(asked.allowedActions).not.toContain('request_other_slot');
    expect(asked.history.at(-1)).toMatchObject({ type: 'request_other_slot', message: availabilities });
    // On the thread too, in the candidate's name, once: the conversation about the new time goes on there.
    const thread = await (await cast.recruiter.client()).get(`/api/applications/${app.id}/messages`);
    const posted = thread.body.items.filter((m: { body: string }) => m.body.startsWith('Autre créneau demandé'));
    expect(posted).toHaveLength(1);
    expect(posted[0].body).toContain(availabilities);
    expect(posted[0].author).toMatchObject({ id: app.candidate.id });

    // Asked twice for the same time, by the référent this time: 409 with the reason.
    const twice = await transition('application', cast.referent, app.id, { action: 'request_other_slot', message: 'Plutôt le vendredi.' });
    expect(twice.status).toBe(409);
    expect(twice.body.error.message).toMatch(/^Un autre créneau a déjà été demandé pour l’entretien du .+ : le recruteur doit d’abord proposer une nouvelle date\.$/);

    // The recruiter sees it: the application, « Mes entretiens », the list's label.
    const recruiter = await cast.recruiter.client();
    const list = await recruiter.get(`/api/interviews?from=${encodeURIComponent(inDays(1))}&to=${encodeURIComponent(inDays(4))}`);
    expect(list.body.items.find((i: { id: string }) => i.id === app.interviewId)).toMatchObject({ version: 0, otherSlotRequest: { message: availabilities } });
    const applications = await recruiter.get(`/api/applications?status=INTERVIEW_PROPOSED&pageSize=100`);
    expect(applications.body.items.find((i: { id: string }) => i.id === app.id)).toMatchObject({ interviewStatus: 'PROPOSED', otherSlotRequested: true });

    // Told to the interviewer and the référent, with the availabilities; not mailed back to the candidate.
    for (const person of [cast.recruiter, cast.referent]) {
      const mail = await eventually(async () => (await mailsAbout('application', app.id, { to: person.email, subject: ASKED }))[0], 20_000, `request mail to ${person.email}`);
      expect(mail.text).toContain(availabilities);
    }
    expect(await mailsAbout('application', app.id, { to: app.candidate.email, subject: ASKED })).toEqual([]);

    // A move clears it; the référent may then ask for the candidate.
    const moved = await act('application', cast.recruiter, app.id, moveBody(inDays(3), { interviewVersion: 0 }), 'INTERVIEW_PROPOSED');
    expect(moved.interviews[0].otherSlotRequest).toBeNull();
    const [row] = await sql(`SELECT other_slot_requested_at, other_slot_message FROM interviews WHERE id = $1`, [app.interviewId]);
    expect(row).toEqual({ other_slot_requested_at: null, other_slot_message: null });
    const again = await act('application', cast.referent, app.id, { action: 'request_other_slot', message: 'Plutôt le vendredi.', interviewVersion: 1 }, 'INTERVIEW_PROPOSED');
    expect(again.interviews[0].otherSlotRequest).toMatchObject({ message: 'Plutôt le vendredi.' });
    expect((await snapshotOf(app.workflowId)).interviews[0].otherSlotRequest).toMatchObject({ message: 'Plutôt le vendredi.' });
    // Confirmed after all: the request is withdrawn with it.
    const confirmed = await act('application', app.candidate, app.id, { action: 'confirm_interview', interviewVersion: 1 }, 'INTERVIEW_PROPOSED');
    expect(confirmed.interviews[0]).toMatchObject({ status: 'CONFIRMED', otherSlotRequest: null });
  });

  it('reminds of the new start, not of the old one', async () => {
    const before = 3000;
    const timers = { referentReminderMs: 120_000, referentEscalationMs: 240_000, recruiterReminderMs: 120_000, interviewReminderBeforeMs: before };
    // The old start's reminder would fall in ~5 s; moved at once to a start whose reminder falls in ~10 s.
    const app = await proposed({ timers, startsAt: () => new Date(Date.now() + before + 5000).toISOString() });
    const oldReminder = Date.now() + 5000;
    const newStart = Date.now() + before + 10_000;
    await act('application', cast.recruiter, app.id, moveBody(new Date(newStart).toISOString(), { mode: 'PHONE' }), 'INTERVIEW_PROPOSED');
    await sleepUntil(oldReminder + 2000);
    expect(await mailsAbout('application', app.id, { subject: REMINDER }), 'no reminder for the old start').toEqual([]);
    const reminder = await eventually(
      async () => (await mailsAbout('application', app.id, { to: app.candidate.email, subject: REMINDER }))[0],
      newStart - before - Date.now() + LATE,
      'reminder of the new start',
    );
    expect(Date.parse(reminder.receivedAt)).toBeGreaterThanOrEqual(newStart - before);
    await sleepUntil(newStart + 1500);
    const all = await mailsAbout('application', app.id);
    expect(matching(all, { to: app.candidate.email, subject: REMINDER })).toHaveLength(1);
    expect((await eventsOf('application', app.id)).map((e) => e.type)).toEqual(['created', 'validate', 'accept', 'propose_interview', 'reschedule_interview', 'interview_reminder']);
  });

  it('a reminder already sent for the old start does not stop the one for the new start', async () => {
    const before = 3000;
    const timers = { referentReminderMs: 120_000, referentEscalationMs: 240_000, recruiterReminderMs: 120_000, interviewReminderBeforeMs: before };
    const app = await proposed({ timers, startsAt: () => new Date(Date.now() + before + 2500).toISOString() });
    await eventually(async () => (await mailsAbout('application', app.id, { to: app.candidate.email, subject: REMINDER })).length === 1, 2500 + LATE, 'first reminder');
    const newStart = Date.now() + before + 2500;
    await act('application', cast.recruiter, app.id, moveBody(new Date(newStart).toISOString(), { mode: 'PHONE' }), 'INTERVIEW_PROPOSED');
    const second = await eventually(
      async () => (await mailsAbout('application', app.id, { to: app.candidate.email, subject: REMINDER })).find((m) => Date.parse(m.receivedAt) >= newStart - before),
      2500 + LATE,
      'reminder of the new start',
    );
    expect(second.subject).toMatch(REMINDER);
    await sleepUntil(newStart + 1500);
    expect(matching(await mailsAbout('application', app.id), { to: app.candidate.email, subject: REMINDER })).toHaveLength(2);
    expect((await eventsOf('application', app.id)).map((e) => e.type)).toEqual([
      'created',
      'validate',
      'accept',
      'propose_interview',
      'interview_reminder',
      'reschedule_interview',
      'interview_reminder',
    ]);
  });
});

// ---- Two people at the same instant ----

/** Rounds per pair: each a fresh application, both requests sent at once. */
const ROUNDS = 4;

type Answer = { status: number; action: string };

/** Every 200 is exactly one event of its type; the database's interview is the workflow's. */
async function judge(app: Started & { interviewId: string }, answers: Answer[]) {
  const events = (await eventsOf('application', app.id)).slice(4).map((e) => e.type);
  expect(events.sort()).toEqual(answers.filter((a) => a.status === 200).map((a) => a.action).sort());
  for (const answer of answers) expect([200, 409], `${answer.action}: ${answer.status}`).toContain(answer.status);
  const snapshot = await snapshotOf(app.workflowId);
  const [row] = await interviewsOf(app.id);
  const [mine] = snapshot.interviews;
  expect(row).toMatchObject({ id: mine.id, status: mine.status, icsSequence: mine.icsSequence, startsAt: mine.startsAt });
  const [application] = await sql(`SELECT status FROM applications WHERE id = $1`, [app.id]);
  expect(application.status).toBe(snapshot.status);
  return { row, status: snapshot.status as string };
}

async function race(first: [Person, Record<string, unknown>], second: [Person, Record<string, unknown>]) {
  const app = await proposed();
  const send = async ([who, body]: [Person, Record<string, unknown>]): Promise<Answer> => ({
    status: (await transition('application', who, app.id, body)).status,
    action: String(body.action),
  });
  const answers = await Promise.all([send(first), send(second)]);
  return { app, answers, ...(await judge(app, answers)) };
}

describe.concurrent('moves racing other actions', () => {
  it('move × confirm of the time read: the confirm never confirms a time its sender did not see', async () => {
    await Promise.all(
      Array.from({ length: ROUNDS }, async () => {
        const app = await proposed();
        const [move, confirm] = await Promise.all([
          transition('application', cast.recruiter, app.id, moveBody(inDays(3), { interviewVersion: 0 })),
          transition('application', app.candidate, app.id, { action: 'confirm_interview', interviewVersion: 0 }),
        ]);
        const { row } = await judge(app, [
          { status: move.status, action: 'reschedule_interview' },
          { status: confirm.status, action: 'confirm_interview' },
        ]);
        // The move always goes through (a confirmed interview may be moved); it leaves the new time to confirm.
        expect(move.status).toBe(200);
        expect(row).toMatchObject({ status: 'PROPOSED', icsSequence: 1 });
        if (confirm.status === 409) expect(confirm.body.error.message).toMatch(/^L’entretien vient d’être déplacé/);
        else expect((await eventsOf('application', app.id)).slice(4).map((e) => e.type)).toEqual(['confirm_interview', 'reschedule_interview']);
      }),
    );
  });

  it('move × cancel: cancelled either way, a move after the cancel refused', async () => {
    await Promise.all(
      Array.from({ length: ROUNDS }, async () => {
        const { answers, row, status } = await race([cast.recruiter, moveBody(inDays(3), { interviewVersion: 0 })], [cast.colleague, { action: 'cancel_interview' }]);
        const [move, cancel] = answers;
        expect(cancel!.status).toBe(200);
        expect(status).toBe('ACCEPTED');
        // Cancel first: the move is a 409. Move first: the moved interview is cancelled (SEQUENCE 2).
        expect(row).toMatchObject({ status: 'CANCELLED', icsSequence: move!.status === 200 ? 2 : 1 });
      }),
    );
  });

  it('move × move of the same time: one wins, the other is told it moved', async () => {
    await Promise.all(
      Array.from({ length: ROUNDS }, async () => {
        const times = [inDays(3), inDays(4)];
        const { answers, row } = await race(
          [cast.recruiter, moveBody(times[0]!, { interviewVersion: 0 })],
          [cast.colleague, moveBody(times[1]!, { interviewVersion: 0 })],
        );
        expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
        const winner = answers.findIndex((a) => a.status === 200);
        expect(row).toMatchObject({ status: 'PROPOSED', icsSequence: 1, startsAt: new Date(times[winner]!).toISOString() });
      }),
    );
  });
});
