// The one HTTP server: web app at /, JSON API at /api, AdminJS at /admin.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import express, { type Express, type RequestHandler, type Router } from 'express';
import helmet from 'helmet';
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
import { companyPageRoutes, isCompanyImageUpload } from './company-page/routes.js';
import { companyPageService } from './company-page/service.js';
import { offerRoutes } from './offers/routes.js';
import { offerService } from './offers/service.js';
import { publicRoutes } from './public/routes.js';
import { sponsorshipRoutes } from './sponsorships/routes.js';
import { sponsorshipService } from './sponsorships/service.js';
import { verifiedCompanyRoutes } from './verified-companies/routes.js';
import { verifiedCompanyService } from './verified-companies/service.js';
import { documentRoutes, isDocumentUpload } from './documents/routes.js';
import { documentService } from './documents/service.js';
import { missionRoutes } from './mission/routes.js';
import { missionService } from './mission/service.js';
import { interviewRoutes } from './interviews/routes.js';
import { interviewService } from './interviews/service.js';
import { referentCandidateRoutes } from './referent-candidates/routes.js';
import { referentCandidateService } from './referent-candidates/service.js';
import { accommodationRoutes } from './accommodations/routes.js';
import { accommodationService } from './accommodations/service.js';
import { profileRoutes } from './profiles/routes.js';
import { profileService } from './profiles/service.js';
import { accountRoutes } from './account/routes.js';
import { accountService } from './account/service.js';
import { directoryRoutes } from './directory/routes.js';
import { directoryService } from './directory/service.js';
import { accountDeletionRoutes } from './account-deletion/routes.js';
import { accountDeletionService } from './account-deletion/service.js';
import { passwordResetRoutes } from './password-reset/routes.js';
import { passwordResetService } from './password-reset/service.js';
import { notificationRoutes } from './notifications/routes.js';
import { notificationService } from './notifications/service.js';
import { statisticsRoutes } from './statistics/routes.js';
import { statisticsService } from './statistics/service.js';
import { messageRoutes } from './messages/routes.js';
import { messageService } from './messages/service.js';
import { exportRoutes } from './exports/routes.js';
import { antiCvRoutes } from './anti-cv/routes.js';
import { antiCvService } from './anti-cv/service.js';
import { exportService } from './exports/service.js';
import { feedRoutes } from './feed/routes.js';
import { feedService } from './feed/service.js';
import { cvthequeWorkRoutes } from './cvtheque-work/routes.js';
import { cvthequeWorkService } from './cvtheque-work/service.js';
import { metierRoutes } from './metiers/routes.js';
import { metierService } from './metiers/service.js';
import { cvthequeListRoutes } from './cvtheque-lists/routes.js';
import { cvthequeListService } from './cvtheque-lists/service.js';
import { cvthequeRoutes } from './cvtheque/routes.js';
import { offerInvitationRoutes } from './offer-invitations/routes.js';
import { offerInvitationService } from './offer-invitations/service.js';
import { cvthequeService } from './cvtheque/service.js';
import { matchingRoutes } from './matching/routes.js';
import { matchingService } from './matching/service.js';
import { apiNotFound, errorHandler } from './errors.js';
import { wellFormedStrings } from './validation.js';
import { idempotency } from './idempotency.js';
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
  // 100 KB of JSON everywhere but the document and company image uploads, which read their own (7 MB, 6 MB) once the caller is known.
  const json = express.json({ limit: '100kb', strict: true, reviver: wellFormedStrings });
  router.use((req, res, next) => (isDocumentUpload(req) || isCompanyImageUpload(req) ? next() : json(req, res, next)));
  // Before the session: public answers carry no cookie (a rolling session would set one) and are cached.
  router.use(publicRoutes(deps));
  router.use(session(sessionOptions(deps.config, deps.sessionPool, 'tremplin.sid')));
  router.use(loadUser);
  router.get('/openapi.json', (_req, res) => res.json(openApiDocument(deps.config.PUBLIC_URL)));
  router.use(authRoutes(deps.config));
  // Idempotency-Key on the routes that create or move something (api/idempotency.ts).
  const idempotent = idempotency({ sequelize: deps.sequelize, secret: deps.config.SESSION_SECRET, logger: deps.logger });
  router.use(applicationRoutes(applicationService(deps), idempotent));
  router.use(companyRoutes(companyService(deps), deps.config, idempotent));
  router.use(companyPageRoutes(companyPageService(deps)));
  router.use(offerInvitationRoutes(offerInvitationService(deps)));
  router.use(offerRoutes(offerService(deps), idempotent));
  router.use(sponsorshipRoutes(sponsorshipService(deps), idempotent));
  router.use(verifiedCompanyRoutes(verifiedCompanyService(deps)));
  const documents = documentService(deps);
  router.use(documentRoutes(documents));
  router.use(referentCandidateRoutes(referentCandidateService(deps), idempotent));
  router.use(interviewRoutes(interviewService(deps)));
  router.use(accountRoutes(accountService(deps)), directoryRoutes(directoryService(deps)));
  router.use(accountDeletionRoutes(accountDeletionService(deps)));
  router.use(passwordResetRoutes(passwordResetService(deps), deps.config));
  router.use(missionRoutes(missionService(deps), idempotent));
  router.use(notificationRoutes(notificationService(deps)));
  router.use(statisticsRoutes(statisticsService(deps)));
  router.use(accommodationRoutes(accommodationService(deps)));
  router.use(profileRoutes(profileService(deps)));
  router.use(messageRoutes(messageService(deps), idempotent));
  router.use(exportRoutes(exportService({ ...deps, documents })), feedRoutes(feedService(deps)));
  router.use(antiCvRoutes(antiCvService(deps)));
  router.use(cvthequeWorkRoutes(cvthequeWorkService(deps), idempotent));
  router.use(metierRoutes(metierService()));
  router.use(cvthequeListRoutes(cvthequeListService(deps)));
  router.use(cvthequeRoutes(cvthequeService(deps)));
  router.use(matchingRoutes(matchingService(deps)));
  // What a crash between a file's write and its row's commit left behind, once the server is up.
  setTimeout(() => {
    documents.sweep().then(
      (removed) => removed && deps.logger.info({ removed }, 'orphan document files removed'),
      (err) => deps.logger.warn({ err }, 'document sweep failed'),
    );
  }, 30_000).unref();
  router.use(apiNotFound);
  router.use(errorHandler(deps.logger));
  return router;
}

