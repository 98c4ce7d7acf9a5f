// The platform as a new client meets it, end to end on the running platform with the demo accounts:
// a company signs up, confirms its e-mail from the mail it received, is verified by the demo admin,
// publishes an offer through moderation, receives an application; a candidate's sponsorship request
// is accepted with a chosen sponsor.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { act, confirm, mailsTo, register, registration } from './drivers.js';
import { ApiClient, DEMO, eventually } from './support.js';

const PASSWORD = 'Parcours-Client-2026!';

describe('a new company, from sign-up to its first application', () => {
  it('registers, confirms, is verified, publishes an offer and receives an application', async () => {
    const email = `rh-${randomUUID().slice(0, 8)}@atelier.test`;
    const { companyId } = await register(
      registration({
        company: { name: 'Atelier du Parcours', sector: 'Artisanat', address: '5 quai Perrache', postalCode: '69002', city: 'Lyon' },
        user: { firstName: 'Léa', lastName: 'Morel', jobTitle: 'Gérante', phone: '04 78 00 00 00', email, password: PASSWORD },
      }),
    );

    // Before the address is confirmed there is no account yet: the answer of a wrong password, saying to confirm.
    const refusedEarly = await new ApiClient().post('/api/auth/login', { email, password: PASSWORD });
    expect(refusedEarly.status).toBe(401);
    expect(refusedEarly.body.error.message).toMatch(/confirmez d’abord votre adresse/);

    await confirm(email);

    const admin = await ApiClient.login(DEMO.admin);
    const waiting = await eventually(async () => {
      const list = await admin.get('/api/companies?status=PENDING_ADMIN_VERIFICATION&pageSize=100');
      return list.body.items.some((c: { id: string }) => c.id === companyId) ? list : undefined;
    }, 20_000, 'company waiting for the admin');
    expect(waiting.status).toBe(200);
    await act('company', admin, companyId, { action: 'verify' }, 'VERIFIED');

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
    await act('offer', recruiter, draft.body.id, { action: 'submit' }, 'PENDING_MODERATION');
    await act('offer', admin, draft.body.id, { action: 'approve' }, 'PUBLISHED');

    const candidate = await ApiClient.login(DEMO.candidate);
    const listing = await candidate.get(`/api/offers?q=${encodeURIComponent('Ébéniste')}`);
    expect(listing.body.items.map((o: { id: string }) => o.id)).toContain(draft.body.id);
    const application = await candidate.post('/api/applications', { offerId: draft.body.id, message: 'Passionnée de menuiserie.' });
    expect(application.status, JSON.stringify(application.body)).toBe(201);
    const referent = await ApiClient.login(DEMO.referent);
    await act('application', referent, application.body.id, { action: 'validate' }, 'PENDING_RECRUITER');
    const received = await recruiter.get(`/api/applications?offerId=${draft.body.id}`);
    expect(received.body.items.map((a: { id: string }) => a.id)).toEqual([application.body.id]);
  });

  it('accepts a candidate’s sponsorship request with a sponsor chosen among the recruiters', async () => {
    const candidate = await ApiClient.login(DEMO.candidate);
    const recruiter = await ApiClient.login(DEMO.recruiter);
    const me = (await recruiter.get('/api/me')).body;
    const asked = await candidate.post('/api/sponsorships', { companyId: me.company.id, message: 'Je souhaite être accompagnée dans mon projet.' });
    expect(asked.status, JSON.stringify(asked.body)).toBe(201);
    const accepted = await act('sponsorship', recruiter, asked.body.id, { action: 'accept', sponsorUserId: me.id }, 'ACCEPTED');
    expect(accepted).toMatchObject({ status: 'ACCEPTED', sponsor: { id: me.id } });
    await eventually(async () => (await mailsTo(DEMO.candidate, /parrain/i)).some((m) => m.text.includes(me.lastName)), 20_000, 'acceptance mail to the candidate');
  });
});
