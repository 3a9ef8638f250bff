import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

// The playground uses the npm package built into ../pkg by scripts/build-wasm.sh.
const pkg = fileURLToPath(new URL('../pkg/', import.meta.url));

export default defineConfig({
  base: './',
  resolve: { alias: { rolekit: `${pkg}rolekit.js` } },
  server: { fs: { allow: ['..'] } },
  build: { target: 'es2022', chunkSizeWarningLimit: 1000 },
});
