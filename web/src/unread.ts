// The header's unread count, kept current without reloading. Polling rather than server-sent events:
// the count is one indexed query every 30 s per open tab (paused while the tab is hidden, at once when
// it comes back or the window takes the focus), it passes every proxy and needs no connection held
// open per person on the stateless HTTP servers. A rise is announced politely in the live region.
import { useEffect, useState } from 'preact/hooks';
import { request, type NotificationList } from './api.js';
import { announce } from './ui.js';

export const POLL_EVERY_MS = 30_000;

let unread: number | null = null;
const listeners = new Set<(count: number, rose: boolean) => void>();

/** The count as the API just gave it (a poll, a « marquer comme lue »). */
export function setUnread(count: number) {
  const rose = unread !== null && count > unread;
  unread = count;
  for (const listener of listeners) listener(count, rose);
}

/** Re-renders with the count; `onRise` when new notifications arrived (the list reloads). */
export function useUnread(onRise?: () => void): number | null {
  const [count, setCount] = useState(unread);
  useEffect(() => {
    const listener = (next: number, rose: boolean) => {
      setCount(next);
      if (rose) onRise?.();
    };
    listeners.add(listener);
    return () => void listeners.delete(listener);
  }, []);
  return count;
}

async function poll() {
  // retried = true: a poll on an expired session does not open the sign-in dialog by itself.
  const list = await request<NotificationList>('GET', '/notifications?unread=true&pageSize=1', undefined, true);
  const before = unread;
  setUnread(list.total);
  if (before !== null && list.total > before && list.items[0]) {
    const fresh = list.total - before;
    announce(fresh === 1 ? `1 nouvelle notification : ${list.items[0].title}` : `${fresh} nouvelles notifications, dont : ${list.items[0].title}`);
  }
}

/** Polls while `userId` is signed in: every 30 s while the tab is visible, and when it comes back. */
export function useUnreadPolling(userId: string | null, initial: number) {
  useEffect(() => {
    if (!userId) return;
    unread = null;
    setUnread(initial);
    let timer: ReturnType<typeof setInterval> | undefined;
    const tick = () => {
      if (document.visibilityState === 'visible') poll().catch(() => undefined);
    };
    const start = () => {
      clearInterval(timer);
      timer = setInterval(tick, POLL_EVERY_MS);
    };
    const visibility = () => {
      if (document.visibilityState === 'visible') {
        tick();
        start();
      } else clearInterval(timer);
    };
    window.addEventListener('focus', tick);
    document.addEventListener('visibilitychange', visibility);
    start();
    return () => {
      clearInterval(timer);
      window.removeEventListener('focus', tick);
      document.removeEventListener('visibilitychange', visibility);
    };
  }, [userId]);
}
