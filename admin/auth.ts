// Who may enter the back office: active ADMIN accounts of the users table, with the platform's password
// hashing. Around AdminJS's own login route: a rate limit on failed attempts, a fresh session id at
// login, every request re-checked against the account (a disabled admin is out at once), and
// state-changing requests refused when they come from another site.
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import type AdminJS from 'adminjs';
import type { CurrentAdmin } from 'adminjs';
import { User } from '../models/index.js';
import { checkCredentials } from '../models/credentials.js';
import { lockoutMessage } from '../models/login-lockout.js';

export const LOGIN_MESSAGES = {
  invalid: 'E-mail ou mot de passe incorrect.',
  disabled: 'Ce compte est désactivé.',
  notAdmin:
    'Le back-office est réservé aux administrateurs de la plateforme. Les recruteurs, référents, chargés de mission et candidats se connectent depuis la page d’accueil de Tremplin.',
  tooMany: 'Trop de tentatives de connexion : réessayez dans quelques minutes.',
} as const;

/** A refused login: its message is shown on the login page (and answers 400, which the rate limit counts). */
export class AdminLoginRefused extends Error {
  override name = 'AdminLoginRefused';
}

/**
 * The admin behind these credentials, or a refusal. The role and the account's state are told only
 * once the password was right: to anybody else, an account is just "incorrect".
 */
export async function checkAdminCredentials(email: unknown, password: unknown): Promise<CurrentAdmin> {
  const address = typeof email === 'string' ? email.trim().toLowerCase() : '';
  const secret = typeof password === 'string' ? password : '';
  if (!address || !secret || address.length > 320 || secret.length > 256) throw new AdminLoginRefused(LOGIN_MESSAGES.invalid);
  const check = await checkCredentials(address, secret);
  if (!check.ok) throw new AdminLoginRefused(check.lockedMinutes ? lockoutMessage(check.lockedMinutes) : LOGIN_MESSAGES.invalid);
  const { user } = check;
  if (user.disabledAt) throw new AdminLoginRefused(LOGIN_MESSAGES.disabled);
  if (user.role !== 'ADMIN') throw new AdminLoginRefused(LOGIN_MESSAGES.notAdmin);
  await user.update({ lastLoginAt: new Date() });
  return { id: user.id, email: user.email, title: `${user.firstName} ${user.lastName}` };
}

/** AdminJS's `authenticate`: also gives the session a new id, so a session fixed before login is worth nothing. */
export async function authenticateAdmin(email: string, password: string, context?: { req: Request }): Promise<CurrentAdmin> {
  const admin = await checkAdminCredentials(email, password);
  const req = context?.req;
  if (req?.session) await new Promise<void>((resolve, reject) => req.session.regenerate((error) => (error ? reject(error) : resolve())));
  return admin;
}

/**
 * Failed logins per address and account (10 in 15 minutes), and per address whatever the account
 * (50), counted on the login POST once its form is parsed; a right password is never slowed down.
 */
export function loginRateLimits(admin: AdminJS): RequestHandler[] {
  const refuse = async (_req: Request, res: Response) => {
    res.status(429).send(await admin.renderLogin({ action: admin.options.loginPath, errorMessage: LOGIN_MESSAGES.tooMany }));
  };
  const common = { windowMs: 15 * 60_000, skipSuccessfulRequests: true, standardHeaders: 'draft-7', legacyHeaders: false, handler: refuse } as const;
  const fields = (req: Request) => (req as Request & { fields?: Record<string, unknown> }).fields ?? {};
  return [
    rateLimit({ ...common, limit: 10, keyGenerator: (req) => `admin-login:${ipKeyGenerator(req.ip ?? '')}:${String(fields(req).email ?? '').trim().toLowerCase()}` }),
    rateLimit({ ...common, limit: 50, keyGenerator: (req) => `admin-login-ip:${ipKeyGenerator(req.ip ?? '')}` }),
  ];
}

declare module 'express-session' {
  interface SessionData {
    adminUser?: CurrentAdmin;
  }
}

/** Every request of a signed-in admin: the account must still exist, be active and be an ADMIN. */
export const recheckAdminSession: RequestHandler = async (req, _res, next) => {
  try {
    const id = req.session?.adminUser?.id;
    if (req.session?.adminUser) {
      const user = id ? await User.findByPk(id) : null;
      if (!user || user.disabledAt || user.role !== 'ADMIN') delete req.session.adminUser;
    }
    next();
  } catch (error) {
    next(error);
  }
};

/** A POST whose Origin is another site's is refused (the session cookie is SameSite=Lax as well). */
export function sameOriginPosts(publicUrl: string): RequestHandler {
  const allowed = new URL(publicUrl).origin;
  return (req: Request, res: Response, next: NextFunction) => {
    if (['GET', 'HEAD', 'OPTIONS'].includes(req.method)) return next();
    const origin = req.get('origin');
    if (origin && origin !== allowed && origin !== `${req.protocol}://${req.get('host')}`) {
      res.status(403).type('text/plain; charset=utf-8').send('Requête refusée : elle ne vient pas du back-office de la plateforme.');
      return;
    }
    next();
  };
}
