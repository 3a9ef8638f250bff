// The name of a resolved-role document (src/resolvedRoleName.ts): after the
// role, else the file; always a plain file name ending in .resolved.json.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { createFakeVscode, loadModule } from './fake-vscode.mjs';

const { resolvedRoleFileName } = loadModule('resolvedRoleName', createFakeVscode());

test('named after the role', () => {
  assert.equal(resolvedRoleFileName({ role: 'platform-engineer' }, '/w/roles/platform-engineer.md'), 'platform-engineer.resolved.json');
  assert.equal(resolvedRoleFileName({ role: 'qa' }, '/w/other-name.md'), 'qa.resolved.json');
});

test('the file name when the role has no usable name', () => {
  assert.equal(resolvedRoleFileName({}, '/w/roles/base-engineer.md'), 'base-engineer.resolved.json');
  assert.equal(resolvedRoleFileName({ role: 42 }, '/w/Untitled-1'), 'Untitled-1.resolved.json');
  assert.equal(resolvedRoleFileName({ role: '  ' }, '/w/x.markdown'), 'x.resolved.json');
  assert.equal(resolvedRoleFileName(null, ''), 'role.resolved.json');
});

test('never a path: separators and reserved characters become hyphens', () => {
  assert.equal(resolvedRoleFileName({ role: '../etc/passwd' }, '/w/a.md'), 'etc-passwd.resolved.json');
  assert.equal(resolvedRoleFileName({ role: 'a b:c' }, '/w/a.md'), 'a-b-c.resolved.json');
});
