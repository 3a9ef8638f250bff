// rolekit positions ({ line, character }, UTF-16) to CodeMirror offsets
// (UTF-16 over the whole document) and back. CodeMirror's lines are split on
// the same breaks as rolekit's (`\r\n`, `\n`, `\r`).
import type { Text } from '@codemirror/state';
import type { Position, Range } from 'rolekit';

export function toOffset(doc: Text, p: Position): number {
  if (p.line >= doc.lines) return doc.length;
  const line = doc.line(p.line + 1);
  return Math.min(line.from + p.character, line.to);
}

export function toPosition(doc: Text, offset: number): Position {
  const line = doc.lineAt(Math.max(0, Math.min(offset, doc.length)));
  return { line: line.number - 1, character: offset - line.from };
}

export function toRange(doc: Text, from: number, to: number): Range {
  return { start: toPosition(doc, from), end: toPosition(doc, to) };
}
