// The platform as a new client meets it, end to end on the running platform with the demo accounts:
// a company signs up, confirms its e-mail from the mail it received, is verified by the demo admin,
// publishes an offer through moderation, receives an application; a candidate's sponsorship request
// is accepted with a chosen sponsor.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { validSiren } from './fixtures.js';
import { ApiClient, DEMO, eventually, mails } from './support.js';

const PASSWORD = 'Parcours-Client-2026!';

describe('a new company, from sign-up to its first application', () => {
  it('registers, confirms, is verified, publishes an offer and receives an application', async () => {
    const email = `rh-${randomUUID().slice(0, 8)}@atelier.test`;
    const registered = await new ApiClient().post('/api/auth/register-recruiter', {
      company: { siren: validSiren(), name: 'Atelier du Parcours', sector: 'Artisanat', size: '10-49', address: '5 quai Perrache', postalCode: '69002', city: 'Lyon' },
      user: { firstName: 'Léa', lastName: 'Morel', jobTitle: 'Gérante', phone: '04 78 00 00 00', email, password: PASSWORD },
    });
    expect(registered.status, JSON.stringify(registered.body)).toBe(202);
    const { companyId } = registered.body;

    const refusedEarly = await new ApiClient().post('/api/auth/login', { email, password: PASSWORD });
    expect(refusedEarly.status).toBe(403);

    const link = await eventually(async () => {
      const mail = (await mails()).find((m) => m.envelopeTo.includes(email) && /confirm-email\?token=/.test(m.text));
      return mail ? /https?:\/\/\S+\/api\/auth\/confirm-email\?token=[\w-]+/.exec(mail.text)![0] : undefined;
    }, 20_000, 'confirmation mail');
    const url = new URL(link);
    const confirmed = await new ApiClient().request('GET', `${url.pathname}${url.search}`, undefined, { accept: 'application/json' });
    expect(confirmed.status).toBe(200);

    const admin = await ApiClient.login(DEMO.admin);
    const waiting = await eventually(async () => {
      const list = await admin.get('/api/companies?status=PENDING_ADMIN_VERIFICATION&pageSize=100');
      return list.body.items.some((c: { id: string }) => c.id === companyId) ? list : undefined;
    }, 20_000, 'company waiting for the admin');
    expect(waiting.status).toBe(200);
    const verified = await admin.post(`/api/companies/${companyId}/transitions`, { action: 'verify' });
    expect(verified.status, JSON.stringify(verified.body)).toBe(200);
    expect(verified.body.status).toBe('VERIFIED');

    const recruiter = await ApiClient.login(email, PASSWORD);
    const draft = await recruiter.post('/api/offers', {
      title: 'Ébéniste',
      contractType: 'CDI',
      postalCode: '69002',
      city: 'Lyon',
      description: 'Fabrication et restauration de meubles, atelier accessible.',
    });
    expect(draft.status, JSON.stringify(draft.body)).toBe(201);
    expect(draft.body.warnings.map((w: { code: string }) => w.code)).toContain('GENDER_MENTION_MISSING');
    const fixed = await recruiter.request('PATCH', `/api/offers/${draft.body.id}`, { title: 'Ébéniste H/F' });
    expect(fixed.status, JSON.stringify(fixed.body)).toBe(200);
    expect(fixed.body.warnings).toEqual([]);
    expect((await recruiter.post(`/api/offers/${draft.body.id}/transitions`, { action: 'submit' })).body.status).toBe('PENDING_MODERATION');
    const approved = await admin.post(`/api/offers/${draft.body.id}/transitions`, { action: 'approve' });
    expect(approved.body.status).toBe('PUBLISHED');

    const candidate = await ApiClient.login(DEMO.candidate);
    const listing = await candidate.get(`/api/offers?q=${encodeURIComponent('Ébéniste')}`);
    expect(listing.body.items.map((o: { id: string }) => o.id)).toContain(draft.body.id);
    const application = await candidate.post('/api/applications', { offerId: draft.body.id, message: 'Passionnée de menuiserie.' });
    expect(application.status, JSON.stringify(application.body)).toBe(201);
    const referent = await ApiClient.login(DEMO.referent);
    expect((await referent.post(`/api/applications/${application.body.id}/transitions`, { action: 'validate' })).body.status).toBe('PENDING_RECRUITER');
    const received = await recruiter.get(`/api/applications?offerId=${draft.body.id}`);
    expect(received.body.items.map((a: { id: string }) => a.id)).toEqual([application.body.id]);
  });

  it('accepts a candidate’s sponsorship request with a sponsor chosen among the recruiters', async () => {
    const candidate = await ApiClient.login(DEMO.candidate);
    const recruiter = await ApiClient.login(DEMO.recruiter);
    const me = (await recruiter.get('/api/me')).body;
    const asked = await candidate.post('/api/sponsorships', { companyId: me.company.id, message: 'Je souhaite être accompagnée dans mon projet.' });
    expect(asked.status, JSON.stringify(asked.body)).toBe(201);
    const accepted = await recruiter.post(`/api/sponsorships/${asked.body.id}/transitions`, { action: 'accept', sponsorUserId: me.id });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    expect(accepted.body).toMatchObject({ status: 'ACCEPTED', sponsor: { id: me.id } });
    await eventually(async () => (await mails()).some((m) => m.envelopeTo.includes(DEMO.candidate) && m.text.includes(me.lastName) && /parrain/i.test(m.subject)), 20_000, 'acceptance mail to the candidate');
  });
});
