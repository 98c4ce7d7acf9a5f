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
import { act, offerIn, confirm, markInterviewDone, proposeInterviewSoon, reach, register, registration, rowOf, startApplication, startCompanyVerification, startSponsorship, transition } from './drivers.js';
import { createCast, createUser, inDays, type Cast, type Person } from './fixtures.js';
import { AdminSession } from './admin-support.js';
import { eventually, sql, temporalClient } from './support.js';
import { createVisibleProfile } from './cvtheque-drivers.js';
import { startProcess } from '../api/transitions.js';
import { messageDigestWorkflowId } from '../workflows/message-digest.js';
import { noticeQueueWorkflowId } from '../workflows/notice-queue.js';
import { offerInvitationWorkflowId } from '../workflows/offer-invitation.js';

const HISTORIES = new URL('./histories/', import.meta.url);
const History = temporal.api.history.v1.History;

describe('recording histories', () => {
  let cast: Cast;

  const apply = async (candidate: Person) => {
    const response = await (await candidate.client()).post('/api/applications', { offerId: cast.company.offerId, message: 'Candidature enregistrée pour le rejeu.' });
    if (response.status !== 201) throw new Error(`apply: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body.id as string;
  };
  const waitForEvent = (id: string, type: string) =>
    eventually(async () => (await sql('SELECT 1 FROM application_events WHERE application_id = $1 AND type = $2', [id, type])).length > 0, 20_000, `${type} of ${id}`);
  const interview = (mode: string, days: number, extra: Record<string, unknown> = {}) => ({ action: 'propose_interview', startsAt: inDays(days), durationMinutes: 45, mode, ...extra });
  /** An admin moves the candidate to the other référent in the back office: their live cases are handed over (change_follow_up). */
  const moveToOtherReferent = async (candidate: Person) => {
    const admin = await AdminSession.as(cast.admin.email);
    const answer = await admin.post(`/admin/api/resources/users/records/${candidate.id}/edit`, { referentId: cast.otherReferent.id });
    if (answer.body?.notice?.type !== 'success' || !/Suivi transféré/.test(answer.body.notice.message)) throw new Error(`move: ${answer.status} ${answer.text.slice(0, 300)}`);
  };

  /** Each path: a fresh candidate, an application driven to its end; returns the application id. */
  const applicationPaths: Record<string, () => Promise<string>> = {
    // Seed 002 (issue #19): an anonymous application, its identity shared for a contact later, then contacted.
    'anonymous-lifted-contacted-then-refused': async () => {
      const offerId = await offerIn(cast, 'PUBLISHED', { anonymous: true, screeningQuestion: 'Que retenez-vous de votre dernière expérience ?' });
      const candidate = await createUser('CANDIDATE', { referentId: cast.referent.id });
      const response = await (await candidate.client()).post('/api/applications', { offerId, message: 'Candidature anonyme pour le rejeu.', screeningAnswer: 'Le travail en équipe.' });
      if (response.status !== 201) throw new Error(`apply: ${response.status} ${JSON.stringify(response.body)}`);
      const id = response.body.id as string;
      await act('application', cast.referent, id, { action: 'validate' }, 'PENDING_RECRUITER');
      await act('application', cast.recruiter, id, { action: 'lift_anonymity', commitment: true, contactNow: false }, 'PENDING_RECRUITER');
      await act('application', cast.colleague, id, { action: 'mark_contacted' }, 'PENDING_RECRUITER');
      await act('application', cast.recruiter, id, { action: 'refuse', reason: 'POSTE_POURVU', message: 'Le poste a été pourvu entre-temps.' }, 'REFUSED');
      return id;
    },
    'hired-video-after-cancelled-round': async () => {
      const candidate = await createUser('CANDIDATE', { referentId: cast.referent.id });
      const id = await apply(candidate);
      await act('application', cast.referent, id, { action: 'validate', message: 'Profil adapté.' }, 'PENDING_RECRUITER');
      await act('application', cast.recruiter, id, { action: 'accept' }, 'ACCEPTED');
      await act('application', cast.recruiter, id, interview('VIDEO', 3, { message: 'Premier créneau' }), 'INTERVIEW_PROPOSED');
      await act('application', cast.recruiter, id, { action: 'cancel_interview', message: 'Empêchement' }, 'ACCEPTED');
      await proposeInterviewSoon(cast.colleague, id, { mode: 'VIDEO', durationMinutes: 45 });
      await act('application', candidate, id, { action: 'confirm_interview' }, 'INTERVIEW_PROPOSED');
      await markInterviewDone(cast.colleague, id);
      await act('application', cast.recruiter, id, { action: 'hire', message: 'Bienvenue !' }, 'HIRED');
      return id;
    },
    'not-hired-validated-by-mission-officer': async () => {
      const candidate = await createUser('CANDIDATE', { referentId: cast.referent.id });
      const id = await apply(candidate);
      await act('application', cast.missionOfficer, id, { action: 'validate' }, 'PENDING_RECRUITER');
      await act('application', cast.recruiter, id, { action: 'accept' }, 'ACCEPTED');
      await proposeInterviewSoon(cast.recruiter, id);
      await markInterviewDone(cast.recruiter, id);
      await act('application', cast.recruiter, id, { action: 'not_hire', reason: 'COMPETENCES_NON_ADAPTEES', message: 'Nous avons retenu un autre profil.' }, 'NOT_HIRED');
      return id;
    },
    'refused-during-interview': async () => {
      const candidate = await createUser('CANDIDATE', { referentId: cast.referent.id });
      const id = await apply(candidate);
      await act('application', cast.referent, id, { action: 'validate' }, 'PENDING_RECRUITER');
      await act('application', cast.recruiter, id, { action: 'accept' }, 'ACCEPTED');
      await act('application', cast.recruiter, id, interview('IN_PERSON', 2, { location: '12 rue des Lilas, Paris' }), 'INTERVIEW_PROPOSED');
      await act('application', cast.recruiter, id, { action: 'refuse', reason: 'ENTRETIEN_NON_HONORE', message: 'Nous n’avons pas pu vous joindre.' }, 'REFUSED');
      return id;
    },
    'rejected-by-referent': async () => {
      const candidate = await createUser('CANDIDATE', { referentId: cast.referent.id });
      const id = await apply(candidate);
      await act('application', cast.referent, id, { action: 'reject', message: 'Le poste demande le permis B.' }, 'REJECTED_BY_REFERENT');
      return id;
    },
    'withdrawn-with-confirmed-interview': async () => {
      const candidate = await createUser('CANDIDATE', { referentId: cast.referent.id });
      const id = await apply(candidate);
      await act('application', cast.referent, id, { action: 'validate' }, 'PENDING_RECRUITER');
      await act('application', cast.recruiter, id, { action: 'accept' }, 'ACCEPTED');
      await act('application', cast.recruiter, id, interview('CHAT', 2), 'INTERVIEW_PROPOSED');
      await act('application', candidate, id, { action: 'confirm_interview' }, 'INTERVIEW_PROPOSED');
      await act('application', candidate, id, { action: 'withdraw', message: 'J’ai trouvé un autre emploi.' }, 'WITHDRAWN');
      return id;
    },
    // Two people at once: the recruiter refuses while the candidate withdraws. After the
    // 'fifo-handler-lock' patch one waits for the other and is refused. (Before it, both ran together;
    // such a history cannot be replayed even by the code that wrote it: the order of two local
    // activities' results is not in the history, so it is not kept.)
    'race-refuse-withdraw': async () => {
      const candidate = await createUser('CANDIDATE', { referentId: null });
      const id = await apply(candidate);
      await act('application', cast.recruiter, id, { action: 'accept' }, 'ACCEPTED');
      const [recruiter, own] = await Promise.all([cast.recruiter.client(), candidate.client()]);
      await Promise.all([
        transition('application', recruiter, id, { action: 'refuse', reason: 'POSTE_POURVU', message: 'Le poste a été pourvu.' }),
        transition('application', own, id, { action: 'withdraw', message: 'J’ai trouvé un autre emploi.' }),
      ]);
      return id;
    },
    // Handed over to another référent while it waits for validation, then validated by the new one.
    'follow-up-moved-then-validated-refused': async () => {
      const candidate = await createUser('CANDIDATE', { referentId: cast.referent.id });
      const id = await apply(candidate);
      await moveToOtherReferent(candidate);
      await act('application', cast.otherReferent, id, { action: 'validate' }, 'PENDING_RECRUITER');
      await act('application', cast.recruiter, id, { action: 'refuse', reason: 'POSTE_POURVU', message: 'Le poste a été pourvu.' }, 'REFUSED');
      return id;
    },
    // Handed over by the mission officer to another référent of their network (api/mission), then validated by the new one.
    'mission-moved-then-validated-refused': async () => {
      const candidate = await createUser('CANDIDATE', { referentId: cast.referent.id });
      const id = await apply(candidate);
      const heir = await createUser('REFERENT', { missionOfficerId: cast.missionOfficer.id });
      const moved = await (await cast.missionOfficer.client()).post(`/api/mission/candidates/${candidate.id}/referent`, { referentId: heir.id });
      if (moved.status !== 200 || moved.body.handOver.moved !== 1) throw new Error(`move: ${moved.status} ${JSON.stringify(moved.body)}`);
      await act('application', heir, id, { action: 'validate' }, 'PENDING_RECRUITER');
      await act('application', cast.recruiter, id, { action: 'refuse', reason: 'POSTE_POURVU', message: 'Le poste a été pourvu.' }, 'REFUSED');
      return id;
    },
    'no-referent-refused': async () => {
      const candidate = await createUser('CANDIDATE', { referentId: null });
      const id = await apply(candidate);
      await act('application', cast.recruiter, id, { action: 'accept' }, 'ACCEPTED');
      await act('application', cast.recruiter, id, { action: 'refuse', reason: 'AUCUN_POSTE_OUVERT', message: 'Nous ne donnons pas suite.' }, 'REFUSED');
      return id;
    },
    // Issue #16: another time asked, the interview moved (same round, to a VIDEO room), confirmed at its new time, held, hired.
    'interview-moved-then-hired': async () => {
      const candidate = await createUser('CANDIDATE', { referentId: cast.referent.id });
      const id = await apply(candidate);
      await act('application', cast.referent, id, { action: 'validate' }, 'PENDING_RECRUITER');
      await act('application', cast.recruiter, id, { action: 'accept' }, 'ACCEPTED');
      await act('application', cast.recruiter, id, interview('PHONE', 3), 'INTERVIEW_PROPOSED');
      await act('application', candidate, id, { action: 'request_other_slot', message: 'Disponible le jeudi matin.', interviewVersion: 0 }, 'INTERVIEW_PROPOSED');
      await act('application', cast.colleague, id, { action: 'reschedule_interview', startsAt: new Date(Date.now() + 3000).toISOString(), durationMinutes: 30, mode: 'VIDEO', interviewVersion: 0 }, 'INTERVIEW_PROPOSED');
      await act('application', candidate, id, { action: 'confirm_interview', interviewVersion: 1 }, 'INTERVIEW_PROPOSED');
      await markInterviewDone(cast.colleague, id);
      await act('application', cast.recruiter, id, { action: 'hire' }, 'HIRED');
      return id;
    },
    // The interview reminder fires, the interview is moved, its reminder fires again for the new start;
    // two recruiters then move it at once (one refused), and the application is refused.
    'interview-moved-reminded-again-then-refused': async () => {
      const { id } = await startApplication(cast, { timers: { referentReminderMs: 60_000, referentEscalationMs: 120_000, recruiterReminderMs: 60_000, interviewReminderBeforeMs: 2000 } });
      await act('application', cast.referent, id, { action: 'validate' }, 'PENDING_RECRUITER');
      await act('application', cast.recruiter, id, { action: 'accept' }, 'ACCEPTED');
      await act('application', cast.recruiter, id, { action: 'propose_interview', startsAt: new Date(Date.now() + 4000).toISOString(), durationMinutes: 30, mode: 'PHONE' }, 'INTERVIEW_PROPOSED');
      await waitForEvent(id, 'interview_reminder');
      await act('application', cast.recruiter, id, { action: 'reschedule_interview', startsAt: new Date(Date.now() + 4000).toISOString(), durationMinutes: 30, mode: 'PHONE' }, 'INTERVIEW_PROPOSED');
      await eventually(async () => (await sql(`SELECT 1 FROM application_events WHERE application_id = $1 AND type = 'interview_reminder'`, [id])).length === 2, 20_000, 'second reminder');
      const [recruiter, colleague] = await Promise.all([cast.recruiter.client(), cast.colleague.client()]);
      await Promise.all(
        [recruiter, colleague].map((who, i) => transition('application', who, id, { action: 'reschedule_interview', startsAt: inDays(2 + i), durationMinutes: 45, mode: 'PHONE', interviewVersion: 1 })),
      );
      await act('application', cast.recruiter, id, { action: 'refuse', message: 'Le poste a été pourvu.' }, 'REFUSED');
      return id;
    },
    // Every timer fires once: référent reminder and escalation, recruiters' reminder, interview reminder.
    'timers-reminders-then-hired': async () => {
      const { id } = await startApplication(cast, {
        timers: { referentReminderMs: 1500, referentEscalationMs: 3000, recruiterReminderMs: 1500, interviewReminderBeforeMs: 3000 },
        waitForRow: false,
      });
      await waitForEvent(id, 'referent_escalation');
      await act('application', cast.referent, id, { action: 'validate' }, 'PENDING_RECRUITER');
      await waitForEvent(id, 'recruiter_reminder');
      await act('application', cast.recruiter, id, { action: 'accept' }, 'ACCEPTED');
      await act('application', cast.recruiter, id, { action: 'propose_interview', startsAt: new Date(Date.now() + 5000).toISOString(), durationMinutes: 30, mode: 'PHONE' }, 'INTERVIEW_PROPOSED');
      await waitForEvent(id, 'interview_reminder');
      await markInterviewDone(cast.recruiter, id);
      await act('application', cast.recruiter, id, { action: 'hire' }, 'HIRED');
      return id;
    },
  };

  // ---- offers, sponsorships, company verification: each path returns its workflow id ----
  const ask = async (candidate: Person) => {
    const response = await (await candidate.client()).post('/api/sponsorships', { companyId: cast.company.id, message: 'Je cherche un parrain pour ma reconversion.' });
    if (response.status !== 201) throw new Error(`sponsorship: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body.id as string;
  };
  const workflowOf = async (process: 'offer' | 'sponsorship', id: string) => (await rowOf(process, id)).workflowId;
  /** An offer published with a publication of `publicationMs` (its workflow started with the client). */
  const offerPublishedFor = async (publicationMs: number) => {
    const id = randomUUID();
    await sql(
      `INSERT INTO offers (id, company_id, title, contract_type, postal_code, city, departments, description, status)
       VALUES ($1, $2, 'Cariste H/F', 'CDI', '69003', 'Lyon', '{69}', 'Conduite de chariots élévateurs, CACES 3.', 'DRAFT')`,
      [id, cast.company.id],
    );
    await startProcess(await temporalClient(), inject('taskQueue'), 'offer', { offerId: id, companyId: cast.company.id, publicationMs }, 'DRAFT');
    await eventually(async () => (await sql('SELECT 1 FROM offers WHERE id = $1 AND workflow_id IS NOT NULL', [id])).length === 1, 15_000, 'offer attached');
    await act('offer', cast.recruiter, id, { action: 'submit' }, 'PENDING_MODERATION');
    await act('offer', cast.admin, id, { action: 'approve' }, 'PUBLISHED');
    return id;
  };

  const otherPaths: Record<string, () => Promise<string>> = {
    'offer-published-then-archived': async () => {
      const offer = await reach('offer', 'PUBLISHED', cast);
      await act('offer', cast.recruiter, offer.id, { action: 'archive', reason: 'Poste pourvu.' }, 'ARCHIVED');
      return offer.workflowId;
    },
    // Rejected, fixed, published with a publication of 2 s: the expiry timer fires.
    'offer-rejected-resubmitted-expired': async () => {
      const id = randomUUID();
      await sql(
        `INSERT INTO offers (id, company_id, title, contract_type, postal_code, city, departments, description, status)
         VALUES ($1, $2, 'Cariste H/F', 'CDI', '69003', 'Lyon', '{69}', 'Conduite de chariots élévateurs, CACES 3.', 'DRAFT')`,
        [id, cast.company.id],
      );
      await startProcess(await temporalClient(), inject('taskQueue'), 'offer', { offerId: id, companyId: cast.company.id, publicationMs: 2000 }, 'DRAFT');
      await eventually(async () => (await sql('SELECT 1 FROM offers WHERE id = $1 AND workflow_id IS NOT NULL', [id])).length === 1, 15_000, 'offer attached');
      await act('offer', cast.recruiter, id, { action: 'submit' }, 'PENDING_MODERATION');
      await act('offer', cast.admin, id, { action: 'reject', reason: 'Ajoutez la mention H/F au titre.' }, 'REJECTED');
      await act('offer', cast.recruiter, id, { action: 'submit' }, 'PENDING_MODERATION');
      await act('offer', cast.admin, id, { action: 'approve' }, 'PUBLISHED');
      return workflowOf('offer', id);
    },
    // A published offer edited (issue #15): back to moderation with its expiry kept ('offer-edit-published').
    // Edited, approved again, then its timer fires at the first end.
    'offer-edited-approved-expired': async () => {
      const id = await offerPublishedFor(12_000);
      await act('offer', cast.recruiter, id, { action: 'edit', title: 'Cariste confirmé H/F', description: 'Conduite de chariots élévateurs, CACES 3 et 5 exigés.' }, 'PENDING_MODERATION');
      await act('offer', cast.admin, id, { action: 'approve' }, 'PUBLISHED');
      return workflowOf('offer', id);
    },
    // Edited, refused, fixed, resubmitted, approved, then archived.
    'offer-edited-rejected-resubmitted-approved': async () => {
      const offer = await reach('offer', 'PUBLISHED', cast);
      await act('offer', cast.recruiter, offer.id, { action: 'edit', salaryMin: 18000 }, 'PENDING_MODERATION');
      await act('offer', cast.admin, offer.id, { action: 'reject', reason: 'Salaire minimum sous le SMIC.' }, 'REJECTED');
      const fixed = await (await cast.recruiter.client()).request('PATCH', `/api/offers/${offer.id}`, { salaryMin: 22000 });
      if (fixed.status !== 200) throw new Error(`patch: ${fixed.status} ${JSON.stringify(fixed.body)}`);
      await act('offer', cast.recruiter, offer.id, { action: 'submit' }, 'PENDING_MODERATION');
      await act('offer', cast.admin, offer.id, { action: 'approve' }, 'PUBLISHED');
      await act('offer', cast.recruiter, offer.id, { action: 'archive', reason: 'Poste pourvu.' }, 'ARCHIVED');
      return offer.workflowId;
    },
    // Its chosen end date passed while it waited: the approval's write refuses it ('offer-approve-in-write'),
    // nothing moves; rejected, the date taken off, resubmitted, approved, archived.
    'offer-end-date-passed-then-approved': async () => {
      const offer = await reach('offer', 'PENDING_MODERATION', cast);
      await sql(`UPDATE offers SET chosen_end_date = current_date - 1 WHERE id = $1`, [offer.id]);
      const refused = await transition('offer', cast.admin, offer.id, { action: 'approve' });
      if (refused.status !== 409) throw new Error(`approve: ${refused.status} ${JSON.stringify(refused.body)}`);
      await act('offer', cast.admin, offer.id, { action: 'reject', reason: 'Date de fin dépassée.' }, 'REJECTED');
      const fixed = await (await cast.recruiter.client()).request('PATCH', `/api/offers/${offer.id}`, { chosenEndDate: null });
      if (fixed.status !== 200) throw new Error(`patch: ${fixed.status} ${JSON.stringify(fixed.body)}`);
      await act('offer', cast.recruiter, offer.id, { action: 'submit' }, 'PENDING_MODERATION');
      await act('offer', cast.admin, offer.id, { action: 'approve' }, 'PUBLISHED');
      await act('offer', cast.recruiter, offer.id, { action: 'archive', reason: 'Poste pourvu.' }, 'ARCHIVED');
      return offer.workflowId;
    },
    // Edited, and still in moderation at its end: it expires there.
    'offer-edited-expired-in-moderation': async () => {
      const id = await offerPublishedFor(6000);
      await act('offer', cast.recruiter, id, { action: 'edit', city: 'Villeurbanne', postalCode: '69100' }, 'PENDING_MODERATION');
      return workflowOf('offer', id);
    },
    'sponsorship-accepted': async () => {
      const candidate = await createUser('CANDIDATE', { referentId: cast.referent.id });
      const id = await ask(candidate);
      await act('sponsorship', cast.recruiter, id, { action: 'accept', sponsorUserId: cast.colleague.id }, 'ACCEPTED');
      return workflowOf('sponsorship', id);
    },
    // Two recruiters accept at once, naming different sponsors. Recorded before the 'fifo-handler-lock'
    // patch, both Updates completed (the bug): that history replays with the lock it ran with.
    'sponsorship-race-accept-accept': async () => {
      const candidate = await createUser('CANDIDATE', { referentId: cast.referent.id });
      const id = await ask(candidate);
      const [recruiter, colleague] = await Promise.all([cast.recruiter.client(), cast.colleague.client()]);
      await Promise.all([
        transition('sponsorship', recruiter, id, { action: 'accept', sponsorUserId: cast.recruiter.id }),
        transition('sponsorship', colleague, id, { action: 'accept', sponsorUserId: cast.colleague.id }),
      ]);
      return workflowOf('sponsorship', id);
    },
    // Handed over to another référent while the company has not answered, then accepted.
    'follow-up-sponsorship-moved-then-accepted': async () => {
      const candidate = await createUser('CANDIDATE', { referentId: cast.referent.id });
      const id = await ask(candidate);
      await moveToOtherReferent(candidate);
      await act('sponsorship', cast.recruiter, id, { action: 'accept', sponsorUserId: cast.colleague.id }, 'ACCEPTED');
      return workflowOf('sponsorship', id);
    },
    'sponsorship-reminder-then-refused': async () => {
      const { id, workflowId } = await startSponsorship(cast, { timers: { reminderMs: 1500 } });
      await eventually(async () => (await sql(`SELECT 1 FROM sponsorship_events WHERE sponsorship_id = $1 AND type = 'reminder'`, [id])).length === 1, 20_000, 'reminder');
      await act('sponsorship', cast.recruiter, id, { action: 'refuse', comment: 'Aucun parrain disponible ce trimestre.' }, 'REFUSED');
      return workflowId;
    },
    'company-verification-confirmed-verified': async () => {
      const { companyId, email, workflowId } = await register(registration({ company: { name: 'Menuiserie du rejeu' } }));
      await confirm(email);
      await act('company', cast.admin, companyId, { action: 'verify' }, 'VERIFIED');
      return workflowId;
    },
    'company-verification-confirmed-rejected': async () => {
      const { companyId, email, workflowId } = await register(registration({ company: { name: 'Menuiserie du rejeu' } }));
      await confirm(email);
      await act('company', cast.admin, companyId, { action: 'reject', reason: 'SIREN d’une entreprise radiée.' }, 'REJECTED');
      return workflowId;
    },
    // Account deletion (ACCOUNT_DELETION_GRACE is 6 s in the harness): cancelled during the grace period;
    // carried out, closing an application and a sponsorship request through their workflows (whose
    // `withdraw` histories are recorded too).
    'account-deletion-cancelled': async () => {
      const candidate = await createUser('CANDIDATE', { referentId: cast.referent.id });
      const client = await candidate.client();
      if ((await client.request('DELETE', '/api/me')).status !== 202) throw new Error('DELETE /api/me');
      if ((await client.post('/api/me/deletion/cancel')).status !== 200) throw new Error('cancel');
      return `account-deletion-${candidate.id}`;
    },
    'account-deletion-done': async () => {
      const candidate = await createUser('CANDIDATE', { referentId: cast.referent.id });
      await apply(candidate);
      const client = await candidate.client();
      if ((await client.post('/api/sponsorships', { companyId: cast.otherCompany.id, message: 'Demande enregistrée pour le rejeu.' })).status !== 201) throw new Error('sponsorship');
      if ((await client.request('DELETE', '/api/me')).status !== 202) throw new Error('DELETE /api/me');
      return `account-deletion-${candidate.id}`;
    },
    'sponsorship-withdrawn-account-deleted': async () => {
      const candidate = await createUser('CANDIDATE', { referentId: cast.referent.id });
      const client = await candidate.client();
      const created = await client.post('/api/sponsorships', { companyId: cast.otherCompany.id, message: 'Demande enregistrée pour le rejeu.' });
      if (created.status !== 201) throw new Error('sponsorship');
      if ((await client.request('DELETE', '/api/me')).status !== 202) throw new Error('DELETE /api/me');
      return workflowOf('sponsorship', created.body.id);
    },
    'withdrawn-account-deleted': async () => {
      const candidate = await createUser('CANDIDATE', { referentId: cast.referent.id });
      const id = await apply(candidate);
      if ((await (await candidate.client()).request('DELETE', '/api/me')).status !== 202) throw new Error('DELETE /api/me');
      return (await rowOf('application', id)).workflowId;
    },
    // A message digest (MESSAGE_DIGEST_DELAY is 3 s in the harness): three messages folded into one run by
    // signal-with-start, then one mail to the recruiter.
    'message-digest-folded': async () => {
      const candidate = await createUser('CANDIDATE', { referentId: cast.referent.id });
      const id = await apply(candidate);
      await act('application', cast.referent, id, { action: 'validate' }, 'PENDING_RECRUITER');
      for (const body of ['Un', 'Deux', 'Trois']) {
        if ((await (await candidate.client()).post(`/api/applications/${id}/messages`, { body })).status !== 201) throw new Error('message');
      }
      return messageDigestWorkflowId(id, cast.recruiter.id);
    },
    // CVthèque contact requests (contactRequestWorkflow), through the API: the harness's timers (reminder 5 s, expiry 20 s).
    'contact-request-accepted': async () => {
      const candidate = await createVisibleProfile({ referentId: cast.referent.id });
      const asked = await (await cast.recruiter.client()).post(`/api/cvtheque/profiles/${candidate.id}/contact`, { message: 'Demande enregistrée pour le rejeu.' });
      if (asked.status !== 201) throw new Error(`contact: ${asked.status} ${JSON.stringify(asked.body)}`);
      const answered = await (await candidate.client()).post(`/api/contact-requests/${asked.body.id}/transitions`, { action: 'accept' });
      if (answered.status !== 200) throw new Error(`accept: ${answered.status}`);
      return `contact-request-${asked.body.id}`;
    },
    'contact-request-declined-by-referent': async () => {
      const candidate = await createVisibleProfile({ referentId: cast.referent.id });
      const asked = await (await cast.recruiter.client()).post(`/api/cvtheque/profiles/${candidate.id}/contact`, { message: 'Demande enregistrée pour le rejeu.' });
      if (asked.status !== 201) throw new Error(`contact: ${asked.status}`);
      const answered = await (await cast.referent.client()).post(`/api/contact-requests/${asked.body.id}/transitions`, { action: 'decline' });
      if (answered.status !== 200) throw new Error(`decline: ${answered.status}`);
      return `contact-request-${asked.body.id}`;
    },
    'contact-request-reminded-expired': async () => {
      const candidate = await createVisibleProfile({ referentId: cast.referent.id });
      const asked = await (await cast.recruiter.client()).post(`/api/cvtheque/profiles/${candidate.id}/contact`, { message: 'Demande enregistrée pour le rejeu.' });
      if (asked.status !== 201) throw new Error(`contact: ${asked.status}`);
      return `contact-request-${asked.body.id}`;
    },
    // Invitations to apply (offerInvitationWorkflow; the harness: batches of 2, 2 s apart), through the
    // API: two requests folded into one run by signal-with-start, three batches; then an offer archived
    // after its first batch, the rest skipped.
    'offer-invitations-batched': async () => {
      const offerId = await offerIn(cast, 'PUBLISHED');
      const candidates = await Promise.all([1, 2, 3, 4, 5].map(() => createVisibleProfile({ referentId: null })));
      const recruiter = await cast.recruiter.client();
      for (const part of [candidates.slice(0, 3), candidates.slice(3)]) {
        const invited = await recruiter.post(`/api/offers/${offerId}/invitations`, { candidateIds: part.map((c) => c.id) });
        if (invited.status !== 202) throw new Error(`invite: ${invited.status} ${JSON.stringify(invited.body)}`);
      }
      return offerInvitationWorkflowId(offerId);
    },
    'offer-invitations-archived': async () => {
      const offerId = await offerIn(cast, 'PUBLISHED');
      const candidates = await Promise.all([1, 2, 3, 4, 5].map(() => createVisibleProfile({ referentId: null })));
      const invited = await (await cast.recruiter.client()).post(`/api/offers/${offerId}/invitations`, { candidateIds: candidates.map((c) => c.id) });
      if (invited.status !== 202) throw new Error(`invite: ${invited.status}`);
      await eventually(async () => (await sql(`SELECT 1 FROM offer_invitations WHERE offer_id = $1 AND status = 'SENT'`, [offerId])).length === 2, 20_000, 'first batch');
      await act('offer', cast.recruiter, offerId, { action: 'archive' }, 'ARCHIVED');
      return offerInvitationWorkflowId(offerId);
    },
    // Reminder after 1 s, expiry after 3 s, as the API would start it with short timers.
    'company-verification-reminded-expired': async () => (await startCompanyVerification({ emailReminderMs: 1000, emailExpiryMs: 3000 }, 'Boulangerie du rejeu')).workflowId,
  };

  it('drives every process through representative paths and writes their histories', { timeout: 180_000 }, async () => {
    cast = await createCast();
    const client = await temporalClient();
    await mkdir(HISTORIES, { recursive: true });
    const only = process.env.RECORD_PATHS?.split(',').filter(Boolean);
    const prefix = process.env.RECORD_PREFIX ?? '';
    const paths: Record<string, () => Promise<string>> = {
      ...Object.fromEntries(Object.entries(applicationPaths).map(([name, drive]) => [name, async () => (await rowOf('application', await drive())).workflowId])),
      ...otherPaths,
    };
    await Promise.all(
      Object.entries(paths).filter(([name]) => !only || only.includes(name)).map(async ([name, drive]) => {
        const handle = client.workflow.getHandle(await drive());
        await handle.result(); // ends once every notification went out
        const history = History.fromObject(await handle.fetchHistory());
        await writeFile(new URL(`${prefix}${name}.json`, HISTORIES), `${JSON.stringify(history.toJSON(), null, 1)}\n`);
      }),
    );
  });

  // The harness's notice drainer runs for good: its history so far, once a drain run has started (a
  // run lasts minutes), in histories/drainer/ (test/replay.test.ts replays it apart from the finished ones).
  it('writes the notice drainer’s history, running', { timeout: 60_000 }, async () => {
    const handle = (await temporalClient()).workflow.getHandle(noticeQueueWorkflowId(inject('taskQueue')));
    // A started activity's event is written when it ends: the run's start is read from the description.
    await eventually(async () => (await handle.describe()).raw.pendingActivities?.some((a) => a.activityType?.name === 'drainNoticeQueue' && Number(a.state) === 2), 30_000, 'a drain run started');
    const history = History.fromObject(await handle.fetchHistory());
    expect(history.events.some((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'drainNoticeQueue')).toBe(true);
    const folder = new URL('drainer/', HISTORIES);
    await mkdir(folder, { recursive: true });
    await writeFile(new URL(`${process.env.RECORD_PREFIX ?? ''}running.json`, folder), `${JSON.stringify(history.toJSON(), null, 1)}\n`);
  });
});
