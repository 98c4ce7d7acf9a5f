// The notification centre and the notification preferences (issue #16, items 1–2), through the API
// against the running platform: notifications written by real events (an application created tells
// the référent), the unread count of /api/me, marking read (one's own only, idempotent, twice at
// once), the preferences per role, and the notice pipeline honouring them — a muted e-mail is not
// sent, a muted in-app notification is not written, a retry keeps the first decision, and a security
// mail goes out whatever is muted.
import { randomUUID } from 'node:crypto';
import type { Sequelize } from 'sequelize';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDatabase } from '../models/index.js';
import { skippedChannels } from '../models/notification-preferences.js';
import { PREFERENCE_GROUPS, groupsFor } from '../workflows/notification-preferences.js';
import { mailsTo, outboxDrained } from './drivers.js';
import { createCast, createUser, insertPublishedOffer, type Cast, type Person } from './fixtures.js';
import { ApiClient, eventually, sql } from './support.js';

let cast: Cast;
let sequelize: Sequelize;

beforeAll(async () => {
  cast = await createCast();
  sequelize = createDatabase(inject('databaseUrl'), { poolMax: 2 });
});
afterAll(async () => {
  await sequelize?.close();
});

/** Notifications written straight to the table, oldest first (a second apart), for the reading routes. */
async function insertNotifications(userId: string, titles: string[]): Promise<string[]> {
  const ids: string[] = [];
  for (const [i, title] of titles.entries()) {
    const id = randomUUID();
    const entityId = randomUUID();
    await sql(
      `INSERT INTO notifications (id, user_id, idempotency_key, kind, title, body, link, entity_type, entity_id, created_at)
       VALUES ($1, $2, $3, 'application.created', $4, 'Corps', $5, 'application', $6, now() - ($7 || ' seconds')::interval)`,
      [id, userId, `test:${id}`, title, `/candidatures/${entityId}`, entityId, String(titles.length - i)],
    );
    ids.push(id);
  }
  return ids;
}

/** A candidate of the cast's référent applies; resolves once everybody told was told. */
async function applyAsNewCandidate(): Promise<{ applicationId: string; candidate: Person }> {
  const candidate = await createUser('CANDIDATE', { referentId: cast.referent.id });
  const offerId = await insertPublishedOffer(cast.company.id, `Magasinier ${randomUUID().slice(0, 6)} H/F`);
  const created = await (await candidate.client()).post('/api/applications', { offerId });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const applicationId = created.body.id as string;
  // The candidate is told in the same activity as the référent: once theirs is written, the activity runs.
  await eventually(async () => (await sql(`SELECT 1 FROM notifications WHERE user_id = $1 AND entity_id = $2`, [candidate.id, applicationId])).length > 0, 30_000, 'the candidate’s notification');
  await outboxDrained(`application-${applicationId}`);
  return { applicationId, candidate };
}

const fieldsOf = (body: any): string[] => (body?.error?.details?.fields ?? []).map((f: { field: string }) => f.field);

