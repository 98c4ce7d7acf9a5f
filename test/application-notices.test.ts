// Who is told what about an application event, against real services: the harness's PostgreSQL
// database (test/global-setup.ts), and an SMTP mail catcher of this file's own, fed by a nodemailer
// transport, so the relay can be made to refuse mail without disturbing the other files.
import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import { jwtVerify } from 'jose';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Sequelize } from 'sequelize';
import { MockActivityEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { APPLICATION_COPY } from '../activities/application-copy.js';
import { APPLICATION_ROUTES, createApplicationNotices } from '../activities/application-notices.js';
import { MEMBERSHIP_COPY } from '../activities/company-verification-copy.js';
import { MEMBERSHIP_ROUTES } from '../activities/company-verification-notices.js';
import type { ActivityDeps } from '../activities/deps.js';
import { createVideoRoom } from '../activities/jitsi.js';
import { createMailer, messageIdFor } from '../activities/mail.js';
import type { Copy, Route, RoutingTable } from '../activities/notices.js';
import { OFFER_COPY } from '../activities/offer-copy.js';
import { OFFER_ROUTES } from '../activities/offer-notices.js';
import { SPONSORSHIP_COPY } from '../activities/sponsorship-copy.js';
import { SPONSORSHIP_ROUTES } from '../activities/sponsorship-notices.js';
import { CONTACT_REQUEST_ROUTES, contactRequestCopy } from '../activities/contact-request.js';
import { createLogger } from '../config/logger.js';
import { Application, CandidateProfile, Company, EmailOutbox, Notification, Offer, User, createDatabase, type Role } from '../models/index.js';
import { startMailCatcher, type CaughtMail, type MailCatcherHandle } from '../scripts/services/mail-catcher.js';
import { MESSAGE_READERS, type ApplicationAudience, type ApplicationEventType, type ApplicationNotice, type ApplicationStatus, type Actor, type InterviewView } from '../workflows/application-rules.js';
import { SPONSORSHIP_MESSAGE_READERS } from '../workflows/sponsorship-rules.js';
import { icsProperty, invitationOf } from './drivers.js';

/** This file's own connections, so the outbox test cuts only them (the platform shares the database). */
const APPLICATION_NAME = `notices-test-${randomBytes(4).toString('hex')}`;
const PUBLIC_URL = 'https://tremplin.example.org';
const JITSI = { JITSI_BASE_URL: 'https://meet.example.org', JITSI_APP_ID: 'tremplin-test', JITSI_APP_SECRET: 'un-secret-de-test-assez-long-pour-hs256' };
const MAIL_FROM = 'Tremplin <no-reply@tremplin.example.org>';
// User text with markup in it: it must come out escaped in HTML bodies.
const OFFER_TITLE = 'Chargé·e d’accueil <H/F> & "polyvalent"';
const SCRIPT_MESSAGE = '<script>alert("x")</script> Merci de compléter votre CV & de revenir vers moi.\nBon courage !';

let sequelize: Sequelize;
let catcher: MailCatcherHandle;
let transport: Transporter;
let deps: ActivityDeps;
let notices: ReturnType<typeof createApplicationNotices>;
/** Same database and SMTP, but a public Jitsi deployment (no tokens). */
let publicJitsiNotices: ReturnType<typeof createApplicationNotices>;

const people = {} as Record<
  'candidate' | 'candidate2' | 'referent' | 'referent2' | 'missionOfficer' | 'admin' | 'recruiter1' | 'recruiter2' | 'formerRecruiter',
  User
>;
let company: Company;
let offer: Offer;
/** With a référent who has a mission officer. */
let app1: Application;
/** Without référent, so sent to the company at once. */
let app2: Application;
/** Spontaneous, with a référent who has no mission officer, not yet sent to the company. */
let app3: Application;

async function createUser(role: Role, firstName: string, lastName: string, extra: Partial<{ companyId: string; missionOfficerId: string; disabledAt: Date }> = {}) {
  return User.create({
    id: randomUUID(),
    email: `${firstName}.${lastName}.${randomBytes(3).toString('hex')}@example.org`.toLowerCase().normalize('NFD').replace(/[^\x00-\x7f]/g, ''),
    passwordHash: 'not-used-here',
    role,
    firstName,
    lastName,
    ...extra,
  });
}

async function createApplication(
  candidate: User,
  referent: User | null,
  status: ApplicationStatus,
  message: string | null,
  applied: Offer | null,
) {
  const id = randomUUID();
  return Application.create({
    id,
    candidateId: candidate.id,
    companyId: company.id,
    offerId: applied?.id ?? null,
    referentId: referent?.id ?? null,
    // As the workflow's projection writes it: the référent's mission officer when the case began.
    missionOfficerId: referent?.missionOfficerId ?? null,
    createdBy: candidate.id,
    status,
    message,
    sentToCompanyAt: status === 'PENDING_REFERENT_VALIDATION' ? null : new Date(),
    workflowId: `application-${id}`,
  });
}

const actorOf = (user: User): Actor => ({
  id: user.id,
  role: user.role,
  companyId: user.companyId ?? null,
  name: `${user.firstName} ${user.lastName}`,
});

function notice(
  application: Application,
  seq: number,
  event: ApplicationEventType,
  status: ApplicationStatus,
  extra: Partial<Pick<ApplicationNotice, 'actor' | 'message' | 'interview'>> = {},
): ApplicationNotice {
  return {
    workflowId: application.workflowId,
    applicationId: application.id,
    seq,
    event,
    status,
    actor: extra.actor ?? null,
    message: extra.message ?? null,
    interview: extra.interview ?? null,
  };
}

function videoInterview(overrides: Partial<InterviewView> = {}): InterviewView {
  const room = createVideoRoom(JITSI);
  return {
    id: randomUUID(),
    round: 1,
    startsAt: '2030-03-04T09:30:00.000Z',
    durationMinutes: 45,
    mode: 'VIDEO',
    location: null,
    message: 'Prévoyez une pièce calme, nous parlerons de vos expériences.',
    status: 'PROPOSED',
    videoRoom: room.room,
    videoUrl: room.url,
    proposedBy: people.recruiter1.id,
    icsSequence: 0,
    ...overrides,
  };
}

/** The mails that arrived at the catcher while `fn` ran. */
async function mailsDuring(fn: () => Promise<unknown>): Promise<CaughtMail[]> {
  const before = catcher.messages.length;
  await fn();
  return catcher.messages.slice(before);
}

const recipientsOf = (mails: CaughtMail[]) => mails.flatMap((m) => m.envelopeTo).sort();
const emails = (...users: User[]) => users.map((u) => u.email).sort();
const mailTo = (mails: CaughtMail[], user: User) => {
  const found = mails.filter((m) => m.envelopeTo.includes(user.email));
  expect(found, `mails to ${user.email}`).toHaveLength(1);
  return found[0]!;
};

const joinLinkOf = (mail: CaughtMail) => /Rejoindre la visioconférence : (\S+)/.exec(mail.text)?.[1];

beforeAll(async () => {
  const url = new URL(inject('databaseUrl'));
  url.searchParams.set('application_name', APPLICATION_NAME);
  sequelize = createDatabase(url.toString(), { poolMax: 5 });

  catcher = await startMailCatcher();
  transport = nodemailer.createTransport(catcher.smtpUrl);
  const logger = createLogger('silent');
  deps = {
    sequelize,
    config: { MAIL_FROM, PUBLIC_URL, TEMPORAL_UI_URL: 'http://localhost:8233', ...JITSI },
    logger,
    mailTransport: transport,
  };
  notices = createApplicationNotices(deps);
  publicJitsiNotices = createApplicationNotices({
    ...deps,
    config: { ...deps.config, JITSI_APP_ID: undefined, JITSI_APP_SECRET: undefined },
  });

  company = await Company.create({
    id: randomUUID(),
    // The database is shared with the other files: a SIREN of its own (only its shape is checked here).
    siren: String(100_000_000 + randomInt(800_000_000)),
    siret: null,
    name: 'Ateliers Lumière',
    sector: 'Industrie',
    size: '50-249',
    address: '12 rue des Lilas',
    postalCode: '75011',
    city: 'Paris',
    description: null,
    website: null,
    status: 'VERIFIED',
    workflowId: null,
  });
  people.admin = await createUser('ADMIN', 'Adèle', 'Admin');
  people.missionOfficer = await createUser('MISSION_OFFICER', 'Mona', 'Petit');
  people.referent = await createUser('REFERENT', 'Rémi', 'Durand', { missionOfficerId: people.missionOfficer.id });
  people.referent2 = await createUser('REFERENT', 'Rose', 'Moreau');
  people.candidate = await createUser('CANDIDATE', 'Camille', 'Martin');
  people.candidate2 = await createUser('CANDIDATE', 'Karim', 'Benali');
  people.recruiter1 = await createUser('RECRUITER', 'Rita', 'Bernard', { companyId: company.id });
  people.recruiter2 = await createUser('RECRUITER', 'Raoul', 'Lefèvre', { companyId: company.id });
  people.formerRecruiter = await createUser('RECRUITER', 'Fanny', 'Ancienne', { companyId: company.id, disabledAt: new Date() });
  await CandidateProfile.create({ userId: people.candidate.id, referentId: people.referent.id, rqth: true });
  await CandidateProfile.create({ userId: people.candidate2.id, referentId: null });
  offer = await Offer.create({
    id: randomUUID(),
    companyId: company.id,
    title: OFFER_TITLE,
    contractType: 'CDI',
    postalCode: '75011',
    city: 'Paris',
    description: 'Accueil du public et des partenaires.',
    status: 'PUBLISHED',
  });
  app1 = await createApplication(people.candidate, people.referent, 'PENDING_REFERENT_VALIDATION', 'Je suis très motivée par ce poste.', offer);
  app2 = await createApplication(people.candidate2, null, 'PENDING_RECRUITER', null, offer);
  app3 = await createApplication(people.candidate2, people.referent2, 'PENDING_REFERENT_VALIDATION', null, null);
});

afterAll(async () => {
  await sequelize?.close();
  transport?.close();
  await catcher?.stop();
});

describe('mail outbox', () => {
  it('sends a keyed mail once, with a Message-ID derived from its key, and escapes the text in HTML', async () => {
    const { sendOnce } = createMailer(deps);
    const key = `test:${randomUUID()}`;
    const mail = { key, to: 'someone@example.org', subject: 'Essai « outbox »', text: 'Bonjour <b>toi</b> & les autres' };
    const mails = await mailsDuring(async () => {
      expect(await sendOnce(mail)).toBe('sent');
      expect(await sendOnce(mail)).toBe('already-sent');
    });
    expect(mails).toHaveLength(1);
    expect(mails[0]!.headers['message-id']).toBe(messageIdFor(key, MAIL_FROM));
    expect(mails[0]!.from).toContain('no-reply@tremplin.example.org');
    expect(mails[0]!.text.trim()).toBe(mail.text);
    expect(mails[0]!.html).toContain('Bonjour &lt;b&gt;toi&lt;/b&gt; &amp; les autres');
    const row = await EmailOutbox.findOne({ where: { idempotencyKey: key } });
    expect(row).toMatchObject({ status: 'SENT', attempts: 1, messageId: messageIdFor(key, MAIL_FROM) });
    expect(row!.sentAt).toBeInstanceOf(Date);
  });

  it('sends once when two attempts for the same key race (an activity retried while the first still runs)', async () => {
    const { sendOnce } = createMailer(deps);
    const mail = { key: `test:${randomUUID()}`, to: 'someone@example.org', subject: 'Course', text: 'Une seule fois.' };
    let outcomes: string[] = [];
    const mails = await mailsDuring(async () => {
      outcomes = await Promise.all([sendOnce(mail), sendOnce(mail), sendOnce(mail)]);
    });
    expect(outcomes.sort()).toEqual(['already-sent', 'already-sent', 'sent']);
    expect(mails).toHaveLength(1);
  });

  it('records a mail the relay accepted as PostgreSQL cut its transaction, never sends it again, and tells the next attempt through the heartbeat', async () => {
    const key = `test:${randomUUID()}`;
    const mail = { key, to: 'someone@example.org', subject: 'Coupure', text: 'Acceptée, puis la base est tombée.' };
    // The real relay, then the database session holding the outbox row is killed, as a PostgreSQL
    // restart would, between the relay's 250 and the outbox's commit.
    const cutAfterSend = {
      sendMail: async (message: Parameters<Transporter['sendMail']>[0]) => {
        const info = await transport.sendMail(message);
        await sequelize.query(
          `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
           WHERE datname = current_database() AND application_name = :name AND state LIKE 'idle in transaction%' AND pid <> pg_backend_pid()`,
          { replacements: { name: APPLICATION_NAME } },
        );
        return info;
      },
    } as unknown as Transporter;
    const { sendOnce } = createMailer({ ...deps, mailTransport: cutAfterSend });
    const activity = new MockActivityEnvironment();
    const heartbeats: unknown[] = [];
    activity.on('heartbeat', (details: unknown) => heartbeats.push(details));
    const mails = await mailsDuring(async () => {
      expect(await activity.run(() => sendOnce(mail))).toBe('sent');
    });
    expect(mails).toHaveLength(1);
    expect(await EmailOutbox.findOne({ where: { idempotencyKey: key } })).toMatchObject({ status: 'SENT', messageId: messageIdFor(key, MAIL_FROM) });
    expect(heartbeats).toContainEqual({ delivered: [key] });
  });

  it('a mail the outbox refuses leaves no row and gives its connection back (its transaction is rolled back)', async () => {
    // One connection in all: a failed write that kept it (or left it in its transaction) would hold up the next.
    const single = createDatabase(inject('databaseUrl'), { poolMax: 1 });
    try {
      const { sendOnce } = createMailer({ ...deps, sequelize: single });
      const key = `test:${randomUUID()}`;
      for (let i = 0; i < 3; i++) {
        await expect(sendOnce({ key, to: null as unknown as string, subject: 'Sans destinataire', text: 'Refusé.' })).rejects.toThrow(/to_address/);
      }
      expect(await EmailOutbox.findOne({ where: { idempotencyKey: key } })).toBeNull();
      const good = { key: `test:${randomUUID()}`, to: 'someone@example.org', subject: 'Après les refus', text: 'Envoyé.' };
      expect(await mailsDuring(async () => expect(await sendOnce(good)).toBe('sent'))).toHaveLength(1);
      expect(await EmailOutbox.findOne({ where: { idempotencyKey: good.key } })).toMatchObject({ status: 'SENT' });
    } finally {
      await single.close();
    }
  });

  it('a retry whose earlier attempt had the mail accepted (heartbeat details) records it SENT without sending', async () => {
    const { sendOnce } = createMailer(deps);
    const key = `test:${randomUUID()}`;
    const mail = { key, to: 'someone@example.org', subject: 'Déjà parti', text: 'Le worker est mort avant d’écrire SENT.' };
    // The earlier attempt's row did not survive either: the retry writes it.
    const retry = new MockActivityEnvironment({ attempt: 2, heartbeatDetails: { delivered: [key] } });
    const mails = await mailsDuring(async () => {
      expect(await retry.run(() => sendOnce(mail))).toBe('already-sent');
    });
    expect(mails).toHaveLength(0);
    expect(await EmailOutbox.findOne({ where: { idempotencyKey: key } })).toMatchObject({ status: 'SENT', messageId: messageIdFor(key, MAIL_FROM) });
    // Another mail of the same activity, not in the details, still goes out.
    const other = { ...mail, key: `test:${randomUUID()}` };
    expect(await mailsDuring(async () => expect(await retry.run(() => sendOnce(other))).toBe('sent'))).toHaveLength(1);
  });
});

describe('application notices', () => {
  it('created, awaiting the référent: asks the référent to validate and acknowledges to the candidate', async () => {
    const created = notice(app1, 0, 'created', 'PENDING_REFERENT_VALIDATION', {
      actor: actorOf(people.candidate),
      message: app1.message,
    });
    const mails = await mailsDuring(() => notices.notifyApplicationEvent(created));
    expect(recipientsOf(mails)).toEqual(emails(people.referent, people.candidate));

    const toReferent = mailTo(mails, people.referent);
    expect(toReferent.subject).toBe(`Nouvelle candidature à valider — « ${OFFER_TITLE} » (Ateliers Lumière)`);
    expect(toReferent.text).toContain('Bonjour Rémi,');
    expect(toReferent.text).toContain('Camille Martin');
    expect(toReferent.text).toContain('Je suis très motivée par ce poste.');
    expect(toReferent.text).toContain(`${PUBLIC_URL}/candidatures/${app1.id}`);
    expect(toReferent.html).toContain('Chargé·e d’accueil &lt;H/F&gt; &amp; &quot;polyvalent&quot;');
    expect(toReferent.html).not.toContain('<H/F>');

    const toCandidate = mailTo(mails, people.candidate);
    expect(toCandidate.subject).toMatch(/^Candidature enregistrée — /);
    expect(toCandidate.text).toContain('Rémi Durand');

    const rows = await Notification.findAll({ where: { entityId: app1.id }, order: [['title', 'ASC']] });
    expect(rows.map((n) => [n.userId, n.idempotencyKey, n.link, n.kind])).toEqual(
      expect.arrayContaining([
        [people.referent.id, `${app1.workflowId}:0:${people.referent.id}`, `/candidatures/${app1.id}`, 'application.created'],
        [people.candidate.id, `${app1.workflowId}:0:${people.candidate.id}`, `/candidatures/${app1.id}`, 'application.created'],
      ]),
    );
    expect(rows.map((n) => n.title).sort()).toEqual(['Candidature enregistrée', 'Nouvelle candidature à valider']);
  });

  it('created without référent: tells the active recruiters of the company and the candidate', async () => {
    const mails = await mailsDuring(() =>
      notices.notifyApplicationEvent(notice(app2, 0, 'created', 'PENDING_RECRUITER', { actor: actorOf(people.candidate2) })),
    );
    expect(recipientsOf(mails)).toEqual(emails(people.recruiter1, people.recruiter2, people.candidate2));
    expect(mailTo(mails, people.recruiter1).subject).toMatch(/^Nouvelle candidature reçue — /);
    expect(mailTo(mails, people.recruiter1).text).toContain('Karim Benali');
    expect(mailTo(mails, people.candidate2).subject).toMatch(/^Candidature envoyée — /);
  });

  it('validate: the application reaches the recruiters, and the candidate learns it', async () => {
    const mails = await mailsDuring(() =>
      notices.notifyApplicationEvent(notice(app1, 1, 'validate', 'PENDING_RECRUITER', { actor: actorOf(people.referent) })),
    );
    expect(recipientsOf(mails)).toEqual(emails(people.candidate, people.recruiter1, people.recruiter2));
    expect(mailTo(mails, people.candidate).subject).toMatch(/^Candidature validée par votre référent — /);
    expect(mailTo(mails, people.recruiter2).text).toContain('Camille Martin');
    // The candidate's own message reaches the recruiters with the application.
    expect(mailTo(mails, people.recruiter2).text).toContain('Je suis très motivée par ce poste.');
  });

  it('reject: quotes the référent’s message in full to the candidate and the référent, escaped in HTML', async () => {
    const mails = await mailsDuring(() =>
      notices.notifyApplicationEvent(
        notice(app3, 1, 'reject', 'REJECTED_BY_REFERENT', { actor: actorOf(people.referent2), message: SCRIPT_MESSAGE }),
      ),
    );
    expect(recipientsOf(mails)).toEqual(emails(people.candidate2, people.referent2));
    const toCandidate = mailTo(mails, people.candidate2);
    expect(toCandidate.subject).toBe('Candidature non validée par votre référent — candidature spontanée (Ateliers Lumière)');
    expect(toCandidate.text).toContain('n’a pas validé votre candidature spontanée chez Ateliers Lumière');
    expect(toCandidate.text).toContain(SCRIPT_MESSAGE);
    expect(toCandidate.html).not.toMatch(/<script/i);
    expect(toCandidate.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Merci de compléter votre CV &amp; de revenir vers moi.<br>Bon courage !');
    expect(mailTo(mails, people.referent2).text).toContain(SCRIPT_MESSAGE);
  });

  it('propose_interview (VIDEO, token auth): invitation and personal signed join link for each person', async () => {
    const interview = videoInterview();
    const proposal = notice(app1, 3, 'propose_interview', 'INTERVIEW_PROPOSED', {
      actor: actorOf(people.recruiter1),
      message: interview.message,
      interview,
    });
    const mails = await mailsDuring(() => notices.notifyApplicationEvent(proposal));
    expect(recipientsOf(mails)).toEqual(emails(people.candidate, people.referent, people.recruiter1));

    const toCandidate = mailTo(mails, people.candidate);
    expect(toCandidate.subject).toBe(`Proposition d’entretien — « ${OFFER_TITLE} » (Ateliers Lumière)`);
    // 09:30 UTC in March is 10:30 in Paris.
    expect(toCandidate.text).toContain('lundi 4 mars 2030 à 10:30');
    expect(toCandidate.text).toContain('Prévoyez une pièce calme');

    for (const [user, moderator] of [
      [people.candidate, false],
      [people.referent, false],
      [people.recruiter1, true],
    ] as const) {
      const mail = mailTo(mails, user);
      const ics = invitationOf(mail);
      expect(icsProperty(ics, 'METHOD')).toBe('REQUEST');
      expect(icsProperty(ics, 'UID')).toBe(`${interview.id}@tremplin`);
      expect(icsProperty(ics, 'SEQUENCE')).toBe('0');
      expect(icsProperty(ics, 'DTSTART')).toBe('20300304T093000Z');
      expect(icsProperty(ics, 'DTEND')).toBe('20300304T101500Z');

      const link = joinLinkOf(mail)!;
      expect(link.startsWith(`${interview.videoUrl}?jwt=`)).toBe(true);
      expect(icsProperty(ics, 'LOCATION')).toBe(link);
      const token = new URL(link).searchParams.get('jwt')!;
      const { payload } = await jwtVerify(token, new TextEncoder().encode(JITSI.JITSI_APP_SECRET), {
        audience: 'jitsi',
        issuer: JITSI.JITSI_APP_ID,
        subject: 'meet.example.org',
      });
      expect(payload.room).toBe(interview.videoRoom);
      expect(payload.context).toMatchObject({ user: { id: user.id, email: user.email, moderator } });
      // Valid past the interview's end (10:15 UTC), not forever.
      expect(payload.exp! * 1000).toBeGreaterThan(Date.parse('2030-03-04T10:15:00Z'));
      expect(payload.exp! * 1000).toBeLessThan(Date.parse('2030-03-05T10:15:00Z'));
    }
  });

  it('propose_interview on a public Jitsi deployment: the plain room URL', async () => {
    const interview = videoInterview({ round: 2 });
    const mails = await mailsDuring(() =>
      publicJitsiNotices.notifyApplicationEvent(
        notice(app1, 50, 'propose_interview', 'INTERVIEW_PROPOSED', { actor: actorOf(people.recruiter1), interview }),
      ),
    );
    expect(mails).toHaveLength(3);
    for (const mail of mails) {
      expect(joinLinkOf(mail)).toBe(interview.videoUrl);
      expect(icsProperty(invitationOf(mail), 'LOCATION')).toBe(interview.videoUrl);
    }
    expect(interview.videoRoom).toMatch(/^tremplin-[a-z2-7]{32}$/);
  });

  it('confirm_interview: tells the proposing recruiter and the référent', async () => {
    const interview = videoInterview({ status: 'CONFIRMED' });
    const mails = await mailsDuring(() =>
      notices.notifyApplicationEvent(
        notice(app1, 4, 'confirm_interview', 'INTERVIEW_PROPOSED', { actor: actorOf(people.candidate), interview }),
      ),
    );
    expect(recipientsOf(mails)).toEqual(emails(people.recruiter1, people.referent));
    expect(mailTo(mails, people.recruiter1).subject).toMatch(/^Entretien confirmé — /);
    expect(mailTo(mails, people.recruiter1).text).toContain('Camille Martin a confirmé');
  });

  it('cancel_interview: sends the CANCEL invitation with the next sequence to the same people', async () => {
    const interview = videoInterview({ status: 'CANCELLED', icsSequence: 1 });
    const mails = await mailsDuring(() =>
      notices.notifyApplicationEvent(
        notice(app1, 5, 'cancel_interview', 'ACCEPTED', { actor: actorOf(people.recruiter1), message: 'Imprévu, désolée.', interview }),
      ),
    );
    expect(recipientsOf(mails)).toEqual(emails(people.candidate, people.referent, people.recruiter1));
    for (const mail of mails) {
      expect(mail.subject).toMatch(/^Entretien annulé — /);
      const ics = invitationOf(mail);
      expect(icsProperty(ics, 'METHOD')).toBe('CANCEL');
      expect(icsProperty(ics, 'UID')).toBe(`${interview.id}@tremplin`);
      expect(icsProperty(ics, 'SEQUENCE')).toBe('1');
      expect(icsProperty(ics, 'STATUS')).toBe('CANCELLED');
      // The same event, by its UID; no fresh token to a room nobody should join any more.
      expect(icsProperty(ics, 'LOCATION')).toBe(interview.videoUrl);
      expect(mail.text + ics).not.toContain('jwt=');
    }
    expect(mailTo(mails, people.candidate).text).toContain('Imprévu, désolée.');
  });

  it('refuse while an interview is planned: message to candidate and référent, CANCEL invitation to all three', async () => {
    const interview = videoInterview({ status: 'CANCELLED', icsSequence: 1 });
    const mails = await mailsDuring(() =>
      notices.notifyApplicationEvent(
        notice(app1, 6, 'refuse', 'REFUSED', { actor: actorOf(people.recruiter2), message: 'Nous avons retenu un autre profil.', interview }),
      ),
    );
    expect(recipientsOf(mails)).toEqual(emails(people.candidate, people.referent, people.recruiter1));
    expect(mailTo(mails, people.candidate).subject).toMatch(/^Réponse à votre candidature — /);
    expect(mailTo(mails, people.candidate).text).toContain('Nous avons retenu un autre profil.');
    expect(mailTo(mails, people.referent).text).toContain('Nous avons retenu un autre profil.');
    for (const mail of mails) expect(icsProperty(invitationOf(mail), 'METHOD')).toBe('CANCEL');
  });

  it('withdraw: the référent always, the recruiters only once the application reached them', async () => {
    const notSent = await mailsDuring(() =>
      notices.notifyApplicationEvent(notice(app3, 2, 'withdraw', 'WITHDRAWN', { actor: actorOf(people.candidate2) })),
    );
    expect(recipientsOf(notSent)).toEqual(emails(people.referent2));
    expect(notSent[0]!.subject).toMatch(/^Candidature retirée — /);

    const sent = await mailsDuring(() =>
      notices.notifyApplicationEvent(notice(app2, 1, 'withdraw', 'WITHDRAWN', { actor: actorOf(people.candidate2) })),
    );
    expect(recipientsOf(sent)).toEqual(emails(people.recruiter1, people.recruiter2));
  });

  it('quotes an event’s words to exactly the readers MESSAGE_READERS names (what the web app says under the field)', async () => {
    const app = await createApplication(people.candidate, people.referent, 'INTERVIEW_PROPOSED', null, null);
    const audienceOf: Record<ApplicationAudience, User[]> = {
      candidate: [people.candidate],
      referent: [people.referent],
      recruiter: [people.recruiter1, people.recruiter2],
      proposer: [people.recruiter1],
      missionOfficer: [people.missionOfficer],
      admin: [people.admin],
    };
    const recruiter = actorOf(people.recruiter1);
    const cases: Array<[ApplicationEventType, ApplicationStatus, Actor, InterviewView['status'] | null]> = [
      ['created', 'PENDING_REFERENT_VALIDATION', actorOf(people.candidate), null],
      ['validate', 'PENDING_RECRUITER', actorOf(people.referent), null],
      ['reject', 'REJECTED_BY_REFERENT', actorOf(people.referent), null],
      ['accept', 'ACCEPTED', recruiter, null],
      ['refuse', 'REFUSED', recruiter, 'CANCELLED'],
      ['propose_interview', 'INTERVIEW_PROPOSED', recruiter, 'PROPOSED'],
      ['confirm_interview', 'INTERVIEW_PROPOSED', actorOf(people.candidate), 'CONFIRMED'],
      ['reschedule_interview', 'INTERVIEW_PROPOSED', recruiter, 'PROPOSED'],
      ['request_other_slot', 'INTERVIEW_PROPOSED', actorOf(people.candidate), 'CONFIRMED'],
      ['cancel_interview', 'ACCEPTED', recruiter, 'CANCELLED'],
      ['mark_interview_done', 'INTERVIEW_DONE', recruiter, 'DONE'],
      ['hire', 'HIRED', recruiter, 'DONE'],
      ['not_hire', 'NOT_HIRED', recruiter, 'DONE'],
      ['withdraw', 'WITHDRAWN', actorOf(people.candidate), 'CANCELLED'],
    ];
    expect(cases.map(([event]) => event).sort()).toEqual(Object.keys(MESSAGE_READERS).sort());
    for (const [i, [event, status, actor, interviewStatus]] of cases.entries()) {
      const words = `Les mots de « ${event} » ${randomUUID()}`;
      const interview = interviewStatus ? videoInterview({ status: interviewStatus, message: null }) : null;
      const told = await mailsDuring(() => notices.notifyApplicationEvent(notice(app, 100 + i, event, status, { actor, message: words, interview })));
      const readers = new Set(MESSAGE_READERS[event]!.flatMap((audience) => audienceOf[audience]).map((u) => u.email));
      const expected = recipientsOf(told).filter((email) => readers.has(email));
      expect(expected.length, `${event}: some reader is told`).toBeGreaterThan(0);
      expect(recipientsOf(told.filter((m) => m.text.includes(words))), event).toEqual(expected);
    }
  });

  it('reminders: référent, then their mission officer (or the admins), recruiters, and both sides before an interview', async () => {
    const reminder = await mailsDuring(() => notices.notifyApplicationEvent(notice(app1, 20, 'referent_reminder', 'PENDING_REFERENT_VALIDATION')));
    expect(recipientsOf(reminder)).toEqual(emails(people.referent));
    expect(reminder[0]!.subject).toMatch(/^Rappel : candidature à valider — /);

    const escalation = await mailsDuring(() => notices.notifyApplicationEvent(notice(app1, 21, 'referent_escalation', 'PENDING_REFERENT_VALIDATION')));
    expect(recipientsOf(escalation)).toEqual(emails(people.missionOfficer));
    expect(escalation[0]!.text).toContain('Rémi Durand');

    // Every active admin; the database is shared, so the other files' admins are among them.
    const noOfficer = await mailsDuring(() => notices.notifyApplicationEvent(notice(app3, 21, 'referent_escalation', 'PENDING_REFERENT_VALIDATION')));
    const admins = await User.findAll({ where: { role: 'ADMIN', disabledAt: null } });
    expect(recipientsOf(noOfficer)).toContain(people.admin.email);
    expect(admins.map((u) => u.email)).toEqual(expect.arrayContaining(recipientsOf(noOfficer)));

    const recruiters = await mailsDuring(() => notices.notifyApplicationEvent(notice(app2, 22, 'recruiter_reminder', 'PENDING_RECRUITER')));
    expect(recipientsOf(recruiters)).toEqual(emails(people.recruiter1, people.recruiter2));

    const interview = videoInterview({ status: 'CONFIRMED' });
    const soon = await mailsDuring(() =>
      notices.notifyApplicationEvent(notice(app1, 23, 'interview_reminder', 'INTERVIEW_PROPOSED', { interview })),
    );
    expect(recipientsOf(soon)).toEqual(emails(people.candidate, people.referent, people.recruiter1));
    expect(mailTo(soon, people.candidate).subject).toMatch(/^Rappel : entretien le lundi 4 mars 2030 à 10:30 — /);
  });

  it('escalates to the admins when the case’s mission officer is disabled, or is no mission officer', async () => {
    const admins = (await User.findAll({ where: { role: 'ADMIN', disabledAt: null } })).map((u) => u.email);
    await people.missionOfficer.update({ disabledAt: new Date() });
    try {
      const disabled = await mailsDuring(() => notices.notifyApplicationEvent(notice(app1, 24, 'referent_escalation', 'PENDING_REFERENT_VALIDATION')));
      expect(recipientsOf(disabled)).toContain(people.admin.email);
      expect(recipientsOf(disabled)).not.toContain(people.missionOfficer.email);
      expect(admins).toEqual(expect.arrayContaining(recipientsOf(disabled)));
    } finally {
      await people.missionOfficer.update({ disabledAt: null });
    }
    // The id the row holds must be a mission officer's account: a référent's is not one.
    const candidate = await createUser('CANDIDATE', 'Inès', 'Roux');
    const app = await createApplication(candidate, people.referent, 'PENDING_REFERENT_VALIDATION', null, null);
    await app.update({ missionOfficerId: people.referent2.id });
    const notAnOfficer = await mailsDuring(() => notices.notifyApplicationEvent(notice(app, 1, 'referent_escalation', 'PENDING_REFERENT_VALIDATION')));
    expect(recipientsOf(notAnOfficer)).toContain(people.admin.email);
    expect(recipientsOf(notAnOfficer)).not.toContain(people.referent2.email);
  });

  it('is idempotent: the same notice twice sends each mail and notification once', async () => {
    const hired = notice(app1, 30, 'hire', 'HIRED', { actor: actorOf(people.recruiter1), message: 'Bienvenue dans l’équipe !' });
    const first = await mailsDuring(() => notices.notifyApplicationEvent(hired));
    const second = await mailsDuring(() => notices.notifyApplicationEvent(hired));
    expect(recipientsOf(first)).toEqual(emails(people.candidate, people.referent));
    expect(second).toHaveLength(0);
    expect(mailTo(first, people.candidate).subject).toMatch(/^Félicitations : votre candidature est retenue ! — /);
    expect(await Notification.count({ where: { idempotencyKey: `${app1.workflowId}:30:${people.candidate.id}` } })).toBe(1);
    expect(await Notification.count({ where: { entityId: app1.id, kind: 'application.hire' } })).toBe(2);
  });

  it('a mail refused by the relay is recorded, then sent exactly once when the relay accepts again', async () => {
    const accepted = notice(app1, 40, 'accept', 'ACCEPTED', { actor: actorOf(people.recruiter1) });
    const keys = [people.candidate, people.referent].map((u) => `${app1.workflowId}:40:${u.id}`);

    catcher.setRefusing(true);
    try {
      const refused = await mailsDuring(() => expect(notices.notifyApplicationEvent(accepted)).rejects.toThrow(/451/));
      expect(refused).toHaveLength(0);
    } finally {
      catcher.setRefusing(false);
    }
    const failed = await EmailOutbox.findAll({ where: { idempotencyKey: keys } });
    expect(failed).toHaveLength(2);
    for (const row of failed) {
      expect(row.status).toBe('FAILED');
      expect(row.attempts).toBe(1);
      expect(row.lastError).toMatch(/451/);
    }
    // In-app notifications do not depend on the relay.
    expect(await Notification.count({ where: { idempotencyKey: keys } })).toBe(2);

    const retried = await mailsDuring(() => notices.notifyApplicationEvent(accepted));
    expect(recipientsOf(retried)).toEqual(emails(people.candidate, people.referent));
    const again = await mailsDuring(() => notices.notifyApplicationEvent(accepted));
    expect(again).toHaveLength(0);
    const sent = await EmailOutbox.findAll({ where: { idempotencyKey: keys } });
    expect(sent.map((r) => [r.status, r.attempts, r.lastError])).toEqual([
      ['SENT', 2, null],
      ['SENT', 2, null],
    ]);
  });
});

describe('notice tables', () => {
  // Routes say who is told, copy says what they read: a routed audience without copy would be told
  // nothing, copy no route reaches is dead. Mails carrying a secret have their own letters.
  const processes: Array<[string, RoutingTable<string, string, string, Route<string, string> & { secret?: string }>, Copy<string, string, never>]> = [
    ['application', APPLICATION_ROUTES, APPLICATION_COPY as Copy<string, string, never>],
    ['offer', OFFER_ROUTES, OFFER_COPY as Copy<string, string, never>],
    ['sponsorship', SPONSORSHIP_ROUTES, SPONSORSHIP_COPY as Copy<string, string, never>],
    ['company verification', MEMBERSHIP_ROUTES, MEMBERSHIP_COPY as Copy<string, string, never>],
    ['contact request', CONTACT_REQUEST_ROUTES, contactRequestCopy('http://tremplin.test') as Copy<string, string, never>],
  ];

  it.each([
    ['application', APPLICATION_ROUTES, MESSAGE_READERS],
    ['sponsorship', SPONSORSHIP_ROUTES, SPONSORSHIP_MESSAGE_READERS],
  ] as Array<[string, RoutingTable<string, string, string>, Partial<Record<string, readonly string[]>>]>)(
    '%s: the readers of an event’s words are among the audiences its routes name',
    (_name, routes, readers) => {
      for (const [event, audiences] of Object.entries(readers)) {
        const routed = new Set((routes[event] ?? []).map((r) => r.to));
        expect(audiences!.filter((a) => !routed.has(a)), event).toEqual([]);
      }
    },
  );

  it.each(processes)('%s: every audience a route names has its copy, and all copy is reached', (_name, routes, copy) => {
    expect(Object.keys(copy).sort()).toEqual(Object.keys(routes).sort());
    for (const [event, list] of Object.entries(routes)) {
      const routed = new Set(list.filter((r) => !r.secret).flatMap((r) => [r.to, ...(r.orElse ? [r.orElse] : [])]));
      expect(Object.keys(copy[event]!).sort(), event).toEqual([...routed].sort());
    }
  });
});
