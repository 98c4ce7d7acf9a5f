// Sessions: login, logout, who am I; and the guards every other route uses.
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { Router } from 'express';
import { QueryTypes } from 'sequelize';
import { z } from 'zod';
import { Company, User } from '../models/index.js';
import { checkCredentials } from '../models/credentials.js';
import { hashPassword, passwordWeakness, verifyPassword } from '../models/passwords.js';
import type { Actor } from '../workflows/application-rules.js';
import { recruiterAccessRefusal, type MembershipKind, type MembershipStatus } from '../workflows/company-verification-rules.js';
import { accountFields, accountShape } from './account/schemas.js';
import { unreadNotifications } from './notifications/service.js';
import { HttpError, invalidField } from './errors.js';
import { document } from './openapi.js';
import { limiter } from './rate-limit.js';
import { setDeviceCookie, signInSourceOf } from './sign-in-source.js';
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

export const changePasswordSchema = z
  .object({
    currentPassword: z.string({ error: 'mot de passe actuel attendu' }).min(1, 'mot de passe actuel obligatoire').max(256),
    newPassword: z.string({ error: 'nouveau mot de passe attendu' }).superRefine((value, ctx) => {
      const weakness = passwordWeakness(value);
      if (weakness) ctx.addIssue({ code: 'custom', message: weakness });
    }),
  })
  .strict();

export const meSchema = z
  .object({
    id: z.uuid(),
    email: z.string(),
    role: z.enum(['ADMIN', 'MISSION_OFFICER', 'REFERENT', 'RECRUITER', 'CANDIDATE']),
    firstName: z.string(),
    lastName: z.string(),
    jobTitle: z.string().nullable(),
    mustChangePassword: z.boolean(),
    company: z.object({ id: z.uuid(), name: z.string(), status: z.string() }).nullable(),
    // « Mon compte » (api/account/).
    ...accountShape,
    /** The header's badge (api/notifications/). */
    unreadNotifications: z.number().int(),
  })
  .meta({ id: 'Me' });
const json = (schema: z.ZodType) => ({ content: { 'application/json': { schema } } });
document({
  method: 'post',
  path: '/auth/login',
  tags: ['session'],
  summary:
    'Se connecter (cookie de session). Les échecs sont limités par adresse et par source (IP, ou appareil où l’on s’est déjà connecté : cookie tremplin.device posé à chaque connexion réussie) : 429 RATE_LIMITED avec Retry-After pour la source qui se trompe, jamais pour les autres.',
  request: { body: json(loginSchema) },
  responses: { 200: { description: 'Connecté', ...json(meSchema) } },
});
document({ method: 'post', path: '/auth/logout', tags: ['session'], summary: 'Se déconnecter', responses: { 204: { description: 'Déconnecté' } } });
document({ method: 'get', path: '/me', tags: ['session'], summary: 'Qui suis-je', responses: { 200: { description: 'La personne connectée', ...json(meSchema) } } });
document({ method: 'post', path: '/auth/change-password', tags: ['session'], summary: 'Changer son mot de passe (obligatoire après une invitation)', request: { body: json(changePasswordSchema) }, responses: { 200: { description: 'Mot de passe changé', ...json(meSchema) } } });

/** The signed-in user or a 401. */
export function requireUser(req: Request): User {
  if (!req.user) throw new HttpError('UNAUTHENTICATED', 'Connectez-vous pour continuer.');
  return req.user;
}

export function actorOf(user: User): Actor {
  return { id: user.id, role: user.role, companyId: user.companyId ?? null, name: `${user.firstName} ${user.lastName}` };
}

/** What a user with a temporary password may still reach: who am I, sign out, change the password. */
const OPEN_WHILE_PASSWORD_TEMPORARY = new Set(['/me', '/auth/logout', '/auth/change-password', '/auth/login', '/auth/password-reset', '/auth/password-reset/confirm']);

/**
 * Loads the session's user on every request; a disabled account is signed out. While the password is
 * a temporary one (an invited colleague), every other route answers 403 until it is changed.
 */
export const loadUser: RequestHandler = async (req, _res, next) => {
  try {
    const id = req.session?.userId;
    if (id) {
      const user = await User.findByPk(id);
      if (user && !user.disabledAt) req.user = user;
      else delete req.session.userId;
    }
    if (req.user?.mustChangePassword && !OPEN_WHILE_PASSWORD_TEMPORARY.has(req.path)) {
      return next(
        new HttpError(
          'FORBIDDEN',
          'Votre mot de passe est provisoire : choisissez votre propre mot de passe avant de continuer (POST /api/auth/change-password avec currentPassword et newPassword).',
          { mustChangePassword: true },
        ),
      );
    }
    next();
  } catch (error) {
    next(error);
  }
};

/**
 * Why this recruiter may not sign in yet (their own membership, then their company), or null. Asked
 * only once the password was right: the reason belongs to the account's owner.
 */
