import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const lib = (path: string) => fileURLToPath(new URL(`../../libs/${path}`, import.meta.url));

/**
 * The staff web app, served by the gateway at /app/. React's JSX is compiled by esbuild (Vite's own):
 * the React plugin adds only fast refresh in development, which this app does without.
 */
export default defineConfig({
  root,
  base: '/app/',
  esbuild: { jsx: 'automatic' },
  resolve: {
    alias: {
      '@haki/vocabulary': lib('vocabulary/src/index.ts'),
      '@haki/geography': lib('geography/src/index.ts'),
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    rollupOptions: {
      // The shared libraries' modules only declare things: what the app does not use is left out (the
      // language table intake's schema needs, the agency register), not shipped to phones.
      treeshake: { moduleSideEffects: (id) => !id.includes('/libs/') && !id.includes('/node_modules/iso-639-1/') },
      onwarn(warning, warn) {
        // TanStack Query marks its modules "use client" for React Server Components; meaningless here.
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  server: { proxy: { '/api': 'http://127.0.0.1:4000', '/auth': 'http://127.0.0.1:4000' } },
});
