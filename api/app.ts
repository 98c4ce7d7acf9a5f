// The one HTTP server: web app at /, JSON API at /api, AdminJS at /admin.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import express, { type Express, type Router } from 'express';
import session from 'express-session';
import type pg from 'pg';
import { pinoHttp } from 'pino-http';
import type { Sequelize } from 'sequelize';
import type { Config } from '../config/env.js';
import type { Logger } from '../config/logger.js';
import { authRoutes, loadUser, sameOriginJsonOnly } from './auth.js';
import { applicationRoutes } from './applications/routes.js';
import { applicationService } from './applications/service.js';
import { companyRoutes } from './companies/routes.js';
import { companyService } from './companies/service.js';
import { offerRoutes } from './offers/routes.js';
import { offerService } from './offers/service.js';
import { sponsorshipRoutes } from './sponsorships/routes.js';
import { sponsorshipService } from './sponsorships/service.js';
import { apiNotFound, errorHandler } from './errors.js';
import { openApiDocument } from './openapi.js';
import { healthRoutes } from './health.js';
import { sessionOptions } from './session.js';

export interface ApiDeps {
  config: Config;
  sequelize: Sequelize;
  temporal: Client;
  logger: Logger;
  sessionPool: pg.Pool;
}

export function createApiRouter(deps: ApiDeps): Router {
  const router = express.Router();
  router.use(healthRoutes(deps));
  router.use(sameOriginJsonOnly(deps.config.PUBLIC_URL));
  router.use(express.json({ limit: '100kb', strict: true }));
  router.use(session(sessionOptions(deps.config, deps.sessionPool, 'tremplin.sid')));
  router.use(loadUser);
  router.get('/openapi.json', (_req, res) => res.json(openApiDocument(deps.config.PUBLIC_URL)));
  router.use(authRoutes());
  router.use(applicationRoutes(applicationService(deps)));
  router.use(companyRoutes(companyService(deps), deps.config.PUBLIC_URL));
  router.use(offerRoutes(offerService(deps)));
  router.use(sponsorshipRoutes(sponsorshipService(deps)));
  router.use(apiNotFound);
  router.use(errorHandler(deps.logger));
  return router;
}

export function createApp(deps: ApiDeps & { admin?: { rootPath: string; router: Router }; webDir?: string }): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use(pinoHttp({ logger: deps.logger, autoLogging: { ignore: (req) => req.url === '/api/health' } }));
  app.use('/api', createApiRouter(deps));
  if (deps.admin) app.use(deps.admin.rootPath, deps.admin.router);
  const webDir = deps.webDir ?? path.resolve('web/dist');
  if (existsSync(webDir)) {
    app.use(express.static(webDir, { index: false, maxAge: '1h' }));
    // The web app routes on the client: every other GET gets its page.
    app.get(/^\/(?!api\/|admin\/|admin$).*/, (_req, res) => res.sendFile(path.join(webDir, 'index.html')));
  }
  return app;
}
