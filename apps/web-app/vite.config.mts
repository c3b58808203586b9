import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

// A static build the web gateway serves at `/`: hashed files under /assets (cached for good), index.html
// (always revalidated). Nothing inline, so the page runs under a CSP of 'self' only.
export default defineConfig({
  root: here,
  base: '/',
  build: {
    outDir: fileURLToPath(new URL('../../dist/apps/web-app', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    // Every browser this app supports has modulepreload; the polyfill would be one more script to allow.
    modulePreload: { polyfill: false },
  },
});
