import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The agent workspace, served by handoff at /inbox: hashed files under /inbox/assets/, no inline script or style
// (the page's Content-Security-Policy allows script and style from 'self' only).
export default defineConfig({
  root: fileURLToPath(new URL('./workspace', import.meta.url)),
  base: '/inbox/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: fileURLToPath(new URL('./build/workspace', import.meta.url)),
    emptyOutDir: true,
    assetsDir: 'assets',
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    target: 'es2022',
    reportCompressedSize: false,
  },
  logLevel: 'warn',
});
