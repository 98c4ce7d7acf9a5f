// Recruiter registration, the e-mail confirmation link, company verification (admins) and colleagues:
// thin HTTP over the company service.
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { escapeHtml } from '../../activities/mail.js';
import type { Config } from '../../config/env.js';
import { requireUser } from '../auth.js';
import { HttpError } from '../errors.js';
import { idempotentIds, transitionUpdateId, type Idempotent } from '../idempotency.js';
import { document, errorEnvelope } from '../openapi.js';
import { limiter } from '../rate-limit.js';
import { parseBody, parseId, parseQuery } from '../validation.js';
import {
  colleagueList,
  colleagueView,
  companyList,
  companyLookupAnswer,
  companyLookupQuery,
  companyTransitionBody,
  companyView,
  confirmEmailQuery,
  confirmEmailResponse,
  inviteColleagueBody,
  listCompaniesQuery,
  pageQuery,
  registerRecruiterBody,
  registerRecruiterResponse,
} from './schemas.js';
import type { companyService, ConfirmEmailOutcome } from './service.js';

const idParam = z.object({ id: z.uuid() });
const json = (schema: z.ZodType) => ({ content: { 'application/json': { schema } } });

document({
  idempotent: true,
  method: 'post',
  path: '/auth/register-recruiter',
  tags: ['companies'],
  summary:
    'Inscrire un recruteur (sans session) : SIREN inconnu → nouvelle entreprise (FOUNDER) ; entreprise déjà vérifiée → demande d’adhésion (MEMBER). Un e-mail de confirmation est envoyé. La même réponse 202 si l’adresse a déjà un compte (rien n’est créé ; son titulaire reçoit un e-mail qui le lui dit) : la réponse ne dit jamais quelles adresses ont un compte. Chaque tentative compte dans la limite par adresse IP (429 au-delà).',
  request: { body: json(registerRecruiterBody) },
  responses: { 202: { description: 'Demande enregistrée, en attente de confirmation de l’e-mail', ...json(registerRecruiterResponse) } },
});
document({
  method: 'get',
  path: '/auth/confirm-email',
  tags: ['companies'],
  summary:
    'Lien reçu par e-mail : confirme l’adresse (usage unique, 48 h). Page HTML pour un navigateur, JSON si Accept: application/json. 400 lien inconnu ou mal formé, 410 lien expiré ; un second clic répond « déjà confirmée » (200).',
  request: { query: confirmEmailQuery },
  responses: {
    200: { description: 'Adresse confirmée, ou déjà confirmée', content: { 'application/json': { schema: confirmEmailResponse }, 'text/html': { schema: z.string() } } },
    410: { description: 'Lien expiré (code TOKEN_EXPIRED)', ...json(errorEnvelope) },
  },
});
document({
  method: 'get',
  path: '/auth/company-lookup',
  tags: ['companies'],
  summary:
    'Formulaire d’inscription (sans session) : ce SIREN ou SIRET (clé vérifiée) est-il déjà sur la plateforme ? NEW (à inscrire), REGISTERED (entreprise vérifiée, avec son nom : demander à la rejoindre) ou PENDING (une inscription est en cours de vérification). Rien d’autre sur l’entreprise ni sur ses membres. Limité par adresse IP (429 au-delà).',
  request: { query: companyLookupQuery },
  responses: { 200: { description: 'Où en est ce SIREN sur la plateforme', ...json(companyLookupAnswer) } },
});
document({ method: 'get', path: '/companies', tags: ['companies'], summary: 'Entreprises (administrateurs). status=S : entreprises dans l’état S ou ayant une demande d’adhésion dans l’état S, la plus ancienne attente d’abord (ex. status=PENDING_ADMIN_VERIFICATION : ce qui attend la vérification)', request: { query: listCompaniesQuery }, responses: { 200: { description: 'Page d’entreprises', ...json(companyList) } } });
document({ method: 'get', path: '/companies/{id}', tags: ['companies'], summary: 'Une entreprise, l’historique de sa vérification et les demandes en cours (administrateurs, recruteurs de l’entreprise)', request: { params: idParam }, responses: { 200: { description: 'Entreprise', ...json(companyView) } } });
document({ idempotent: true, method: 'post', path: '/companies/{id}/transitions', tags: ['companies'], summary: 'Vérifier (verify) ou refuser avec motif (reject, reason) l’inscription de l’entreprise, ou la demande d’adhésion membershipId d’une entreprise déjà vérifiée (administrateurs)', request: { params: idParam, body: json(companyTransitionBody) }, responses: { 200: { description: 'L’entreprise après l’action', ...json(companyView) } } });
document({ method: 'get', path: '/company/colleagues', tags: ['companies'], summary: 'Les recruteurs de mon entreprise (recruteur vérifié)', request: { query: pageQuery }, responses: { 200: { description: 'Collègues', ...json(colleagueList) } } });
document({ idempotent: true, method: 'post', path: '/company/colleagues', tags: ['companies'], summary: 'Inviter un collègue : compte recruteur actif, mot de passe provisoire envoyé par e-mail, à changer à la première connexion', request: { body: json(inviteColleagueBody) }, responses: { 201: { description: 'Collègue créé', ...json(colleagueView) } } });

