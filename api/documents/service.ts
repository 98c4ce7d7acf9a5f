// Candidate documents (CV, cover letter…): upload checked by content, stored by a random key under
// ${DATA_DIR}/documents (row and file together or neither), listed, downloaded by those who may see
// them (each download recorded), deleted by their owner unless a live application carries them.
//
// Who may download a document — anyone else gets a 404, as for any entity they may not see:
//   - the candidate who owns it;
//   - their référent, and that référent's mission officer;
//   - admins;
//   - whoever may see an application carrying it as its CV, under the applications' own rule: the
//     company's recruiters once the application was sent to the company (after the référent's
//     validation), the référent who follows that application and their mission officer;
//   - whoever may see an application whose thread carries it (a message of the candidate or their
//     référent attached it: api/messages), under the same rule.
//
// Races end in a clean answer, never a 500 (test/document-races.test.ts):
//   - applying with a CV while it is deleted: the application locks the document row (FOR KEY SHARE)
//     until it is committed, the deletion locks it FOR UPDATE; whichever comes second waits, then
//     finds a live application (409) or no document (400 naming cvDocumentId);
//   - downloading while it is deleted: the access check locks the row the same way and opens the file
//     before letting go, so the deletion (row first, then the file) waits; an open file is read to the
//     end even once unlinked. A download that comes second finds no row: 404;
//   - deleting twice at once: the second finds no row once the first committed: 404;
//   - deleting while an application being submitted holds the row longer than DELETE_LOCK_WAIT_MS
//     (Temporal slow to start its workflow): 409, try again — not the statement timeout's 500.
//
// Every upload is then read for the CVthèque's search (api/documents/text.ts, documentTextWorkflow):
// the row is written with text_status 'PENDING', the workflow started once it is committed; its
// status (never its text) is part of the document's view, for its owner and those who follow them.
import { anonymityOfRow, documentNameAsSeenBy, identityHidden } from '../../workflows/candidate-identity.js';
import { randomUUID } from 'node:crypto';
import type { ReadStream } from 'node:fs';
import type { Client } from '@temporalio/client';
import { fileTypeFromBuffer } from 'file-type';
import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import type { z } from 'zod';
import type { Config } from '../../config/env.js';
import type { Logger } from '../../config/logger.js';
import type { User } from '../../models/index.js';
import { applicationRules } from '../../workflows/application-rules.js';
import { visibility as applicationVisibility } from '../applications/service.js';
import { HttpError, invalidField, notFound } from '../errors.js';
import { DocumentStorage, newStorageKey } from './storage.js';
import { startDocumentText } from './text.js';
import { MAX_DOCUMENT_BYTES, MAX_DOCUMENTS_PER_CANDIDATE, type DocumentKind, type listDocumentsQuery, type uploadDocumentBody } from './schemas.js';

interface Deps {
  sequelize: Sequelize;
  config: Pick<Config, 'DATA_DIR'> & Partial<Pick<Config, 'TEMPORAL_TASK_QUEUE'>>;
  logger: Logger;
  /** Starts the reading of each upload's text; absent (a service built by a test), uploads stay PENDING. */
  temporal?: Client;
}

/** The accepted types, as the content says (file-type), with the extensions their names may carry. */
export const ACCEPTED_TYPES: Record<string, { label: string; extensions: string[] }> = {
  'application/pdf': { label: 'PDF', extensions: ['pdf'] },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { label: 'Word (DOCX)', extensions: ['docx'] },
  'application/vnd.oasis.opendocument.text': { label: 'OpenDocument texte (ODT)', extensions: ['odt'] },
  'image/png': { label: 'image PNG', extensions: ['png'] },
  'image/jpeg': { label: 'image JPEG', extensions: ['jpg', 'jpeg'] },
};
const ACCEPTED_LABELS = 'PDF, Word (DOCX), OpenDocument texte (ODT), PNG ou JPEG';

export interface DocumentRow {
  id: string;
  candidate_id: string;
  kind: DocumentKind;
  filename: string;
  mime_type: string;
  size_bytes: number;
  storage_key: string;
  created_at: Date;
  /** Its text read for the search: PENDING, EXTRACTED or UNREADABLE; null before CV text existed. */
  text_status: DocumentTextStatus | null;
  live_applications?: string | number;
  /** Withheld from this reader: the file of a candidate whose identity an anonymous application hides (its content names them). */
  withheld?: boolean;
}

export type DocumentTextStatus = 'PENDING' | 'EXTRACTED' | 'UNREADABLE';

