// A router on the History API, small enough for the login page's budget: the current path and query,
// navigate(), pattern matching with :params, and focus moved to the new page's heading after a
// navigation (never on the first load, where the reader starts at the top of the page).
import { useEffect, useState } from 'preact/hooks';

const listeners = new Set<() => void>();
let focusPending = false;
let lastPath = typeof location === 'undefined' ? '' : location.pathname;

function changed() {
  // A new page takes the focus; a change of query only (filters, tabs) leaves it where the person is.
  if (location.pathname !== lastPath) focusPending = true;
  lastPath = location.pathname;
  for (const listener of listeners) listener();
}

/** `keepScroll`: the page stays where the person is (a form whose results show below it, a slider). */
export function navigate(to: string, options: { replace?: boolean; keepScroll?: boolean } = {}) {
  if (to === location.pathname + location.search) return changed();
  history[options.replace ? 'replaceState' : 'pushState'](null, '', to);
  if (!options.keepScroll) window.scrollTo(0, 0);
  changed();
}

if (typeof window !== 'undefined') {
  window.addEventListener('popstate', changed);
  // Every same-origin link of the app navigates without reloading, except API files and the back office.
  document.addEventListener('click', (event) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const link = (event.target as Element | null)?.closest?.('a');
    if (!link || link.target || link.hasAttribute('download') || link.origin !== location.origin) return;
    if (/^\/(api|admin)(\/|$)/.test(link.pathname)) return;
    // A place in this very page (#messages): the browser scrolls there.
    if (link.hash && link.pathname === location.pathname && link.search === location.search) return;
    event.preventDefault();
    navigate(link.pathname + link.search + link.hash);
  });
}

export interface Location {
  path: string;
  query: URLSearchParams;
}

/** The current location; re-renders on every navigation. */
export function useLocation(): Location {
  const [, setTick] = useState(0);
  useEffect(() => {
    const listener = () => setTick((n) => n + 1);
    listeners.add(listener);
    return () => void listeners.delete(listener);
  }, []);
  return { path: location.pathname.replace(/\/+$/, '') || '/', query: new URLSearchParams(location.search) };
}

/** `/a/:id/b` against `/a/42/b` → `{ id: '42' }`, or null. */
export function match(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split('/').filter(Boolean);
  const have = path.split('/').filter(Boolean);
  if (want.length !== have.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const part = want[i]!;
    if (part.startsWith(':')) params[part.slice(1)] = decodeURIComponent(have[i]!);
    else if (part !== have[i]) return null;
  }
  return params;
}

/** The next page to mount takes the focus (after sign-in, when no navigation happens). */
export function requestFocus() {
  focusPending = true;
}

/** Whether the page just mounted should take the focus (a navigation happened); asked once. */
export function takeFocusRequest(): boolean {
  const pending = focusPending;
  focusPending = false;
  return pending;
}

/** The same path with some query parameters changed (undefined or '' removes one). */
export function withQuery(current: Location, changes: Record<string, string | undefined>): string {
  const next = new URLSearchParams(current.query);
  for (const [key, value] of Object.entries(changes)) {
    if (value) next.set(key, value);
    else next.delete(key);
  }
  const text = next.toString();
  return current.path + (text ? `?${text}` : '');
}
