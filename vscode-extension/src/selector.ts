// The documents rolekit serves: every Markdown file on disk or untitled (the
// server decides which are role files or agent files), Cursor's rules
// (`.cursor/rules/**/*.mdc`, a language of their own or none in VS Code) and
// valora's `registry.json` files (checked against the files beside them).
// The language client and the status bar item share it (a plain filter list
// fits both the client's and VS Code's selector types).

export type DocumentFilter = { scheme: string; language: string } | { scheme: string; pattern: string };

/** Cursor rules, wherever a repository holds them. */
export const CURSOR_RULES = '**/.cursor/rules/**/*.mdc';

/** valora's registries (`data/agents/registry.json`, ...). */
export const REGISTRIES = '**/registry.json';

/** Whether a file name is one the server may read: Markdown, or a Cursor rule's `.mdc`. */
export function isAgentFile(name: string): boolean {
  return /\.(md|mdc)$/i.test(name);
}

/** The filters for documents in these URI schemes (untitled documents have no path to match). */
export function documentsIn(schemes: Iterable<string>): DocumentFilter[] {
  return [...schemes].flatMap((scheme): DocumentFilter[] =>
    scheme === 'untitled'
      ? [{ scheme, language: 'markdown' }]
      : [
          { scheme, language: 'markdown' },
          { scheme, pattern: CURSOR_RULES },
          { scheme, pattern: REGISTRIES },
        ],
  );
}

export const ROLE_DOCUMENTS: DocumentFilter[] = documentsIn(['file', 'untitled']);
