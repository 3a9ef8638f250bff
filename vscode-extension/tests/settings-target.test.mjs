// Which Settings editor an "Open Settings" button opens (src/settingsTarget.ts).
// code-server is a remote window (its extension host runs on the server), so
// the code-server test clicks the button for the remote case; the local and
// workspace cases are checked here.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';

import { createFakeVscode, loadModule } from './fake-vscode.mjs';
import { EXT } from './lsp-session.mjs';

const { settingsCommand } = loadModule('settingsTarget', createFakeVscode());
const pkg = JSON.parse(fs.readFileSync(path.join(EXT, 'package.json'), 'utf8'));
const SERVER_PATH = 'rolekit.server.path';
const scope = pkg.contributes.configuration.properties[SERVER_PATH].scope;

test('rolekit.server.path is machine-overridable', () => {
  assert.equal(scope, 'machine-overridable');
});

test('a remote window opens the Remote tab for a machine setting', () => {
  assert.deepEqual(settingsCommand(SERVER_PATH, scope, {}, 'ssh-remote'), {
    command: 'workbench.action.openRemoteSettings',
    args: { query: SERVER_PATH },
  });
  assert.deepEqual(settingsCommand(SERVER_PATH, 'machine', {}, 'wsl'), {
    command: 'workbench.action.openRemoteSettings',
    args: { query: SERVER_PATH },
  });
});

test('a local window opens the User tab', () => {
  assert.deepEqual(settingsCommand(SERVER_PATH, scope, {}, undefined), {
    command: 'workbench.action.openSettings',
    args: { query: SERVER_PATH },
  });
});

test('a value set in the workspace opens the Workspace tab (machine-overridable), never for machine-only settings', () => {
  assert.equal(settingsCommand(SERVER_PATH, scope, { workspaceValue: '/x' }, 'ssh-remote').command, 'workbench.action.openWorkspaceSettings');
  assert.equal(settingsCommand(SERVER_PATH, scope, { workspaceValue: '/x' }, undefined).command, 'workbench.action.openWorkspaceSettings');
  assert.equal(settingsCommand('x.y', 'machine', { workspaceValue: '/x' }, 'ssh-remote').command, 'workbench.action.openRemoteSettings');
});

test('window-scoped settings stay in the User tab in a remote window', () => {
  assert.equal(settingsCommand('rolekit.rules', 'window', {}, 'ssh-remote').command, 'workbench.action.openSettings');
  assert.equal(settingsCommand('rolekit.rules', undefined, {}, 'ssh-remote').command, 'workbench.action.openSettings');
});
