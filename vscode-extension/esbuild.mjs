// Bundles the extension (dist/extension.js, `vscode` external; for VS Code
// for the web, dist/web/extension.js, platform browser) and, for the
// Node tests, the WASM server launcher on its own (dist/wasm-server.js, which
// the tests load exactly as the extension does) and the modules they test one
// by one (dist/modules/*.js; `vscode` is a stand-in there, tests/fake-vscode.mjs).
// The generated server glue in server/ is required at run time, not bundled.
// Only dist/extension.js and dist/web/extension.js are packaged (.vscodeignore).
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
/** Modules the Node tests load on their own. */
const TESTED = ['logChannel', 'logFormat', 'resolvedRoleName', 'selector', 'settingsTarget', 'status'];
const builds = [
  { ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js' },
  // VS Code for the web: the browser's web-worker extension host loads a
  // CommonJS module too (`vscode` is its `require`); no Node built-ins.
  { ...common, platform: 'browser', target: 'es2022', entryPoints: ['src/web/extension.ts'], outfile: 'dist/web/extension.js' },
  { ...common, entryPoints: ['src/wasmServer.ts'], outfile: 'dist/wasm-server.js' },
  { ...common, minify: false, entryPoints: TESTED.map((m) => `src/${m}.ts`), outdir: 'dist/modules' },
  // The web host's server and file cache, for a Node test with a stand-in `vscode.workspace.fs`.
  { ...common, platform: 'browser', minify: false, entryPoints: ['src/web/webServer.ts'], outfile: 'dist/modules/webServer.js' },
];
if (watch) {
  for (const b of builds) await (await esbuild.context(b)).watch();
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
