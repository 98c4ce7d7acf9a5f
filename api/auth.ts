// Sessions: login, logout, who am I; and the guards every other route uses.
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { Router } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { z } from 'zod';
import { Company, User } from '../models/index.js';
import { hashPassword, verifyPassword } from '../models/passwords.js';
import type { Actor } from '../workflows/application-rules.js';
import { HttpError } from './errors.js';
import { parseBody } from './validation.js';

declare module 'express-serve-static-core' {
  interface Request {
    user?: User;
  }
}

export const loginSchema = z
  .object({
    email: z.string().trim().max(320).email('adresse e-mail invalide'),
    password: z.string().min(1, 'mot de passe obligatoire').max(256),
  })
  .strict();

/** The signed-in user or a 401. */
export function requireUser(req: Request): User {
  if (!req.user) throw new HttpError('UNAUTHENTICATED', 'Connectez-vous pour continuer.');
  return req.user;
}

export function actorOf(user: User): Actor {
  return { id: user.id, role: user.role, companyId: user.companyId ?? null, name: `${user.firstName} ${user.lastName}` };
}

/** Loads the session's user on every request; a disabled account is signed out. */
export const loadUser: RequestHandler = async (req, _res, next) => {
  try {
    const id = req.session?.userId;
    if (id) {
      const user = await User.findByPk(id);
      if (user && !user.disabledAt) req.user = user;
      else delete req.session.userId;
    }
    next();
  } catch (error) {
    next(error);
  }
};

/**
 * CSRF defence of PRODUCT.md: state-changing requests carry JSON only, and a browser request whose
 * Origin is not the platform's own is refused.
 */
export function sameOriginJsonOnly(publicUrl: string): RequestHandler {
  const allowed = new URL(publicUrl).origin;
  return (req: Request, _res: Response, next: NextFunction) => {
    if (['GET', 'HEAD', 'OPTIONS'].includes(req.method)) return next();
    const origin = req.get('origin');
    const own = `${req.protocol}://${req.get('host')}`;
    if (origin && origin !== allowed && origin !== own) {
      return next(new HttpError('FORBIDDEN', 'Requête refusée : elle ne vient pas du site de la plateforme.'));
    }
    const hasBody = Number(req.get('content-length') ?? 0) > 0 || req.get('transfer-encoding') !== undefined;
    if (hasBody && !req.is('application/json')) {
      return next(new HttpError('UNSUPPORTED_MEDIA_TYPE', 'Le corps de la requête doit être du JSON (Content-Type: application/json).'));
    }
    next();
  };
}

export function meView(user: User, company: Company | null) {
  return {
    id: user.id,
    email: user.email,
    role: user.role,
    firstName: user.firstName,
    lastName: user.lastName,
    jobTitle: user.jobTitle ?? null,
    mustChangePassword: user.mustChangePassword,
    company: company ? { id: company.id, name: company.name, status: company.status } : null,
  };
}

const INVALID = 'E-mail ou mot de passe incorrect.';

export function authRoutes(): Router {
  const router = Router();
  // Only failures count: a person who types their password right is never slowed down.
  const loginLimiter = rateLimit({
    windowMs: 15 * 60_000,
    limit: 10,
    skipSuccessfulRequests: true,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    keyGenerator: (req) => `${ipKeyGenerator(req.ip ?? '')}:${String(req.body?.email ?? '').toLowerCase()}`,
    handler: (_req, _res, next) =>
      next(new HttpError('RATE_LIMITED', 'Trop de tentatives de connexion : réessayez dans quelques minutes.')),
  });
  // A fixed hash to verify against when the e-mail is unknown, so both cases take the same time.
  const decoy = hashPassword('decoy-password-never-used-1!A');

  router.post('/auth/login', loginLimiter, async (req, res) => {
    const { email, password } = parseBody(loginSchema, req);
    const user = await User.scope('withPassword').findOne({ where: { email: email.toLowerCase() } });
    const ok = await verifyPassword(user?.passwordHash ?? (await decoy), password);
    if (!user || !ok) throw new HttpError('UNAUTHENTICATED', INVALID);
    if (user.disabledAt) throw new HttpError('FORBIDDEN', 'Ce compte est désactivé. Contactez l’administrateur de la plateforme.');
    const company = user.companyId ? await Company.findByPk(user.companyId) : null;
    if (user.role === 'RECRUITER' && company?.status !== 'VERIFIED') {
      throw new HttpError(
        'FORBIDDEN',
        'Votre compte recruteur n’est pas encore actif : l’entreprise doit d’abord être vérifiée par l’équipe de la plateforme. Vous recevrez un e-mail dès que ce sera fait.',
      );
    }
    // A new session id at login: a session fixed before login is worth nothing after it.
    await new Promise<void>((resolve, reject) => req.session.regenerate((error) => (error ? reject(error) : resolve())));
    req.session.userId = user.id;
    await new Promise<void>((resolve, reject) => req.session.save((error) => (error ? reject(error) : resolve())));
    await user.update({ lastLoginAt: new Date(), failedLogins: 0 });
    res.json(meView(user, company));
  });

  router.post('/auth/logout', async (req, res) => {
    await new Promise<void>((resolve) => req.session.destroy(() => resolve()));
    res.clearCookie('tremplin.sid', { path: '/' });
    res.status(204).end();
  });

  router.get('/me', async (req, res) => {
    const user = requireUser(req);
    const company = user.companyId ? await Company.findByPk(user.companyId) : null;
    res.json(meView(user, company));
  });

  return router;
}