/**
 * Security headers. The web app loads nothing from elsewhere but the Jitsi deployment: its External
 * API script and its iframe (video interviews in the page). The back office sets its own policy.
 */
export function securityHeaders(config: Pick<Config, 'PUBLIC_URL' | 'JITSI_BASE_URL'>): RequestHandler {
  const jitsi = new URL(config.JITSI_BASE_URL).origin;
  const https = config.PUBLIC_URL.startsWith('https://');
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", jitsi],
        frameSrc: [jitsi],
        connectSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'self'"],
        ...(https ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    strictTransportSecurity: https ? { maxAge: 15_552_000, includeSubDomains: true } : false,
    // The Jitsi iframe is cross-origin and does not send CORP headers.
    crossOriginEmbedderPolicy: false,
  });
}

export function createApp(deps: ApiDeps & { admin?: { rootPath: string; router: Router }; webDir?: string }): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use(securityHeaders(deps.config));
  app.use(
    pinoHttp({
      logger: deps.logger,
      autoLogging: { ignore: (req) => req.url === '/api/health' },
      // Cookies are credentials (session, known device): never in the logs.
      serializers: {
        req: (req: { headers?: Record<string, unknown> }) => (req.headers?.cookie ? { ...req, headers: { ...req.headers, cookie: '[retiré]' } } : req),
        res: (res: { headers?: Record<string, unknown> }) => (res.headers?.['set-cookie'] ? { ...res, headers: { ...res.headers, 'set-cookie': '[retiré]' } } : res),
      },
    }),
  );
  app.use('/api', createApiRouter(deps));
  if (deps.admin) app.use(deps.admin.rootPath, deps.admin.router);
  const webDir = deps.webDir ?? path.resolve('web/dist');
  if (existsSync(webDir)) {
    // The build has no source maps (web/vite.config.ts); one left on disk by another build is not served.
    app.get(/\.map$/i, (_req, res) => {
      res.status(404).type('text/plain; charset=utf-8').send('Introuvable.');
    });
    app.use(express.static(webDir, { index: false, maxAge: '1h' }));
    // The web app routes on the client: every other GET gets its page.
    app.get(/^\/(?!api\/|admin\/|admin$).*/, (_req, res) => res.sendFile(path.join(webDir, 'index.html')));
  }
  return app;
}
