import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

// The playground uses the npm package built into ../pkg by scripts/build-wasm.sh;
// only the analysis worker imports it, so the page's own bundle has no WASM glue.
const pkg = fileURLToPath(new URL('../pkg/', import.meta.url));

export default defineConfig({
  base: './',
  resolve: { alias: { rolekit: `${pkg}rolekit.js` } },
  server: { fs: { allow: ['..'] } },
  worker: { format: 'es' },
  build: { target: 'es2022', chunkSizeWarningLimit: 1000 },
});
