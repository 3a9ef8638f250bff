// The name of a resolved-role document: `<role>.resolved.json`, after the
// role's `role` value, else the file's name. No `vscode` import: the Node
// tests load it.

/** `platform-engineer.resolved.json` for a role named `platform-engineer` in any file. */
export function resolvedRoleFileName(role: unknown, sourcePath: string): string {
  const value = typeof role === 'object' && role !== null ? (role as Record<string, unknown>).role : undefined;
  const base = sourcePath.split('/').pop() ?? '';
  const stem = base.replace(/\.(md|markdown)$/i, '');
  const name = [typeof value === 'string' ? value : '', stem, 'role']
    .map((n) => n.trim().replace(/[\\/:*?"<>|\s]+/g, '-').replace(/^[.-]+|-+$/g, ''))
    .find((n) => n.length > 0);
  return `${name}.resolved.json`;
}