describe('notification centre', () => {
  it('an application created: the référent’s notification in the list and in the unread count of /api/me, nobody else’s', async () => {
    const referent = await cast.referent.client();
    const before = (await referent.get('/api/me')).body.unreadNotifications as number;
    const { applicationId } = await applyAsNewCandidate();

    const me = await referent.get('/api/me');
    expect(me.body.unreadNotifications).toBe(before + 1);
    const list = await referent.get('/api/notifications?unread=true');
    expect(list.status).toBe(200);
    const mine = list.body.items.find((n: any) => n.entityId === applicationId);
    expect(mine).toMatchObject({ kind: 'application.created', entityType: 'application', link: `/candidatures/${applicationId}`, readAt: null });
    expect(mine.title).toBeTruthy();
    expect(list.body).toMatchObject({ page: 1, pageSize: 20, total: before + 1 });

    // The other référent sees none of it.
    const other = await (await cast.otherReferent.client()).get('/api/notifications');
    expect(other.body.items.some((n: any) => n.entityId === applicationId)).toBe(false);
  });

  it('marks one, ignores others’ ids, marks all; newest first; filters read and unread', async () => {
    const person = await createUser('RECRUITER', { companyId: cast.company.id });
    const stranger = await createUser('RECRUITER', { companyId: cast.otherCompany.id });
    const [oldest, middle, newest] = await insertNotifications(person.id, ['Première', 'Deuxième', 'Troisième']);
    const [theirs] = await insertNotifications(stranger.id, ['Pas à vous']);
    const client = await person.client();

    const all = await client.get('/api/notifications');
    expect(all.body.items.map((n: any) => n.title)).toEqual(['Troisième', 'Deuxième', 'Première']);
    expect((await client.get('/api/me')).body.unreadNotifications).toBe(3);

    // One of one's own and one of someone else's: only one's own changes.
    const marked = await client.post('/api/notifications/read', { ids: [middle, theirs] });
    expect(marked.status).toBe(200);
    expect(marked.body).toEqual({ unread: 2 });
    const [stillUnread] = await sql(`SELECT read_at FROM notifications WHERE id = $1`, [theirs]);
    expect(stillUnread.read_at).toBeNull();
    const [firstRead] = await sql(`SELECT read_at FROM notifications WHERE id = $1`, [middle]);

    // Idempotent: again, nothing changes (the first reading time stays).
    expect((await client.post('/api/notifications/read', { ids: [middle] })).body).toEqual({ unread: 2 });
    const [again] = await sql(`SELECT read_at FROM notifications WHERE id = $1`, [middle]);
    expect(again.read_at).toEqual(firstRead.read_at);

    expect((await client.get('/api/notifications?unread=true')).body.items.map((n: any) => n.id)).toEqual([newest, oldest]);
    expect((await client.get('/api/notifications?unread=false')).body.items.map((n: any) => n.id)).toEqual([middle]);
    const paged = await client.get('/api/notifications?page=2&pageSize=2');
    expect(paged.body).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(paged.body.items.map((n: any) => n.id)).toEqual([oldest]);

    // Two « tout marquer comme lu » at once: both answer 0 unread, the stranger's is untouched.
    const both = await Promise.all([client.post('/api/notifications/read', { all: true }), client.post('/api/notifications/read', { all: true })]);
    expect(both.map((r) => [r.status, r.body.unread])).toEqual([
      [200, 0],
      [200, 0],
    ]);
    const [kept] = await sql(`SELECT read_at FROM notifications WHERE id = $1`, [middle]);
    expect(kept.read_at).toEqual(firstRead.read_at);
    expect((await sql(`SELECT read_at FROM notifications WHERE id = $1`, [theirs]))[0].read_at).toBeNull();
    expect((await (await stranger.client()).get('/api/me')).body.unreadNotifications).toBe(1);
  });

  it('refuses bad input with the field named, and anonymous callers', async () => {
    const client = await cast.candidate.client();
    const cases: Array<[string, unknown, string]> = [
      ['neither ids nor all', {}, 'ids'],
      ['both', { ids: [randomUUID()], all: true }, 'ids'],
      ['not a UUID', { ids: ['12'] }, 'ids.0'],
      ['all: false', { all: false }, 'all'],
      ['an unknown field', { tout: true }, 'tout'],
    ];
    for (const [what, body, field] of cases) {
      const answer = await client.post('/api/notifications/read', body);
      expect(answer.status, what).toBe(400);
      expect(fieldsOf(answer.body), what).toContain(field);
    }
    const badFilter = await client.get('/api/notifications?unread=peut-etre');
    expect(badFilter.status).toBe(400);
    expect(fieldsOf(badFilter.body)).toContain('unread');
    expect((await new ApiClient().get('/api/notifications')).status).toBe(401);
  });
});