/** A small page a person understands, for the link opened from their mailbox. */
function confirmationPage(outcome: ConfirmEmailOutcome, publicUrl: string): string {
  const ok = outcome.httpStatus === 200;
  const next = ok
    ? { href: `${publicUrl}/`, label: 'Aller sur Tremplin' }
    : { href: `${publicUrl}/`, label: 'Revenir à l’accueil de Tremplin pour vous inscrire à nouveau' };
  return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(outcome.title)} — Tremplin</title>
<style>
  body { font-family: Arial, Helvetica, sans-serif; font-size: 1.125rem; line-height: 1.6; color: #1a1a1a; background: #f4f6fa; margin: 0; }
  main { max-width: 36rem; margin: 3rem auto; padding: 2rem; background: #fff; border-radius: .5rem; border-top: .375rem solid ${ok ? '#0b6b3a' : '#a4161a'}; }
  h1 { font-size: 1.5rem; margin-top: 0; }
  a { color: #0b4f9c; }
</style>
</head>
<body>
<main>
<h1>${escapeHtml(outcome.title)}</h1>
<p role="status">${escapeHtml(outcome.message)}</p>
<p><a href="${escapeHtml(next.href)}">${escapeHtml(next.label)}</a></p>
</main>
</body>
</html>`;
}

function answerConfirmation(req: Request, res: Response, outcome: ConfirmEmailOutcome, publicUrl: string) {
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Referrer-Policy', 'no-referrer'); // the token is in the URL
  res.status(outcome.httpStatus);
  if (req.accepts(['html', 'json']) === 'json') {
    if (outcome.httpStatus === 200) {
      res.json({ outcome: outcome.outcome, membershipStatus: outcome.membershipStatus, message: outcome.message });
    } else {
      res.json({ error: { code: outcome.outcome === 'EXPIRED' ? 'TOKEN_EXPIRED' : 'VALIDATION_FAILED', message: `token : ${outcome.message}` } });
    }
    return;
  }
  res.type('html').send(confirmationPage(outcome, publicUrl));
}

export function companyRoutes(service: ReturnType<typeof companyService>, config: Pick<Config, 'PUBLIC_URL' | 'SIGNUPS_PER_ADDRESS' | 'COMPANY_LOOKUPS_PER_ADDRESS'>, idempotent: Idempotent): Router {
  const publicUrl = config.PUBLIC_URL;
  const router = Router();
  // Each sign-up sends a mail to an address nobody has proven yet: a ceiling per address of origin.
  // Every attempt counts, refused ones included: what an address answers must not be free to ask.
  const registerLimiter = limiter({
    name: 'register-recruiter',
    windowMs: 15 * 60_000,
    limit: config.SIGNUPS_PER_ADDRESS,
    by: 'address',
    message: 'Trop d’inscriptions depuis votre connexion : réessayez dans quelques minutes.',
  });

  // The key before the limit: a replayed answer is no new sign-up (a 429 is not kept: a retry runs again).
  router.post('/auth/register-recruiter', idempotent({ anonymous: true }), registerLimiter, async (req, res) => {
    res.status(202).json(await service.registerRecruiter(parseBody(registerRecruiterBody, req), idempotentIds(req, 'userId', 'membershipId', 'companyId')));
  });

  // Asked as the number is typed (once it is valid): a bound per client address against listing the register.
  const lookupLimiter = limiter({
    name: 'company-lookup',
    windowMs: 5 * 60_000,
    limit: config.COMPANY_LOOKUPS_PER_ADDRESS,
    by: 'address',
    message: 'Trop de recherches depuis votre connexion : réessayez dans quelques minutes.',
  });

  router.get('/auth/company-lookup', lookupLimiter, async (req, res) => {
    const { number } = parseQuery(companyLookupQuery, req);
    res.json(await service.lookup(number));
  });

  router.get('/auth/confirm-email', async (req, res) => {
    const token = typeof req.query.token === 'string' ? req.query.token : undefined;
    answerConfirmation(req, res, await service.confirmEmail(token), publicUrl);
  });

  router.get('/companies', async (req, res) => {
    const user = requireUser(req);
    res.json(await service.list(user, parseQuery(listCompaniesQuery, req)));
  });

  router.get('/companies/:id', async (req, res) => {
    const user = requireUser(req);
    res.json(await service.get(user, parseId(req.params.id, 'Entreprise')));
  });

  router.post('/companies/:id/transitions', idempotent(), async (req, res) => {
    const user = requireUser(req);
    const id = parseId(req.params.id, 'Entreprise');
    res.json(await service.transition(user, id, parseBody(companyTransitionBody, req), transitionUpdateId(req)));
  });

  router.get('/company/colleagues', async (req, res) => {
    const user = requireUser(req);
    res.json(await service.listColleagues(user, parseQuery(pageQuery, req)));
  });

  router.post('/company/colleagues', idempotent(), async (req, res) => {
    const user = requireUser(req);
    res.status(201).json(await service.inviteColleague(user, parseBody(inviteColleagueBody, req), idempotentIds(req, 'userId', 'membershipId')));
  });

  return router;
}
