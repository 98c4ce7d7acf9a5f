// One way for every form and dialog to tell what went wrong (RGAA 11.10, WCAG 3.3.1): each reason the
// API gives a field (`details.fields`) under that field, the field marked aria-invalid and described
// by it, the focus on the first one after a refused submit; what names no field of the form in one
// summary under it. The submit button is never disabled while the request runs: it has the focus, and
// a disabled button drops it to <body> (inside a <dialog> too); it says aria-disabled, and a second
// submit meanwhile is ignored.
import type { JSX, Ref } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { ApiError } from './api.js';
import { ErrorNote, submitProps, useAction } from './ui.js';

/** One field's reason, as the API words it in `details.fields`. */
export interface FieldProblem {
  field: string;
  message: string;
}

/** A refusal the page words itself before sending (two passwords that differ), shaped like the API's. */
export function fieldRefusal(field: string, message: string): ApiError {
  return new ApiError(400, 'VALIDATION_FAILED', message, { fields: [{ field, message }] });
}

export function fieldProblemsOf(error: ApiError | null | undefined): FieldProblem[] {
  const fields = error?.details?.fields;
  if (!Array.isArray(fields)) return [];
  return fields.filter((f): f is FieldProblem => typeof f?.field === 'string' && typeof f?.message === 'string');
}

export interface FormOptions {
  /** Prefix of the messages' ids: `${id}-${field}-error`, and `${id}-error` for the summary. */
  id: string;
  /** The fields this form shows, by the API's names for them (`company.number`, `startsAt`). */
  fields: readonly string[];
  /** The API's name → the form's, for a field the form shows under another name (`company.siren` → `company.number`). */
  alias?: Record<string, string>;
}

export interface FormState {
  busy: boolean;
  error: ApiError | null;
  /** Runs the request, unless one already runs (a second Enter, a double click): then, or when refused, undefined. */
  run: <T>(action: () => Promise<T>) => Promise<T | undefined>;
  clear: () => void;
  /** The <form>'s ref: where the first invalid field is looked for. */
  ref: Ref<HTMLFormElement>;
  /** The message under `field` (null: none). */
  messageOf: (field: string) => string | null;
  /** Props tying a control to its message: aria-invalid, aria-describedby (after the `hints` ids given). */
  control: (field: string, hints?: string) => { 'aria-invalid': 'true' | undefined; 'aria-describedby': string };
  /** The message under a field, always in the page (empty without one) so a new one is read out. */
  message: (field: string) => JSX.Element;
  /** What no field of this form carries: under the form. */
  summary: () => JSX.Element;
  /** The submit button's props: busy, it stays focusable (aria-disabled) — see the file's comment. */
  submit: ReturnType<typeof submitProps>;
}

export function useForm({ id, fields, alias = {} }: FormOptions): FormState {
  const { busy, error, run, clear } = useAction();
  const ref = useRef<HTMLFormElement>(null);

  // Each problem under its field when the form shows it; the rest, or the message itself, in the summary.
  const problems = fieldProblemsOf(error);
  const byField = new Map<string, string>();
  const rest: string[] = [];
  for (const problem of problems) {
    const field = alias[problem.field] ?? problem.field;
    if (!fields.includes(field)) rest.push(problem.message);
    else if (!byField.has(field)) byField.set(field, problem.message);
  }
  const summary = !error ? null : !problems.length ? error : rest.length ? new ApiError(error.status, error.code, rest.join(' ')) : null;

  // After a refusal, the first field it names takes the focus (its message is read with it); with
  // none, the focus stays on the submit button and the summary is read out (role="alert").
  useEffect(() => {
    if (!error) return;
    ref.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [error]);

  const errorId = (field: string) => `${id}-${field}-error`;
  const messageOf = (field: string) => byField.get(field) ?? null;
  return {
    busy,
    error,
    run,
    clear,
    ref,
    messageOf,
    control: (field, hints) => ({
      'aria-invalid': byField.has(field) ? 'true' : undefined,
      'aria-describedby': [hints, errorId(field)].filter(Boolean).join(' '),
    }),
    message: (field) => <ErrorNote error={byField.has(field) ? new ApiError(error!.status, error!.code, byField.get(field)!) : null} id={errorId(field)} />,
    summary: () => <ErrorNote error={summary} id={`${id}-error`} />,
    submit: submitProps(busy),
  };
}
