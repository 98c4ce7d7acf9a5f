// The timers of applicationWorkflow at second scale, on the real Temporal server, database and SMTP
// server: the référent's reminder and the escalation to their mission officer, the recruiters'
// reminder, the interview reminder, and transitions that make a reminder moot. The API takes its
// timers from the configuration (days), so these applications are started with the Temporal client,
// with the same input the API builds; transitions then go through the API as usual.
import { beforeAll, describe, expect, it } from 'vitest';
import type { ApplicationTimers } from '../workflows/application.js';
import { act, eventsOf, mailsAbout, matching, searchAttributes, startApplication, type Started } from './drivers.js';
import { createCast, type Cast } from './fixtures.js';
import { eventually, sql } from './support.js';

let cast: Cast;
beforeAll(async () => {
  cast = await createCast();
  // Logged in ahead: a reminder due in 2 s leaves no time for password hashing on the way.
  await Promise.all([cast.referent.client(), cast.recruiter.client()]);
});

const SUBJECT = {
  referentReminder: /^Rappel : candidature à valider — /,
  referentEscalation: /^Candidature en attente de validation — /,
  recruiterReminder: /^Rappel : candidature en attente de réponse — /,
  interviewReminder: /^Rappel : entretien le /,
};
/** Generous: a timer fires on time, but its mail goes through a workflow task and an activity. */
const LATE = 10_000;

const sleepUntil = (at: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, at - Date.now())));

/** A fresh candidate of the cast's référent applies to the cast's offer, with these timers. */
const startWithTimers = (timers: Partial<ApplicationTimers>): Promise<Started> => startApplication(cast, { timers, message: 'Candidature aux minuteries courtes.' });

const eventTypes = async (id: string) => (await eventsOf('application', id)).map((e) => e.type);

