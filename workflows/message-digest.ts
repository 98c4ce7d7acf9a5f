// messageDigestWorkflow: one e-mail gathering the messages a person has not read in one application's
// thread, rather than a mail per message. The API starts it with signal-with-start (signal
// `messagePosted`) for every reader of a new message: the first message starts a run that waits
// `digestDelayMs`, the next ones fold into it. Then one activity mails what is *still* unread (a
// person who read the thread meanwhile gets nothing) and the run ends; a later message starts a new
// run (the id may be reused once closed). Only ids travel here: message bodies stay in PostgreSQL.
import { defineSignal, proxyActivities, setHandler, sleep, workflowInfo } from '@temporalio/workflow';
import type { createMessageDigestActivities } from '../activities/message-digest.js';
import { noticeActivity } from './process.js';

type Activities = ReturnType<typeof createMessageDigestActivities>;

export interface MessageDigestInput {
  applicationId: string;
  /** The reader the digest is for. */
  userId: string;
  /** How long to wait after the first message before mailing (MESSAGE_DIGEST_DELAY; tests: seconds). */
  digestDelayMs: number;
}

export interface MessagePosted {
  messageId: string;
}

export const messagePostedSignal = defineSignal<[MessagePosted]>('messagePosted');

/** One per (thread, reader) at a time. */
export const messageDigestWorkflowId = (applicationId: string, userId: string) => `message-digest-${applicationId}-${userId}`;

const { sendMessageDigest } = proxyActivities<Activities>(noticeActivity);

export async function messageDigestWorkflow(input: MessageDigestInput): Promise<number> {
  let pending: string[] = [];
  setHandler(messagePostedSignal, ({ messageId }) => {
    if (typeof messageId === 'string') pending.push(messageId);
  });
  let mailed = 0;
  // A message signalled while the digest was being sent is not lost: the run waits and mails again
  // (the server refuses to close a run that has a signal it has not handled yet).
  do {
    await sleep(input.digestDelayMs);
    const signalled = pending;
    pending = [];
    const outcome = await sendMessageDigest({ applicationId: input.applicationId, userId: input.userId, workflowId: workflowInfo().workflowId, signalled });
    if (outcome === 'sent') mailed++;
  } while (pending.length > 0);
  return mailed;
}
