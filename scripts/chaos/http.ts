// One person's session against the API (cookie kept), with a timeout and every request timed and
// recorded, so the run can tell what the API answered while a service was down.

import { randomUUID } from 'node:crypto';
import { Agent, fetch } from 'undici';
import { unansweredWrites } from '../../web/src/unanswered-writes.js';

export interface HttpResult<T = any> {
  /** 0: no HTTP answer (connection refused or reset, timeout). */
  status: number;
  body: T;
  ms: number;
  error?: string;
  startedAt: number;
}

export interface RequestRecord {
  method: string;
  path: string;
  status: number;
  ms: number;
  startedAt: number;
  error?: string;
}

/**
 * A new connection for every request (undici's `pipelining: 0`). Reused connections race the API's
 * keep-alive: a run on a saturated machine, whose timers fire late, once sent a request on a connection
 * the API was closing as it arrived and got no answer, counted against the API (« fetch failed »,
 * UND_ERR_SOCKET). A browser sends such a request again; this client judges every answer, so it takes
 * no connection that may be closing under it.
 */
const dispatcher = new Agent({ pipelining: 0 });

/** Every request of the run, for the figures of each fault window. */
export const requestLog: RequestRecord[] = [];

export class ChaosClient {
  private cookie = '';
  constructor(
    readonly baseUrl: string,
    readonly label: string,
    private readonly timeoutMs = 60_000,
  ) {}

  /** As the web app's (web/src/unanswered-writes.ts): a write whose answer was lost is sent again with its Idempotency-Key. */
  private readonly writes = unansweredWrites(randomUUID);

  async request<T = any>(method: string, path: string, body?: unknown, timeoutMs = this.timeoutMs): Promise<HttpResult<T>> {
    const startedAt = Date.now();
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const write = method === 'GET' || path === '/api/auth/login' ? null : `${method} ${path} ${payload ?? ''}`;
    const key = write ? this.writes.keyFor(write) : null;
    try {
      const response = await fetch(`${this.baseUrl}${path}`, {
        method,
        headers: {
          accept: 'application/json',
          ...(payload !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(this.cookie ? { cookie: this.cookie } : {}),
          ...(key ? { 'idempotency-key': key } : {}),
        },
        body: payload,
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
        dispatcher,
      });
      if (write) this.writes.answered(write, response.status, response.headers.has('retry-after'));
      const setCookie = response.headers.getSetCookie().find((c) => c.startsWith('tremplin.sid='));
      if (setCookie) this.cookie = setCookie.split(';')[0]!;
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        // not JSON
      }
      const ms = Date.now() - startedAt;
      requestLog.push({ method, path, status: response.status, ms, startedAt });
      return { status: response.status, body: parsed as T, ms, startedAt };
    } catch (error) {
      const ms = Date.now() - startedAt;
      const cause = (error as { cause?: { code?: string } }).cause?.code;
      const text = `${(error as Error).name}: ${(error as Error).message}${cause ? ` (${cause})` : ''}`;
      requestLog.push({ method, path, status: 0, ms, startedAt, error: text });
      return { status: 0, body: undefined as T, ms, startedAt, error: text };
    }
  }

  get<T = any>(path: string, timeoutMs?: number) {
    return this.request<T>('GET', path, undefined, timeoutMs);
  }
  post<T = any>(path: string, body: unknown = {}, timeoutMs?: number) {
    return this.request<T>('POST', path, body, timeoutMs);
  }

  /** Signs in, retrying while the platform is unavailable. */
  async login(email: string, password: string, deadlineMs = 120_000): Promise<void> {
    const deadline = Date.now() + deadlineMs;
    for (;;) {
      const response = await this.post('/api/auth/login', { email, password }, 15_000);
      if (response.status === 200) return;
      if (response.status !== 0 && response.status < 500) throw new Error(`login ${email}: ${response.status} ${JSON.stringify(response.body)}`);
      if (Date.now() > deadline) throw new Error(`login ${email}: ${response.status} ${response.error ?? JSON.stringify(response.body)}`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

/** A failure after which the request may or may not have taken effect. */
export const isAmbiguous = (result: HttpResult) => result.status === 0 || result.status >= 500 || (result.status === 409 && result.body?.error?.code === 'IDEMPOTENCY_IN_PROGRESS');
