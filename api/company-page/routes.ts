// /api/company/page (its recruiters), /api/company (its settings), the logo and banner uploads, and the
// public company pages /api/public/companies… (no sign-in: rate-limited per address, cacheable).
import express, { Router, type Request, type RequestHandler, type Response } from 'express';
import { z } from 'zod';
import { requireUser } from '../auth.js';
import { HttpError } from '../errors.js';
import { document, errorEnvelope } from '../openapi.js';
import { publicCache } from '../public/routes.js';
import { parseBody, parseId, parseQuery, wellFormedStrings } from '../validation.js';
import { IMAGE_BODY_LIMIT, IMAGE_KINDS, TOO_LARGE_IMAGE } from './images.js';
import {
  companyPageBody,
  companyPageView,
  companySettingsBody,
  imageBody,
  publicCompaniesQuery,
  publicCompanyList,
  publicCompanyView,
} from './schemas.js';
import type { companyPageService } from './service.js';

const idParam = z.object({ id: z.uuid() });
const json = (schema: z.ZodType) => ({ content: { 'application/json': { schema } } });
const refusal = (description: string) => ({ description, ...json(errorEnvelope) });
const pageAnswer = { 200: { description: 'La page de l’entreprise, telle qu’enregistrée', ...json(companyPageView) } };

document({ method: 'get', path: '/company/page', tags: ['company page'], summary: 'La page de mon entreprise et ses réglages (recruteur vérifié), publiée ou non', responses: pageAnswer });
document({
  method: 'put',
  path: '/company/page',
  tags: ['company page'],
  summary:
    'Enregistrer la page de mon entreprise (recruteur vérifié), entière : description en HTML (nettoyée sur le serveur : p, br, strong, em, ul, ol, li, h3, h4, liens http(s) et mailto), site web et réseaux sociaux (adresses https), avantages, candidatures spontanées, publication. Avec version (celle lue), 409 si quelqu’un a enregistré entre-temps.',
  request: { body: json(companyPageBody) },
  responses: pageAnswer,
});
document({
  method: 'patch',
  path: '/company',
  tags: ['company page'],
  summary: 'Modifier les réglages de mon entreprise (recruteur vérifié) : raison sociale, secteur, taille, adresse, code postal, ville. Le SIREN ne se modifie qu’au back-office (administrateurs).',
  request: { body: json(companySettingsBody) },
  responses: pageAnswer,
});
for (const [path, kind] of [['logo', 'Logo (carré 256 × 256)'], ['banner', 'Bannière (1200 × 300)']] as const) {
  document({
    method: 'put',
    path: `/company/page/${path}`,
    tags: ['company page'],
    summary: `${kind} de mon entreprise (recruteur vérifié) : JSON { contentBase64 }, 4 Mo au plus ; JPEG, PNG, WebP, GIF ou AVIF (lu dans le contenu). Redimensionnée, réencodée en WebP, sans aucune métadonnée (EXIF, position GPS…).`,
    request: { body: json(imageBody) },
    responses: { ...pageAnswer, 413: refusal('Image de plus de 4 Mo.'), 415: refusal('Pas une image acceptée : le message nomme le type détecté.') },
  });
  document({ method: 'delete', path: `/company/page/${path}`, tags: ['company page'], summary: `Retirer : ${kind.toLowerCase()} (recruteur vérifié). Sans corps (400 sinon).`, responses: pageAnswer });
  document({
    method: 'get',
    path: `/public/companies/{id}/${path}`,
    tags: ['public'],
    summary: `${kind} d’une entreprise, sans connexion, si sa page est publiée (ses recruteurs la voient avant) ; 404 sinon. Cache public tant que la page est publiée.`,
    request: { params: idParam },
    responses: { 200: { description: 'Image WebP', content: { 'image/webp': { schema: z.string() } } } },
  });
}
document({
  method: 'get',
  path: '/public/companies',
  tags: ['public'],
  summary: 'Les entreprises dont la page est publiée, sans connexion, par nom (q : une partie du nom, sans accents ni majuscules requis)',
  request: { query: publicCompaniesQuery },
  responses: { 200: { description: 'Entreprises', ...json(publicCompanyList) } },
});
document({
  method: 'get',
  path: '/public/companies/{id}',
  tags: ['public'],
  summary: 'La page publiée d’une entreprise et ses offres en ligne, sans connexion ; 404 si elle n’est pas publiée',
  request: { params: idParam },
  responses: { 200: { description: 'Entreprise', ...json(publicCompanyView) } },
});

