// documentTextWorkflow: reads the text of one uploaded document for the CVthèque's search. Started by
// the API right after the upload (api/documents/text.ts), id `document-text-<documentId>`: one per
// document, a second start while it runs is refused by Temporal and ignored by the caller. Only the
// document id goes in and only the status comes out: the text itself stays in PostgreSQL, never in
// this history (it is personal data, and a CV can speak of health).
import { proxyActivities } from '@temporalio/workflow';
import type { createDocumentTextActivities, DocumentTextOutcome } from '../activities/document-text.js';

type Activities = ReturnType<typeof createDocumentTextActivities>;

export interface DocumentTextInput {
  documentId: string;
}

export const documentTextWorkflowId = (documentId: string) => `document-text-${documentId}`;

// An unreadable file is the activity's answer, not a failure: what is retried is PostgreSQL or the disk
// being unavailable, a few times over about four minutes; after that the document stays PENDING and
// `npm run reconcile -- --repair` (or the API's start-up pass) starts it again.
const { extractDocumentText } = proxyActivities<Activities>({
  startToCloseTimeout: '2 minutes',
  heartbeatTimeout: '30 seconds',
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 7 },
});

export async function documentTextWorkflow(input: DocumentTextInput): Promise<DocumentTextOutcome> {
  return extractDocumentText({ documentId: input.documentId });
}
