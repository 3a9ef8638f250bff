// The packaged .vsix (a zip) as the Marketplace and VS Code's extension
// Details page see it: every image and link of its README and CHANGELOG
// resolves. VS Code shows a README's images only from https: sources, so vsce
// rewrites relative ones against the repository; each such URL must name a
// file committed in this repository, and the extension's own images must also
// be in the package. Needs the package (scripts/build-vscode.sh --package).

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { before, test } from 'node:test';

import { EXT, ROOT } from './lsp-session.mjs';
import { repositoryDirectory, repositoryUrl } from '../scripts/repository.mjs';

const require = createRequire(import.meta.url);
const yauzl = require('yauzl');
const MarkdownIt = require('markdown-it');

const pkg = JSON.parse(fs.readFileSync(path.join(EXT, 'package.json'), 'utf8'));
const VSIX = process.env.ROLEKIT_VSIX ?? path.join(EXT, `rolekit-${pkg.version}.vsix`);
const REPO = repositoryUrl(pkg);
const DIR = repositoryDirectory(pkg);

/** Every file of a zip: name → contents. */
function readZip(file) {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true }, (err, zip) => {
      if (err) return reject(err);
      const files = new Map();
      zip.on('entry', (entry) => {
        if (entry.fileName.endsWith('/')) return zip.readEntry();
        zip.openReadStream(entry, (e, stream) => {
          if (e) return reject(e);
          const chunks = [];
          stream.on('data', (c) => chunks.push(c));
          stream.on('end', () => {
            files.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
          stream.on('error', reject);
        });
      });
      zip.on('end', () => resolve(files));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

/** The files committed in the repository (paths relative to its root). */
function committedFiles() {
  try {
    return new Set(execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' }).split('\0').filter(Boolean));
  } catch {
    return undefined; // not a git checkout: fall back to the file system
  }
}

/** Every image source and link target of a Markdown document, with GitHub-style heading anchors. */
function references(markdown) {
  const md = new MarkdownIt({ html: true });
  const refs = [];
  const anchors = new Set();
  const fromHtml = (html) => {
    for (const m of html.matchAll(/<img\b[^>]*\bsrc=["']([^"']+)["']/gi)) refs.push({ kind: 'image', url: m[1] });
    for (const m of html.matchAll(/<a\b[^>]*\bhref=["']([^"']+)["']/gi)) refs.push({ kind: 'link', url: m[1] });
  };
  const walk = (tokens) => {
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i];
      if (t.type === 'image') refs.push({ kind: 'image', url: t.attrGet('src') });
      else if (t.type === 'link_open') refs.push({ kind: 'link', url: t.attrGet('href') });
      else if (t.type === 'html_block' || t.type === 'html_inline') fromHtml(t.content);
      else if (t.type === 'heading_open') {
        const text = tokens[i + 1].children.filter((c) => c.type === 'text' || c.type === 'code_inline').map((c) => c.content).join('');
        anchors.add(text.trim().toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-'));
      }
      if (t.children) walk(t.children);
    }
  };
  walk(md.parse(markdown, {}));
  return { refs, anchors };
}

/** What is wrong with one reference, or undefined. */
function problem({ kind, url }, { files, committed, anchors }) {
  if (url.startsWith('#')) return anchors.has(decodeURIComponent(url.slice(1))) ? undefined : `no heading for the anchor ${url}`;
  if (url.startsWith('mailto:')) return undefined;
  const absolute = /^[a-z][a-z0-9+.-]*:/i.test(url);
  if (!absolute) {
    // Left relative: resolved against the installed extension's folder.
    const inPackage = path.posix.normalize(`extension/${decodeURI(url.split(/[?#]/)[0])}`);
    if (kind === 'image') return `relative image ${url}: VS Code shows only https: images in an extension's README`;
    return files.has(inPackage) ? undefined : `relative link ${url}: ${inPackage} is not in the package`;
  }
  const parsed = new URL(url);
  if (kind === 'image' && parsed.protocol !== 'https:') return `image ${url}: VS Code shows only https: images`;
  const ours = parsed.href.match(new RegExp(`^${REPO.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/(raw|blob|tree)/HEAD/([^?#]*)`));
  if (!ours) return undefined; // elsewhere on the web: not checked offline
  const [, mode, repoPath] = ours;
  const file = decodeURIComponent(repoPath).replace(/\/$/, '');
  if (kind === 'image' && mode !== 'raw') return `image ${url}: a ${mode}/ URL is a web page, not the image (use raw/)`;
  const exists = committed
    ? mode === 'tree'
      ? [...committed].some((f) => f === file || f.startsWith(`${file}/`))
      : committed.has(file)
    : fs.existsSync(path.join(ROOT, file));
  if (!exists) return `${url}: ${file} is not ${committed ? 'committed in' : 'in'} the repository`;
  if (kind === 'image' && DIR && file.startsWith(`${DIR}/`)) {
    const inPackage = `extension/${file.slice(DIR.length + 1)}`;
    if (!files.has(inPackage)) return `image ${url}: ${inPackage} is not in the package`;
  }
  return undefined;
}

let files;
let manifest;
before(async () => {
  assert.ok(fs.existsSync(VSIX), `${VSIX} missing (bash scripts/build-vscode.sh --package)`);
  files = await readZip(VSIX);
  manifest = files.get('extension.vsixmanifest').toString('utf8');
});

/** The package path of a manifest asset (the README is Content.Details). */
function asset(type) {
  const m = manifest.match(new RegExp(`<Asset Type="${type.replace(/\./g, '\\.')}" Path="([^"]+)"`));
  assert.ok(m, `no ${type} asset in the manifest`);
  assert.ok(files.has(m[1]), `${m[1]} (${type}) is not in the package`);
  return files.get(m[1]).toString('utf8');
}

for (const [label, type] of [
  ['README (the Details page)', 'Microsoft.VisualStudio.Services.Content.Details'],
  ['CHANGELOG', 'Microsoft.VisualStudio.Services.Content.Changelog'],
]) {
  test(`every image and link of the packaged ${label} resolves`, () => {
    const text = asset(type);
    const { refs, anchors } = references(text);
    const committed = committedFiles();
    const problems = refs.map((r) => problem(r, { files, committed, anchors })).filter(Boolean);
    assert.deepEqual(problems, []);
    if (type.endsWith('Details')) {
      const images = refs.filter((r) => r.kind === 'image');
      assert.ok(images.length >= 3, `only ${images.length} images in the README`);
      for (const image of images) assert.ok(image.url.startsWith(`${REPO}/raw/HEAD/${DIR}/images/`), image.url);
    }
  });
}

test('the package holds the icon and the README images, and nothing from tests or sources', () => {
  assert.ok(files.has('extension/images/icon.png'));
  const shown = new Set(references(asset('Microsoft.VisualStudio.Services.Content.Details')).refs
    .filter((r) => r.kind === 'image' && r.url.startsWith(`${REPO}/raw/HEAD/${DIR}/`))
    .map((r) => `extension/${r.url.slice(`${REPO}/raw/HEAD/${DIR}/`.length)}`));
  const images = [...files.keys()].filter((n) => /\.(png|jpe?g|gif|svg|webp)$/i.test(n) && n !== 'extension/images/icon.png');
  assert.deepEqual(images.sort(), [...shown].sort(), 'the package ships exactly the images the README shows');
  for (const name of files.keys()) {
    assert.doesNotMatch(name, /^extension\/(src|tests|scripts|node_modules)\//, name);
  }
});

test('the reference checker catches what vsce let through before (links at the repository root)', () => {
  const committed = committedFiles();
  const check = (ref) => problem(ref, { files, committed, anchors: new Set(['features']) });
  assert.match(check({ kind: 'image', url: `${REPO}/raw/HEAD/images/problems.png` }), /not (committed in|in) the repository/);
  assert.match(check({ kind: 'image', url: `${REPO}/blob/HEAD/${DIR}/images/problems.png` }), /web page/);
  assert.match(check({ kind: 'image', url: 'images/problems.png' }), /only https/);
  assert.match(check({ kind: 'link', url: '#no-such-heading' }), /no heading/);
  assert.match(check({ kind: 'link', url: `${REPO}/blob/HEAD/docs/no-such-file.md` }), /not (committed in|in) the repository/);
  assert.equal(check({ kind: 'link', url: `${REPO}/blob/HEAD/docs/rules.md#mojibake` }), undefined);
  assert.equal(check({ kind: 'link', url: '#features' }), undefined);
});