const IMAGE_PATH = /^\/company\/page\/(logo|banner)\/?$/i;
/** createApiRouter's 100 KB JSON parser leaves this request to the image route's own parser. */
export const isCompanyImageUpload = (req: Request) => req.method === 'PUT' && IMAGE_PATH.test(req.path);

function imageJson(): RequestHandler {
  const parse = express.json({ limit: IMAGE_BODY_LIMIT, strict: true, reviver: wellFormedStrings });
  return (req, res, next) =>
    parse(req, res, (error?: unknown) => {
      if ((error as { type?: string } | undefined)?.type === 'entity.too.large') return next(new HttpError('PAYLOAD_TOO_LARGE', TOO_LARGE_IMAGE));
      next(error as Error | undefined);
    });
}

// The public routes below count against the showcase's limit per address (publicRateLimit, mounted on
// all of /api/public before the session).
export function companyPageRoutes(service: ReturnType<typeof companyPageService>): Router {
  const router = Router();
  const parseImage = imageJson();

  router.get('/company/page', async (req, res) => {
    res.setHeader('Cache-Control', 'private, no-store');
    res.json(await service.get(requireUser(req)));
  });
  router.put('/company/page', async (req, res) => {
    res.json(await service.put(requireUser(req), parseBody(companyPageBody, req)));
  });
  router.patch('/company', async (req, res) => {
    res.json(await service.patchSettings(requireUser(req), parseBody(companySettingsBody, req)));
  });

  for (const [path, kind] of Object.entries(IMAGE_KINDS)) {
    router.put(
      `/company/page/${path}`,
      // Who it is first: the body (up to 6 MB) is read only for a signed-in recruiter.
      (req, _res, next) => {
        const user = requireUser(req);
        if (user.role !== 'RECRUITER') throw new HttpError('FORBIDDEN', 'Réservé aux recruteurs d’une entreprise vérifiée : la page de l’entreprise se modifie depuis « Mon entreprise ».');
        next();
      },
      parseImage,
      async (req, res) => {
        res.json(await service.putImage(requireUser(req), kind, parseBody(imageBody, req)));
      },
    );
    router.delete(`/company/page/${path}`, async (req, res) => {
      const user = requireUser(req);
      // Nothing to say to a removal: a body (even {}) is a request misunderstood, not ignored.
      if (Number(req.get('content-length') ?? 0) > 0 || req.get('transfer-encoding') !== undefined) {
        throw new HttpError('VALIDATION_FAILED', 'corps de la requête : cette action n’en prend pas (DELETE sans corps).');
      }
      res.json(await service.deleteImage(user, kind));
    });
    router.get(`/public/companies/:id/${path}`, async (req, res) => {
      const image = await service.image(req.user, parseId(req.params.id, 'Image'), kind);
      res.setHeader('Content-Type', image.mimeType);
      res.setHeader('X-Content-Type-Options', 'nosniff');
      res.setHeader('ETag', `"${image.sha256.slice(0, 32)}"`);
      // Addressed by its hash (?v=…): a published image may be kept a day; a preview, by nobody but the browser.
      res.setHeader('Cache-Control', image.shared ? 'public, max-age=86400' : 'private, no-cache');
      if (req.fresh) {
        res.status(304).end();
        return;
      }
      res.send(image.content);
    });
  }

  router.get('/public/companies', async (req, res) => {
    const list = await service.publicList(parseQuery(publicCompaniesQuery, req));
    publicCache(res);
    res.json(list);
  });
  router.get('/public/companies/:id', async (req, res) => {
    const company = await service.publicGet(parseId(req.params.id, 'Entreprise'));
    publicCache(res);
    res.json(company);
  });

  return router;
}
