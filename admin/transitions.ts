// Record actions that move a workflow: verify / reject a company or a request to join one, publish /
// refuse an offer. Each calls the same service as the API (POST /api/companies/:id/transitions,
// POST /api/offers/:id/transitions) with the signed-in admin as the actor, so the workflow decides:
// its refusal is shown as the error notice. A button is shown only when the record's state (the
// projection) allows the action; a GET of the action only reads the record, a POST runs it.
import { ForbiddenError, NotFoundError, type Action, type ActionContext, type ActionResponse, type ActionRequest, type BaseRecord, type CurrentAdmin, type RecordActionResponse } from 'adminjs';
import type { z } from 'zod';
import type { Logger } from '../config/logger.js';
import { HttpError, describeZodError } from '../api/errors.js';
import { User } from '../models/index.js';
import type { Actor } from '../workflows/actors.js';
import { PROCESSES, type ProcessName } from '../workflows/processes.js';

export type AdminAction = Partial<Action<ActionResponse>>;

/** The User row of the signed-in admin: the actor of what they do here. */
export async function adminActor(currentAdmin: CurrentAdmin | undefined): Promise<User> {
  const user = currentAdmin?.id ? await User.findByPk(String(currentAdmin.id)) : null;
  if (!user || user.disabledAt || user.role !== 'ADMIN') throw new ForbiddenError('Réservé aux administrateurs de la plateforme.');
  return user;
}

/** The body the API route would have parsed, through the same schema; its error worded the same way. */
export function parseBody<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new HttpError('VALIDATION_FAILED', describeZodError(parsed.error));
  return parsed.data;
}

/** What the operator reads when an action does not happen: the service's or the workflow's own words. */
export function refusalText(error: unknown, logger: Logger): string {
  if (error instanceof HttpError) return error.message;
  logger.error({ err: error }, 'back-office action failed');
  return 'L’action n’a pas pu aboutir (service des workflows ou base de données indisponible) : réessayez dans un instant.';
}

/**
 * A button is shown when the process's own rules let an admin take the action in the record's status
 * (the record's fields stand for the process's parties): what the back office offers is what the
 * workflow accepts.
 */
export function adminMay(process: ProcessName, action: string): ActionSpec['shownWhen'] {
  const rules = PROCESSES[process].rules as unknown as { allowedActions(status: string, actor: Actor, parties: Record<string, unknown>): string[] };
  return (record, currentAdmin) => rules.allowedActions(String(record.params.status), { id: String(currentAdmin?.id ?? ''), role: 'ADMIN' }, record.params).includes(action);
}

export interface ActionSpec {
  /** Button and page title come from the locale (actions.<name>, or resources.<id>.actions.<name>). */
  name: string;
  icon: string;
  variant: 'primary' | 'danger' | 'success' | 'info';
  /** Whether the button is shown for this record (read from the projection) to this admin. */
  shownWhen: (record: BaseRecord, currentAdmin?: CurrentAdmin) => boolean;
  description: string;
  submitLabel: string;
  reason?: { label: string; required: boolean; help?: string };
  success: string;
  run: (actor: User, record: BaseRecord, payload: { reason: string | null }) => Promise<unknown>;
  /** What the operator reads before deciding (the offer's text and its wording warnings, the requester…). */
  context?: (record: BaseRecord) => Promise<TransitionContext>;
}

/** Shown above the action's form, as read from the database when the page opens. */
export interface TransitionContext {
  /** Facts, each with a label; a link opens in a new tab (the official register). */
  facts?: Array<{ label: string; value: string; href?: string }>;
  /** Longer texts (the offer's description), kept as typed. */
  texts?: Array<{ label: string; value: string }>;
  /** The wording warnings (workflows/offer-wording.ts): to read before publishing, never blocking. */
  warnings?: Array<{ message: string; excerpt: string }>;
}

/** One record action on the TransitionAction component: GET shows it, POST runs it. */
export function recordAction(spec: ActionSpec, deps: { component: string; logger: Logger }): AdminAction {
  return {
    actionType: 'record',
    icon: spec.icon,
    variant: spec.variant,
    component: deps.component,
    showInDrawer: false,
    isAccessible: ({ currentAdmin }: ActionContext) => Boolean(currentAdmin),
    isVisible: ({ record, currentAdmin }: ActionContext) => Boolean(record && spec.shownWhen(record, currentAdmin)),
    custom: {
      description: spec.description,
      submitLabel: spec.submitLabel,
      variant: spec.variant === 'danger' ? 'danger' : 'contained',
      ...(spec.reason ? { reasonLabel: spec.reason.label, reasonRequired: spec.reason.required, reasonHelp: spec.reason.help ?? '' } : {}),
    },
    handler: async (request: ActionRequest, _response: unknown, context: ActionContext): Promise<RecordActionResponse> => {
      const { record, currentAdmin, resource, h } = context;
      if (!record) throw new NotFoundError(`Élément ${request.params.recordId} introuvable.`, 'Action#handler');
      if (request.method !== 'post') {
        const json = record.toJSON(currentAdmin);
        if (spec.context) json.params.transitionContext = JSON.stringify(await spec.context(record));
        return { record: json };
      }
      const actor = await adminActor(currentAdmin);
      const reason = typeof request.payload?.reason === 'string' ? request.payload.reason : null;
      try {
        await spec.run(actor, record, { reason });
      } catch (error) {
        return { record: record.toJSON(currentAdmin), notice: { message: refusalText(error, deps.logger), type: 'error' } };
      }
      const recordId = String(record.id());
      const fresh = (await resource.findOne(recordId, context)) ?? record;
      return {
        record: fresh.toJSON(currentAdmin),
        notice: { message: spec.success, type: 'success' },
        redirectUrl: h.recordActionUrl({ resourceId: resource._decorated?.id() ?? resource.id(), recordId, actionName: 'show' }),
      };
    },
  };
}
