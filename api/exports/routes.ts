// GET /api/offers/:id/applications.csv and /api/offers/:id/cvs.zip: thin HTTP over the export service.
// The offer is checked before any header is sent (404 as JSON); once the file has begun, a failure can
// only cut the connection, so the client sees a broken download rather than a file that looks whole.
import { Router, type Response } from 'express';
import { z } from 'zod';
import { requireUser } from '../auth.js';
import { document } from '../openapi.js';
import { parseId } from '../validation.js';
import type { exportService } from './service.js';

const idParam = z.object({ id: z.uuid() });

document({
  method: 'get',
  path: '/offers/{id}/applications.csv',
  tags: ['offers', 'applications'],
  summary:
    'Les candidatures d’une offre en CSV (recruteurs de l’entreprise, administrateurs ; 404 pour les autres) : UTF-8 avec BOM, séparateur « ; », fins de ligne CRLF, en-têtes en français ; ce que la page de chaque candidature montre, jamais la RQTH ni les besoins de santé ou d’aménagement. Une cellule commençant par = + - @ est précédée d’une apostrophe.',
  request: { params: idParam },
  responses: { 200: { description: 'Le fichier CSV, en pièce jointe, envoyé au fil de la lecture', content: { 'text/csv': { schema: z.string() } } } },
});
document({
  method: 'get',
  path: '/offers/{id}/cvs.zip',
  tags: ['offers', 'documents'],
  summary:
    'Les CV joints aux candidatures d’une offre en une archive ZIP (mêmes personnes que le CSV), nommés NN-Nom-Prénom-<nom du fichier> ; chaque CV lu est enregistré comme un téléchargement. Un CV supprimé entre-temps est omis et LISEZMOI.txt le dit, comme une offre sans CV.',
  request: { params: idParam },
  responses: { 200: { description: 'L’archive ZIP, en pièce jointe, envoyée au fil de la lecture', content: { 'application/zip': { schema: z.string() } } } },
});

export async function sendAttachment(res: Response, file: { filename: string; write(out: Response): Promise<void> }, type: string) {
  res.status(200);
  // The name is an ASCII slug and a date (slugOf): quoted as is.
  res.setHeader('Content-Disposition', `attachment; filename="${file.filename}"`);
  res.setHeader('Content-Type', type);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Cache-Control', 'private, no-store');
  try {
    await file.write(res);
  } catch (error) {
    if (res.headersSent) return void res.destroy();
    // Nothing sent yet: the error's JSON answer, not an attachment.
    for (const header of ['Content-Disposition', 'Content-Type', 'Cache-Control']) res.removeHeader(header);
    throw error;
  }
}

export function exportRoutes(service: ReturnType<typeof exportService>): Router {
  const router = Router();

  router.get('/offers/:id/applications.csv', async (req, res) => {
    const user = requireUser(req);
    await sendAttachment(res, await service.applicationsCsv(user, parseId(req.params.id, 'Offre')), 'text/csv; charset=utf-8');
  });

  router.get('/offers/:id/cvs.zip', async (req, res) => {
    const user = requireUser(req);
    await sendAttachment(res, await service.cvsZip(user, parseId(req.params.id, 'Offre'), req.ip ?? null), 'application/zip');
  });

  return router;
}
