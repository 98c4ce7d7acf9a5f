/**
 * The Idempotency-Key of each write not yet answered for good (api/idempotency.ts), by method, path and
 * body: the same write sent again — a second click while the first is still on its way, or « réessayer »
 * after a lost answer — carries the same key, so the API runs its action once and answers both alike.
 * A write answered for good forgets its key: the same words sent later on purpose are a new write.
 * The web app (web/src/api.ts) and the chaos clients (scripts/chaos/http.ts) send their writes through it.
 */
export function unansweredWrites(newKey: () => string) {
  const keys = new Map<string, string>();
  return {
    /** The key `write` goes with: its earlier key while that one has no final answer, else a new one (kept until then). */
    keyFor(write: string): string {
      let key = keys.get(write);
      if (!key) keys.set(write, (key = newKey()));
      return key;
    },
    /** Its answer: final, but for a 5xx or a 409 with Retry-After (the first sending still runs): sent again, the same key. */
    answered(write: string, status: number, retryAfter: boolean): void {
      if (status < 500 && !(status === 409 && retryAfter)) keys.delete(write);
    },
    /** How many writes wait for a final answer. */
    get size() {
      return keys.size;
    },
  };
}
