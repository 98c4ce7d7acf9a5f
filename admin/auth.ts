// Who may enter the back office: active ADMIN accounts of the users table, with the platform's password
// hashing. Around AdminJS's own login route: the sign-in throttle per address and source that the API
// uses (models/sign-in-throttle.ts) and a limit per IP, a fresh session id at login, every request
// re-checked against the account (a disabled admin is out at once), and state-changing requests
// refused when they come from another site.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { SessionData, Store } from 'express-session';
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
    /**
     * The platform's session this one was opened from (one sign-in, below). Kept beside `adminUser`,
     * which AdminJS writes into every page's state: a session id has no business in a page.
     */
    fromWebSession?: string;
  }
}

/** The platform's own session cookie (api/app.ts). */
export const WEB_COOKIE = 'tremplin.sid';

/** The session id a signed cookie of express-session carries (`s:<id>.<HMAC-SHA256>`), or null. */
export function unsignSessionCookie(value: string | undefined, secret: string): string | null {
  if (!value) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(value);
  } catch {
    return null;
  }
  if (!decoded.startsWith('s:')) return null;
  const signed = decoded.slice(2);
  const dot = signed.lastIndexOf('.');
  if (dot <= 0) return null;
  const id = signed.slice(0, dot);
  const expected = Buffer.from(createHmac('sha256', secret).update(id).digest('base64').replace(/=+$/, ''));
  const given = Buffer.from(signed.slice(dot + 1));
  return given.length === expected.length && timingSafeEqual(given, expected) ? id : null;
}

const cookieOf = (req: Request, name: string) =>
  (req.get('cookie') ?? '')
    .split(';')
    .map((part) => part.trim())
    .find((part) => part.startsWith(`${name}=`))
    ?.slice(name.length + 1);

const stored = (store: Store, sid: string) =>
  new Promise<SessionData | null>((resolve, reject) => store.get(sid, (error, data) => (error ? reject(error) : resolve(data ?? null))));

/** The active ADMIN account signed in on the platform in this browser, and that session's id. */
async function webAdminOf(req: Request, store: Store, secret: string): Promise<{ user: User; sid: string } | null> {
  const sid = unsignSessionCookie(cookieOf(req, WEB_COOKIE), secret);
  const userId = sid ? (await stored(store, sid))?.userId : undefined;
  const user = userId ? await User.findByPk(userId) : null;
  return user && sid && user.role === 'ADMIN' && !user.disabledAt && !user.mustChangePassword ? { user, sid } : null;
}

/**
 * One sign-in: an admin signed in on the platform opens the back office without signing in again. A
 * page or a read (GET) of the back office, without a session of its own but with the platform's
 * session of an active ADMIN, opens one (a new id, as at login) tied to it: it ends when that session
 * ends (signing out of the platform, below in `recheckAdminSession`). A request that changes
 * something is never what opens it: it needs the back office's session, as before (with the
 * same-origin rule and SameSite cookies). Anybody else still meets the login page.
 */
export function webSessionBridge(store: Store, secret: string, rootPath: string): RequestHandler {
  return async (req, res, next) => {
    try {
      if (req.method !== 'GET' || !req.session) return next();
      if (!req.session.adminUser) {
        const web = await webAdminOf(req, store, secret);
        if (web) {
          await new Promise<void>((resolve, reject) => req.session.regenerate((error) => (error ? reject(error) : resolve())));
          const { user, sid } = web;
          req.session.adminUser = { id: user.id, email: user.email, title: `${user.firstName} ${user.lastName}` };
          req.session.fromWebSession = sid;
          await new Promise<void>((resolve, reject) => req.session.save((error) => (error ? reject(error) : resolve())));
        }
      }
      // Signed in already: the login page is the dashboard.
      if (req.session.adminUser && req.path === '/login') return res.redirect(rootPath);
      next();
    } catch (error) {
      next(error);
    }
  };
}

/**
 * Signing out of the back office signs out of the platform in this browser too (the same person's
 * session): otherwise the next page would open the back office again from it.
 */
export function signOutEverywhere(store: Store, secret: string): RequestHandler {
  return async (req, res, next) => {
    try {
      const sid = unsignSessionCookie(cookieOf(req, WEB_COOKIE), secret);
      const adminId = req.session?.adminUser?.id;
      if (sid && adminId && (await stored(store, sid))?.userId === adminId) {
        await new Promise<void>((resolve, reject) => store.destroy(sid, (error) => (error ? reject(error) : resolve())));
        res.clearCookie(WEB_COOKIE, { path: '/' });
      }
      next();
    } catch (error) {
      next(error);
    }
  };
}

/**
 * Every request of a signed-in admin: the account must still exist, be active and be an ADMIN; a
 * session opened from the platform's ends with it (signed out there, or ended by a new password).
 */
export function recheckAdminSession(store: Store): RequestHandler {
  return async (req, _res, next) => {
    try {
      const admin = req.session?.adminUser;
      if (admin) {
        const user = admin.id ? await User.findByPk(admin.id) : null;
        const from = req.session.fromWebSession;
        const webEnded = from ? (await stored(store, from))?.userId !== admin.id : false;
        if (!user || user.disabledAt || user.role !== 'ADMIN' || webEnded) {
          delete req.session.adminUser;
          delete req.session.fromWebSession;
        }
      }
      next();
    } catch (error) {
      next(error);
    }
  };
}

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
