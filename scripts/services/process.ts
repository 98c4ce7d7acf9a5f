// Process life: clean stop on Ctrl-C / SIGTERM (in reverse order of start), one clear line on a failed start.
import { createServer as createHttpServer, type RequestListener } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import type { Config } from '../../config/env.js';
import type { Logger } from '../../config/logger.js';

const stops: Array<() => Promise<void>> = [];
let stopping = false;

export function onShutdown(logger: Logger, stop: () => Promise<void>): void {
  stops.push(stop);
  if (stops.length > 1) return;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      logger.info({ signal }, 'arrêt en cours');
      const force = setTimeout(() => process.exit(1), 20_000);
      force.unref();
      (async () => {
        for (const step of [...stops].reverse()) await step().catch((error) => logger.warn({ err: error }, 'arrêt incomplet'));
        process.exit(0);
      })();
    });
  }
}

export function exitOnStartupError(logger: Logger, error: unknown): never {
  const message = error instanceof Error ? error.message : String(error);
  logger.debug({ err: error }, 'startup failed');
  process.stderr.write(`Démarrage impossible : ${message}\n`);
  process.exit(1);
}

/** Whether `port` (0: one the OS picks) can be listened on at 127.0.0.1 now; the port, or null. */
const listenable = (port: number) =>
  new Promise<number | null>((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(null));
    server.listen(port, '127.0.0.1', () => {
      const { port: bound } = server.address() as { port: number };
      server.close(() => resolve(bound));
    });
  });

/**
 * Below Linux's ephemeral range (32768–60999 by default), from which the OS also takes the source port
 * of every outgoing connection: a port it picked, then freed for a server started a moment later, could
 * meanwhile be the source of some connection (CI: « EADDRINUSE » for `npm start`'s test among 125 files).
 */
const FREE_PORT_RANGE = [20_000, 32_767] as const;

/**
 * Ports this process handed out: each is free when picked but bound only later, so a later pick could
 * draw it again (CI: `npm start`'s test got the same port for Temporal and its UI, whose server failed).
 */
const handedOut = new Set<number>();

/** A TCP port free on 127.0.0.1 right now and not handed out before, for servers started by tests, the bench and chaos. */
export async function freePort(): Promise<number> {
  const [low, high] = FREE_PORT_RANGE;
  for (let attempt = 0; attempt < 50; attempt++) {
    const drawn = low + Math.floor(Math.random() * (high - low + 1));
    const port = handedOut.has(drawn) ? null : await listenable(drawn);
    if (port) return handOut(port);
  }
  for (let attempt = 0; attempt < 10; attempt++) {
    const port = await listenable(0);
    if (port && !handedOut.has(port)) return handOut(port);
  }
  throw new Error('Aucun port TCP libre sur 127.0.0.1');
}

const handOut = (port: number) => {
  handedOut.add(port);
  return port;
};

export interface HttpTimeouts {
  /** Milliseconds to receive a whole request, headers and body (Node's default: 5 minutes). */
  requestTimeout: number;
  /** Milliseconds to receive a request's headers (Node's default: 1 minute). */
  headersTimeout: number;
  /** Milliseconds an idle kept-alive connection waits for its next request. */
  keepAliveTimeout: number;
}

/** The server's timeouts from the configuration (HTTP_REQUEST_TIMEOUT, HTTP_HEADERS_TIMEOUT, HTTP_KEEP_ALIVE_TIMEOUT). */
export const httpTimeoutsOf = (config: Pick<Config, 'HTTP_REQUEST_TIMEOUT' | 'HTTP_HEADERS_TIMEOUT' | 'HTTP_KEEP_ALIVE_TIMEOUT'>): HttpTimeouts => ({
  requestTimeout: config.HTTP_REQUEST_TIMEOUT,
  headersTimeout: config.HTTP_HEADERS_TIMEOUT,
  keepAliveTimeout: config.HTTP_KEEP_ALIVE_TIMEOUT,
});

/** The configuration's defaults. */
export const DEFAULT_HTTP_TIMEOUTS: HttpTimeouts = { requestTimeout: 60_000, headersTimeout: 10_000, keepAliveTimeout: 5_000 };

/**
 * An HTTP server for `app`, listening once this resolves; `close()` stops it without waiting for
 * keep-alive clients (their idle connections are cut). A request whose headers or body come too slowly
 * (a byte at a time) is answered 408 and its connection closed once its time is up: Node checks every
 * `connectionsCheckingInterval`, here a quarter of the headers' time (between 250 ms and 5 s), so the
 * cut comes at most that much later.
 */
export async function listen(app: RequestListener, port: number, host?: string, timeouts: HttpTimeouts = DEFAULT_HTTP_TIMEOUTS): Promise<{ port: number; close(): Promise<void> }> {
  // Node refuses headers given longer than the whole request.
  const headersTimeout = Math.min(timeouts.headersTimeout, timeouts.requestTimeout);
  const server = createHttpServer(
    {
      requestTimeout: timeouts.requestTimeout,
      headersTimeout,
      keepAliveTimeout: timeouts.keepAliveTimeout,
      connectionsCheckingInterval: Math.min(5_000, Math.max(250, Math.floor(headersTimeout / 4))),
    },
    app,
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
