// Starting the reading of a document's text (workflows/document-text.ts) — after an upload, and again
// for documents whose start was lost. The API starts it once the document's row is committed, with
// text_status 'PENDING'; if Temporal cannot be reached then, the document stays PENDING (the upload
// still succeeds) and `restartPendingDocumentTexts` starts it later: at the platform's start-up, and
// from `npm run reconcile -- --repair`. Documents stored before CV text existed (text_status NULL) are
// read the same way.
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { QueryTypes, type Sequelize } from 'sequelize';
import type { Logger } from '../../config/logger.js';
import { documentTextWorkflow, documentTextWorkflowId } from '../../workflows/document-text.js';

/** How long an upload waits for Temporal to take the start: longer, the document stays PENDING (restarted later). */
export const START_DEADLINE_MS = 5_000;

/** A PENDING document younger than this is left alone: its own start is probably under way. */
export const PENDING_GRACE_MS = 60_000;

/**
 * Starts the reading of one document; true when a run was started, false when one is already running
 * for it (a second start is harmless). A finished run is replaced by a new one (the file is read again,
 * and the activity writes only what changed).
 */
export async function startDocumentText(temporal: Client, taskQueue: string, documentId: string, deadlineMs = START_DEADLINE_MS): Promise<boolean> {
  try {
    await temporal.withDeadline(Date.now() + deadlineMs, () =>
      temporal.workflow.start(documentTextWorkflow, {
        workflowId: documentTextWorkflowId(documentId),
        taskQueue,
        args: [{ documentId }],
        workflowIdReusePolicy: 'ALLOW_DUPLICATE',
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof WorkflowExecutionAlreadyStartedError) return false;
    throw error;
  }
}

/** Documents waiting for their text: PENDING for longer than the grace, or never read (NULL). */
export async function pendingDocumentTexts(sequelize: Sequelize, { graceMs = PENDING_GRACE_MS, limit = 1_000 } = {}): Promise<{ ids: string[]; total: number }> {
  const where = `(text_status = 'PENDING' AND created_at < now() - make_interval(secs => :graceSeconds)) OR text_status IS NULL`;
  const replacements = { graceSeconds: graceMs / 1000, limit };
  const [rows, [{ total }]] = await Promise.all([
    sequelize.query<{ id: string }>(`SELECT id FROM documents WHERE ${where} ORDER BY created_at, id LIMIT :limit`, { type: QueryTypes.SELECT, replacements }),
    sequelize.query<{ total: string }>(`SELECT count(*) AS total FROM documents WHERE ${where}`, { type: QueryTypes.SELECT, replacements }),
  ]);
  return { ids: rows.map((r) => r.id), total: Number(total) };
}

/**
 * Starts the reading of the documents waiting for their text (at most `limit` per pass, oldest first).
 * Returns how many were waiting, how many runs were started, and how many starts failed.
 */
export async function restartPendingDocumentTexts(deps: {
  sequelize: Sequelize;
  temporal: Client;
  taskQueue: string;
  logger?: Logger;
  graceMs?: number;
  limit?: number;
}): Promise<{ pending: number; started: number; failed: number }> {
  const { ids, total } = await pendingDocumentTexts(deps.sequelize, { graceMs: deps.graceMs, limit: deps.limit });
  let started = 0;
  let failed = 0;
  for (const id of ids) {
    try {
      if (await startDocumentText(deps.temporal, deps.taskQueue, id)) started++;
    } catch (err) {
      failed++;
      deps.logger?.warn({ err, documentId: id }, 'document text reading not restarted');
    }
  }
  if (started) deps.logger?.info({ started, pending: total }, 'document text reading restarted for documents waiting for it');
  return { pending: total, started, failed };
}
