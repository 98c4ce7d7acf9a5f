// AdminJS back office at /admin, for ADMIN accounts only. Statuses are read-only here: state changes
// belong to the workflows (the operator actions arrive with the back-office issue).
import AdminJSExpress from '@adminjs/express';
import { Database, Resource } from '@adminjs/sequelize';
import AdminJS, { type ResourceWithOptions } from 'adminjs';
import type { Router } from 'express';
import type pg from 'pg';
import type { Config } from '../config/env.js';
import { Application, ApplicationEvent, Company, EmailOutbox, Interview, Offer, SponsorshipRequest, User } from '../models/index.js';
import { verifyPassword } from '../models/passwords.js';
import { sessionOptions } from '../api/session.js';

AdminJS.registerAdapter({ Database, Resource });

const readOnly = { new: { isAccessible: false }, edit: { isAccessible: false }, delete: { isAccessible: false } };
const statusReadOnly = { status: { isDisabled: true }, workflowId: { isDisabled: true } };

function resources(): ResourceWithOptions[] {
  return [
    {
      resource: User,
      options: {
        navigation: { name: 'Comptes' },
        properties: { passwordHash: { isVisible: false } },
        listProperties: ['email', 'role', 'firstName', 'lastName', 'companyId', 'disabledAt'],
        filterProperties: ['email', 'role', 'companyId', 'lastName'],
        actions: { delete: { isAccessible: false } },
      },
    },
    {
      resource: Company,
      options: {
        navigation: { name: 'Entreprises' },
        properties: statusReadOnly,
        listProperties: ['name', 'siren', 'city', 'status', 'statusChangedAt'],
        actions: { delete: { isAccessible: false } },
      },
    },
    {
      resource: Offer,
      options: {
        navigation: { name: 'Offres' },
        properties: statusReadOnly,
        listProperties: ['title', 'companyId', 'contractType', 'city', 'status', 'statusChangedAt'],
        actions: { delete: { isAccessible: false } },
      },
    },
    {
      resource: Application,
      options: { navigation: { name: 'Candidatures' }, listProperties: ['id', 'status', 'companyId', 'candidateId', 'statusChangedAt'], actions: readOnly },
    },
    { resource: ApplicationEvent, options: { navigation: { name: 'Candidatures' }, actions: readOnly } },
    { resource: Interview, options: { navigation: { name: 'Candidatures' }, actions: readOnly } },
    { resource: SponsorshipRequest, options: { navigation: { name: 'Parrainages' }, properties: statusReadOnly, actions: readOnly } },
    {
      resource: EmailOutbox,
      options: {
        navigation: { name: 'Exploitation' },
        listProperties: ['toAddress', 'subject', 'status', 'attempts', 'lastError', 'createdAt'],
        actions: readOnly,
      },
    },
  ];
}

export const ADMIN_ROOT = '/admin';

/** Checks the e-mail and password of an active ADMIN account; every other role is refused. */
export async function authenticateAdmin(email: string, password: string) {
  const user = await User.scope('withPassword').findOne({ where: { email: String(email).trim().toLowerCase() } });
  if (!user || user.disabledAt || user.role !== 'ADMIN') return null;
  if (!(await verifyPassword(user.passwordHash, password))) return null;
  return { id: user.id, email: user.email, title: `${user.firstName} ${user.lastName}` };
}

export async function createAdmin(deps: { config: Config; sessionPool: pg.Pool }): Promise<{ rootPath: string; router: Router }> {
  const admin = new AdminJS({
    rootPath: ADMIN_ROOT,
    resources: resources(),
    branding: { companyName: 'Tremplin — back office', withMadeWithLove: false },
    locale: { language: 'fr', availableLanguages: ['fr'] },
  });
  const router = AdminJSExpress.buildAuthenticatedRouter(
    admin,
    {
      cookieName: 'tremplin.admin',
      cookiePassword: deps.config.SESSION_SECRET,
      authenticate: authenticateAdmin,
      maxRetries: { count: 5, duration: 60 },
    },
    null,
    sessionOptions(deps.config, deps.sessionPool, 'tremplin.admin'),
  );
  return { rootPath: ADMIN_ROOT, router };
}
