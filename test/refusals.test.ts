// Refusals with reasons (issue #16, item 7) through the API, on the real workflow, PostgreSQL and SMTP:
// refuse and not_hire require a reason of their step (a French 400 under the field `reason`, nothing
// written), the reason is stored in the event's data (`data->>'reason'`, read by the statistics) and on
// the application, returned as `refusal`, quoted with its label and the message in the mails to the
// candidate and the référent; two recruiters refusing at once with different reasons leave one refusal,
// the same in the workflow's answer, the event and the row.
import { beforeAll, describe, expect, it } from 'vitest';
import { REFUSAL_REASONS } from '../workflows/refusal-reasons.js';
import { AdminSession } from './admin-support.js';
import { act, mailsAbout, reach, transition } from './drivers.js';
import { createCast, type Cast } from './fixtures.js';
import { eventually, sql } from './support.js';

let cast: Cast;
beforeAll(async () => {
  cast = await createCast();
});

const stateOf = async (id: string) => {
  const [row] = await sql<{ status: string; refusal_reason: string | null; events: number }>(
    `SELECT status, refusal_reason, (SELECT count(*)::int FROM application_events e WHERE e.application_id = a.id) AS events FROM applications a WHERE id = $1`,
    [id],
  );
  return row!;
};
const refusalEvents = (id: string) =>
  sql<{ type: string; reason: string | null; message: string }>(
    `SELECT type, data->>'reason' AS reason, message FROM application_events WHERE application_id = $1 AND type IN ('refuse', 'not_hire')`,
    [id],
  );

describe('refusals with reasons', () => {
  it('refuses a refusal without a reason, with one of another step or action, or AUTRE’s template unfilled: a 400 under its field, nothing written', async () => {
    const { id } = await reach('application', 'PENDING_RECRUITER', cast);
    const before = await stateOf(id);
    const message = 'Le poste a été pourvu.';
    const cases: Array<[Record<string, unknown>, string, RegExp]> = [
      [{ action: 'refuse', message }, 'reason', /^Choisissez le motif du refus parmi ceux proposés/],
      [{ action: 'refuse', reason: 'HANDICAP', message }, 'reason', /^Choisissez le motif du refus/],
      // Not held: an interview must have been proposed first.
      [{ action: 'refuse', reason: 'ENTRETIEN_NON_HONORE', message }, 'reason', /^Ce motif ne convient pas avant tout entretien/],
      [{ action: 'refuse', reason: 'AUTRE', message: REFUSAL_REASONS.AUTRE.template }, 'message', /^Remplacez « \[précisez ici le motif\] »/],
      [{ action: 'refuse', reason: 'POSTE_POURVU', message: '  ' }, 'message', /^Un message est obligatoire/],
      // A reason not_hire never takes, whatever the state.
      [{ action: 'not_hire', reason: 'CANDIDATURE_INCOMPLETE', message }, 'reason', /^Choisissez le motif du refus/],
    ];
    for (const [body, field, reason] of cases) {
      const response = await transition('application', cast.recruiter, id, body);
      const what = `${JSON.stringify(body)} → ${JSON.stringify(response.body)}`;
      expect(response.status, what).toBe(400);
      expect(response.body.error.code, what).toBe('VALIDATION_FAILED');
      expect(response.body.error.details.fields[0], what).toEqual({ field, message: expect.stringMatching(reason) });
    }
    expect(await stateOf(id)).toEqual(before);
    expect(before.refusal_reason).toBeNull();
    expect((await (await cast.recruiter.client()).get(`/api/applications/${id}`)).body.refusal).toBeNull();
  });

  it('records the reason of a refusal once, when two recruiters refuse at once with different reasons, and mails its label with the message', async () => {
    const { id, candidate } = await reach('application', 'ACCEPTED', cast);
    const [recruiter, colleague] = await Promise.all([cast.recruiter.client(), cast.colleague.client()]);
    const tag = id.slice(0, 8);
    const bodies = [
      { action: 'refuse', reason: 'COMPETENCES_NON_ADAPTEES', message: `Nous recherchons une expérience en comptabilité (${tag}).` },
      { action: 'refuse', reason: 'POSTE_POURVU', message: `Le poste a été pourvu la semaine dernière (${tag}).` },
    ];
    const answers = await Promise.all([transition('application', recruiter, id, bodies[0]!), transition('application', colleague, id, bodies[1]!)]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const won = bodies[answers.findIndex((a) => a.status === 200)]!;
    const view = answers.find((a) => a.status === 200)!.body;
    const label = REFUSAL_REASONS[won.reason as keyof typeof REFUSAL_REASONS].label;

    expect(view.refusal).toEqual({ reason: won.reason, label });
    expect(await refusalEvents(id)).toEqual([{ type: 'refuse', reason: won.reason, message: won.message }]);
    expect((await stateOf(id)).refusal_reason).toBe(won.reason);
    // The candidate reads it too, and an operator in the back office.
    expect((await (await candidate!.client()).get(`/api/applications/${id}`)).body.refusal).toEqual({ reason: won.reason, label });
    const shown = await (await AdminSession.as(cast.admin.email)).get(`/admin/api/resources/applications/records/${id}/show`);
    expect(shown.body.record.params.refusalReason).toBe(won.reason);

    // The candidate and the référent read the reason's label and the message; nobody reads the other reason.
    const told = await eventually(async () => {
      const list = await mailsAbout('application', id, { subject: /^(Réponse à votre candidature|Candidature refusée par le recruteur)/ });
      return list.length >= 2 ? list : null;
    });
    for (const to of [candidate!.email, cast.referent.email]) {
      const mail = told.find((m) => m.envelopeTo.includes(to));
      expect(mail?.text, to).toContain(`Motif : ${label}.`);
      expect(mail?.text, to).toContain(won.message);
    }
    const lost = bodies.find((b) => b !== won)!;
    expect((await mailsAbout('application', id)).filter((m) => m.text.includes(lost.message))).toEqual([]);
  });

  it('takes after the interview its own reasons for not_hire, and records and mails the one given', async () => {
    const { id, candidate } = await reach('application', 'INTERVIEW_DONE', cast);
    const message = 'Les horaires de nuit ne correspondent pas à vos disponibilités.';
    // The interview took place: « not held » is no reason for not_hire (the schema knows each action's reasons).
    const held = await transition('application', cast.recruiter, id, { action: 'not_hire', reason: 'ENTRETIEN_NON_HONORE', message });
    expect(held.status).toBe(400);
    expect(held.body.error.details.fields[0]).toEqual({ field: 'reason', message: expect.stringMatching(/^Choisissez le motif du refus/) });

    const view = await act('application', cast.recruiter, id, { action: 'not_hire', reason: 'DISPONIBILITES_INCOMPATIBLES', message }, 'NOT_HIRED');
    const label = REFUSAL_REASONS.DISPONIBILITES_INCOMPATIBLES.label;
    expect(view.refusal).toEqual({ reason: 'DISPONIBILITES_INCOMPATIBLES', label });
    expect(await refusalEvents(id)).toEqual([{ type: 'not_hire', reason: 'DISPONIBILITES_INCOMPATIBLES', message }]);
    const mail = await eventually(async () => (await mailsAbout('application', id, { to: candidate!.email, subject: /^Réponse après votre entretien/ }))[0]);
    expect(mail.text).toContain(`Motif : ${label}.`);
    expect(mail.text).toContain(message);
  });
});
