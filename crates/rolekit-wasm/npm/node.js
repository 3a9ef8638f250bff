// Node entry: instantiates the module synchronously from the file beside this
// one, so `Workspace` is usable at once; `await init()` stays a harmless no-op.
import { readFileSync } from 'node:fs';
import init, { initSync } from './rolekit.js';

initSync({ module: readFileSync(new URL('./rolekit_bg.wasm', import.meta.url)) });

export * from './rolekit.js';
export default init;
