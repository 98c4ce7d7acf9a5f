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
import { hashPassword } from '../models/passwords.js';
import { type ApplicationWorkflowInput } from '../workflows/application.js';
import { createCast, createUser, inDays, validSiren, type Cast, type Person } from './fixtures.js';
import { AdminSession } from './admin-support.js';
import { ApiClient, eventually, mails, sql, temporalClient } from './support.js';
import { startProcess } from '../api/transitions.js';
import { workflowIdOf } from '../workflows/processes.js';

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
  /** An admin moves the candidate to the other référent in the back office: their live cases are handed over (change_follow_up). */
  const moveToOtherReferent = async (candidate: Person) => {
    const admin = await AdminSession.as(cast.admin.email);
    const answer = await admin.post(`/admin/api/resources/users/records/${candidate.id}/edit`, { referentId: cast.otherReferent.id });
    if (answer.body?.notice?.type !== 'success' || !/Suivi transféré/.test(answer.body.notice.message)) throw new Error(`move: ${answer.status} ${answer.text.slice(0, 300)}`);
  };

  /** Each path: a fresh candidate, an application driven to its end; returns the application id. */
  const applicationPaths: Record<string, () => Promise<string>> = {
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
    // Two people at once: the recruiter refuses while the candidate withdraws. After the
    // 'fifo-handler-lock' patch one waits for the other and is refused. (Before it, both ran together;
    // such a history cannot be replayed even by the code that wrote it: the order of two local
    // activities' results is not in the history, so it is not kept.)
    'race-refuse-withdraw': async () => {
      const candidate = await createUser('CANDIDATE', { referentId: null });
      const id = await apply(candidate);
      await act(cast.recruiter, id, { action: 'accept' }, 'ACCEPTED');
      const [recruiter, own] = await Promise.all([cast.recruiter.client(), candidate.client()]);
      await Promise.all([
        recruiter.post(`/api/applications/${id}/transitions`, { action: 'refuse', message: 'Le poste a été pourvu.' }),
        own.post(`/api/applications/${id}/transitions`, { action: 'withdraw', message: 'J’ai trouvé un autre emploi.' }),
      ]);
      return id;
    },
    // Handed over to another référent while it waits for validation, then validated by the new one.
    'follow-up-moved-then-validated-refused': async () => {
      const candidate = await createUser('CANDIDATE', { referentId: cast.referent.id });
      const id = await apply(candidate);
      await moveToOtherReferent(candidate);
      await act(cast.otherReferent, id, { action: 'validate' }, 'PENDING_RECRUITER');
      await act(cast.recruiter, id, { action: 'refuse', message: 'Le poste a été pourvu.' }, 'REFUSED');
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
      await startProcess(await temporalClient(), inject('taskQueue'), 'application', input);
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

  // ---- offers, sponsorships, company verification: each path returns its workflow id ----
  const offerAct = async (person: Person, id: string, body: Record<string, unknown>, status: string) => {
    const response = await (await person.client()).post(`/api/offers/${id}/transitions`, body);
    if (response.status !== 200 || response.body.status !== status) throw new Error(`${body.action} on offer ${id}: ${response.status} ${JSON.stringify(response.body)}`);
  };
  const newOffer = async () => {
    const response = await (await cast.recruiter.client()).post('/api/offers', {
      title: 'Magasinier H/F',
      contractType: 'CDI',
      postalCode: '69003',
      city: 'Lyon',
      description: 'Réception, rangement et préparation des commandes. Poste aménageable.',
    });
    if (response.status !== 201) throw new Error(`offer: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body.id as string;
  };
  const sponsorshipAct = async (person: Person, id: string, body: Record<string, unknown>, status: string) => {
    const response = await (await person.client()).post(`/api/sponsorships/${id}/transitions`, body);
    if (response.status !== 200 || response.body.status !== status) throw new Error(`${body.action} on sponsorship ${id}: ${response.status} ${JSON.stringify(response.body)}`);
  };
  const ask = async (candidate: Person) => {
    const response = await (await candidate.client()).post('/api/sponsorships', { companyId: cast.company.id, message: 'Je cherche un parrain pour ma reconversion.' });
    if (response.status !== 201) throw new Error(`sponsorship: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body.id as string;
  };
  const register = async () => {
    const email = `recording-${randomUUID().slice(0, 8)}@test.local`;
    const response = await new ApiClient().post('/api/auth/register-recruiter', {
      company: { siren: validSiren(), name: 'Menuiserie du rejeu', sector: 'Industrie', size: '10-49', address: '3 rue des Artisans', postalCode: '69007', city: 'Lyon' },
      user: { firstName: 'Inès', lastName: 'Garnier', jobTitle: 'Responsable RH', phone: '04 72 11 22 33', email, password: 'Rejeu-Tremplin-2026!' },
    });
    if (response.status !== 202) throw new Error(`register: ${response.status} ${JSON.stringify(response.body)}`);
    const link = await eventually(
      async () => (await mails()).filter((m) => m.envelopeTo.includes(email)).map((m) => /https?:\/\/\S+\/api\/auth\/confirm-email\?token=[A-Za-z0-9_-]+/.exec(m.text)?.[0]).find(Boolean),
      20_000,
      `confirmation link to ${email}`,
    );
    return { ...(response.body as { companyId: string; membershipId: string }), link: new URL(link!) };
  };
  const confirm = async (link: URL) => {
    const response = await new ApiClient().request('GET', `${link.pathname}${link.search}`, undefined, { accept: 'application/json' });
    if (response.status !== 200) throw new Error(`confirm: ${response.status} ${JSON.stringify(response.body)}`);
  };
  const companyAct = async (companyId: string, body: Record<string, unknown>) => {
    const response = await (await cast.admin.client()).post(`/api/companies/${companyId}/transitions`, body);
    if (response.status !== 200) throw new Error(`${body.action} on company ${companyId}: ${response.status} ${JSON.stringify(response.body)}`);
  };

  const otherPaths: Record<string, () => Promise<string>> = {
    'offer-published-then-archived': async () => {
      const id = await newOffer();
      await offerAct(cast.recruiter, id, { action: 'submit' }, 'PENDING_MODERATION');
      await offerAct(cast.admin, id, { action: 'approve' }, 'PUBLISHED');
      await offerAct(cast.recruiter, id, { action: 'archive', reason: 'Poste pourvu.' }, 'ARCHIVED');
      return workflowIdOf('offer', id);
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
      await offerAct(cast.recruiter, id, { action: 'submit' }, 'PENDING_MODERATION');
      await offerAct(cast.admin, id, { action: 'reject', reason: 'Ajoutez la mention H/F au titre.' }, 'REJECTED');
      await offerAct(cast.recruiter, id, { action: 'submit' }, 'PENDING_MODERATION');
      await offerAct(cast.admin, id, { action: 'approve' }, 'PUBLISHED');
      return workflowIdOf('offer', id);
    },
    'sponsorship-accepted': async () => {
      const candidate = await createUser('CANDIDATE', { referentId: cast.referent.id });
      const id = await ask(candidate);
      await sponsorshipAct(cast.recruiter, id, { action: 'accept', sponsorUserId: cast.colleague.id }, 'ACCEPTED');
      return workflowIdOf('sponsorship', id);
    },
    // Two recruiters accept at once, naming different sponsors. Recorded before the 'fifo-handler-lock'
    // patch, both Updates completed (the bug): that history replays with the lock it ran with.
    'sponsorship-race-accept-accept': async () => {
      const candidate = await createUser('CANDIDATE', { referentId: cast.referent.id });
      const id = await ask(candidate);
      const [recruiter, colleague] = await Promise.all([cast.recruiter.client(), cast.colleague.client()]);
      await Promise.all([
        recruiter.post(`/api/sponsorships/${id}/transitions`, { action: 'accept', sponsorUserId: cast.recruiter.id }),
        colleague.post(`/api/sponsorships/${id}/transitions`, { action: 'accept', sponsorUserId: cast.colleague.id }),
      ]);
      return workflowIdOf('sponsorship', id);
    },
    // Handed over to another référent while the company has not answered, then accepted.
    'follow-up-sponsorship-moved-then-accepted': async () => {
      const candidate = await createUser('CANDIDATE', { referentId: cast.referent.id });
      const id = await ask(candidate);
      await moveToOtherReferent(candidate);
      await sponsorshipAct(cast.recruiter, id, { action: 'accept', sponsorUserId: cast.colleague.id }, 'ACCEPTED');
      return workflowIdOf('sponsorship', id);
    },
    'sponsorship-reminder-then-refused': async () => {
      const candidate = await createUser('CANDIDATE', { referentId: cast.referent.id });
      const id = randomUUID();
      await startProcess(await temporalClient(), inject('taskQueue'), 'sponsorship', {
        sponsorshipId: id,
        parties: { candidateId: candidate.id, companyId: cast.company.id, referentId: cast.referent.id, missionOfficerId: cast.missionOfficer.id },
        createdBy: { id: candidate.id, role: 'CANDIDATE' },
        message: 'Demande aux minuteries courtes.',
        createdAt: new Date().toISOString(),
        timers: { reminderMs: 1500 },
      });
      await eventually(async () => (await sql(`SELECT 1 FROM sponsorship_events WHERE sponsorship_id = $1 AND type = 'reminder'`, [id])).length === 1, 20_000, 'reminder');
      await sponsorshipAct(cast.recruiter, id, { action: 'refuse', comment: 'Aucun parrain disponible ce trimestre.' }, 'REFUSED');
      return workflowIdOf('sponsorship', id);
    },
    'company-verification-confirmed-verified': async () => {
      const { companyId, membershipId, link } = await register();
      await confirm(link);
      await companyAct(companyId, { action: 'verify' });
      return workflowIdOf('membership', membershipId);
    },
    'company-verification-confirmed-rejected': async () => {
      const { companyId, membershipId, link } = await register();
      await confirm(link);
      await companyAct(companyId, { action: 'reject', reason: 'SIREN d’une entreprise radiée.' });
      return workflowIdOf('membership', membershipId);
    },
    // Reminder after 1 s, expiry after 3 s, as the API would start it with short timers.
    'company-verification-reminded-expired': async () => {
      const companyId = randomUUID();
      const userId = randomUUID();
      const membershipId = randomUUID();
      const workflowId = workflowIdOf('membership', membershipId);
      const createdAt = new Date();
      await sql(
        `INSERT INTO companies (id, siren, name, city, status, status_changed_at, workflow_id) VALUES ($1, $2, 'Boulangerie du rejeu', 'Lyon', 'PENDING_EMAIL_CONFIRMATION', $3, $4)`,
        [companyId, validSiren(), createdAt, workflowId],
      );
      await sql(`INSERT INTO users (id, email, password_hash, role, first_name, last_name, company_id) VALUES ($1, $2, $3, 'RECRUITER', 'Théo', 'Rejeu', $4)`, [
        userId,
        `recording-${userId.slice(0, 8)}@test.local`,
        await hashPassword('Rejeu-Tremplin-2026!'),
        companyId,
      ]);
      await sql(
        `INSERT INTO company_memberships (id, company_id, user_id, kind, status, status_changed_at, workflow_id) VALUES ($1, $2, $3, 'FOUNDER', 'PENDING_EMAIL_CONFIRMATION', $4, $5)`,
        [membershipId, companyId, userId, createdAt, workflowId],
      );
      await sql(
        `INSERT INTO membership_events (membership_id, seq, type, to_status, actor_id, actor_role, at) VALUES ($1, 0, 'registered', 'PENDING_EMAIL_CONFIRMATION', $2, 'RECRUITER', $3)`,
        [membershipId, userId, createdAt],
      );
      await startProcess(await temporalClient(), inject('taskQueue'), 'membership', {
        membershipId,
        companyId,
        userId,
        kind: 'FOUNDER',
        createdAt: createdAt.toISOString(),
        createdBy: { id: userId, role: 'RECRUITER', companyId },
        timers: { emailReminderMs: 1000, emailExpiryMs: 3000 },
      });
      return workflowId;
    },
  };

  it('drives every process through representative paths and writes their histories', { timeout: 180_000 }, async () => {
    cast = await createCast();
    const client = await temporalClient();
    await mkdir(HISTORIES, { recursive: true });
    const only = process.env.RECORD_PATHS?.split(',').filter(Boolean);
    const prefix = process.env.RECORD_PREFIX ?? '';
    const paths: Record<string, () => Promise<string>> = {
      ...Object.fromEntries(Object.entries(applicationPaths).map(([name, drive]) => [name, async () => workflowIdOf('application', await drive())])),
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
});
