// What every screen uses: the page frame (one h1 that takes the focus after a navigation), data
// loading with its loading / error states, the live region, dialogs, and French dates.
import type { ComponentChildren, Ref } from 'preact';
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { ApiError } from './api.js';
import { takeFocusRequest } from './router.js';

// ---- Live region: status changes told to screen-reader users (and shown to everyone). ----

const announcers = new Set<(text: string) => void>();
let lastAnnouncement = { text: '', at: 0, persist: false };

/**
 * Says (politely) what just changed: "Candidature acceptée." With `persist`, the sentence stays on
 * the page the action leads to (a form that saves then opens what it saved).
 */
export function announce(text: string, persist = false) {
  lastAnnouncement = { text, at: Date.now(), persist };
  for (const announcer of announcers) announcer(text);
}

/** The shell's live region; present from the first render so that changes are read out. */
export function LiveRegion({ path }: { path: string }) {
  const [text, setText] = useState('');
  useEffect(() => {
    const announcer = (next: string) => {
      // Cleared then set, so the same sentence twice is read twice.
      setText('');
      setTimeout(() => setText(next), 50);
    };
    announcers.add(announcer);
    return () => void announcers.delete(announcer);
  }, []);
  // A new page keeps only the announcement that led to it.
  useEffect(() => {
    if (!lastAnnouncement.persist || Date.now() - lastAnnouncement.at > 3000) setText('');
  }, [path]);
  return (
    <div class={text ? 'announcement' : 'announcement empty'} role="status" aria-live="polite" aria-atomic="true">
      {text}
    </div>
  );
}

// ---- Page frame ----

export function Page({ title, lead, actions, children }: { title: string; lead?: ComponentChildren; actions?: ComponentChildren; children?: ComponentChildren }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (takeFocusRequest()) heading.current?.focus();
  }, []);
  useEffect(() => {
    document.title = `${title} — Tremplin`;
  }, [title]);
  return (
    <>
      <div class="page-head">
        <div>
          <h1 ref={heading} tabIndex={-1}>
            {title}
          </h1>
          {lead && <p class="lead">{lead}</p>}
        </div>
        {actions && <div class="page-actions">{actions}</div>}
      </div>
      {children}
    </>
  );
}

// ---- Data ----

export interface Resource<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  reload: () => Promise<void>;
  set: (data: T) => void;
}

export function asApiError(error: unknown): ApiError {
  return error instanceof ApiError ? error : new ApiError(0, 'UNEXPECTED', 'Une erreur inattendue est survenue : rechargez la page.');
}

/**
 * Loads `load()` now and whenever `deps` change; the last answer wins. A failed reload keeps what was
 * shown; a failed load for other `deps` (another search) does not: it would pass for their answer.
 */
