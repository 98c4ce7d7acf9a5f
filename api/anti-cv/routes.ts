// GET /api/applications/:id/anti-cv.pdf and /api/offers/:id/favourites/anti-cv.pdf: thin HTTP over the
// anti-CV service. The PDF is made whole before any header is sent: a refusal is JSON, never half a file.
import { Router } from 'express';
import { z } from 'zod';
import { requireUser } from '../auth.js';
import { sendAttachment } from '../exports/routes.js';
import { document, errorEnvelope } from '../openapi.js';
import { parseId } from '../validation.js';
import type { antiCvService } from './service.js';

const idParam = z.object({ id: z.uuid() });
const pdf = { content: { 'application/pdf': { schema: z.string() } } };

document({
  method: 'get',
  path: '/applications/{id}/anti-cv.pdf',
  tags: ['applications'],
  summary:
    'L’anti-CV de la candidature (seed 002) : un PDF du profil, compétences et souhaits d’abord, pour qui lit la candidature (404 sinon). Tant que l’anonymat n’est pas levé, l’entreprise y lit « Candidat·e n° … », sans nom ni coordonnées (le nom du fichier non plus). Jamais la RQTH ni les besoins de santé ou d’aménagement.',
  request: { params: idParam },
  responses: { 200: { description: 'Le PDF, en pièce jointe (anti-cv-candidat-123.pdf tant que l’anonymat tient)', ...pdf } },
});
document({
  method: 'get',
  path: '/offers/{id}/favourites/anti-cv.pdf',
  tags: ['offers', 'applications'],
  summary:
    'Les anti-CV des candidatures favorites de l’offre (la short list) en un seul PDF, une personne par page, la plus ancienne candidature d’abord ; pour les recruteurs de l’entreprise et les administrateurs (404 pour les autres).',
  request: { params: idParam },
  responses: {
    200: { description: 'Le PDF, en pièce jointe', ...pdf },
    409: { description: 'Aucune candidature de l’offre n’est en favori (CONFLICT)', content: { 'application/json': { schema: errorEnvelope } } },
  },
});

export function antiCvRoutes(service: ReturnType<typeof antiCvService>): Router {
  const router = Router();
  const attach = (file: { filename: string; pdf: Buffer }) => ({ filename: file.filename, write: async (out: NodeJS.WritableStream) => void out.end(file.pdf) });

  router.get('/applications/:id/anti-cv.pdf', async (req, res) => {
    const user = requireUser(req);
    await sendAttachment(res, attach(await service.ofApplication(user, parseId(req.params.id, 'Candidature'))), 'application/pdf');
  });

  router.get('/offers/:id/favourites/anti-cv.pdf', async (req, res) => {
    const user = requireUser(req);
    await sendAttachment(res, attach(await service.ofFavourites(user, parseId(req.params.id, 'Offre'))), 'application/pdf');
  });

  return router;
}
