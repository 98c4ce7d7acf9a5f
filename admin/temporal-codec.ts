// The codec endpoint of the Temporal UI (its « Codec Server »): payloads are encrypted in Temporal
// (config/temporal.ts); an operator signed in to the back office as an ADMIN reads them in the UI,
// nobody else. The UI calls POST <endpoint>/decode from its own origin with the admin's cookie
// (TEMPORAL_CODEC_INCLUDE_CREDENTIALS), so only that origin is allowed, with credentials.
import cors from 'cors';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import session, { type SessionOptions } from 'express-session';
import { z } from 'zod';
import type { Config } from '../config/env.js';
import type { Logger } from '../config/logger.js';
import { EncryptionCodec, payloadFromJson, payloadToJson } from '../config/temporal.js';
import { User } from '../models/index.js';

const base64 = z.string().max(8_000_000).regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64 attendu');
const bodySchema = z.object({
  payloads: z.array(z.object({ metadata: z.record(z.string(), base64).nullish(), data: base64.nullish() })).max(1_000),
});

const refuse = (res: Response, status: number, message: string) => res.status(status).json({ error: { message } });

export function temporalCodecRoutes(deps: { config: Config; logger: Logger; sessions: SessionOptions }): Router {
  const { config, logger } = deps;
  const codec = new EncryptionCodec(config.PAYLOAD_ENCRYPTION_KEYS);
  const router = express.Router();
  router.use(cors({ origin: [new URL(config.TEMPORAL_UI_URL).origin], credentials: true, methods: ['POST'], allowedHeaders: ['content-type', 'x-namespace'], maxAge: 600 }));
  router.use(session(deps.sessions));
  router.use(express.json({ limit: '10mb' }));

  router.post('/decode', async (req: Request, res: Response, next: NextFunction) => {
    try {
      const adminId = req.session?.adminUser?.id;
      if (!adminId) return refuse(res, 401, 'Connectez-vous au back-office (compte administrateur) pour lire les données chiffrées.');
      const admin = await User.findByPk(adminId);
      if (!admin || admin.disabledAt || admin.role !== 'ADMIN') return refuse(res, 403, 'Réservé aux administrateurs de la plateforme.');
      const namespace = req.get('x-namespace');
      if (namespace && namespace !== config.TEMPORAL_NAMESPACE) return refuse(res, 403, `Namespace « ${namespace} » : ce serveur ne déchiffre que « ${config.TEMPORAL_NAMESPACE} ».`);
      const body = bodySchema.safeParse(req.body);
      if (!body.success) return refuse(res, 400, 'Corps attendu : { payloads: [{ metadata, data }] } en base64.');
      const encoded = body.data.payloads.map(payloadFromJson);
      let decoded;
      try {
        decoded = await codec.decode(encoded);
      } catch (error) {
        return refuse(res, 400, `Payload illisible : ${error instanceof Error ? error.message : 'chiffrement invalide'}.`);
      }
      // Who read what: personal data leaves the encryption only here.
      logger.info({ adminId, payloads: decoded.length }, 'temporal payloads decoded for an admin');
      res.set('Cache-Control', 'no-store').json({ payloads: decoded.map(payloadToJson) });
    } catch (error) {
      next(error);
    }
  });
  // A malformed JSON body is the caller's mistake.
  router.use((error: unknown, _req: Request, res: Response, next: NextFunction) => {
    const status = (error as { status?: number }).status;
    if (status && status >= 400 && status < 500) return refuse(res, status, 'Corps de requête invalide (JSON attendu).');
    next(error);
  });
  return router;
}
