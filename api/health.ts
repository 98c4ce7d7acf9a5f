// GET /api/health: is the platform able to serve? Reports the database and Temporal separately.
import { Router } from 'express';
import { z } from 'zod';
import type { ApiDeps } from './app.js';
import { registry } from './openapi.js';

const dependency = z.object({ status: z.enum(['up', 'down']), latencyMs: z.number().optional(), error: z.string().optional() });
const health = z.object({ status: z.enum(['ok', 'degraded']), database: dependency, temporal: dependency }).meta({ id: 'Health' });
registry.registerPath({
  method: 'get',
  path: '/health',
  tags: ['platform'],
  summary: 'État de la base de données et de Temporal',
  responses: {
    200: { description: 'Tout répond', content: { 'application/json': { schema: health } } },
    503: { description: 'Une dépendance ne répond pas', content: { 'application/json': { schema: health } } },
  },
});

const withTimeout = <T>(promise: Promise<T>, ms: number) =>
  Promise.race([promise, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('délai dépassé')), ms).unref())]);

export function healthRoutes({ sequelize, temporal }: ApiDeps): Router {
  const router = Router();
  router.get('/health', async (_req, res) => {
    const check = async (probe: () => Promise<unknown>) => {
      const started = Date.now();
      try {
        await withTimeout(probe(), 2_000);
        return { status: 'up' as const, latencyMs: Date.now() - started };
      } catch (error) {
        return { status: 'down' as const, error: (error as Error).message };
      }
    };
    const [database, temporalState] = await Promise.all([
      check(() => sequelize.query('SELECT 1')),
      check(() => temporal.connection.workflowService.getSystemInfo({})),
    ]);
    const up = database.status === 'up' && temporalState.status === 'up';
    res.status(up ? 200 : 503).json({ status: up ? 'ok' : 'degraded', database, temporal: temporalState });
  });
  return router;
}
