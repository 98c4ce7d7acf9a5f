// Request and response shapes of the document routes: parsed with zod, documented from the same schemas.
import { z } from 'zod';
import { listOf, page, text } from '../schemas.js';

export const DOCUMENT_KINDS = ['CV', 'COVER_LETTER', 'OTHER'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];
export const DOCUMENT_TEXT_STATUSES = ['PENDING', 'EXTRACTED', 'UNREADABLE'] as const;

/** 5 MiB of file; its base64 is 4/3 of that, and the JSON around it a little more. */
export const MAX_DOCUMENT_BYTES = 5 * 1024 * 1024;
export const UPLOAD_BODY_LIMIT = '7mb';
/** Documents one candidate may keep at once: a bound on what one account can store. */
export const MAX_DOCUMENTS_PER_CANDIDATE = 20;

export const uploadDocumentBody = z
  .object({
    kind: z.enum(DOCUMENT_KINDS, { error: 'choisissez le type de document : CV, lettre de motivation ou autre' }),
    filename: z
      .string({ error: 'nom de fichier attendu' })
      .trim()
      .min(1, 'nom de fichier obligatoire')
      .max(255, '255 caractères au plus'),
    // What the browser says: informative only, the type is read from the content.
    mimeType: text(255).optional(),
    contentBase64: z
      .string({ error: 'contenu du fichier attendu, encodé en base64' })
      .min(1, 'le fichier est vide')
      .regex(/^[A-Za-z0-9+/\r\n]*={0,2}[\r\n]*$/, 'contenu base64 invalide'),
  })
  .strict()
  .meta({ id: 'UploadDocument' });

export const documentView = z
  .object({
    id: z.uuid(),
    kind: z.enum(DOCUMENT_KINDS),
    filename: z.string(),
    mimeType: z.string(),
    sizeBytes: z.number(),
    createdAt: z.string(),
    /** null: withheld from this reader until an anonymous application's identity is shared. */
    downloadUrl: z.string().nullable(),
    /** Applications not yet closed that carry it: it cannot be deleted while there is one. */
    liveApplications: z.number(),
    /**
     * Its text read for the CVthèque's search: PENDING (being read), EXTRACTED (its words find the
     * candidate), UNREADABLE (no text could be read: a scan, an image, a damaged file).
     */
    textStatus: z.enum(DOCUMENT_TEXT_STATUSES),
  })
  .meta({ id: 'Document' });

export const documentList = listOf(documentView, 'DocumentList');

export const listDocumentsQuery = z
  .object({
    page,
    pageSize: z.coerce.number({ error: 'nombre attendu' }).int().min(1).max(100, '100 au plus').default(50),
  })
  .strict();
