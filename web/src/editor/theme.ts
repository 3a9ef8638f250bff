// One editor theme for light and dark: every colour is a CSS variable that
// style.css sets per theme, so switching themes needs no reconfiguration.
import { EditorView } from '@codemirror/view';
import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { tags as t } from '@lezer/highlight';

const editorTheme = EditorView.theme({
  '&': { color: 'var(--text)', backgroundColor: 'var(--panel)', height: '100%' },
  '.cm-content': { caretColor: 'var(--caret)' },
  '.cm-cursor, .cm-dropCursor': { borderLeftColor: 'var(--caret)' },
  '&.cm-focused .cm-selectionBackground, .cm-selectionBackground, .cm-content ::selection': { backgroundColor: 'var(--selection)' },
  '.cm-gutters': { backgroundColor: 'var(--gutter)', color: 'var(--muted)', borderRight: '1px solid var(--border)' },
  '.cm-activeLine': { backgroundColor: 'var(--active-line)' },
  '.cm-activeLineGutter': { backgroundColor: 'var(--active-line)' },
  '.cm-tooltip': { backgroundColor: 'var(--panel)', color: 'var(--text)', border: '1px solid var(--border)' },
  '.cm-tooltip-autocomplete > ul > li[aria-selected]': { backgroundColor: 'var(--accent)', color: 'var(--on-accent)' },
  '.cm-panels': { backgroundColor: 'var(--gutter)', color: 'var(--text)' },
  '.cm-searchMatch': { backgroundColor: 'var(--search-match)' },
  '.cm-foldPlaceholder': { backgroundColor: 'var(--gutter)', color: 'var(--muted)', border: '1px solid var(--border)' },
});

const highlight = HighlightStyle.define([
  { tag: t.heading, color: 'var(--hl-heading)', fontWeight: '600' },
  { tag: [t.propertyName, t.definition(t.propertyName)], color: 'var(--hl-key)' },
  { tag: [t.string, t.special(t.string)], color: 'var(--hl-string)' },
  { tag: [t.number, t.bool, t.null, t.atom], color: 'var(--hl-atom)' },
  { tag: [t.comment, t.meta], color: 'var(--hl-comment)', fontStyle: 'italic' },
  { tag: [t.punctuation, t.separator, t.contentSeparator, t.processingInstruction], color: 'var(--hl-punct)' },
  { tag: t.emphasis, fontStyle: 'italic' },
  { tag: t.strong, fontWeight: '600' },
  { tag: [t.link, t.url], color: 'var(--hl-link)', textDecoration: 'underline' },
  { tag: t.monospace, color: 'var(--hl-code)' },
  { tag: t.list, color: 'var(--hl-punct)' },
  { tag: t.quote, color: 'var(--hl-comment)' },
  { tag: t.keyword, color: 'var(--hl-key)' },
]);

export const theme = [editorTheme, syntaxHighlighting(highlight)];
