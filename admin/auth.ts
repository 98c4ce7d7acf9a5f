// Who may enter the back office: active ADMIN accounts of the users table, with the platform's password
// hashing. Around AdminJS's own login route: the sign-in throttle per address and source that the API
// uses (models/sign-in-throttle.ts) and a limit per IP, a fresh session id at login, every request
// re-checked against the account (a disabled admin is out at once), and state-changing requests
// refused when they come from another site.
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import type AdminJS from 'adminjs';
import type { CurrentAdmin } from 'adminjs';
import { setDeviceCookie, signInSourceOf } from '../api/sign-in-source.js';
import { User } from '../models/index.js';
import { checkCredentials } from '../models/credentials.js';
import { isKnownDevice, lockoutMessage, pairOf, waitOf, type SignInSource } from '../models/sign-in-throttle.js';

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
export async function checkAdminCredentials(email: unknown, password: unknown, source: SignInSource): Promise<CurrentAdmin & { deviceToken: string }> {
  const address = typeof email === 'string' ? email.trim().toLowerCase() : '';
  const secret = typeof password === 'string' ? password : '';
  if (!address || !secret || address.length > 320 || secret.length > 256) throw new AdminLoginRefused(LOGIN_MESSAGES.invalid);
  const check = await checkCredentials(address, secret, source);
  if (!check.ok) throw new AdminLoginRefused(check.locked?.message ?? LOGIN_MESSAGES.invalid);
  const { user } = check;
  if (user.disabledAt) throw new AdminLoginRefused(LOGIN_MESSAGES.disabled);
  if (user.role !== 'ADMIN') throw new AdminLoginRefused(LOGIN_MESSAGES.notAdmin);
  await user.update({ lastLoginAt: new Date() });
  return { id: user.id, email: user.email, title: `${user.firstName} ${user.lastName}`, deviceToken: check.deviceToken };
}

/**
 * AdminJS's `authenticate`: also gives the session a new id, so a session fixed before login is worth
 * nothing, and sets the known-device cookie the API sets too.
 */
export function adminAuthenticator(publicUrl: string) {
  return async (email: string, password: string, context?: { req: Request; res?: Response }): Promise<CurrentAdmin> => {
    const req = context?.req;
    const { deviceToken, ...admin } = await checkAdminCredentials(email, password, req ? signInSourceOf(req) : { ip: '' });
    if (context?.res) setDeviceCookie(context.res, deviceToken, publicUrl);
    if (req?.session) await new Promise<void>((resolve, reject) => req.session.regenerate((error) => (error ? reject(error) : resolve())));
    return admin;
  };
}

/**
 * On the login POST, once its form is parsed: a source locked for this address answers 429 before
 * AdminJS (its own refusals are 400s), and failed logins per IP whatever the address (50 in 15
 * minutes, in memory) — except from a device this address signed in from before. A right password
 * is never slowed down.
 */
export function loginRateLimits(admin: AdminJS): RequestHandler[] {
  const refuse = async (res: Response, message: string) => {
    res.status(429).send(await admin.renderLogin({ action: admin.options.loginPath, errorMessage: message }));
  };
  const fields = (req: Request) => (req as Request & { fields?: Record<string, unknown> }).fields ?? {};
  const address = (req: Request) => String(fields(req).email ?? '').trim().toLowerCase();
  const locked: RequestHandler = async (req, res, next) => {
    try {
      const email = address(req);
      if (!email || email.length > 320) return next();
      const pair = await pairOf(User.sequelize!, email, signInSourceOf(req));
      const wait = await waitOf(User.sequelize!, pair);
      if (!wait) return next();
      res.setHeader('Retry-After', String(wait));
      await refuse(res, lockoutMessage(wait, pair.kind));
    } catch (error) {
      next(error);
    }
  };
  const perIp = rateLimit({
    windowMs: 15 * 60_000,
    limit: 50,
    skipSuccessfulRequests: true,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    keyGenerator: (req) => `admin-login-ip:${ipKeyGenerator(req.ip ?? '')}`,
    skip: (req) => isKnownDevice(User.sequelize!, address(req), signInSourceOf(req).deviceToken),
    handler: (_req, res) => refuse(res, LOGIN_MESSAGES.tooMany),
  });
  return [locked, perIp];
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
