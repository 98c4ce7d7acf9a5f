// A browser-less session of the back office (AdminJS at /admin), shared by the test files that drive
// it: its cookie, AdminJS's login form and its JSON API.
import { expect, inject } from 'vitest';
import { sessionRequest } from './support.js';

export const ADMIN_COOKIE = 'tremplin.admin';

export interface Answer<T = any> {
  status: number;
  body: T;
  text: string;
  headers: Headers;
}

/** One browser-less session of the back office: its cookie, AdminJS's login form and JSON API. */
export class AdminSession {
  cookie = '';

  async request<T = any>(method: string, path: string, body?: Record<string, unknown>, as: 'json' | 'form' = 'json'): Promise<Answer<T>> {
    if (!body) return sessionRequest<T>(this, ADMIN_COOKIE, method, path);
    return sessionRequest<T>(this, ADMIN_COOKIE, method, path, {
      headers: { 'content-type': as === 'json' ? 'application/json' : 'application/x-www-form-urlencoded' },
      body: as === 'json' ? JSON.stringify(body) : new URLSearchParams(body as Record<string, string>).toString(),
    });
  }

  get<T = any>(path: string) {
    return this.request<T>('GET', path);
  }

  post<T = any>(path: string, body: Record<string, unknown> = {}) {
    return this.request<T>('POST', path, body);
  }

  /** The login form as a browser posts it. */
  async login(email: string, password: string) {
    return this.request('POST', '/admin/login', { email, password }, 'form');
  }

  static async as(email: string, password = inject('demoPassword')): Promise<AdminSession> {
    const session = new AdminSession();
    const response = await session.login(email, password);
    expect(response.status, response.text.slice(0, 300)).toBe(302);
    expect(response.headers.get('location')).toBe('/admin');
    return session;
  }

  show(resource: string, id: string) {
    return this.get(`/admin/api/resources/${resource}/records/${id}/show`);
  }

  act(resource: string, id: string, action: string, body: Record<string, unknown> = {}) {
    return this.post(`/admin/api/resources/${resource}/records/${id}/${action}`, body);
  }
}
