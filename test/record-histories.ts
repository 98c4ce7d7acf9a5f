// Records the histories that test/replay.test.ts replays: drives fresh applications through
// representative paths on the test harness (through the API, as the platform runs them) and writes each
// finished workflow's history as test/histories/<path>.json. Run with `npm run record-histories`
// after a deliberate, versioned change to a workflow, and commit the files. To keep the histories of
// the code before a patch and add those of the code after it: RECORD_PATHS=name,name (some paths only)
// and RECORD_PREFIX=prefix- (file names `prefix-<path>.json`).
import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { temporal } from '@temporalio/proto';
import { describe, expect, inject, it } from 'vitest';
import { startApplicationWorkflow } from '../api/applications/service.js';
import { applicationWorkflowId, type ApplicationWorkflowInput } from '../workflows/application.js';
import { createCast, createUser, inDays, type Cast, type Person } from './fixtures.js';
import { eventually, sql, temporalClient } from './support.js';

const HISTORIES = new URL('./histories/', import.meta.url);
const History = temporal.api.history.v1.History;

describe('recording histories', () => {
  let cast: Cast;

  const act = async (person: Person, id: string, body: Record<string, unknown>, status: string) => {
    const response = await (await person.client()).post(`/api/applications/${id}/transitions`, body);
    if (response.status !== 200 || response.body.status !== status) {
      throw new Error(`${body.action} on ${id}: ${response.status} ${JSON.stringify(response.body)}`);
    }
    return response.body;
  };
  const apply = async (candidate: Person) => {
    const response = await (await candidate.client()).post('/api/applications', { offerId: cast.company.offerId, message: 'Candidature enregistrée pour le rejeu.' });
    if (response.status !== 201) throw new Error(`apply: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body.id as string;
  };
  const waitForEvent = (id: string, type: string) =>
    eventually(async () => (await sql('SELECT 1 FROM application_events WHERE application_id = $1 AND type = $2', [id, type])).length > 0, 20_000, `${type} of ${id}`);
  const interview = (mode: string, days: number, extra: Record<string, unknown> = {}) => ({ action: 'propose_interview', startsAt: inDays(days), durationMinutes: 45, mode, ...extra });

  /** Each path: a fresh candidate, an application driven to its end; returns the application id. */
  const paths: Record<string, () => Promise<string>> = {
    'hired-video-after-cancelled-round': async () => {
      const candidate = await createUser('CANDIDATE', { referentId: cast.referent.id });
      const id = await apply(candidate);
      await act(cast.referent, id, { action: 'validate', message: 'Profil adapté.' }, 'PENDING_RECRUITER');
      await act(cast.recruiter, id, { action: 'accept' }, 'ACCEPTED');
      await act(cast.recruiter, id, interview('VIDEO', 3, { message: 'Premier créneau' }), 'INTERVIEW_PROPOSED');
      await act(cast.recruiter, id, { action: 'cancel_interview', message: 'Empêchement' }, 'ACCEPTED');
      await act(cast.colleague, id, interview('VIDEO', 4), 'INTERVIEW_PROPOSED');
      await act(candidate, id, { action: 'confirm_interview' }, 'INTERVIEW_PROPOSED');
      await act(cast.colleague, id, { action: 'mark_interview_done' }, 'INTERVIEW_DONE');
      await act(cast.recruiter, id, { action: 'hire', message: 'Bienvenue !' }, 'HIRED');
      return id;
    },
    'not-hired-validated-by-mission-officer': async () => {
      const candidate = await createUser('CANDIDATE', { referentId: cast.referent.id });
      const id = await apply(candidate);
      await act(cast.missionOfficer, id, { action: 'validate' }, 'PENDING_RECRUITER');
      await act(cast.recruiter, id, { action: 'accept' }, 'ACCEPTED');
      await act(cast.recruiter, id, interview('PHONE', 2), 'INTERVIEW_PROPOSED');
      await act(cast.recruiter, id, { action: 'mark_interview_done' }, 'INTERVIEW_DONE');
      await act(cast.recruiter, id, { action: 'not_hire', message: 'Nous avons retenu un autre profil.' }, 'NOT_HIRED');
      return id;
    },
    'refused-during-interview': async () => {
      const candidate = await createUser('CANDIDATE', { referentId: cast.referent.id });
      const id = await apply(candidate);
      await act(cast.referent, id, { action: 'validate' }, 'PENDING_RECRUITER');
      await act(cast.recruiter, id, { action: 'accept' }, 'ACCEPTED');
      await act(cast.recruiter, id, interview('IN_PERSON', 2, { location: '12 rue des Lilas, Paris' }), 'INTERVIEW_PROPOSED');
      await act(cast.recruiter, id, { action: 'refuse', message: 'Le poste a été pourvu.' }, 'REFUSED');
      return id;
    },
    'rejected-by-referent': async () => {
      const candidate = await createUser('CANDIDATE', { referentId: cast.referent.id });
      const id = await apply(candidate);
      await act(cast.referent, id, { action: 'reject', message: 'Le poste demande le permis B.' }, 'REJECTED_BY_REFERENT');
      return id;
    },
    'withdrawn-with-confirmed-interview': async () => {
      const candidate = await createUser('CANDIDATE', { referentId: cast.referent.id });
      const id = await apply(candidate);
      await act(cast.referent, id, { action: 'validate' }, 'PENDING_RECRUITER');
      await act(cast.recruiter, id, { action: 'accept' }, 'ACCEPTED');
      await act(cast.recruiter, id, interview('CHAT', 2), 'INTERVIEW_PROPOSED');
      await act(candidate, id, { action: 'confirm_interview' }, 'INTERVIEW_PROPOSED');
      await act(candidate, id, { action: 'withdraw', message: 'J’ai trouvé un autre emploi.' }, 'WITHDRAWN');
      return id;
    },
    'no-referent-refused': async () => {
      const candidate = await createUser('CANDIDATE', { referentId: null });
      const id = await apply(candidate);
      await act(cast.recruiter, id, { action: 'accept' }, 'ACCEPTED');
      await act(cast.recruiter, id, { action: 'refuse', message: 'Nous ne donnons pas suite.' }, 'REFUSED');
      return id;
    },
    // Every timer fires once: référent reminder and escalation, recruiters' reminder, interview reminder.
    'timers-reminders-then-hired': async () => {
      const candidate = await createUser('CANDIDATE', { referentId: cast.referent.id });
      const id = randomUUID();
      const input: ApplicationWorkflowInput = {
        applicationId: id,
        parties: { candidateId: candidate.id, companyId: cast.company.id, referentId: cast.referent.id, missionOfficerId: cast.missionOfficer.id },
        offerId: cast.company.offerId,
        createdBy: { id: candidate.id, role: 'CANDIDATE' },
        message: null,
        screeningAnswer: null,
        cvDocumentId: null,
        createdAt: new Date().toISOString(),
        timers: { referentReminderMs: 1500, referentEscalationMs: 3000, recruiterReminderMs: 1500, interviewReminderBeforeMs: 3000 },
      };
      await startApplicationWorkflow(await temporalClient(), inject('taskQueue'), input);
      await waitForEvent(id, 'referent_escalation');
      await act(cast.referent, id, { action: 'validate' }, 'PENDING_RECRUITER');
      await waitForEvent(id, 'recruiter_reminder');
      await act(cast.recruiter, id, { action: 'accept' }, 'ACCEPTED');
      await act(cast.recruiter, id, { action: 'propose_interview', startsAt: new Date(Date.now() + 5000).toISOString(), durationMinutes: 30, mode: 'PHONE' }, 'INTERVIEW_PROPOSED');
      await waitForEvent(id, 'interview_reminder');
      await act(cast.recruiter, id, { action: 'mark_interview_done' }, 'INTERVIEW_DONE');
      await act(cast.recruiter, id, { action: 'hire' }, 'HIRED');
      return id;
    },
  };

  it('drives applications through representative paths and writes their histories', { timeout: 120_000 }, async () => {
    cast = await createCast();
    const client = await temporalClient();
    await mkdir(HISTORIES, { recursive: true });
    const only = process.env.RECORD_PATHS?.split(',').filter(Boolean);
    const prefix = process.env.RECORD_PREFIX ?? '';
    await Promise.all(
      Object.entries(paths).filter(([name]) => !only || only.includes(name)).map(async ([name, drive]) => {
        const handle = client.workflow.getHandle(applicationWorkflowId(await drive()));
        await handle.result(); // ends once every notification went out
        const history = History.fromObject(await handle.fetchHistory());
        await writeFile(new URL(`${prefix}${name}.json`, HISTORIES), `${JSON.stringify(history.toJSON(), null, 1)}\n`);
      }),
    );
  });
});
