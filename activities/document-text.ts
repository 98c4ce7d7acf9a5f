// The activity of documentTextWorkflow: the plain text of an uploaded document (PDF with unpdf — pdfjs
// underneath —, DOCX with mammoth, ODT with officeparser), written to documents.text_content for the
// CVthèque's search (migration 0027's trigger refreshes the candidate's search document when it changes).
//
// - The libraries run in a worker thread (activities/document-text-thread.mjs), one file at a time per
//   process: parsing a PDF is synchronous work of up to seconds that would stall the process (the API
//   in the same process, the activities' heartbeats); the thread is stopped at the time limit (a new
//   one reads the next file) and its heap bounded.
//
// - An unreadable file is an answer, not a fault: the library throws (damaged file), finds no letter
//   (a scan, an image), or takes longer than EXTRACTION_TIME_LIMIT_MS → text_status = 'UNREADABLE',
//   no retry. Only what is outside the file (PostgreSQL down, the disk failing) throws, and is retried
//   by the workflow's bounded policy.
// - The text is personal data: it is read and written here, in PostgreSQL, and never returned, logged
//   or put in an error (the workflow's history holds the document id and the status, nothing else).
//   Libraries' error messages can quote the file's content: only their class is logged.
// - Idempotent: a second run finds the same text and writes nothing (the UPDATE changes a row only when
//   status or text differ, so the search trigger does not run again either).
// - A document deleted meanwhile (no row, or its row gone while reading): 'GONE', nothing written.
import { readFile } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import { Semaphore } from 'async-mutex';
import { QueryTypes } from 'sequelize';
import { DocumentStorage } from '../api/documents/storage.js';
import type { ActivityDeps } from './deps.js';

/** What is kept of a document's text: a CV is a few thousand characters; this bounds a long document. */
export const MAX_DOCUMENT_TEXT = 100_000;
/** A file whose text takes longer than this to read is treated as unreadable (a pathological PDF). */
export const EXTRACTION_TIME_LIMIT_MS = 60_000;

export const PDF = 'application/pdf';
export const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const ODT = 'application/vnd.oasis.opendocument.text';
/** The types text is read from; images (PNG, JPEG) have none without OCR: UNREADABLE at once. */
export const TEXT_TYPES: readonly string[] = [PDF, DOCX, ODT];

export type DocumentTextOutcome = 'EXTRACTED' | 'UNREADABLE' | 'GONE';

export interface ExtractDocumentTextInput {
  documentId: string;
}

/** Why a file gave no text: kept in the log (never the text, never a library's message). */
class Unreadable extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

/**
 * Whitespace normalised (NFC; control characters and NUL, which PostgreSQL text refuses, become spaces;
 * runs of spaces one space; blank lines dropped; lines trimmed) and capped at `max` characters, never
 * cutting a surrogate pair in two.
 */
export function normaliseText(raw: string, max = MAX_DOCUMENT_TEXT): string {
  const text = raw
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u00ad\u200b-\u200d\u2060\ufeff]/g, ' ')
    .replace(/[^\S\n]+/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .join('\n');
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  return (/[\ud800-\udbff]$/.test(cut) ? cut.slice(0, -1) : cut).trimEnd();
}

/**
 * One reading at a time per process, in one long-lived thread (pdfjs loaded once): parsing takes a
 * core, and the other is left to the API and the workflows on a small machine.
 */
const readings = new Semaphore(1);
const THREAD = new URL('./document-text-thread.mjs', import.meta.url);
/** A thread's heap: a 5 MB file that needs more is not a CV. */
const THREAD_HEAP_MB = 512;
let thread: Worker | null = null;
let nextId = 0;

function readingThread(): Worker {
  if (thread) return thread;
  const created = new Worker(THREAD, { resourceLimits: { maxOldGenerationSizeMb: THREAD_HEAP_MB }, stdout: true, stderr: true });
  created.unref(); // never what keeps a process alive
  created.once('exit', () => {
    if (thread === created) thread = null;
  });
  thread = created;
  return created;
}