describe.concurrent('application timers', () => {
  it('reminds the référent, then escalates to their mission officer, once each', async () => {
    const { id, workflowId, createdAt } = await startWithTimers({
      referentReminderMs: 2000,
      referentEscalationMs: 4000,
      recruiterReminderMs: 60_000,
      interviewReminderBeforeMs: 86_400_000,
    });
    // WaitingFor is set by the workflow once its creation is recorded (the start sets ApplicationStatus only).
    await eventually(async () => (await searchAttributes(workflowId)).WaitingFor === 'REFERENT', 10_000, 'WaitingFor REFERENT');
    expect(await searchAttributes(workflowId)).toMatchObject({ ApplicationStatus: 'PENDING_REFERENT_VALIDATION', WaitingFor: 'REFERENT' });

    const reminder = await eventually(
      async () => (await mailsAbout('application', id, { to: cast.referent.email, subject: SUBJECT.referentReminder }))[0],
      4000 + LATE,
      'reminder to the référent',
    );
    const escalation = await eventually(
      async () => (await mailsAbout('application', id, { to: cast.missionOfficer.email, subject: SUBJECT.referentEscalation }))[0],
      6000 + LATE,
      'escalation to the mission officer',
    );
    // Not before they are due (the catcher stamps arrival; same machine, same clock).
    expect(Date.parse(reminder.receivedAt)).toBeGreaterThanOrEqual(createdAt + 2000);
    expect(Date.parse(escalation.receivedAt)).toBeGreaterThanOrEqual(createdAt + 4000);
    expect(escalation.text).toContain('Vous pouvez relancer le référent');

    // Past both deadlines, with time for a duplicate to show up: each went once, to its addressee only.
    await sleepUntil(Math.max(Date.now(), createdAt + 4000) + 1500);
    const all = await mailsAbout('application', id);
    expect(matching(all, { to: cast.referent.email, subject: SUBJECT.referentReminder })).toHaveLength(1);
    expect(matching(all, { to: cast.missionOfficer.email, subject: SUBJECT.referentEscalation })).toHaveLength(1);
    expect(all.filter((m) => SUBJECT.referentReminder.test(m.subject))).toHaveLength(1);
    expect(all.filter((m) => SUBJECT.referentEscalation.test(m.subject))).toHaveLength(1);
    expect(all.some((m) => SUBJECT.recruiterReminder.test(m.subject))).toBe(false);

    expect(await eventTypes(id)).toEqual(['created', 'referent_reminder', 'referent_escalation']);
    const seen = await (await cast.referent.client()).get(`/api/applications/${id}`);
    expect(seen.body.history.map((h: { type: string; actor: unknown }) => [h.type, h.actor])).toEqual([
      ['created', expect.objectContaining({ role: 'CANDIDATE' })],
      ['referent_reminder', null],
      ['referent_escalation', null],
    ]);
    expect(seen.body.status).toBe('PENDING_REFERENT_VALIDATION');
    const [{ count }] = await sql(
      `SELECT count(*)::int AS count FROM notifications WHERE entity_id = $1 AND kind IN ('application.referent_reminder', 'application.referent_escalation')`,
      [id],
    );
    expect(count).toBe(2);
    // Reminders change nothing of the state an operator filters on.
    expect(await searchAttributes(workflowId)).toMatchObject({ ApplicationStatus: 'PENDING_REFERENT_VALIDATION', WaitingFor: 'REFERENT' });

    // The référent acts after all: the case goes on, with no reminder left from the earlier state.
    await act('application', cast.referent, id, { action: 'validate' }, 'PENDING_RECRUITER');
    expect(await searchAttributes(workflowId)).toMatchObject({ ApplicationStatus: 'PENDING_RECRUITER', WaitingFor: 'RECRUITER' });
  });

  it('sends no référent reminder nor escalation once validated in time, then reminds the recruiters', async () => {
    const timers = { referentReminderMs: 4000, referentEscalationMs: 6000, recruiterReminderMs: 3000, interviewReminderBeforeMs: 86_400_000 };
    const { id, workflowId, createdAt } = await startWithTimers(timers);
    const validated = await act('application', cast.referent, id, { action: 'validate' }, 'PENDING_RECRUITER');
    const validatedAt = Date.parse(validated.statusChangedAt);
    expect(validatedAt).toBeLessThan(createdAt + timers.referentReminderMs); // before the first reminder was due
    expect(await searchAttributes(workflowId)).toMatchObject({ ApplicationStatus: 'PENDING_RECRUITER', WaitingFor: 'RECRUITER' });

    for (const recruiter of [cast.recruiter, cast.colleague]) {
      const reminder = await eventually(
        async () => (await mailsAbout('application', id, { to: recruiter.email, subject: SUBJECT.recruiterReminder }))[0],
        3000 + LATE,
        `recruiter reminder to ${recruiter.email}`,
      );
      expect(Date.parse(reminder.receivedAt)).toBeGreaterThanOrEqual(validatedAt + timers.recruiterReminderMs);
    }

    // Past both référent deadlines and well past the recruiters' one.
    await sleepUntil(Math.max(createdAt + timers.referentEscalationMs, validatedAt + timers.recruiterReminderMs) + 1500);
    const all = await mailsAbout('application', id);
    expect(all.some((m) => SUBJECT.referentReminder.test(m.subject) || SUBJECT.referentEscalation.test(m.subject))).toBe(false);
    expect(matching(all, { to: cast.recruiter.email, subject: SUBJECT.recruiterReminder })).toHaveLength(1);
    expect(matching(all, { to: cast.colleague.email, subject: SUBJECT.recruiterReminder })).toHaveLength(1);
    expect(all.filter((m) => SUBJECT.recruiterReminder.test(m.subject))).toHaveLength(2);
    expect(await eventTypes(id)).toEqual(['created', 'validate', 'recruiter_reminder']);
    expect(await searchAttributes(workflowId)).toMatchObject({ ApplicationStatus: 'PENDING_RECRUITER', WaitingFor: 'RECRUITER' });
  });

  it('sends no recruiter reminder once the recruiter accepted in time', async () => {
    const timers = { referentReminderMs: 4000, referentEscalationMs: 6000, recruiterReminderMs: 4000, interviewReminderBeforeMs: 86_400_000 };
    const { id, workflowId, createdAt } = await startWithTimers(timers);
    const validated = await act('application', cast.referent, id, { action: 'validate' }, 'PENDING_RECRUITER');
    const validatedAt = Date.parse(validated.statusChangedAt);
    const accepted = await act('application', cast.recruiter, id, { action: 'accept' }, 'ACCEPTED');
    expect(Date.parse(accepted.statusChangedAt)).toBeLessThan(validatedAt + timers.recruiterReminderMs);

    await sleepUntil(Math.max(createdAt + timers.referentEscalationMs, validatedAt + timers.recruiterReminderMs) + 2000);
    const all = await mailsAbout('application', id);
    expect(all.some((m) => Object.values(SUBJECT).some((subject) => subject.test(m.subject)))).toBe(false);
    expect(await eventTypes(id)).toEqual(['created', 'validate', 'accept']);
    expect(await searchAttributes(workflowId)).toMatchObject({ ApplicationStatus: 'ACCEPTED', WaitingFor: 'RECRUITER' });
  });

  it('reminds the candidate, the référent and the recruiter of an interview, once', async () => {
    const before = 4000;
    const { id, workflowId, candidate } = await startWithTimers({
      referentReminderMs: 60_000,
      referentEscalationMs: 120_000,
      recruiterReminderMs: 60_000,
      interviewReminderBeforeMs: before,
    });
    await act('application', cast.referent, id, { action: 'validate' }, 'PENDING_RECRUITER');
    await act('application', cast.recruiter, id, { action: 'accept' }, 'ACCEPTED');
    // startsAt must be in the future when proposed; the reminder then falls ~2 s from now.
    const startsAt = Date.now() + before + 2000;
    const proposed = await act(
      'application',
      cast.recruiter,
      id,
      { action: 'propose_interview', startsAt: new Date(startsAt).toISOString(), durationMinutes: 30, mode: 'PHONE' },
      'INTERVIEW_PROPOSED',
    );
    expect(proposed.history.at(-1)!.type).toBe('propose_interview');
    expect(await searchAttributes(workflowId)).toMatchObject({ ApplicationStatus: 'INTERVIEW_PROPOSED', WaitingFor: 'INTERVIEW' });

    for (const person of [candidate, cast.referent, cast.recruiter]) {
      const reminder = await eventually(
        async () => (await mailsAbout('application', id, { to: person.email, subject: SUBJECT.interviewReminder }))[0],
        2000 + LATE,
        `interview reminder to ${person.email}`,
      );
      expect(Date.parse(reminder.receivedAt)).toBeGreaterThanOrEqual(startsAt - before);
    }

    // Past the interview itself: nothing more is due, and nothing came twice.
    await sleepUntil(startsAt + 1500);
    const all = await mailsAbout('application', id);
    for (const person of [candidate, cast.referent, cast.recruiter]) {
      expect(matching(all, { to: person.email, subject: SUBJECT.interviewReminder }), person.email).toHaveLength(1);
    }
    // The proposer is the company's side of the interview; their colleague is not reminded.
    expect(matching(all, { to: cast.colleague.email, subject: SUBJECT.interviewReminder })).toHaveLength(0);
    expect(all.filter((m) => SUBJECT.interviewReminder.test(m.subject))).toHaveLength(3);
    expect(await eventTypes(id)).toEqual(['created', 'validate', 'accept', 'propose_interview', 'interview_reminder']);
    expect(await searchAttributes(workflowId)).toMatchObject({ ApplicationStatus: 'INTERVIEW_PROPOSED', WaitingFor: 'INTERVIEW' });
  });

  it('sends no separate reminder for an interview proposed inside the reminder window', async () => {
    const { id, candidate } = await startWithTimers({
      referentReminderMs: 60_000,
      referentEscalationMs: 120_000,
      recruiterReminderMs: 60_000,
      interviewReminderBeforeMs: 60_000,
    });
    await act('application', cast.referent, id, { action: 'validate' }, 'PENDING_RECRUITER');
    await act('application', cast.recruiter, id, { action: 'accept' }, 'ACCEPTED');
    // Starts in 3 s with a reminder due 60 s before: the invitation itself is the reminder.
    const startsAt = Date.now() + 3000;
    await act('application', cast.recruiter, id, { action: 'propose_interview', startsAt: new Date(startsAt).toISOString(), durationMinutes: 30, mode: 'PHONE' }, 'INTERVIEW_PROPOSED');
    await eventually(async () => (await mailsAbout('application', id, { to: candidate.email, subject: /^Entretien proposé|entretien/i })).length > 0, LATE, 'invitation');
    await sleepUntil(startsAt + 1500);
    expect((await mailsAbout('application', id)).filter((m) => SUBJECT.interviewReminder.test(m.subject))).toHaveLength(0);
    expect(await eventTypes(id)).toEqual(['created', 'validate', 'accept', 'propose_interview']);
  });
});
