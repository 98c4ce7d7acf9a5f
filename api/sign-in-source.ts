// Where a sign-in comes from, for its throttling (models/sign-in-throttle.ts): the client's IP as
// Express sees it (`trust proxy` is set to loopback in api/app.ts: X-Forwarded-For counts only when a
// proxy on this machine sends it), and the known-device cookie. That cookie holds a random token whose
// hash the database keeps per address: unguessable, and forgotten server-side without a signature.
import type { Request, Response } from 'express';
import { ipKeyGenerator } from 'express-rate-limit';
import { KNOWN_DEVICE_DAYS, type SignInSource } from '../models/sign-in-throttle.js';

export const DEVICE_COOKIE = 'tremplin.device';

function cookieOf(req: Request, name: string): string | null {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

export function signInSourceOf(req: Request): SignInSource {
  return { ip: ipKeyGenerator(req.ip ?? ''), deviceToken: cookieOf(req, DEVICE_COOKIE), log: req.log };
}

/** Set (or renewed) at every successful sign-in, for the API and the back office alike. */
export function setDeviceCookie(res: Response, token: string, publicUrl: string): void {
  res.cookie(DEVICE_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: publicUrl.startsWith('https://'),
    path: '/',
    maxAge: KNOWN_DEVICE_DAYS * 86_400_000,
  });
}
