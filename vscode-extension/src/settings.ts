// "Open Settings" buttons: the Settings editor on one of rolekit's settings,
// in the scope where VS Code reads it (settingsTarget.ts).

import * as vscode from 'vscode';

import { SettingScope, settingsCommand } from './settingsTarget';

/** Opens the Settings editor on `key` (e.g. `rolekit.server.path`) in the scope that holds it. */
export async function openSetting(extension: vscode.Extension<unknown>, key: string): Promise<void> {
  const contributed = extension.packageJSON?.contributes?.configuration?.properties?.[key] as { scope?: SettingScope } | undefined;
  const dot = key.indexOf('.');
  const values = vscode.workspace.getConfiguration(key.slice(0, dot)).inspect(key.slice(dot + 1)) ?? {};
  const { command, args } = settingsCommand(key, contributed?.scope ?? 'window', values, vscode.env.remoteName);
  await vscode.commands.executeCommand(command, args);
}