describe('notification preferences', () => {
  it('defaults per role: each role sees its own groups', async () => {
    const candidate = await (await cast.candidate.client()).get('/api/me/preferences');
    expect(candidate.status).toBe(200);
    expect(Object.keys(candidate.body).sort()).toEqual(groupsFor('CANDIDATE').map((g) => g.kind).sort());
    expect(candidate.body.new_applications).toBeUndefined();
    expect(candidate.body.interviews).toEqual({ email: true, inApp: true });

    const recruiter = await (await cast.recruiter.client()).get('/api/me/preferences');
    expect(recruiter.body.message).toEqual({ email: true, inApp: true });
    expect(recruiter.body.new_applications).toEqual({ email: true, inApp: true });

    const admin = await (await cast.admin.client()).get('/api/me/preferences');
    expect(Object.keys(admin.body).sort()).toEqual(['company_verification', 'offer_moderation', 'reminders']);
  });

  it('saves what is given, refuses unknown kinds, other roles’ kinds and non-booleans by field, writing nothing', async () => {
    const person = await createUser('CANDIDATE', { referentId: cast.referent.id });
    const client = await person.client();
    const saved = await client.put('/api/me/preferences', { interviews: { email: false, inApp: true } });
    expect(saved.status).toBe(200);
    expect(saved.body.interviews).toEqual({ email: false, inApp: true });
    expect(saved.body.message).toEqual({ email: true, inApp: true });
    expect((await client.get('/api/me/preferences')).body.interviews).toEqual({ email: false, inApp: true });

    const refusals: Array<[unknown, string]> = [
      [{ interviews: { email: true, inApp: true }, inconnu: { email: true, inApp: true } }, 'inconnu'],
      [{ message: { email: 'non', inApp: true } }, 'message.email'],
      [{ message: { email: true } }, 'message.inApp'],
      [{ new_applications: { email: false, inApp: false } }, 'new_applications'],
    ];
    for (const [body, field] of refusals) {
      const answer = await client.put('/api/me/preferences', body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(fieldsOf(answer.body), JSON.stringify(body)).toContain(field);
    }
    const rows = await sql(`SELECT kind, email, in_app FROM notification_preferences WHERE user_id = $1`, [person.id]);
    expect(rows).toEqual([{ kind: 'interviews', email: false, in_app: true }]);
  });

  it('muted e-mail: the notification is written, no mail; muted in-app: the mail, no notification', async () => {
    const referent = await cast.referent.client();
    const email = cast.referent.email;
    try {
      expect((await referent.put('/api/me/preferences', { new_applications: { email: false, inApp: true } })).status).toBe(200);
      const first = await applyAsNewCandidate();
      expect(await sql(`SELECT kind FROM notifications WHERE user_id = $1 AND entity_id = $2`, [cast.referent.id, first.applicationId])).toEqual([{ kind: 'application.created' }]);
      expect((await mailsTo(email)).filter((m) => m.text.includes(first.applicationId))).toHaveLength(0);
      // The candidate (defaults) got theirs.
      expect((await mailsTo(first.candidate.email)).filter((m) => m.text.includes(first.applicationId))).toHaveLength(1);

      expect((await referent.put('/api/me/preferences', { new_applications: { email: true, inApp: false } })).status).toBe(200);
      const second = await applyAsNewCandidate();
      expect(await sql(`SELECT kind FROM notifications WHERE user_id = $1 AND entity_id = $2`, [cast.referent.id, second.applicationId])).toEqual([]);
      expect((await mailsTo(email)).filter((m) => m.text.includes(second.applicationId))).toHaveLength(1);
    } finally {
      await referent.put('/api/me/preferences', { new_applications: { email: true, inApp: true } });
    }
  });

  it('a retry keeps the first decision: what was skipped stays skipped', async () => {
    const person = await createUser('REFERENT', { missionOfficerId: cast.missionOfficer.id });
    const client = await person.client();
    const key = `test-${randomUUID()}:1:${person.id}`;
    await client.put('/api/me/preferences', { reminders: { email: false, inApp: true } });
    expect([...((await skippedChannels([{ key, userId: person.id }], 'application.referent_reminder')).get(key) ?? [])]).toEqual(['EMAIL']);
    // E-mails back on before the retry: the skipped mail still is not sent.
    await client.put('/api/me/preferences', { reminders: { email: true, inApp: true } });
    expect([...((await skippedChannels([{ key, userId: person.id }], 'application.referent_reminder')).get(key) ?? [])]).toEqual(['EMAIL']);
    // A kind nobody may mute for this role (or no group at all) is never skipped.
    await client.put('/api/me/preferences', Object.fromEntries(groupsFor('REFERENT').map((g) => [g.kind, { email: false, inApp: false }])));
    const other = `test-${randomUUID()}:1:${person.id}`;
    expect((await skippedChannels([{ key: other, userId: person.id }], 'offer.submit')).get(other)).toBeUndefined();
  });

  it('security mails are not optional: a password reset reaches a person who muted everything', async () => {
    const person = await createUser('RECRUITER', { companyId: cast.company.id });
    const client = await person.client();
    const everything = Object.fromEntries(groupsFor('RECRUITER').map((g) => [g.kind, { email: false, inApp: false }]));
    expect((await client.put('/api/me/preferences', everything)).status).toBe(200);
    expect(PREFERENCE_GROUPS.flatMap((g) => g.notices).some((kind) => /password|reset|confirm_email|registered|deletion/.test(kind) && kind !== 'company.confirm_email')).toBe(false);
    const asked = await new ApiClient().post('/api/auth/password-reset', { email: person.email });
    expect(asked.status).toBe(202);
    await eventually(async () => (await mailsTo(person.email)).length > 0, 30_000, 'the reset mail');
  });
});
