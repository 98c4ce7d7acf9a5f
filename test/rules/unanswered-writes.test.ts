// The Idempotency-Key a client sends a write with (web/src/unanswered-writes.ts): the same write keeps
// its key until it has a final answer, so a second click or a « réessayer » is one action for the API.
import { describe, expect, it } from 'vitest';
import { unansweredWrites } from '../../web/src/unanswered-writes.js';

const write = 'POST /applications/a1/messages {"body":"Bonjour"}';
const fresh = () => {
  let n = 0;
  return unansweredWrites(() => `key-${++n}`);
};

describe('unanswered writes', () => {
  it('a second sending while the first has no answer yet carries the same key', () => {
    const writes = fresh();
    expect(writes.keyFor(write)).toBe('key-1');
    expect(writes.keyFor(write)).toBe('key-1');
    expect(writes.keyFor('POST /applications/a1/messages {"body":"Autre chose"}')).toBe('key-2');
  });

  it('a write answered for good forgets its key: the same words sent later are a new write', () => {
    for (const status of [200, 201, 204, 400, 403, 404, 409, 422, 429]) {
      const writes = fresh();
      writes.keyFor(write);
      writes.answered(write, status, false);
      expect(writes.keyFor(write), `after ${status}`).toBe('key-2');
    }
  });

  it('a lost answer (no answer, a 5xx, a 409 with Retry-After) keeps the key for « réessayer »', () => {
    for (const [status, retryAfter] of [[500, false], [502, false], [503, true], [409, true]] as const) {
      const writes = fresh();
      writes.keyFor(write);
      writes.answered(write, status, retryAfter);
      expect(writes.keyFor(write), `after ${status}`).toBe('key-1');
      expect(writes.size).toBe(1);
    }
    const noAnswer = fresh(); // a network error: no answer recorded at all
    noAnswer.keyFor(write);
    expect(noAnswer.keyFor(write)).toBe('key-1');
  });
});