/** The row without its text (up to 100,000 characters, only ever read by the search). */
const COLUMNS = 'd.id, d.candidate_id, d.kind, d.filename, d.mime_type, d.size_bytes, d.storage_key, d.created_at, d.text_status';

const FINALS = [...applicationRules.finalStatuses];
const LIVE_APPLICATIONS = `(SELECT count(*) FROM applications la WHERE la.cv_document_id = d.id AND la.status NOT IN (:finals))`;

/** How long a deletion waits for an application being submitted with the document (see remove). */
export const DELETE_LOCK_WAIT_MS = 5_000;
export const DOCUMENT_IN_USE_MESSAGE =
  'Ce document est joint à une candidature en cours d’envoi : il ne peut pas être supprimé pour l’instant. Réessayez dans un instant (une candidature qui le porte empêchera sa suppression).';

export const DOCUMENT_WITHHELD_MESSAGE =
  'Candidature anonyme : ses documents se lisent une fois l’anonymat levé (ils portent le plus souvent le nom de la personne). Levez l’anonymat en vous engageant à la contacter.';

export const downloadUrlOf = (id: string) => `/api/documents/${id}/download`;

export function documentView(row: DocumentRow) {
  return {
    id: row.id,
    kind: row.kind,
    filename: row.filename,
    mimeType: row.mime_type,
    sizeBytes: Number(row.size_bytes),
    createdAt: new Date(row.created_at).toISOString(),
    downloadUrl: row.withheld ? null : downloadUrlOf(row.id),
    liveApplications: Number(row.live_applications ?? 0),
    // Not yet read (null: stored before CV text existed) is shown as waiting.
    textStatus: row.text_status ?? 'PENDING',
  };
}

/** A candidate's documents, newest first (for the candidate and for who follows them). */
export async function candidateDocuments(sequelize: Sequelize, candidateId: string, limit = 100, offset = 0) {
  const [rows, [{ total }]] = await Promise.all([
    sequelize.query<DocumentRow>(
      `SELECT ${COLUMNS}, ${LIVE_APPLICATIONS} AS live_applications FROM documents d WHERE d.candidate_id = :candidateId
       ORDER BY d.created_at DESC, d.id LIMIT :limit OFFSET :offset`,
      { type: QueryTypes.SELECT, replacements: { candidateId, finals: FINALS, limit, offset } },
    ),
    sequelize.query<{ total: string }>(`SELECT count(*) AS total FROM documents WHERE candidate_id = :candidateId`, {
      type: QueryTypes.SELECT,
      replacements: { candidateId },
    }),
  ]);
  return { items: rows.map(documentView), total: Number(total) };
}

/**
 * A name that is safe to show and to send back in Content-Disposition: no directory, no control or
 * bidirectional characters, no characters file systems refuse, and the extension of the real type.
 */
