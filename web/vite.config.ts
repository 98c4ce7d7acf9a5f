import { fileURLToPath } from 'node:url';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [preact()],
  // The manifest tells scripts/measure-web.ts which chunks the login page loads first. No source maps:
  // the production build is served publicly by Express (api/app.ts refuses any .map as well).
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, manifest: true },
  server: { proxy: { '/api': 'http://localhost:3000' } },
});
