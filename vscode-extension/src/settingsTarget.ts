// Which Settings editor shows a setting where its value is: the pure choice
// behind "Open Settings" buttons. No `vscode` import: the Node tests load it.

/** Where a setting's current value is written (from `WorkspaceConfiguration.inspect`). */
export interface SettingValues {
  workspaceValue?: unknown;
}

/** A setting's `scope` in package.json. */
export type SettingScope = 'application' | 'machine' | 'machine-overridable' | 'window' | 'resource' | 'language-overridable';

export interface SettingsCommand {
  command: string;
  args: { query: string };
}

/**
 * The command that opens the Settings editor on `key` in the scope that
 * holds it: the workspace when the workspace sets it; in a remote window
 * (`vscode.env.remoteName` set) a machine-scoped setting lives in the Remote
 * tab, which is where VS Code applies it; else the User tab.
 */
export function settingsCommand(key: string, scope: SettingScope | undefined, values: SettingValues, remoteName: string | undefined): SettingsCommand {
  const args = { query: key };
  if (values.workspaceValue !== undefined && scope !== 'machine' && scope !== 'application') {
    return { command: 'workbench.action.openWorkspaceSettings', args };
  }
  const machineScoped = scope === 'machine' || scope === 'machine-overridable';
  if (remoteName && machineScoped) return { command: 'workbench.action.openRemoteSettings', args };
  return { command: 'workbench.action.openSettings', args };
}
