import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The chat widget: one classic script (an IIFE) a store adds with one <script> tag; served by ingress.
export default defineConfig({
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: fileURLToPath(new URL('./build/widget', import.meta.url)),
    emptyOutDir: true,
    lib: {
      entry: fileURLToPath(new URL('./widget/src/widget.ts', import.meta.url)),
      formats: ['iife'],
      name: 'ParleyChat',
      fileName: () => 'widget.js',
    },
    target: 'es2022',
    reportCompressedSize: false,
  },
  logLevel: 'warn',
});
