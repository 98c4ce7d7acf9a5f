// Process life: clean stop on Ctrl-C / SIGTERM (in reverse order of start), one clear line on a failed start.
import { createServer as createHttpServer, type RequestListener } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
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

/** A TCP port free on 127.0.0.1 right now (the OS picks it), for servers started on ephemeral ports. */
export const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

/**
 * An HTTP server for `app`, listening once this resolves; `close()` stops it without waiting for
 * keep-alive clients (their idle connections are cut).
 */
export async function listen(app: RequestListener, port: number, host?: string): Promise<{ port: number; close(): Promise<void> }> {
  const server = createHttpServer(app);
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
