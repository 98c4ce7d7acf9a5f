// The JavaScript the login page loads before anything else, gzipped: the scripts and module preloads
// of web/dist/index.html, plus the static imports the Vite manifest gives for the entry (the spaces
// are dynamic imports, loaded after sign-in, and do not count). `npm run measure:web` after
// `npm run build:web`; exits 1 above the budget.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

export const LOGIN_PAGE_BUDGET_BYTES = 60 * 1024;

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}

export interface WebMeasure {
  files: Array<{ file: string; bytes: number; gzipBytes: number }>;
  totalBytes: number;
  totalGzipBytes: number;
  /** The chunks loaded on demand (after sign-in), for information. */
  lazy: Array<{ file: string; gzipBytes: number }>;
}

export function measureLoginPage(distDir = path.resolve('web/dist')): WebMeasure {
  const manifestPath = path.join(distDir, '.vite', 'manifest.json');
  if (!existsSync(manifestPath)) throw new Error(`${manifestPath} introuvable : lancez d’abord npm run build:web`);
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, ManifestChunk>;
  const html = readFileSync(path.join(distDir, 'index.html'), 'utf8');

  const initial = new Set<string>();
  // What the HTML itself loads: module scripts and modulepreload links.
  for (const match of html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)) initial.add(match[1]!.replace(/^\//, ''));
  for (const match of html.matchAll(/<link\b[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)) initial.add(match[1]!.replace(/^\//, ''));
  // And every static import of the entry, transitively (a browser fetches them before running it).
  const visit = (key: string) => {
    const chunk = manifest[key];
    if (!chunk || initial.has(`@${key}`)) return;
    initial.add(`@${key}`);
    initial.add(chunk.file);
    for (const next of chunk.imports ?? []) visit(next);
  };
  for (const [key, chunk] of Object.entries(manifest)) if (chunk.isEntry) visit(key);

  const files = [...initial]
    .filter((file) => !file.startsWith('@') && file.endsWith('.js'))
    .map((file) => {
      const content = readFileSync(path.join(distDir, file));
      return { file, bytes: content.length, gzipBytes: gzipSync(content, { level: 9 }).length };
    });
  const lazy = Object.values(manifest)
    .map((chunk) => chunk.file)
    .filter((file) => file.endsWith('.js') && !initial.has(file))
    .map((file) => ({ file, gzipBytes: gzipSync(readFileSync(path.join(distDir, file)), { level: 9 }).length }));
  return {
    files,
    totalBytes: files.reduce((n, f) => n + f.bytes, 0),
    totalGzipBytes: files.reduce((n, f) => n + f.gzipBytes, 0),
    lazy,
  };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const measure = measureLoginPage();
  console.log('JavaScript initial de la page de connexion (gzip -9) :');
  for (const f of measure.files) console.log(`  ${f.file}  ${kb(f.bytes)} → ${kb(f.gzipBytes)} gzip`);
  console.log(`  total : ${kb(measure.totalBytes)} → ${kb(measure.totalGzipBytes)} gzip (budget ${kb(LOGIN_PAGE_BUDGET_BYTES)})`);
  console.log('Chargé à la demande, après connexion :');
  for (const f of measure.lazy) console.log(`  ${f.file}  ${kb(f.gzipBytes)} gzip`);
  if (measure.totalGzipBytes > LOGIN_PAGE_BUDGET_BYTES) {
    console.error(`Au-dessus du budget de ${kb(LOGIN_PAGE_BUDGET_BYTES)}.`);
    process.exit(1);
  }
}
