// The role skeletons, checked with the real server: the `role` snippet
// (snippets/role.code-snippets), inserted untouched into an empty file, gives
// no diagnostic at all, whatever the file is called (its role defaults to
// the file's name in kebab-case). The server's own skeleton completion in an
// empty file does not pass yet (a server change, crates/rolekit-core: its
// `role` is always `new-role` and its Mission Statement is empty): that test
// is a TODO, run and reported but not counted as a failure.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';

import { EXT, Session, fileUri } from './lsp-session.mjs';
import { expandSnippet } from './snippet-expand.mjs';

const SNIPPETS = JSON.parse(fs.readFileSync(path.join(EXT, 'snippets', 'role.code-snippets'), 'utf8'));
const ROLE_SNIPPET = SNIPPETS['rolekit: new role file'];

let session;
let dir;
let version = 0;
before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rolekit-snippet-'));
  session = await Session.start('wasm', { root: dir });
});
after(async () => {
  await session?.shutdown();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** The snippet as VS Code inserts it into `name` (TM_FILENAME_BASE is the name without its extension). */
function inserted(name) {
  return expandSnippet(ROLE_SNIPPET.body.join('\n'), { TM_FILENAME_BASE: name.replace(/\.[^.]*$/, '') });
}

/** The diagnostics for `text` as the content of `uri`, shown as `rule: message` lines. */
async function diagnostics(uri, text) {
  version += 1;
  await session.open(uri, '', version);
  version += 1;
  const found = await session.change(uri, text, version);
  return found.map((d) => `${d.code}: ${d.message} (line ${d.range.start.line + 1})`);
}

for (const name of ['new-role.md', 'qa-engineer.md', 'data-platform-engineer-v2.md']) {
  test(`the role snippet gives no diagnostic in an empty ${name}`, async () => {
    const text = inserted(name);
    assert.match(text, new RegExp(`^---\\nrole: ${name.replace(/\.md$/, '')}\\n`));
    assert.deepEqual(await diagnostics(fileUri(path.join(dir, name)), text), []);
  });
}

test('the role snippet gives no diagnostic in an untitled file (role in kebab-case)', async () => {
  const text = inserted('Untitled-1');
  assert.match(text, /^---\nrole: untitled-1\n/);
  assert.deepEqual(await diagnostics('untitled:Untitled-1', text), []);
});

test('the role snippet turns any file name into a valid role name', () => {
  assert.match(inserted('My Role_v2.md'), /^---\nrole: my-role-v2\n/);
  assert.match(inserted('PlatformEngineer.md'), /^---\nrole: platformengineer\n/);
});

test('the server\'s skeleton completion in an empty file gives no diagnostic', async () => {
  const uri = fileUri(path.join(dir, 'ops-engineer.md'));
  version += 1;
  await session.open(uri, '', version);
  const completion = await session.request('textDocument/completion', { textDocument: { uri }, position: { line: 0, character: 0 } });
  const items = Array.isArray(completion) ? completion : (completion?.items ?? []);
  const skeleton = items.find((i) => /^---\s*\n/.test(i.textEdit?.newText ?? i.insertText ?? ''));
  assert.ok(skeleton, `no skeleton among ${items.map((i) => i.label).join(', ')}`);
  const snippet = skeleton.textEdit?.newText ?? skeleton.insertText;
  const text = skeleton.insertTextFormat === 2 ? expandSnippet(snippet, { TM_FILENAME_BASE: 'ops-engineer' }) : snippet;
  version += 1;
  assert.deepEqual(await session.change(uri, text, version).then((d) => d.map((x) => `${x.code}: ${x.message}`)), []);
});
