// /api/me/documents, /api/documents/:id/download, /api/applications/:id/documents: thin HTTP over the
// document service. The upload is the only route whose JSON body may exceed 100 KB (7 MB, for files
// of 5 MB in base64); it is read only once the caller is known to be a signed-in candidate.
import { pipeline } from 'node:stream/promises';
import express, { Router, type Request, type RequestHandler } from 'express';
import { z } from 'zod';
import { requireUser } from '../auth.js';
import { errorEnvelope, document } from '../openapi.js';
import { HttpError } from '../errors.js';
import { parseBody, parseId, parseQuery, wellFormedStrings } from '../validation.js';
import { documentList, documentView, listDocumentsQuery, UPLOAD_BODY_LIMIT, uploadDocumentBody } from './schemas.js';
import { TOO_LARGE_MESSAGE, downloadUrlOf, type documentService } from './service.js';

const idParam = z.object({ id: z.uuid() });
const json = (schema: z.ZodType) => ({ content: { 'application/json': { schema } } });
const refusal = (description: string) => ({ description, ...json(errorEnvelope) });

document({
  method: 'post',
  path: '/me/documents',
  tags: ['documents'],
  summary:
    'Déposer un document (candidat) : JSON { kind, filename, mimeType, contentBase64 }, 5 Mo au plus. Le type est lu dans le contenu (PDF, DOCX, ODT, PNG, JPEG), pas dans le nom ; le fichier est rangé sous une clé aléatoire, hors de tout répertoire servi. Son texte est lu ensuite pour la recherche de la CVthèque (textStatus : PENDING, puis EXTRACTED ou UNREADABLE).',
  request: { body: json(uploadDocumentBody) },
  responses: {
    201: { description: 'Document enregistré', ...json(documentView) },
    413: refusal('Fichier de plus de 5 Mo (ou corps JSON de plus de 7 Mo).'),
    415: refusal('Contenu d’un type refusé : le message nomme le type détecté ; ou corps qui n’est pas du JSON.'),
  },
});
document({ method: 'get', path: '/me/documents', tags: ['documents'], summary: 'Mes documents (candidat), les plus récents d’abord', request: { query: listDocumentsQuery }, responses: { 200: { description: 'Documents', ...json(documentList) } } });
document({
  method: 'delete',
  path: '/me/documents/{id}',
  tags: ['documents'],
  summary:
    'Supprimer un de mes documents (candidat). Refusé (409) tant qu’une candidature en cours le porte ; une candidature close perd le document (et le journal de ses téléchargements part avec lui).',
  request: { params: idParam },
  responses: { 204: { description: 'Supprimé' } },
});
document({
  method: 'get',
  path: '/documents/{id}/download',
  tags: ['documents'],
  summary:
    'Télécharger un document (en pièce jointe). Permis au candidat, à son référent et au chargé de mission de ce référent, aux administrateurs, et à qui voit une candidature qui le porte (les recruteurs de l’entreprise une fois la candidature transmise). Chaque téléchargement est enregistré ; 404 pour tout autre.',
  request: { params: idParam },
  responses: { 200: { description: 'Le fichier, avec son type réel', content: { 'application/octet-stream': { schema: z.string() } } } },
});
document({ method: 'get', path: '/applications/{id}/documents', tags: ['documents', 'applications'], summary: 'Les documents joints à une candidature (son CV), pour qui voit la candidature', request: { params: idParam }, responses: { 200: { description: 'Documents', ...json(documentList) } } });

const UPLOAD_PATH = /^\/me\/documents\/?$/i;
/** createApiRouter's 100 KB JSON parser leaves this request to the upload route's own parser. */
export const isDocumentUpload = (req: Request) => req.method === 'POST' && UPLOAD_PATH.test(req.path);

/** The upload's JSON parser: 7 MB, and a message about the file (not the body) when it is too large. */
function uploadJson(): RequestHandler {
  const parse = express.json({ limit: UPLOAD_BODY_LIMIT, strict: true, reviver: wellFormedStrings });
  return (req, res, next) =>
    parse(req, res, (error?: unknown) => {
      if ((error as { type?: string } | undefined)?.type === 'entity.too.large') return next(new HttpError('PAYLOAD_TOO_LARGE', TOO_LARGE_MESSAGE));
      next(error as Error | undefined);
    });
}

export function documentRoutes(service: ReturnType<typeof documentService>): Router {
  const router = Router();
  const parseUpload = uploadJson();

  router.post(
    '/me/documents',
    // Who it is first: an anonymous or non-candidate request is refused before its body is read.
    (req, _res, next) => {
      const user = requireUser(req);
      if (user.role !== 'CANDIDATE') throw new HttpError('FORBIDDEN', 'Les documents se déposent depuis l’espace candidat : seul le candidat gère ses documents.');
      next();
    },
    parseUpload,
    async (req, res) => {
      const user = requireUser(req);
      const created = await service.upload(user, parseBody(uploadDocumentBody, req));
      res.status(201).location(downloadUrlOf(created.id)).json(created);
    },
  );

  router.get('/me/documents', async (req, res) => {
    const user = requireUser(req);
    res.json(await service.listMine(user, parseQuery(listDocumentsQuery, req)));
  });

  router.delete('/me/documents/:id', async (req, res) => {
    const user = requireUser(req);
    await service.remove(user, parseId(req.params.id, 'Document'));
    res.status(204).end();
  });

  router.get('/documents/:id/download', async (req, res) => {
    const user = requireUser(req);
    const { document, stream, size } = await service.download(user, parseId(req.params.id, 'Document'), {
      ip: req.ip ?? null,
      record: req.method !== 'HEAD',
    });
    res.status(200);
    // attachment; filename="ascii"; filename*=UTF-8''… (quotes and non-ASCII escaped by Express). Then
    // the stored type (read from the content at upload), not one guessed from the name.
    res.attachment(document.filename);
    res.setHeader('Content-Type', document.mime_type);
    res.setHeader('Content-Length', String(size));
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
    res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
    res.setHeader('Cache-Control', 'private, no-store');
    if (req.method === 'HEAD') {
      stream.destroy();
      res.end();
      return;
    }
    try {
      await pipeline(stream, res);
    } catch (error) {
      // The client went away, or the disk failed mid-file: nothing more can be sent on this response.
      if (!res.headersSent) throw error;
      res.destroy();
    }
  });

  router.get('/applications/:id/documents', async (req, res) => {
    const user = requireUser(req);
    res.json(await service.ofApplication(user, parseId(req.params.id, 'Candidature')));
  });

  return router;
}