export function safeFilename(raw: string, mime: string): string {
  const extensions = ACCEPTED_TYPES[mime]?.extensions ?? ['bin'];
  const base = raw
    .normalize('NFC')
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ')
    .replace(/[\u00ad\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g, '')
    .replace(/^[\s\S]*[\\/]/, '')
    .replace(/["*:<>?|]/g, '_')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[.\s]+/, '');
  const dot = base.lastIndexOf('.');
  const extension = dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
  const keep = extensions.includes(extension);
  const stem = ([...(keep ? base.slice(0, dot) : base)].slice(0, 150).join('').trim() || 'document').replace(/[.\s]+$/, '') || 'document';
  return `${stem}.${keep ? extension : extensions[0]}`;
}

const sizeLabel = (bytes: number) => `${(bytes / 1024 / 1024).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} Mo`;
export const TOO_LARGE_MESSAGE = `Fichier trop volumineux : ${sizeLabel(MAX_DOCUMENT_BYTES)} au plus. Réduisez-le (export PDF compressé, image moins grande) puis réessayez.`;

export function documentService({ sequelize, config, logger, temporal }: Deps) {
  const storage = new DocumentStorage(config.DATA_DIR);

  /**
   * The document if this user may download it (see the header of this file), or undefined; locked
   * FOR KEY SHARE within `transaction` (a deletion waits, or came first and left no row).
   */
  async function findAccessible(user: User, id: string, transaction?: Transaction): Promise<DocumentRow | undefined> {
    const scope = applicationVisibility(user);
    const direct: Record<User['role'], string> = {
      ADMIN: 'TRUE',
      CANDIDATE: 'd.candidate_id = :me',
      REFERENT: 'p.referent_id = :me',
      MISSION_OFFICER: 'pr.mission_officer_id = :me',
      RECRUITER: 'FALSE',
    };
    const [row] = await sequelize.query<DocumentRow>(
      `SELECT ${COLUMNS} FROM documents d
       LEFT JOIN candidate_profiles p ON p.user_id = d.candidate_id
       LEFT JOIN users pr ON pr.id = p.referent_id
       WHERE d.id = :id AND (
         ${direct[user.role]}
         OR EXISTS (SELECT 1 FROM applications a LEFT JOIN users r ON r.id = a.referent_id WHERE a.cv_document_id = d.id AND (${scope.where}))
         OR EXISTS (SELECT 1 FROM application_messages am JOIN applications a ON a.id = am.application_id WHERE am.document_id = d.id AND (${scope.where}))
       )
       ${transaction ? 'FOR KEY SHARE OF d' : ''}`,
      { transaction, type: QueryTypes.SELECT, replacements: { ...scope.replacements, me: user.id, id } },
    );
    return row;
  }

  /**
   * The document's name as this reader sees it: a recruiter who reaches it only through anonymous
   * applications not yet lifted reads a neutral name (workflows/candidate-identity.ts).
   */
  async function asSeenBy<T extends Pick<DocumentRow, 'id' | 'filename' | 'kind'>>(user: User, row: T): Promise<T> {
    if (user.role !== 'RECRUITER') return row;
    const links = await sequelize.query<{ anonymous: boolean; identity_shared_at: Date | null; candidate_number: number }>(
      `SELECT a.anonymous, a.identity_shared_at, a.candidate_number FROM applications a
       WHERE a.company_id = :company AND a.sent_to_company_at IS NOT NULL
         AND (a.cv_document_id = :id OR EXISTS (SELECT 1 FROM application_messages am WHERE am.application_id = a.id AND am.document_id = :id))
       ORDER BY a.created_at`,
      { type: QueryTypes.SELECT, replacements: { company: user.companyId, id: row.id } },
    );
    const anonymities = links.map(anonymityOfRow);
    // Named as soon as one application of the company shows who the candidate is.
    if (!anonymities.length || anonymities.some((a) => !identityHidden(user, a))) return row;
    // Its file too is withheld until the lift: a CV names its author in its first line (seed 002: the
    // company reads the anonymous application, then commits to contact before learning who it is).
    return { ...row, filename: documentNameAsSeenBy(user, anonymities[0]!, row.filename, row.kind), withheld: true };
  }

  function requireCandidate(user: User) {
    if (user.role !== 'CANDIDATE') throw new HttpError('FORBIDDEN', 'Les documents se déposent depuis l’espace candidat : seul le candidat gère ses documents.');
  }

  return {
    storage,

    async upload(user: User, body: z.output<typeof uploadDocumentBody>) {
      requireCandidate(user);
      const base64 = body.contentBase64.replace(/[\r\n]/g, '');
      // Refused before decoding when even its base64 is too long.
      if (Math.floor((base64.length * 3) / 4) - (base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0) > MAX_DOCUMENT_BYTES) {
        throw new HttpError('PAYLOAD_TOO_LARGE', TOO_LARGE_MESSAGE, { maxBytes: MAX_DOCUMENT_BYTES });
      }
      const bytes = Buffer.from(base64, 'base64');
      if (bytes.length === 0) throw invalidField('contentBase64', 'le fichier est vide.');
      if (bytes.length > MAX_DOCUMENT_BYTES) throw new HttpError('PAYLOAD_TOO_LARGE', TOO_LARGE_MESSAGE, { maxBytes: MAX_DOCUMENT_BYTES });

      // The type is what the content is, whatever the name or the browser say.
      const detected = await fileTypeFromBuffer(bytes).catch(() => undefined);
      const accepted = detected ? ACCEPTED_TYPES[detected.mime] : undefined;
      if (!detected || !accepted) {
        const what = detected
          ? `son contenu est de type ${detected.mime} (.${detected.ext})`
          : 'son contenu n’est d’aucun format de document reconnu (texte, page HTML ou format inconnu)';
        throw new HttpError(
          'UNSUPPORTED_MEDIA_TYPE',
          `Fichier refusé : ${what}, quel que soit le nom du fichier. Formats acceptés : ${ACCEPTED_LABELS}.`,
          { detectedType: detected?.mime ?? null },
        );
      }

      const id = randomUUID();
      const key = newStorageKey();
      const filename = safeFilename(body.filename, detected.mime);
      try {
        // Row and file together: the file is written inside the row's transaction, so a failed write
        // leaves no row; a failed commit removes the file (below).
        await sequelize.transaction(async (transaction) => {
          await sequelize.query(`SELECT pg_advisory_xact_lock(hashtext(:lock))`, { transaction, replacements: { lock: `documents:${user.id}` } });
          const [{ count }] = await sequelize.query<{ count: string }>(`SELECT count(*) AS count FROM documents WHERE candidate_id = :me`, {
            transaction,
            type: QueryTypes.SELECT,
            replacements: { me: user.id },
          });
          if (Number(count) >= MAX_DOCUMENTS_PER_CANDIDATE) {
            throw new HttpError('CONFLICT', `Vous avez déjà ${MAX_DOCUMENTS_PER_CANDIDATE} documents : supprimez-en un avant d’en ajouter un autre.`);
          }
          await sequelize.query(
            `INSERT INTO documents (id, candidate_id, kind, filename, mime_type, size_bytes, storage_key, text_status)
             VALUES (:id, :me, :kind, :filename, :mime, :size, :key, 'PENDING')`,
            { transaction, replacements: { id, me: user.id, kind: body.kind, filename, mime: detected.mime, size: bytes.length, key } },
          );
          // The CVthèque's « dernière activité ».
          await sequelize.query(`UPDATE candidate_profiles SET last_activity_at = now() WHERE user_id = :me`, { transaction, replacements: { me: user.id } });
          await storage.write(key, bytes);
        });
      } catch (error) {
        // Only when the row is really absent (a commit whose answer was lost may have gone through).
        const [kept] = await sequelize
          .query<{ id: string }>(`SELECT id FROM documents WHERE id = :id`, { type: QueryTypes.SELECT, replacements: { id } })
          .catch(() => [{ id }]);
        if (!kept) await storage.remove(key).catch((err) => logger.warn({ err, key }, 'document file not removed after a failed upload'));
        throw error;
      }
      // Committed: its text is read by a workflow. Temporal out of reach leaves it PENDING, the upload
      // done all the same; the platform's start-up and `npm run reconcile -- --repair` start it later.
      if (temporal && config.TEMPORAL_TASK_QUEUE) {
        await startDocumentText(temporal, config.TEMPORAL_TASK_QUEUE, id).catch((err: unknown) =>
          logger.warn({ err, documentId: id }, 'document text reading not started: stays PENDING until restarted'),
        );
      }
      const [row] = await sequelize.query<DocumentRow>(`SELECT ${COLUMNS}, ${LIVE_APPLICATIONS} AS live_applications FROM documents d WHERE d.id = :id`, {
        type: QueryTypes.SELECT,
        replacements: { id, finals: FINALS },
      });
      return documentView(row!);
    },

    async listMine(user: User, query: z.output<typeof listDocumentsQuery>) {
      requireCandidate(user);
      const { items, total } = await candidateDocuments(sequelize, user.id, query.pageSize, (query.page - 1) * query.pageSize);
      return { items, total, page: query.page, pageSize: query.pageSize };
    },

    /**
     * The file and its row, the download recorded; 404 for anyone who may not see it, and for a
     * document deleted meanwhile. The row stays locked (FOR KEY SHARE) from the access check until the
     * file is open and the download recorded: a deletion waits for that, and an open file is read to
     * its end even once the deletion has removed it.
     */
    async download(user: User, id: string, { ip, record }: { ip: string | null; record: boolean }): Promise<{ document: DocumentRow; stream: ReadStream; size: number }> {
      let file: { stream: ReadStream; size: number } | null = null;
      try {
        const document = await sequelize.transaction(async (transaction) => {
          const row = await findAccessible(user, id, transaction);
          if (!row) throw notFound('Document');
          // A file this reader may see is seen under its own name (asSeenBy renames only what it withholds).
          if ((await asSeenBy(user, row)).withheld) throw new HttpError('FORBIDDEN', DOCUMENT_WITHHELD_MESSAGE);
          file = await storage.read(row.storage_key);
          if (!file) {
            // The row is locked, so no deletion of ours removed it: the file was lost (disk, restore).
            logger.error({ documentId: id, key: row.storage_key, dir: storage.dir }, 'document file missing while its row exists');
            throw new HttpError('NOT_FOUND', 'Document introuvable : son fichier n’est plus disponible. Le candidat peut le déposer de nouveau.');
          }
          if (record) {
            await sequelize.query(`INSERT INTO document_downloads (document_id, user_id, user_role, ip) VALUES (:id, :userId, :role, :ip)`, {
              transaction,
              replacements: { id, userId: user.id, role: user.role, ip },
            });
          }
          return row;
        });
        return { document, ...file! };
      } catch (error) {
        (file as { stream: ReadStream } | null)?.stream.destroy();
        throw error;
      }
    },

    async remove(user: User, id: string): Promise<void> {
      requireCandidate(user);
      const key = await sequelize.transaction(async (transaction) => {
        // An application being submitted with this CV holds its row until Temporal has started its
        // workflow: usually a moment, but as long as Temporal takes. Waiting longer than this answers
        // 409 (retry), where the statement's time limit (15 s) would have answered 500.
        await sequelize.query(`SET LOCAL lock_timeout = '${DELETE_LOCK_WAIT_MS}ms'`, { transaction });
        const [row] = await sequelize
          .query<DocumentRow>(`SELECT ${COLUMNS} FROM documents d WHERE d.id = :id AND d.candidate_id = :me FOR UPDATE OF d`, {
            transaction,
            type: QueryTypes.SELECT,
            replacements: { id, me: user.id },
          })
          .catch((error: unknown) => {
            if ((error as { parent?: { code?: string } }).parent?.code === '55P03') throw new HttpError('CONFLICT', DOCUMENT_IN_USE_MESSAGE);
            throw error;
          });
        if (!row) throw notFound('Document');
        // Read after the lock: an application being created with this CV has committed by now.
        const live = await sequelize.query<{ id: string; title: string | null; company: string }>(
          `SELECT a.id, o.title, c.name AS company FROM applications a JOIN companies c ON c.id = a.company_id LEFT JOIN offers o ON o.id = a.offer_id
           WHERE a.cv_document_id = :id AND a.status NOT IN (:finals) ORDER BY a.created_at`,
          { transaction, type: QueryTypes.SELECT, replacements: { id, finals: FINALS } },
        );
        if (live.length) {
          const which = live.map((a) => `${a.title ?? 'candidature spontanée'} (${a.company})`).join(', ');
          throw new HttpError(
            'CONFLICT',
            `Ce document est joint à ${live.length > 1 ? `${live.length} candidatures en cours` : 'une candidature en cours'} : ${which}. Il pourra être supprimé quand ${live.length > 1 ? 'elles seront closes' : 'elle sera close'} (ou après l’avoir retirée).`,
            { applicationIds: live.map((a) => a.id) },
          );
        }
        // Closed applications lose their CV (cv_document_id set to null), the downloads' log goes with it.
        await sequelize.query(`DELETE FROM documents WHERE id = :id`, { transaction, replacements: { id } });
        return row.storage_key;
      });
      // The row is gone first: a file left behind by a failed removal is swept later, never served.
      await storage.remove(key).catch((err) => logger.warn({ err, key }, 'document file not removed; the sweep will'));
    },

    /** The documents attached to an application (its CV), for whoever may see the application. */
    async ofApplication(user: User, applicationId: string) {
      const scope = applicationVisibility(user);
      const [application] = await sequelize.query<{ cv_document_id: string | null }>(
        `SELECT a.cv_document_id FROM applications a LEFT JOIN users r ON r.id = a.referent_id WHERE a.id = :applicationId AND (${scope.where})`,
        { type: QueryTypes.SELECT, replacements: { ...scope.replacements, applicationId } },
      );
      if (!application) throw notFound('Candidature');
      const rows = application.cv_document_id
        ? await sequelize.query<DocumentRow>(`SELECT ${COLUMNS}, ${LIVE_APPLICATIONS} AS live_applications FROM documents d WHERE d.id = :id`, {
            type: QueryTypes.SELECT,
            replacements: { id: application.cv_document_id, finals: FINALS },
          })
        : [];
      const items = (await Promise.all(rows.map((row) => asSeenBy(user, row)))).map(documentView);
      return { items, total: items.length, page: 1, pageSize: Math.max(1, items.length) };
    },

    /** Files without a row (a crash between the write and the commit), and stale temporary files. */
    async sweep(): Promise<number> {
      return storage.sweep(async (keys) => {
        const rows = await sequelize.query<{ storage_key: string }>(`SELECT storage_key FROM documents WHERE storage_key IN (:keys)`, {
          type: QueryTypes.SELECT,
          replacements: { keys },
        });
        return new Set(rows.map((r) => r.storage_key));
      });
    },
  };
}
