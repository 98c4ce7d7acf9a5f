// Every workflow refuses a start or an Update that the API did not seal (workflows/actor-seal.ts):
// someone who reaches Temporal directly cannot claim to be an admin, a recruiter or a candidate.
// Bundled with the workflows (scripts/services/worker.ts `workflowBundling`), which inlines the key.
import {
  ApplicationFailure,
  defaultPayloadConverter,
  log,
  patched,
  workflowInfo,
  type Headers,
  type WorkflowInterceptorsFactory,
} from '@temporalio/workflow';
import { SEAL_HEADER, checkSeal, type SealScope } from './actor-seal.js';

/** Inlined at bundle time from ACTOR_SIGNING_SECRET; absent, every action is refused (fail closed). */
declare const __TREMPLIN_ACTOR_KEY__: string | undefined;
const actorKey = typeof __TREMPLIN_ACTOR_KEY__ === 'string' ? __TREMPLIN_ACTOR_KEY__ : undefined;

const UNSEALED = 'Action refusée : elle ne vient pas de la plateforme (auteur non authentifié).';

function sealIn(headers: Headers): unknown {
  const payload = headers[SEAL_HEADER];
  try {
    return payload ? defaultPayloadConverter.fromPayload(payload) : undefined;
  } catch {
    return 'unreadable';
  }
}

/** Null when sealed by the API; otherwise the refusal, logged with who the arguments claim to be. */
function refusalOf(scope: SealScope, args: unknown[], headers: Headers, now: number): ApplicationFailure | null {
  const check = checkSeal(actorKey, scope, args, sealIn(headers), now);
  if (check.ok) return null;
  const claimed = (args[0] as { actor?: { id?: unknown; role?: unknown }; createdBy?: { id?: unknown; role?: unknown } } | undefined) ?? {};
  const actor = claimed.actor ?? claimed.createdBy;
  log.warn('unsealed or forged action refused', { kind: scope.kind, name: scope.name, reason: check.reason, claimedActorId: actor?.id, claimedRole: actor?.role });
  return unsealed(check.reason);
}

/**
 * Workflows a Temporal Schedule starts (the server, not the API: no seal can be fresh then). They take
 * no actor and act for nobody; their activities read from the database whether there is anything to do
 * (savedSearchAlertWorkflow: the saved search, its author and company still active). A start forged
 * by someone reaching Temporal can at most run an alert early, for its own recruiter, with what is new.
 * The notice queue's drainer (workflows/notice-queue.ts) is alike: started by the workers, continued as
 * new by itself (no seal can follow), it takes nothing and tells only what process workflows queued.
 */
const ACTING_FOR_NOBODY = new Set(['savedSearchAlertWorkflow', 'noticeQueueWorkflow']);

const FORGED_START = 'forged-start-refused';
const unsealed = (reason: string) => ApplicationFailure.create({ type: 'FORBIDDEN', message: UNSEALED, nonRetryable: true, details: [{ reason }] });

export const interceptors: WorkflowInterceptorsFactory = () => ({
  inbound: [
    {
      // Runs only for new Updates (never on replay), before the process's own validator.
      validateUpdate(input, next) {
        const refusal = refusalOf({ kind: 'update', workflowId: workflowInfo().workflowId, name: input.name }, input.args, input.headers, Date.now());
        if (refusal) throw refusal;
        next(input);
      },
      async execute(input, next) {
        const info = workflowInfo();
        if (ACTING_FOR_NOBODY.has(info.workflowType)) return next(input);
        // Checked when the start is first run, against the time the server recorded it (the first
        // task may run long after, a worker being down). A replay (keys may have rotated since) only
        // repeats the refusal its marker recorded; a start that passed records nothing.
        if (info.unsafe.isReplaying) {
          if (patched(FORGED_START)) throw unsealed('replayed');
        } else {
          const refusal = refusalOf({ kind: 'start', workflowId: info.workflowId, name: info.workflowType }, input.args, input.headers, info.startTime.getTime());
          if (refusal) {
            patched(FORGED_START);
            throw refusal;
          }
        }
        return next(input);
      },
    },
  ],
});
