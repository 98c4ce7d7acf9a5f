// The way back after sign-in (web/src/links.ts): the login page comes back only to a page of this app
// on this origin — never to another site (open redirect), the API, the back office or itself — and a
// mail's link opens the page of its entity in the reader's space.
import { describe, expect, it } from 'vitest';
import { isPublicPath, loginPathFor, pageOfLink, safeReturnPath, signInPathFrom } from '../../web/src/links.js';

describe('safeReturnPath', () => {
  it('keeps a path of the app, with its query and fragment', () => {
    expect(safeReturnPath('/candidatures/5f0c')).toBe('/candidatures/5f0c');
    expect(safeReturnPath('/recruteur/candidatures?statut=ACCEPTED&page=2')).toBe('/recruteur/candidatures?statut=ACCEPTED&page=2');
    expect(safeReturnPath('/candidat/offres/1#postuler')).toBe('/candidat/offres/1#postuler');
    expect(safeReturnPath('/visio/a/b')).toBe('/visio/a/b');
  });

  it('refuses other origins, however written', () => {
    for (const raw of [
      'https://evil.example/candidatures/1',
      'http:/evil.example',
      '//evil.example/x',
      '///evil.example',
      '/\\evil.example',
      '\\\\evil.example',
      '/\t/evil.example',
      '/\n/evil.example',
      ' /candidatures/1',
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'evil.example',
      'candidatures/1',
      '%2F%2Fevil.example',
    ]) {
      expect(safeReturnPath(raw), raw).toBeNull();
    }
  });

  it('refuses what is no page to come back to', () => {
    for (const raw of ['', '/', '/connexion', '/connexion?retour=/candidatures/1', '/inscription', '/api/me', '/api/documents/1/download', '/admin', '/admin/resources/users', null, undefined, `/${'a'.repeat(3000)}`]) {
      expect(safeReturnPath(raw), String(raw)).toBeNull();
    }
  });

  it('normalises dot segments without leaving the origin', () => {
    expect(safeReturnPath('/candidat/../recruteur')).toBe('/recruteur');
    expect(safeReturnPath('/../../admin')).toBeNull();
    expect(safeReturnPath('/%2e%2e/api/me')).toBeNull();
    // An encoded slash stays a character of one segment: a path of this origin, not a host.
    expect(safeReturnPath('/%2F%2Fevil.example')).toBe('/%2F%2Fevil.example');
  });
});

describe('loginPathFor', () => {
  it('carries the page to come back to, or nothing', () => {
    expect(loginPathFor('/candidatures/42')).toBe('/connexion?retour=%2Fcandidatures%2F42');
    expect(loginPathFor('/recruteur/candidatures?statut=ACCEPTED')).toBe('/connexion?retour=%2Frecruteur%2Fcandidatures%3Fstatut%3DACCEPTED');
    expect(loginPathFor('/connexion')).toBe('/connexion');
    expect(loginPathFor('//evil.example')).toBe('/connexion');
    expect(new URLSearchParams(loginPathFor('/parrainages/7?x=1&y=2').split('?')[1]).get('retour')).toBe('/parrainages/7?x=1&y=2');
  });
});

describe('pageOfLink', () => {
  it('opens the entity a mail names in the reader’s own space', () => {
    expect(pageOfLink('CANDIDATE', '/candidatures/1')).toBe('/candidat/candidatures/1');
    expect(pageOfLink('REFERENT', '/candidatures/1')).toBe('/referent/candidatures/1');
    expect(pageOfLink('MISSION_OFFICER', '/candidatures/1')).toBe('/referent/candidatures/1');
    expect(pageOfLink('RECRUITER', '/candidatures/1')).toBe('/recruteur/candidatures/1');
    expect(pageOfLink('ADMIN', '/candidatures/1')).toBe('/administration/candidatures/1');
    expect(pageOfLink('RECRUITER', '/offres/2')).toBe('/recruteur/offres/2');
    expect(pageOfLink('CANDIDATE', '/offres/2')).toBe('/candidat/offres/2');
    expect(pageOfLink('REFERENT', '/parrainages/3')).toBe('/referent/parrainages/3');
    expect(pageOfLink('RECRUITER', '/parrainages/3')).toBe('/recruteur/parrainages/3');
  });

  it('leaves every other path alone', () => {
    for (const path of ['/candidatures', '/candidatures/1/x', '/recruteur/candidatures/1', '/offres/', '/visio/1/2', '/']) expect(pageOfLink('RECRUITER', path), path).toBeNull();
  });
});

describe('the public showcase’s pages', () => {
  it('are the home page, the offers and an offer; nothing else opens signed out', () => {
    for (const path of ['/', '/offres', '/offres/5f0c']) expect(isPublicPath(path), path).toBe(true);
    for (const path of ['/connexion', '/offres/1/postuler', '/candidatures/1', '/candidat/offres', '/offresx']) expect(isPublicPath(path), path).toBe(false);
  });

  it('sign in from an offer comes back to it; from elsewhere, to one’s space', () => {
    expect(signInPathFrom('/offres/42')).toBe('/connexion?retour=%2Foffres%2F42');
    expect(signInPathFrom('/offres')).toBe('/connexion');
    expect(signInPathFrom('/')).toBe('/connexion');
  });
});
