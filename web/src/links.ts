// The addresses mails and notifications carry, and the way back after sign-in. A mail names an entity
// the same way whoever reads it (`/candidatures/:id`, `/offres/:id`, `/parrainages/:id`): each role opens
// it in its own space, where the page of that entity for that role lives. Signed out, the reader goes to
// the login page with the address to come back to (`/connexion?retour=…`), kept only when it is a page of
// this app on this origin: nobody can make the login page send a person elsewhere.
import type { Role } from './api.js';

/** Each role's space: its pages of an entity are `${space}/${kind}/:id`. */
export const SPACE_OF: Record<Role, string> = {
  CANDIDATE: '/candidat',
  RECRUITER: '/recruteur',
  REFERENT: '/referent',
  MISSION_OFFICER: '/referent',
  ADMIN: '/administration',
};

const ENTITY_LINK = /^\/(candidatures|offres|parrainages)\/([^/]+)$/;

/** The page of the entity a mail's link names, in this role's space; null when `path` is no such link. */
export function pageOfLink(role: Role, path: string): string | null {
  const found = ENTITY_LINK.exec(path);
  return found ? `${SPACE_OF[role]}/${found[1]}/${found[2]}` : null;
}

/** The public showcase's pages (web/src/public), open without signing in. */
export const isPublicPath = (path: string) => path === '/' || path === '/offres' || /^\/offres\/[^/]+$/.test(path);

/** Signing in from a public offer's page comes back to it (then to the reader's own page of it, above). */
export const signInPathFrom = (path: string) => (ENTITY_LINK.test(path) ? loginPathFor(path) : '/connexion');

export const RETURN_PARAM = 'retour';

/** The pages one never comes back to after sign-in (or that are not the app's). */
const NOT_A_RETURN = /^\/(api|admin|connexion|inscription)(\/|$)/;
const BASE = 'https://tremplin.invalid';

/**
 * `raw` as a path of this app to go to after sign-in, or null: only a relative path on this origin
 * (`/…`, not `//host`, no backslash — browsers read `/\host` as `//host` —, no control character, no
 * scheme), never the API, the back office or the login and sign-up pages themselves.
 */
export function safeReturnPath(raw: string | null | undefined): string | null {
  if (typeof raw !== 'string' || raw.length < 2 || raw.length > 2048) return null;
  if (raw[0] !== '/' || raw[1] === '/' || /[\\\u0000-\u001f\u007f-\u009f\s]/.test(raw)) return null;
  let url: URL;
  try {
    url = new URL(raw, BASE);
  } catch {
    return null;
  }
  if (url.origin !== BASE || NOT_A_RETURN.test(url.pathname) || url.pathname === '/') return null;
  return url.pathname + url.search + url.hash;
}

/** The login page's address that comes back to `path` (with its query) after sign-in. */
export function loginPathFor(pathWithQuery: string): string {
  const back = safeReturnPath(pathWithQuery);
  return back ? `/connexion?${RETURN_PARAM}=${encodeURIComponent(back)}` : '/connexion';
}
