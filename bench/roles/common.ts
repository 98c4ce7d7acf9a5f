// What the bench's child processes share: their settings come from the environment the orchestrator
// gives them, and they talk back over the IPC channel (ready, stats).
import { loadConfig } from '../../config/env.js';
import { createLogger } from '../../config/logger.js';

export function roleConfig(name: string) {
  const env = process.env;
  const config = loadConfig({ ...env, NODE_ENV: 'test', LOG_LEVEL: env.LOG_LEVEL ?? 'warn' });
  const logger = createLogger(config.LOG_LEVEL, `bench-${name}`);
  return { config, logger };
}

export type RoleMessage = { type: 'ready'; [key: string]: unknown } | { type: 'stats'; id: number; [key: string]: unknown };

export function send(message: RoleMessage): void {
  process.send?.(message);
}

/** Answers the orchestrator's `{type:'stats', id}` requests with `stats()`; stops on `{type:'stop'}`. */
export function serve(stats: () => Promise<Record<string, unknown>> | Record<string, unknown>, stop: () => Promise<void>): void {
  process.on('message', async (message: { type: string; id?: number }) => {
    if (message.type === 'stats') send({ type: 'stats', id: message.id!, ...(await stats()) });
    // A full collection on demand (the role runs with --expose-gc): how much of the heap is garbage
    // V8 had not collected yet, as opposed to memory really held.
    if (message.type === 'gc') {
      (globalThis as { gc?: () => void }).gc?.();
      send({ type: 'stats', id: message.id!, ...(await stats()) });
    }
    if (message.type === 'stop') {
      await stop().catch(() => undefined);
      process.exit(0);
    }
  });
  process.on('disconnect', () => {
    void stop().finally(() => process.exit(0));
  });
}

export const memory = () => {
  const m = process.memoryUsage();
  return { rss: m.rss, heapUsed: m.heapUsed, external: m.external };
};
