// The CodeMirror extensions every tab shares. rolekit's answers come from
// the worker through the hooks; diagnostics are pushed (setDiagnostics), not
// pulled, so the editor never waits for an analysis.
import { Compartment, EditorState, type Extension } from '@codemirror/state';
import {
  EditorView,
  drawSelection,
  highlightActiveLine,
  highlightActiveLineGutter,
  hoverTooltip,
  keymap,
  lineNumbers,
  type Tooltip,
  type ViewUpdate,
} from '@codemirror/view';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { bracketMatching, foldGutter, foldKeymap } from '@codemirror/language';
import { lintGutter, linter, lintKeymap } from '@codemirror/lint';
import { autocompletion, completionKeymap, type Completion, type CompletionContext, type CompletionResult } from '@codemirror/autocomplete';
import { highlightSelectionMatches, searchKeymap } from '@codemirror/search';
import { markdownLanguage } from '@codemirror/lang-markdown';
import { yamlFrontmatter } from '@codemirror/lang-yaml';
import { theme } from './theme';

export interface EditorHooks {
  complete(context: CompletionContext): Promise<CompletionResult | null>;
  hover(view: EditorView, pos: number): Promise<Tooltip | null>;
  /** Go to the parent role named at `pos`; false when there is none. */
  definition(view: EditorView, pos: number): Promise<boolean>;
  /** Opens the code-action menu at the cursor. */
  actions(view: EditorView): void;
  /** Formats the document (`rolekit fmt`). */
  format(): void;
  changed(update: ViewUpdate): void;
}

/**
 * Past this size, Markdown highlighting is off: CodeMirror parses in the
 * background in slices of up to 100 ms, which a keystroke would wait for.
 * rolekit's checks are unaffected (they run in the worker).
 */
export const LARGE_DOCUMENT = 256 * 1024;
export const language = new Compartment();
export const languageFor = (length: number): Extension => (length > LARGE_DOCUMENT ? [] : yamlFrontmatter({ content: markdownLanguage }));

/** Orders completions as rolekit does (`sortText`, then label) among equally good matches. */
function compareCompletions(a: Completion, b: Completion): number {
  const sa = (a as Completion & { sortText?: string }).sortText ?? a.label;
  const sb = (b as Completion & { sortText?: string }).sortText ?? b.label;
  return sa < sb ? -1 : sa > sb ? 1 : a.label.localeCompare(b.label);
}

export function editorExtensions(hooks: EditorHooks, crlf: boolean, length: number): Extension {
  const goToDefinition = (view: EditorView) => {
    void hooks.definition(view, view.state.selection.main.head);
    return true;
  };
  return [
    crlf ? EditorState.lineSeparator.of('\r\n') : [],
    lineNumbers(),
    highlightActiveLineGutter(),
    foldGutter(),
    lintGutter(),
    // Diagnostics are pushed with setDiagnostics; this only configures their tooltips.
    linter(null),
    history(),
    drawSelection(),
    highlightActiveLine(),
    highlightSelectionMatches(),
    bracketMatching(),
    theme,
    language.of(languageFor(length)),
    EditorView.lineWrapping,
    EditorView.contentAttributes.of({ 'aria-label': 'Role file editor', 'aria-describedby': 'problems-title' }),
    autocompletion({ override: [(c) => hooks.complete(c)], icons: true, compareCompletions }),
    hoverTooltip((view, pos) => hooks.hover(view, pos), { hoverTime: 350 }),
    EditorView.updateListener.of((u) => hooks.changed(u)),
    EditorView.domEventHandlers({
      mousedown: (e, view) => {
        if (!(e.ctrlKey || e.metaKey) || e.button !== 0) return false;
        const pos = view.posAtCoords({ x: e.clientX, y: e.clientY });
        if (pos === null) return false;
        void hooks.definition(view, pos);
        return false;
      },
    }),
    keymap.of([
      { key: 'Mod-.', run: (view) => (hooks.actions(view), true), preventDefault: true },
      { key: 'F12', run: goToDefinition, preventDefault: true },
      // VS Code's Format Document.
      { key: 'Shift-Alt-f', run: () => (hooks.format(), true), preventDefault: true },
      indentWithTab,
      ...completionKeymap,
      ...lintKeymap,
      ...foldKeymap,
      ...searchKeymap,
      ...historyKeymap,
      ...defaultKeymap,
    ]),
  ];
}
