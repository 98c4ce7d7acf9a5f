// The API's seal on starts and Updates (workflows/actor-seal.ts): only the same secret, workflow,
// name and arguments, within its lifetime, make a valid seal.
import { describe, expect, it } from 'vitest';
import { SEAL_LIFETIME_MS, checkSeal, sealOf, type SealScope } from '../../workflows/actor-seal.js';

const secret = 'the-api-and-the-worker-share-this-secret-0123';
const scope: SealScope = { kind: 'update', workflowId: 'offer-1', name: 'transition' };
const args = [{ action: 'approve', actor: { id: 'u-1', role: 'RECRUITER', companyId: 'c-1' }, at: new Date(0), skipped: undefined }];
const now = Date.parse('2026-12-03T12:00:00Z');
const seal = sealOf(secret, scope, args, now);

describe('actor seal', () => {
  it('accepts the seal of these arguments, as they come out of JSON (dates as strings, no undefined, keys in any order)', () => {
    const received = JSON.parse(JSON.stringify([{ actor: { companyId: 'c-1', role: 'RECRUITER', id: 'u-1' }, at: new Date(0), action: 'approve' }])) as unknown[];
    expect(checkSeal(secret, scope, received, seal, now + 1000)).toEqual({ ok: true });
  });

  it('refuses another actor, action, workflow, Update name, kind or secret', () => {
    const claimAdmin = [{ ...args[0], actor: { id: 'u-1', role: 'ADMIN', companyId: 'c-1' } }];
    expect(checkSeal(secret, scope, claimAdmin, seal, now)).toEqual({ ok: false, reason: 'forged' });
    expect(checkSeal(secret, scope, [{ ...args[0], action: 'reject' }], seal, now)).toEqual({ ok: false, reason: 'forged' });
    expect(checkSeal(secret, { ...scope, workflowId: 'offer-2' }, args, seal, now)).toEqual({ ok: false, reason: 'forged' });
    expect(checkSeal(secret, { ...scope, name: 'other' }, args, seal, now)).toEqual({ ok: false, reason: 'forged' });
    expect(checkSeal(secret, { ...scope, kind: 'start' }, args, seal, now)).toEqual({ ok: false, reason: 'forged' });
    expect(checkSeal(`${secret}x`, scope, args, seal, now)).toEqual({ ok: false, reason: 'forged' });
    expect(checkSeal(secret, scope, args, { ...seal, at: new Date(now + 1).toISOString() }, now)).toEqual({ ok: false, reason: 'forged' });
  });

  it('refuses a missing, malformed or stale seal, and everything when the worker has no key', () => {
    expect(checkSeal(secret, scope, args, undefined, now)).toEqual({ ok: false, reason: 'missing' });
    expect(checkSeal(secret, scope, args, { v: 1, at: seal.at, mac: 'zz' }, now)).toEqual({ ok: false, reason: 'malformed' });
    expect(checkSeal(secret, scope, args, 'unreadable', now)).toEqual({ ok: false, reason: 'malformed' });
    expect(checkSeal(secret, scope, args, seal, now + SEAL_LIFETIME_MS + 1)).toEqual({ ok: false, reason: 'expired' });
    expect(checkSeal(secret, scope, args, seal, now - SEAL_LIFETIME_MS - 1)).toEqual({ ok: false, reason: 'expired' });
    expect(checkSeal(undefined, scope, args, seal, now)).toEqual({ ok: false, reason: 'no-key' });
  });
});