export function useResource<T>(load: () => Promise<T>, deps: unknown[]): Resource<T> {
  const [state, setState] = useState<{ data?: T; error?: ApiError; loading: boolean; of?: object }>({ loading: true });
  const generation = useRef(0);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const these = useMemo(() => ({}), deps);
  const run = useCallback(async () => {
    const mine = ++generation.current;
    setState((s) => ({ ...s, loading: true }));
    try {
      const data = await load();
      if (mine === generation.current) setState({ data, loading: false, of: these });
    } catch (error) {
      if (mine === generation.current) setState((s) => (s.of === these ? { ...s, error: asApiError(error), loading: false } : { error: asApiError(error), loading: false }));
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [these]);
  useEffect(() => {
    void run();
  }, [run]);
  return {
    data: state.data,
    error: state.error,
    loading: state.loading,
    reload: run,
    set: (data: T) => setState({ data, loading: false, of: these }),
  };
}

/**
 * One action of a person: busy while it runs, the API's message when it is refused. A second run while
 * one runs (a second Enter, a double click: the button stays enabled, see `submitProps`) is ignored.
 */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const running = useRef(false);
  const run = useCallback(async <T,>(action: () => Promise<T>): Promise<T | undefined> => {
    if (running.current) return undefined;
    running.current = true;
    setBusy(true);
    setError(null);
    try {
      return await action();
    } catch (e) {
      setError(asApiError(e));
      return undefined;
    } finally {
      running.current = false;
      setBusy(false);
    }
  }, []);
  return { busy, error, run, clear: () => setError(null) };
}

/**
 * A submit button's props while its request runs: never `disabled`, because the button has the focus
 * and a disabled one drops it to <body> (inside a <dialog> too); aria-disabled says it instead, and
 * `useAction` ignores a second submit meanwhile.
 */
export const submitProps = (busy: boolean) => ({ type: 'submit' as const, 'aria-disabled': busy ? ('true' as const) : undefined, 'aria-busy': busy ? ('true' as const) : undefined });

/** Loading, error or content: the three states of every loaded area. */
export function Loaded<T>({ resource, label, children }: { resource: Resource<T>; label: string; children: (data: T) => ComponentChildren }) {
  if (resource.data !== undefined) {
    return (
      <>
        {resource.error && <ErrorNote error={resource.error} />}
        {children(resource.data)}
      </>
    );
  }
  if (resource.error) return <ErrorNote error={resource.error} retry={resource.reload} />;
  return <Loading label={label} />;
}

export function Loading({ label }: { label: string }) {
  return (
    <p class="loading" role="status">
      <span class="spinner" aria-hidden="true" />
      {label}
    </p>
  );
}

export function ErrorNote({ error, retry, id }: { error: ApiError | null | undefined; retry?: () => void; id?: string }) {
  // Always in the page (empty when there is no error), so a new message is read out.
  return (
    <div class={error ? 'error' : 'error empty'} role="alert" id={id}>
      {error && (
        <>
          <span>{error.message}</span>
          {retry && (
            <button type="button" class="link" onClick={retry}>
              Réessayer
            </button>
          )}
        </>
      )}
    </div>
  );
}

/** The options of a <select>, the current one selected (Preact has no defaultValue for selects). */
export function options(list: Array<readonly [string, string]>, current: string) {
  return list.map(([value, label]) => (
    <option key={value} value={value} selected={value === current}>
      {label}
    </option>
  ));
}

export function Empty({ children }: { children: ComponentChildren }) {
  return <p class="empty-state">{children}</p>;
}

// ---- Dialog (native <dialog>, modal: focus inside, Escape closes, focus back to the opener) ----

/**
 * A dialog's buttons, in one order everywhere: its action (the children, if any), then the way out,
 * « Annuler » unless said otherwise. Dialog puts the focus on that way out when there is no field.
 */
export function DialogButtons({
  onCancel,
  children,
  cancelLabel = 'Annuler',
  cancelRef,
  autofocusCancel,
}: {
  onCancel: () => void;
  children?: ComponentChildren;
  cancelLabel?: string;
  cancelRef?: Ref<HTMLButtonElement>;
  autofocusCancel?: boolean;
}) {
  return (
    <div class="dialog-buttons">
      {children}
      <button type="button" class="secondary" onClick={onCancel} ref={cancelRef} autofocus={autofocusCancel}>
        {cancelLabel}
      </button>
    </div>
  );
}

let dialogCount = 0;

export function Dialog({ title, onClose, children, wide }: { title: string; onClose: () => void; children: ComponentChildren; wide?: boolean }) {
  const ref = useRef<HTMLDialogElement>(null);
  const [id] = useState(() => `dialog-${++dialogCount}`);
  useEffect(() => {
    const opener = document.activeElement as HTMLElement | null;
    const dialog = ref.current!;
    dialog.showModal();
    // The field marked autofocus (the password, when the e-mail is already filled), else the first field;
    // without one, the safe choice (going back, cancelling) rather than the action itself.
    const first =
      dialog.querySelector<HTMLElement>('[autofocus]') ??
      dialog.querySelector<HTMLElement>('textarea, input:not([type=hidden]), select') ??
      dialog.querySelector<HTMLElement>('a[href], button:not([type=submit]):not(.danger)') ??
      dialog.querySelector<HTMLElement>('button');
    first?.focus();
    return () => {
      if (dialog.open) dialog.close();
      // Back to the button that opened it; if that button is gone (the action changed what is
      // possible), to the status it changed, or to the page's heading.
      if (opener?.isConnected) opener.focus();
      else (document.querySelector<HTMLElement>('main [data-return-focus]') ?? document.querySelector<HTMLElement>('main h1'))?.focus();
    };
  }, []);
  return (
    <dialog
      ref={ref}
      aria-labelledby={`${id}-title`}
      class={wide ? 'wide' : undefined}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <h2 id={`${id}-title`}>{title}</h2>
      {children}
    </dialog>
  );
}

// ---- Dates, in French, in the person's time zone ----

const dateTime = new Intl.DateTimeFormat('fr-FR', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' });
const dateOnly = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric' });
const timeOnly = new Intl.DateTimeFormat('fr-FR', { hour: '2-digit', minute: '2-digit' });

export const formatDateTime = (iso: string) => dateTime.format(new Date(iso));
export const formatDate = (iso: string) => dateOnly.format(new Date(iso));
export const formatTime = (iso: string | Date) => timeOnly.format(new Date(iso));

export function daysAgo(days: number): string {
  if (days <= 0) return 'aujourd’hui';
  if (days === 1) return 'depuis 1 jour';
  return `depuis ${days} jours`;
}

export const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

export function DateTime({ iso, date }: { iso: string; date?: boolean }) {
  return <time dateTime={iso}>{date ? formatDate(iso) : formatDateTime(iso)}</time>;
}

export function Pager({ page, pageSize, total, href }: { page: number; pageSize: number; total: number; href: (page: number) => string }) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  return (
    <nav class="pager" aria-label="Pages">
      {page > 1 ? <a href={href(page - 1)}>Page précédente</a> : <span />}
      <span>
        Page {page} sur {pages}
      </span>
      {page < pages ? <a href={href(page + 1)}>Page suivante</a> : <span />}
    </nav>
  );
}
