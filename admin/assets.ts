// The console makes no request outside the platform. AdminJS's page templates link Google Fonts
// (node_modules/adminjs/lib/frontend/layout-template.js and login-template.js): the link is replaced
// by the same font (Roboto, from @fontsource/roboto) served here, and a Content-Security-Policy keeps
// the browser from loading anything from elsewhere.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import express, { type RequestHandler, type Router } from 'express';
import { escapeInlineState } from './page-state.js';

const GOOGLE_FONTS_LINK = /<link[^>]+href="https:\/\/fonts\.googleapis\.com\/[^"]*"[^>]*>/g;
const WEIGHTS = [300, 400, 500, 700];

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  // AdminJS's templates carry inline scripts (its state) and its components inline styles.
  "script-src 'self' 'unsafe-inline'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "object-src 'none'",
].join('; ');

/** `/fonts/roboto.css` and its font files, from the npm package (no CDN). */
export function fontRoutes(): Router {
  const require = createRequire(import.meta.url);
  const dir = path.dirname(require.resolve('@fontsource/roboto/400.css'));
  // Only the Latin subsets: what French needs, and no file the page would never use.
  const css = WEIGHTS.map((w) => readFileSync(path.join(dir, `${w}.css`), 'utf8'))
    .join('\n')
    .split(/(?=\/\* roboto-)/)
    .filter((block) => /^\/\* roboto-latin(-ext)?-\d+-normal \*\//.test(block))
    .join('')
    .replaceAll('url(./files/', 'url(roboto/files/');
  const router = express.Router();
  router.get('/fonts/roboto.css', (_req, res) => {
    res.type('text/css').set('Cache-Control', 'public, max-age=86400').send(css);
  });
  router.use('/fonts/roboto/files', express.static(path.join(dir, 'files'), { maxAge: '7d', index: false, fallthrough: false }));
  return router;
}

/**
 * HTML pages of the console: their inline state escaped (admin/page-state.ts), the Google Fonts link
 * made ours; every answer carries the CSP.
 */
export function localAssetsOnly(rootPath: string): RequestHandler {
  const ownFont = `<link rel="stylesheet" type="text/css" href="${rootPath}/fonts/roboto.css">`;
  return (_req, res, next) => {
    res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'same-origin');
    const send = res.send.bind(res);
    res.send = (body?: unknown) => {
      if (typeof body !== 'string') return send(body);
      let page: string;
      try {
        page = escapeInlineState(body);
      } catch {
        // A state line that is not JSON: never sent as it is.
        res.status(500).type('text/html; charset=utf-8');
        return send('<!DOCTYPE html><html lang="fr"><meta charset="utf-8"><title>Erreur</title><p>Cette page du back-office n’a pas pu être affichée.</p></html>');
      }
      return send(page.includes('fonts.googleapis.com') ? page.replace(GOOGLE_FONTS_LINK, ownFont) : page);
    };
    next();
  };
}