/** The library's raw text, read in the reading thread (activities/document-text-thread.mjs). */
function rawTextInThread(bytes: Buffer, mime: string, timeLimitMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const worker = readingThread();
    const id = ++nextId;
    const onMessage = (answer: { id: number; text?: string; error?: string }) => {
      if (answer.id !== id) return;
      settle(() => (typeof answer.text === 'string' ? resolve(answer.text) : reject(new Unreadable(`library error (${answer.error ?? 'unknown'})`))));
    };
    // Out of memory (resourceLimits) or a crash: the file is the cause; the next file gets a new thread.
    const onError = (error: Error) => settle(() => reject(new Unreadable(`thread error (${error?.name ?? 'unknown'})`)));
    const onExit = (code: number) => settle(() => reject(new Unreadable(`thread exit (${code})`)));
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      worker.off('message', onMessage).off('error', onError).off('exit', onExit);
      fn();
    };
    // Too slow: the thread is stopped (whatever it was doing), a new one reads the next file.
    const timer = setTimeout(() => {
      if (thread === worker) thread = null;
      void worker.terminate();
      settle(() => reject(new Unreadable('time limit')));
    }, timeLimitMs);
    worker.on('message', onMessage).on('error', onError).on('exit', onExit);
    worker.postMessage({ id, bytes: new Uint8Array(bytes), mime });
  });
}

/**
 * The normalised text of a file of this type; throws Unreadable when there is none (a library's
 * failure, no letter at all, too long to read).
 */
export async function documentText(bytes: Buffer, mime: string, timeLimitMs = EXTRACTION_TIME_LIMIT_MS): Promise<string> {
  if (!TEXT_TYPES.includes(mime)) throw new Unreadable('type without text');
  const raw = await readings.runExclusive(() => rawTextInThread(bytes, mime, timeLimitMs));
  const text = normaliseText(raw);
  if (!/\p{L}/u.test(text)) throw new Unreadable('no text');
  return text;
}

export function createDocumentTextActivities({ sequelize, config, logger }: ActivityDeps) {
  // Where the API keeps documents (config DATA_DIR, same default).
  const storage = new DocumentStorage(config.DATA_DIR ?? '.data');

  return {
    async extractDocumentText({ documentId }: ExtractDocumentTextInput): Promise<DocumentTextOutcome> {
      const [row] = await sequelize.query<{ mime_type: string; storage_key: string }>(`SELECT mime_type, storage_key FROM documents WHERE id = :documentId`, {
        type: QueryTypes.SELECT,
        replacements: { documentId },
      });
      if (!row) return 'GONE';

      let text: string | null = null;
      let reason: string | null = null;
      const bytes = await readFile(storage.pathOf(row.storage_key)).catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return null;
        throw error; // the disk, not the file: retried
      });
      if (!bytes) {
        // Deleted meanwhile (the row goes first, then the file), or a file lost while its row exists.
        reason = 'file missing';
      } else {
        try {
          text = await documentText(bytes, row.mime_type);
        } catch (error) {
          if (!(error instanceof Unreadable)) throw error;
          reason = error.reason;
        }
      }

      const status = text === null ? 'UNREADABLE' : 'EXTRACTED';
      // Only when something changes: a second run writes nothing (and the search trigger stays still).
      const [, changed] = await sequelize.query(
        `UPDATE documents SET text_status = :status, text_content = :text, text_extracted_at = now()
         WHERE id = :documentId AND (text_status IS DISTINCT FROM :status OR text_content IS DISTINCT FROM :text)`,
        { type: QueryTypes.UPDATE, replacements: { documentId, status, text } },
      );
      const [still] = await sequelize.query<{ text_status: string | null }>(`SELECT text_status FROM documents WHERE id = :documentId`, {
        type: QueryTypes.SELECT,
        replacements: { documentId },
      });
      if (!still) return 'GONE';
      if (reason === 'file missing') logger.error({ documentId, key: row.storage_key }, 'document file missing while its row exists: text marked unreadable');
      else if (reason) logger.info({ documentId, mimeType: row.mime_type, reason }, 'document text unreadable');
      logger.debug({ documentId, status, changed, characters: text?.length ?? 0 }, 'document text read');
      return status;
    },
  };
}
