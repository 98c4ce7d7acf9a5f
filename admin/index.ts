// AdminJS back office at /admin, for ADMIN accounts only (admin/auth.ts), in French (admin/locale.ts).
// Statuses are read-only here: state changes are record actions that go through the workflows, with
// the same services as the API (admin/transitions.ts). The front-end bundle of our components is built
// at start, offline (admin/bundle.ts), and the console loads nothing from outside (admin/assets.ts).
import path from 'node:path';
import AdminJSExpress from '@adminjs/express';
import { Database, Resource } from '@adminjs/sequelize';
import type { Client } from '@temporalio/client';
import AdminJS from 'adminjs';
import { COMPONENTS_OUTPUT_PATH } from 'adminjs/bundler';
import express, { type Router } from 'express';
import session from 'express-session';
import type pg from 'pg';
import type { Sequelize } from 'sequelize';
import { companyService } from '../api/companies/service.js';
import { followUpService } from '../api/follow-ups.js';
import { offerService } from '../api/offers/service.js';
import { sessionOptions } from '../api/session.js';
import type { Config } from '../config/env.js';
import type { Logger } from '../config/logger.js';
import { fontRoutes, localAssetsOnly } from './assets.js';
import { adminAuthenticator, loginRateLimits, recheckAdminSession, sameOriginPosts, signOutEverywhere, webSessionBridge } from './auth.js';
import { createComponentLoader, ensureAdminBundle } from './bundle.js';
import { dashboardHandler } from './dashboard.js';
import { frenchLocale, valueLabels } from './locale.js';
import { lockoutResource } from './lockouts.js';
import { noticeQueueResource } from './notice-queue.js';
import { contactRequestResource } from './contact-requests.js';
import { defineMembershipModel } from './membership-model.js';
import { processResources } from './resources.js';
import { temporalCodecRoutes } from './temporal-codec.js';
import { adminBodies, adminErrorHandler, adminNotFound, adminRequestGuard } from './requests.js';
import { userResource } from './users.js';

export { adminAuthenticator, checkAdminCredentials } from './auth.js';

AdminJS.registerAdapter({ Database, Resource });

export const ADMIN_ROOT = '/admin';
export const ADMIN_COOKIE = 'tremplin.admin';
/** The Temporal UI's codec endpoint is `${PUBLIC_URL}${ADMIN_ROOT}${TEMPORAL_CODEC_PATH}`. */
export const TEMPORAL_CODEC_PATH = '/temporal-codec';

export interface AdminDeps {
  config: Config;
  sequelize: Sequelize;
  temporal: Client;
  logger: Logger;
  sessionPool: pg.Pool;
}

/** The Temporal UI page of a workflow (the dev server's UI and Temporal Cloud's share this shape). */
export const temporalWorkflowUrl = (config: Pick<Config, 'TEMPORAL_UI_URL' | 'TEMPORAL_NAMESPACE'>, workflowId: string) =>
  `${config.TEMPORAL_UI_URL}/namespaces/${encodeURIComponent(config.TEMPORAL_NAMESPACE)}/workflows/${encodeURIComponent(workflowId)}`;

/**
 * AdminJS's greys, darker: its secondary texts (labels, breadcrumbs, the version) in grey60 and its
 * plain badges (the states) in white on grey40 were under WCAG AA's 4.5:1 (3.2:1 and 1.9:1).
 */
export const CONTRASTED_COLORS = { grey60: '#5F6373', grey40: '#636B75' };

export async function createAdmin(deps: AdminDeps): Promise<{ rootPath: string; router: Router }> {
  const { config, sequelize, logger } = deps;
  defineMembershipModel(sequelize);
  const { loader, Components } = createComponentLoader();
  const services = { companies: companyService(deps), offers: offerService(deps), followUps: followUpService(deps) };
  const resourceContext = {
    sequelize,
    logger,
    services,
    components: Components,
    temporalWorkflowsUrl: temporalWorkflowUrl(config, '').replace(/\/$/, '/'),
  };

  const resources = [userResource(resourceContext), ...processResources(resourceContext), contactRequestResource(resourceContext), noticeQueueResource(resourceContext, sequelize), lockoutResource(sequelize)];
  const admin = new AdminJS({
    rootPath: ADMIN_ROOT,
    loginPath: `${ADMIN_ROOT}/login`,
    logoutPath: `${ADMIN_ROOT}/logout`,
    resources,
    dashboard: { component: Components.Dashboard, handler: dashboardHandler({ ...deps, rootPath: ADMIN_ROOT }) },
    componentLoader: loader,
    branding: { companyName: 'Tremplin back-office', withMadeWithLove: false, logo: false, theme: { colors: CONTRASTED_COLORS } },
    locale: frenchLocale(valueLabels(resources as Parameters<typeof valueLabels>[0])),
    settings: { defaultPerPage: 20 },
  });
  // The bundle is ours to build (below, in every mode); AdminJS's production build at initialize()
  // would build it a second time.
  admin.initialize = async () => undefined;
  const started = Date.now();
  const outcome = await ensureAdminBundle(admin);
  logger.debug({ outcome, ms: Date.now() - started }, 'AdminJS bundle');

  const sessions = sessionOptions(config, deps.sessionPool, ADMIN_COOKIE);
  const router = express.Router();
  // Called by the Temporal UI from its own origin: before the same-origin rule below (admin/temporal-codec.ts).
  router.use(TEMPORAL_CODEC_PATH, temporalCodecRoutes({ config, logger, sessions }));
  router.use(localAssetsOnly(ADMIN_ROOT));
  router.use(fontRoutes());
  // Our components' bundle, built above: served here in every mode (AdminJS's own production route
  // sends it with express's default of refusing dot-directories such as .adminjs, hence a 404).
  router.get('/frontend/assets/components.bundle.js', (_req, res, next) => {
    res.type('text/javascript; charset=utf-8').sendFile(path.resolve(COMPONENTS_OUTPUT_PATH), { dotfiles: 'allow', maxAge: 0 }, (error) => error && next(error));
  });
  router.use(sameOriginPosts(config.PUBLIC_URL));
  // The session first (AdminJS's own session middleware then finds it and steps aside), so that
  // every request is re-checked against the account, or opened from the platform's (one sign-in,
  // admin/auth.ts); then the body, read once within bounds (AdminJS's
  // parser then steps aside too), for the login's rate limit and for AdminJS; then the address checked
  // before AdminJS runs it (admin/requests.ts).
  router.use(session(sessions));
  router.use(recheckAdminSession(sessions.store!));
  router.use(webSessionBridge(sessions.store!, config.SESSION_SECRET, ADMIN_ROOT));
  router.get('/logout', signOutEverywhere(sessions.store!, config.SESSION_SECRET));
  router.use(
    adminBodies(async (res, error) => {
      res.status(error.status).send(await admin.renderLogin({ action: admin.options.loginPath, errorMessage: error.message }));
    }),
  );
  router.post('/login', ...loginRateLimits(admin));
  router.use(adminRequestGuard(admin));
  AdminJSExpress.buildAuthenticatedRouter(
    admin,
    { cookieName: ADMIN_COOKIE, cookiePassword: config.SESSION_SECRET, authenticate: adminAuthenticator(config.PUBLIC_URL) },
    router,
    sessions,
  );
  // What AdminJS has no route for, and what failed anywhere above: French, without a trace.
  router.use(adminNotFound);
  router.use(adminErrorHandler(logger, ADMIN_ROOT));
  return { rootPath: ADMIN_ROOT, router };
}
