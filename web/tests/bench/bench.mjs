// Playground figures in headless Chromium (prints; never fails on a figure):
//   first problems after load; a 1 MB role with thousands of problems pasted
//   into a tab: time until its problems show, the longest main-thread task
//   (Long Tasks API) and keystroke latency (Event Timing: key press to the
//   next paint) while typing in it; the app bundle gzipped (without the WASM).
// Needs web/dist (npm run build).
import { readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { bigRole, dist, launch, serve } from '../lib/harness.mjs';

const ok = (cond) => (cond ? 'ok' : 'MISSED');
const server = await serve();
const browser = await launch({ width: 1440, height: 900 });
const page = browser.context.pages()[0] ?? (await browser.context.newPage());
await page.addInitScript(() => {
  const w = window;
  w.__longTasks = [];
  w.__events = [];
  new PerformanceObserver((list) => w.__longTasks.push(...list.getEntries().map((e) => ({ start: e.startTime, duration: e.duration })))).observe({ type: 'longtask', buffered: true });
  new PerformanceObserver((list) => w.__events.push(...list.getEntries().map((e) => ({ name: e.name, start: e.startTime, duration: e.duration })))).observe({ type: 'event', buffered: true, durationThreshold: 16 });
});

// 1. First problems after load (navigation start to the first analysis on screen), median of 5.
const loads = [];
for (let i = 0; i < 5; i++) {
  await page.goto(`${server.base}?run=${i}`);
  await page.waitForSelector('body[data-ready="true"]');
  loads.push(await page.evaluate(() => performance.getEntriesByName('rolekit:first-problems')[0]?.startTime ?? NaN));
}
loads.sort((a, b) => a - b);
const firstProblems = loads[2];

// 2. Paste a 1 MB role into a new tab (a real paste event through CodeMirror).
const text = bigRole(1024 * 1024);
await page.click('#new-tab');
await page.evaluate(() => window.rolekitPlayground.view().dispatch({ selection: { anchor: 0, head: window.rolekitPlayground.view().state.doc.length } }));
const startTasks = await page.evaluate(() => performance.now());
const pasted = await page.evaluate(async (t) => {
  const { view, docs } = window.rolekitPlayground;
  const dt = new DataTransfer();
  dt.setData('text/plain', t);
  const t0 = performance.now();
  view().contentDOM.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  const doc = docs.active;
  const version = doc.version;
  await new Promise((ok) => {
    const check = () => (document.body.dataset.analysed === `${doc.name}@${version}` ? ok() : requestAnimationFrame(check));
    check();
  });
  await new Promise((ok) => requestAnimationFrame(() => setTimeout(ok, 0)));
  return { ms: performance.now() - t0, problems: Number(document.getElementById('problem-count').dataset.total), rows: document.querySelectorAll('.problem').length, length: view().state.doc.length };
}, text);

// 3. Type 30 characters at the end of the frontmatter's description, one by one.
await page.evaluate(() => {
  const v = window.rolekitPlayground.view();
  const at = v.state.doc.toString().indexOf('\ndescription:');
  v.dispatch({ selection: { anchor: v.state.doc.lineAt(at + 1).to }, scrollIntoView: true });
  v.focus();
});
const typeStart = await page.evaluate(() => performance.now());
for (const c of 'abcdefghijklmnopqrstuvwxyz0123') await page.keyboard.type(c, { delay: 60 });
await page.waitForFunction(() => window.rolekitPlayground.docs.active.fresh, null, { timeout: 30000 });
const figures = await page.evaluate(([s, t]) => {
  const long = window.__longTasks.filter((e) => e.start >= s);
  const keys = window.__events.filter((e) => e.start >= t && (e.name === 'keydown' || e.name === 'keypress' || e.name === 'keyup' || e.name === 'input'));
  return { longest: Math.max(0, ...long.map((e) => e.duration)), longCount: long.length, keyMax: Math.max(0, ...keys.map((e) => e.duration)), keys: keys.map((e) => e.duration) };
}, [startTasks, typeStart]);
// Event Timing reports only events over 16 ms; the rest took less.
const keyMedian = (() => {
  const all = [...figures.keys, ...Array(Math.max(0, 30 - figures.keys.length)).fill(16)].sort((a, b) => a - b);
  return all[Math.floor(all.length / 2)];
})();

await browser.close();
await server.close();

// 4. The app bundle (JS and CSS the page loads, workers included), gzipped, without the .wasm.
const assets = readdirSync(join(dist, 'assets')).filter((f) => /\.(js|css)$/.test(f));
const gz = assets.reduce((n, f) => n + gzipSync(readFileSync(join(dist, 'assets', f)), { level: 9 }).length, 0);
const html = gzipSync(readFileSync(join(dist, 'index.html')), { level: 9 }).length;
const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;

console.log(`first problems after load   ${firstProblems.toFixed(0)} ms median of 5 (target <= 500 ms: ${ok(firstProblems <= 500)})`);
console.log(`1 MB paste to problems      ${pasted.ms.toFixed(0)} ms, ${pasted.problems} problems, ${(pasted.length / 1024).toFixed(0)} KiB, ${pasted.rows} rows in the DOM (target <= 1000 ms: ${ok(pasted.ms <= 1000)})`);
console.log(`longest main-thread task    ${figures.longest.toFixed(0)} ms during paste and typing, ${figures.longCount} tasks over 50 ms (target <= 200 ms: ${ok(figures.longest <= 200)})`);
console.log(`keystroke to paint (1 MB)   ${keyMedian.toFixed(0)} ms median, ${figures.keyMax.toFixed(0)} ms worst of 30 (target <= 50 ms: ${ok(figures.keyMax <= 50)})`);
console.log(`  key events over 16 ms     ${figures.keys.map((k) => Math.round(k)).join(' ') || 'none'} (keydown, keypress, input, keyup)`);
console.log(`app bundle gzipped          ${kb(gz + html)} (${assets.length} JS/CSS files + index.html; WASM excluded) (target <= 200 KB: ${ok(gz + html <= 200 * 1000)})`);
