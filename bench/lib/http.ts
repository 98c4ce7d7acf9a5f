// The load generator's HTTP client: node:http over a keep-alive agent (one socket per concurrent
// request, reused), a session cookie per role, JSON in and out. Lighter on the generator's CPU than
// fetch, which matters when generator and servers share two cores.
import http from 'node:http';

export interface Response<T = any> {
  status: number;
  body: T;
  ms: number;
}

interface RequestOptions {
  body?: unknown;
  cookie?: string;
  parse?: boolean;
}

export class HttpClient {
  private agent: http.Agent;
  private readonly url: URL;

  constructor(baseUrl: string, private readonly maxSockets = 64) {
    this.url = new URL(baseUrl);
    this.agent = this.newAgent();
  }

  private newAgent() {
    return new http.Agent({ keepAlive: true, maxSockets: this.maxSockets, maxFreeSockets: this.maxSockets, scheduling: 'lifo' });
  }

  /**
   * Drops idle sockets: the server closes a keep-alive socket after 5 s idle, and a request sent on it
   * at that moment fails with "socket hang up". Called before each measured run, after the pauses.
   */
  fresh(): void {
    this.agent.destroy();
    this.agent = this.newAgent();
  }

  request<T = any>(method: string, path: string, options: RequestOptions = {}): Promise<Response<T> & { setCookie?: string[] }> {
    return this.send<T>(method, path, options, true);
  }

  private send<T>(method: string, path: string, options: RequestOptions, mayResend: boolean): Promise<Response<T> & { setCookie?: string[] }> {
    const payload = options.body === undefined ? undefined : Buffer.from(JSON.stringify(options.body));
    return new Promise((resolve, reject) => {
      const started = performance.now();
      const req = http.request(
        {
          host: this.url.hostname,
          port: this.url.port,
          method,
          path,
          agent: this.agent,
          headers: {
            accept: 'application/json',
            ...(payload ? { 'content-type': 'application/json', 'content-length': payload.length } : {}),
            ...(options.cookie ? { cookie: options.cookie } : {}),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            const ms = performance.now() - started;
            const text = Buffer.concat(chunks).toString('utf8');
            let body: unknown = text;
            if (options.parse !== false || (res.statusCode ?? 500) >= 400) {
              try {
                body = text ? JSON.parse(text) : undefined;
              } catch {
                // not JSON
              }
            }
            const setCookie = res.headers['set-cookie'];
            resolve({ status: res.statusCode ?? 0, body: body as T, ms, setCookie });
          });
          res.on('error', reject);
        },
      );
      req.on('error', (error: NodeJS.ErrnoException) => {
        // The server closed this kept-alive socket (idle 5 s) as the request went out, so it never read
        // it: sent once more on a new socket, as Node's docs advise (`request.reusedSocket`). Between
        // measured runs `fresh()` keeps this from timing; the untimed set-up had died of it.
        if (mayResend && req.reusedSocket && error.code === 'ECONNRESET') resolve(this.send<T>(method, path, options, false));
        else reject(error);
      });
      if (payload) req.write(payload);
      req.end();
    });
  }

  /** Logs in once; returns the `tremplin.sid=…` cookie to send with every request of this role. */
  async login(email: string, password: string): Promise<string> {
    const res = await this.request('POST', '/api/auth/login', { body: { email, password } });
    if (res.status !== 200) throw new Error(`login ${email}: ${res.status} ${JSON.stringify(res.body)}`);
    const cookie = res.setCookie?.find((c) => c.startsWith('tremplin.sid='));
    if (!cookie) throw new Error(`login ${email}: no session cookie`);
    return cookie.split(';')[0]!;
  }

  close(): void {
    this.agent.destroy();
  }
}

export interface RunResult {
  samples: number[];
  errors: number;
  errorSamples: string[];
  wallMs: number;
}

/**
 * Closed loop: `concurrency` workers take the next item until none is left (or the deadline passes),
 * each timing one `call`. A call that throws or answers outside 2xx counts as an error.
 */
export async function runClosedLoop<I>(
  items: Iterable<I> | (() => I | undefined),
  concurrency: number,
  call: (item: I) => Promise<Response>,
  options: { deadlineMs?: number } = {},
): Promise<RunResult> {
  const next = typeof items === 'function' ? items : (() => {
    const it = (items as Iterable<I>)[Symbol.iterator]();
    return () => {
      const r = it.next();
      return r.done ? undefined : r.value;
    };
  })();
  const samples: number[] = [];
  const errorSamples: string[] = [];
  let errors = 0;
  const started = performance.now();
  const deadline = options.deadlineMs ? started + options.deadlineMs : Infinity;
  const lane = async () => {
    for (;;) {
      if (performance.now() >= deadline) return;
      const item = next();
      if (item === undefined) return;
      try {
        const res = await call(item);
        if (res.status >= 200 && res.status < 300) samples.push(res.ms);
        else {
          errors++;
          if (errorSamples.length < 5) errorSamples.push(`${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
        }
      } catch (error) {
        errors++;
        if (errorSamples.length < 5) errorSamples.push(String(error));
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  return { samples, errors, errorSamples, wallMs: performance.now() - started };
}
