import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * Build of the browser bench page (`browser/index.html`): the app modules it imports are
 * bundled as in the app build (es2022, libsodium as a lazily loaded chunk).
 */
export default defineConfig({
  root: fileURLToPath(new URL('./browser', import.meta.url)),
  base: './',
  logLevel: 'warn',
  build: {
    outDir: fileURLToPath(new URL('./.dist', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 2000,
  },
});
