// Heartbeats of remote activities, and the progress they carry. A worker that dies says nothing: the
// heartbeats let Temporal retry its activities soon after (not at their start-to-close timeout), and
// their details are the one place an attempt can leave a fact for the next attempt when PostgreSQL
// is down: "the relay accepted this mail" (activities/mail.ts), so the retry records it, never resends.
import { Context } from '@temporalio/activity';

interface Progress {
  /** Outbox keys of mails the relay accepted, in this attempt or an earlier one of the same activity. */
  delivered: string[];
}

const progressOf = new WeakMap<Context, Progress>();

function progress(context: Context): Progress {
  let current = progressOf.get(context);
  if (!current) {
    const previous = context.info.heartbeatDetails as Partial<Progress> | undefined;
    current = { delivered: Array.isArray(previous?.delivered) ? [...previous.delivered] : [] };
    progressOf.set(context, current);
  }
  return current;
}

/** The context of the remote activity running this code, if any (local activities cannot heartbeat). */
function remoteContext(): Context | null {
  try {
    const context = Context.current();
    return context.info.isLocal ? null : context;
  } catch {
    return null; // not inside an activity
  }
}

/**
 * Heartbeats every second while the activity runs, each time with its progress, so a periodic beat
 * never erases what `rememberDelivered` said. Returns the function that stops them.
 */
export function heartbeatWhileRunning(context: Context): () => void {
  if (context.info.isLocal) return () => undefined;
  const timer = setInterval(() => context.heartbeat(progress(context)), 1_000);
  return () => clearInterval(timer);
}

/** Tells Temporal now (within the worker's heartbeat throttle, 1 s) that this mail went out. */
export function rememberDelivered(key: string): void {
  const context = remoteContext();
  if (!context) return;
  const current = progress(context);
  if (!current.delivered.includes(key)) current.delivered.push(key);
  context.heartbeat(current);
}

/** Whether an earlier attempt of this activity had this mail accepted by the relay. */
export function wasDelivered(key: string): boolean {
  const context = remoteContext();
  return context ? progress(context).delivered.includes(key) : false;
}
