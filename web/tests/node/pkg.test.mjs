// Loads the built npm package (pkg/, from scripts/build-wasm.sh) in Node and
// checks it against the native CLI: the same files must give the same
// diagnostics as `rolekit check --format json`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../../..');
const pkg = join(root, 'pkg');
const samples = join(root, 'web/samples');
const { Workspace, rules, version, roleSchema } = await import(join(pkg, 'node.js'));

const sampleFiles = readdirSync(samples).filter((f) => f.endsWith('.md')).sort();

function openSamples() {
  const ws = new Workspace();
  for (const f of sampleFiles) ws.open(f, readFileSync(join(samples, f), 'utf8'));
  return ws;
}

/** The CLI's JSON report for the sample folder (`ROLEKIT_CLI` or `cargo run`). */
function cliReport() {
  // Run from the samples' folder, so the CLI names files (and parents in its
  // messages) as the workspace names its tabs: `platform-engineer.md`.
  const args = ['check', '--format', 'json', ...sampleFiles];
  const env = { ...process.env, CARGO_TARGET_DIR: process.env.CARGO_TARGET_DIR ?? join(root, 'target/wasm') };
  const run = process.env.ROLEKIT_CLI
    ? spawnSync(process.env.ROLEKIT_CLI, args, { encoding: 'utf8', env, cwd: samples })
    : spawnSync('cargo', ['run', '-q', '--manifest-path', join(root, 'Cargo.toml'), '-p', 'rolekit-cli', '--', ...args], { encoding: 'utf8', env, cwd: samples, maxBuffer: 64 << 20 });
  assert.ok(run.stdout, `the CLI printed nothing: ${run.stderr}`);
  return JSON.parse(run.stdout);
}

/** A diagnostic in the CLI's JSON contract shape. */
function contract(d) {
  return {
    rule: d.rule,
    severity: d.severity,
    message: d.message,
    range: d.range,
    fix: d.fix && { description: d.fix.description, edits: d.fix.edits.map((e) => ({ range: e.range, newText: e.newText })) },
  };
}

test('the seed sample is byte-exact with ../shared/seed', { skip: !existsSync(join(root, '../shared/seed/platform-engineer.md')) }, () => {
  assert.deepEqual(readFileSync(join(samples, 'platform-engineer.md')), readFileSync(join(root, '../shared/seed/platform-engineer.md')));
});

test('pkg/ gives the same diagnostics as `rolekit check --format json`', () => {
  const report = cliReport();
  assert.equal(report.version, 1);
  const ws = openSamples();
  const byName = new Map(report.files.map((f) => [basename(f.path), f.diagnostics]));
  assert.deepEqual([...byName.keys()].sort(), sampleFiles);
  for (const f of sampleFiles) {
    const wasm = ws.diagnostics(f).map(contract);
    assert.deepEqual(wasm, byName.get(f), `diagnostics of ${f}`);
  }
  // The samples are worth comparing: the broken file really is broken.
  assert.ok(byName.get('broken.md').length >= 5);
});

test('inherits resolves across open documents', () => {
  const ws = openSamples();
  assert.ok(!ws.diagnostics('secops-engineer.md').some((d) => d.rule.startsWith('inherits-') || d.rule === 'missing-required-key'));
  const resolved = ws.resolved('secops-engineer.md');
  assert.deepEqual(resolved.chain, ['platform-engineer.md']);
  assert.equal(resolved.error, null);
  assert.equal(resolved.role.role, 'secops-engineer');
  assert.equal(resolved.role.capabilities.can_write_code, true, 'capabilities come from the parent');
  ws.close('platform-engineer.md');
  assert.ok(ws.diagnostics('secops-engineer.md').some((d) => d.rule === 'inherits-unknown-parent'));
  assert.match(ws.resolved('secops-engineer.md').error, /platform-engineer/);
});

test('parsed gives the frontmatter as plain JSON', () => {
  const ws = openSamples();
  const parsed = ws.parsed('platform-engineer.md');
  assert.equal(parsed.role, 'platform-engineer');
  assert.equal(Object.getPrototypeOf(parsed), Object.prototype, 'a plain object, not a Map');
  assert.ok(Array.isArray(parsed.expertise));
  ws.open('none.md', '# no frontmatter\n');
  assert.equal(ws.parsed('none.md'), null);
});

test('fixes apply through UTF-16 positions', () => {
  const ws = openSamples();
  const withFix = ws.diagnostics('broken.md').filter((d) => d.fix);
  assert.ok(withFix.length > 0, 'the broken sample has fixable diagnostics');
  for (const d of withFix) {
    const fixed = ws.applyFix('broken.md', d.fix);
    assert.notEqual(fixed, ws.text('broken.md'), d.rule);
  }
  const all = ws.fixAll('broken.md');
  ws.update('broken.md', all);
  const safeLeft = ws.diagnostics('broken.md').filter((d) => d.fix?.safe);
  assert.ok(safeLeft.length < withFix.filter((d) => d.fix.safe).length || withFix.every((d) => !d.fix.safe));
});

