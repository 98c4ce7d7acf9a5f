// The foundation: the platform the harness started answers, its schema holds its constraints, the
// demo accounts exist, and a real workflow runs on the real Temporal server.
import { describe, expect, it } from 'vitest';
import { loadConfig, ConfigError } from '../config/env.js';
import { ApiClient, DEMO, sql, temporalClient } from './support.js';

describe('platform', () => {
  it('reports the database and Temporal as up on /api/health', async () => {
    const response = await new ApiClient().get('/api/health');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ status: 'ok', database: { status: 'up' }, temporal: { status: 'up' } });
  });

  it('answers unknown API routes and bad JSON with the documented envelope', async () => {
    const client = new ApiClient();
    const missing = await client.get('/api/nope');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('NOT_FOUND');
    const bad = await client.post('/api/auth/login', '{"email":', {});
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(bad.body.error.message).toMatch(/JSON/);
  });

  it('documents every process route in the OpenAPI document', async () => {
    const { status, body } = await new ApiClient().get('/api/openapi.json');
    expect(status).toBe(200);
    expect(body.openapi).toMatch(/^3\./);
    for (const path of ['/health', '/auth/login', '/me', '/applications', '/applications/{id}/transitions', '/offers/{id}/transitions', '/companies/{id}/transitions', '/sponsorships/{id}/transitions', '/auth/register-recruiter']) {
      expect(body.paths, path).toHaveProperty([path]);
    }
    expect(body.paths['/applications/{id}/transitions'].post.responses).toHaveProperty('409');
  });

  it('serves the web app at / and AdminJS at /admin', async () => {
    const web = await new ApiClient().get('/');
    expect(web.status).toBe(200);
    expect(String(web.body)).toContain('<div id="app">');
    const admin = await new ApiClient().get('/admin/login');
    expect(admin.status).toBe(200);
    expect(String(admin.body)).toMatch(/AdminJS|admin/i);
  });
});

describe('demo accounts and sessions', () => {
  it('has one account per role, each able to sign in', async () => {
    for (const [role, email] of Object.entries(DEMO)) {
      const client = await ApiClient.login(email);
      const me = await client.get('/api/me');
      expect(me.status, role).toBe(200);
      expect(me.body.email).toBe(email);
    }
  });

  it('refuses a wrong password and an unknown e-mail with the same answer', async () => {
    const wrong = await new ApiClient().post('/api/auth/login', { email: DEMO.candidate, password: 'Nope-nope-123!' });
    const unknown = await new ApiClient().post('/api/auth/login', { email: 'nobody@demo.test', password: 'Nope-nope-123!' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
  });

  it('refuses a cross-site state-changing request', async () => {
    const response = await new ApiClient().post('/api/auth/login', { email: DEMO.candidate, password: 'x' }, { origin: 'https://evil.example' });
    expect(response.status).toBe(403);
    expect(response.body.error.code).toBe('FORBIDDEN');
  });
});

describe('database constraints', () => {
  it('refuses a duplicate e-mail and an unknown status', async () => {
    await expect(
      sql(`INSERT INTO users (id, email, password_hash, role, first_name, last_name) VALUES (gen_random_uuid(), $1, 'x', 'ADMIN', 'A', 'B')`, [DEMO.admin]),
    ).rejects.toThrow(/users_email_unique/);
    await expect(sql(`UPDATE offers SET status = 'ONLINE'`)).rejects.toThrow(/check constraint/);
  });
});

describe('configuration', () => {
  it('names the bad variable in one line', () => {
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(/^Configuration invalide : PORT \("abc"\)/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ JITSI_APP_ID: 'app' })).toThrow(/JITSI_APP_SECRET/);
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/SESSION_SECRET/);
    expect(loadConfig({}).PORT).toBe(3000);
  });
});

describe('temporal', () => {
  it('has the search attributes operators filter on', async () => {
    const client = await temporalClient();
    const { customAttributes } = await client.connection.operatorService.listSearchAttributes({ namespace: client.options.namespace });
    for (const name of ['ApplicationStatus', 'CompanyId', 'ReferentId', 'StatusChangedAt', 'AccountDeletionStatus']) expect(customAttributes).toHaveProperty(name);
  });
});
