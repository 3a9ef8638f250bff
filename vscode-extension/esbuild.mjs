// Bundles the extension (dist/extension.js, `vscode` external) and the WASM
// server launcher on its own (dist/wasm-server.js), which the Node tests load
// exactly as the extension does. The generated server glue in server/ is
// required at run time, not bundled.
import * as esbuild from 'esbuild';

const watch = process.argv.includes('--watch');
const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: watch ? 'linked' : false,
  minify: !watch,
  logLevel: 'warning',
  external: ['vscode'],
};
const builds = [
  { ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js' },
  { ...common, entryPoints: ['src/wasmServer.ts'], outfile: 'dist/wasm-server.js' },
];
if (watch) {
  for (const b of builds) await (await esbuild.context(b)).watch();
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