test('errors are thrown as Error, never a panic', () => {
  const ws = new Workspace();
  assert.throws(() => ws.diagnostics('missing.md'), /no document named `missing.md` is open/);
  ws.open('x.md', '---\nrole: x\n');
  assert.throws(() => ws.hover('x.md', { line: 'a' }), /invalid position/);
  // Hostile input: still diagnostics, and the module stays usable.
  for (const text of ['', '---', '---\n---\n', '\uFEFF---\r\nrole: [\r\n---\r\n', 'a: &a [*a]\n', '---\n' + 'x: '.repeat(50000) + '\n---\n']) {
    ws.update('x.md', text);
    assert.ok(Array.isArray(ws.diagnostics('x.md')));
    ws.complete('x.md', { line: 0, character: 1 });
    ws.hover('x.md', { line: 0, character: 1 });
    ws.symbols('x.md');
  }
  assert.ok(Array.isArray(openSamples().diagnostics('platform-engineer.md')));
});

test('rules, schema and version are exported', () => {
  const all = rules();
  assert.ok(all.length > 10);
  for (const r of all) {
    assert.match(r.id, /^[a-z-]+$/);
    assert.ok(r.markdown.includes(r.id));
  }
  assert.equal(JSON.parse(roleSchema()).type, 'object');
  assert.match(version(), /^\d+\.\d+\.\d+/);
});

test('the package resolves as `rolekit` from Node (exports map, node condition)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rolekit-pkg-'));
  mkdirSync(join(dir, 'node_modules'));
  symlinkSync(pkg, join(dir, 'node_modules/rolekit'), 'dir');
  writeFileSync(
    join(dir, 'main.mjs'),
    "import init, { Workspace } from 'rolekit';\nawait init();\nconst ws = new Workspace();\nws.open('qa.md', '---\\nrole: qa\\ntone: nope\\n---\\n');\nconsole.log(JSON.stringify(ws.diagnostics('qa.md').map((d) => d.rule)));\n",
  );
  const run = spawnSync(process.execPath, ['main.mjs'], { cwd: dir, encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  assert.ok(JSON.parse(run.stdout).includes('invalid-enum'));
  const meta = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8'));
  assert.equal(meta.name, 'rolekit');
  for (const f of meta.files) assert.ok(existsSync(join(pkg, f)), `pkg/${f} exists`);
  assert.doesNotMatch(readFileSync(join(pkg, 'rolekit.d.ts'), 'utf8'), /:\s*any\b|<any>|any\[\]/);
});

test('rolekit.d.ts declares the wire types exactly as crates/rolekit-wire/wire.d.ts (generated by tsify)', () => {
  const dts = readFileSync(join(pkg, 'rolekit.d.ts'), 'utf8');
  const wire = readFileSync(join(root, 'crates/rolekit-wire/wire.d.ts'), 'utf8');
  // Each declaration of wire.d.ts (doc comment included) appears verbatim in the package.
  const decls = wire.split(/\n\n(?=\/\*\*|export )/).filter((d) => /^(\/\*\*[\s\S]*?\*\/\n)?export /.test(d));
  assert.ok(decls.length >= 20, `${decls.length} declarations`);
  for (const d of decls) assert.ok(dts.includes(d.trim()), `missing from pkg/rolekit.d.ts:\n${d}`);
  // Every type a Workspace method names is declared.
  const named = new Set([...dts.matchAll(/\): ([A-Z]\w+)(?:\[\]| \| null)?;/g)].map((m) => m[1]));
  for (const n of named) assert.match(dts, new RegExp(`export (interface|type|class) ${n}\\b`), n);
});

test('rename, rule levels and inherited keys work through the package', () => {
  const ws = openSamples();
  ws.rename('secops-engineer.md', 'secops.md');
  assert.ok(ws.diagnostics('secops.md').some((d) => d.rule === 'role-filename-mismatch'));
  assert.throws(() => ws.rename('secops.md', 'broken.md'), /already open/);
  ws.rename('secops.md', 'secops-engineer.md');
  const resolved = ws.resolved('secops-engineer.md');
  assert.equal(resolved.inherited.capabilities, 'platform-engineer.md');
  ws.setRuleLevels({ mojibake: 'off' });
  assert.deepEqual(ws.ruleLevels(), { mojibake: 'off' });
  assert.ok(!ws.diagnostics('platform-engineer.md').some((d) => d.rule === 'mojibake'));
  assert.throws(() => ws.setRuleLevels({ mojibak: 'off' }), /unknown rule/);
  ws.setRuleLevels({});
  const fixed = ws.fixAll('platform-engineer.md');
  ws.update('platform-engineer.md', fixed);
  assert.ok(!ws.diagnostics('platform-engineer.md').some((d) => d.rule === 'mojibake'));
});
