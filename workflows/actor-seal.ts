// The API's seal on what it sends to Temporal: an HMAC over the workflow, the start or Update name,
// the time and the arguments (the actor among them), carried in a header. Whoever reaches Temporal
// without the API's secret cannot act as anybody: the workflows refuse an unsealed or forged start or
// Update (workflows/seal-interceptors.ts). Pure code: it runs in the API and in the workflow sandbox.
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import { stringify } from 'safe-stable-stringify';

export const SEAL_HEADER = 'tremplin-seal';

/** What is sealed: a workflow's start (`name` = workflow type) or one of its Updates. */
export interface SealScope {
  kind: 'start' | 'update';
  workflowId: string;
  name: string;
}

export interface Seal {
  v: 1;
  /** ISO time the API sealed it: a seal is worth SEAL_LIFETIME_MS, so a copied one soon expires. */
  at: string;
  mac: string;
}

/** Longer than any clock drift between the API and the workers, far shorter than a leak's usefulness. */
export const SEAL_LIFETIME_MS = 10 * 60_000;

/** The sealed text: keys sorted, values as JSON carries them (a Date as its ISO string, no undefined). */
function sealedText(scope: SealScope, at: string, args: unknown[]): string {
  return stringify({ v: 1, kind: scope.kind, workflowId: scope.workflowId, name: scope.name, at, args: JSON.parse(JSON.stringify(args ?? [])) as unknown }) ?? '';
}

const macOf = (secret: string, text: string) => hmac(sha256, utf8ToBytes(secret), utf8ToBytes(text));

export function sealOf(secret: string, scope: SealScope, args: unknown[], now: number): Seal {
  const at = new Date(now).toISOString();
  return { v: 1, at, mac: bytesToHex(macOf(secret, sealedText(scope, at, args))) };
}

export type SealCheck = { ok: true } | { ok: false; reason: 'no-key' | 'missing' | 'malformed' | 'expired' | 'forged' };

/** Whether `seal` is the API's, for these arguments in this scope, and still fresh. */
export function checkSeal(secret: string | undefined, scope: SealScope, args: unknown[], seal: unknown, now: number): SealCheck {
  if (!secret) return { ok: false, reason: 'no-key' };
  if (seal === undefined || seal === null) return { ok: false, reason: 'missing' };
  const candidate = seal as Partial<Seal>;
  if (typeof seal !== 'object' || candidate.v !== 1 || typeof candidate.at !== 'string' || typeof candidate.mac !== 'string' || !/^[0-9a-f]{64}$/.test(candidate.mac)) {
    return { ok: false, reason: 'malformed' };
  }
  const at = Date.parse(candidate.at);
  if (!Number.isFinite(at) || Math.abs(now - at) > SEAL_LIFETIME_MS) return { ok: false, reason: 'expired' };
  const expected = macOf(secret, sealedText(scope, candidate.at, args));
  return sameBytes(expected, hexToBytes(candidate.mac)) ? { ok: true } : { ok: false, reason: 'forged' };
}

/** Constant-time comparison (the sandbox has no crypto.timingSafeEqual). */
function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= a[i]! ^ b[i]!;
  return difference === 0;
}