async function recruiterRefusal(user: User): Promise<string | null> {
  const [row] = await User.sequelize!.query<{ status: MembershipStatus; kind: MembershipKind; company_status: MembershipStatus; reason: string | null }>(
    `SELECT m.status, m.kind, c.status AS company_status,
            (SELECT e.message FROM membership_events e WHERE e.membership_id = m.id AND e.type = 'reject' ORDER BY e.seq DESC LIMIT 1) AS reason
     FROM company_memberships m JOIN companies c ON c.id = m.company_id WHERE m.user_id = :userId`,
    { type: QueryTypes.SELECT, replacements: { userId: user.id } },
  );
  if (row) return recruiterAccessRefusal({ status: row.status, kind: row.kind, reason: row.reason }, row.company_status);
  // An account made without the sign-up (back office, older data): its company's status decides.
  const company = user.companyId ? await Company.findByPk(user.companyId) : null;
  return recruiterAccessRefusal(null, (company?.status as MembershipStatus | undefined) ?? null);
}

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

/** GET /api/me and every answer that returns the signed-in person: their account, company and unread count. */
export async function meAnswer(user: User) {
  const [company, unread] = await Promise.all([user.companyId ? Company.findByPk(user.companyId) : null, unreadNotifications(User.sequelize!, user.id)]);
  return { ...meView(user, company), unreadNotifications: unread };
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
    ...accountFields(user),
  };
}

/** The same words for an unknown address, a wrong password and a sign-up not yet confirmed. */
export const INVALID_CREDENTIALS = 'E-mail ou mot de passe incorrect. Si vous venez de vous inscrire, confirmez d’abord votre adresse avec le lien reçu par e-mail.';

/**
 * A candidate's sign-in is activity the CVthèque's « dernière activité » filter reads
 * (`candidate_profiles.last_activity_at`). One UPDATE; a failure is logged and never fails the sign-in.
 */
async function touchCandidateActivity(userId: string): Promise<void> {
  try {
    await User.sequelize!.query('UPDATE candidate_profiles SET last_activity_at = now() WHERE user_id = :userId', { replacements: { userId } });
  } catch {
    // The sign-in stands: activity is a hint for recruiters, not a condition.
  }
}

export function authRoutes(config: { PUBLIC_URL: string }): Router {
  const router = Router();
  // Throttled per address and source, in PostgreSQL (models/sign-in-throttle.ts): only wrong passwords
  // count, and a source's lock leaves the owner's other places and known devices free.
  router.post('/auth/login', async (req, res) => {
    const { email, password } = parseBody(loginSchema, req);
    const check = await checkCredentials(email, password, signInSourceOf(req));
    if (!check.ok) {
      if (check.locked) {
        res.setHeader('Retry-After', String(check.locked.waitSeconds));
        throw new HttpError('RATE_LIMITED', check.locked.message);
      }
      throw new HttpError('UNAUTHENTICATED', INVALID_CREDENTIALS);
    }
    const { user } = check;
    setDeviceCookie(res, check.deviceToken, config.PUBLIC_URL);
    if (user.disabledAt) throw new HttpError('FORBIDDEN', 'Ce compte est désactivé. Contactez l’administrateur de la plateforme.');
    if (user.role === 'RECRUITER') {
      // PRODUCT.md: nobody logs in as a recruiter before their membership (and their company) is VERIFIED.
      const refusal = await recruiterRefusal(user);
      if (refusal) throw new HttpError('FORBIDDEN', refusal);
    }
    // A new session id at login: a session fixed before login is worth nothing after it.
    await new Promise<void>((resolve, reject) => req.session.regenerate((error) => (error ? reject(error) : resolve())));
    req.session.userId = user.id;
    await new Promise<void>((resolve, reject) => req.session.save((error) => (error ? reject(error) : resolve())));
    await user.update({ lastLoginAt: new Date() });
    if (user.role === 'CANDIDATE') await touchCandidateActivity(user.id);
    res.json(await meAnswer(user));
  });

  // Counted per account: only wrong current passwords count.
  const changeLimiter = limiter({ name: 'change-password', windowMs: 15 * 60_000, limit: 10, skipSuccessfulRequests: true, by: 'person', message: 'Trop de tentatives : réessayez dans quelques minutes.' });

  router.post('/auth/change-password', changeLimiter, async (req, res) => {
    const me = requireUser(req);
    const { currentPassword, newPassword } = parseBody(changePasswordSchema, req);
    const user = await User.scope('withPassword').findByPk(me.id);
    if (!user || !(await verifyPassword(user.passwordHash, currentPassword))) {
      throw invalidField('currentPassword', 'ce n’est pas votre mot de passe actuel.');
    }
    if (currentPassword === newPassword) {
      throw invalidField('newPassword', 'choisissez un mot de passe différent de l’actuel.');
    }
    await user.update({ passwordHash: await hashPassword(newPassword), mustChangePassword: false });
    // Using the temporary password received by e-mail proved the address.
    await User.sequelize!.query(`UPDATE users SET email_confirmed_at = coalesce(email_confirmed_at, now()) WHERE id = :id`, { replacements: { id: user.id } });
    // Other sessions of this account (another browser, a stolen cookie) end with the old password.
    await User.sequelize!.query(`DELETE FROM http_sessions WHERE sess->>'userId' = :id AND sid <> :sid`, { replacements: { id: user.id, sid: req.sessionID } });
    res.json(await meAnswer(user));
  });

  router.post('/auth/logout', async (req, res) => {
    await new Promise<void>((resolve) => req.session.destroy(() => resolve()));
    res.clearCookie('tremplin.sid', { path: '/' });
    res.status(204).end();
  });

  router.get('/me', async (req, res) => {
    res.json(await meAnswer(requireUser(req)));
  });

  return router;
}
