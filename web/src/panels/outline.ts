// The outline: frontmatter keys and headings as a tree with one tab stop
// (arrows move between entries, Enter jumps to one).
import type { DocumentSymbol, FileStats } from 'rolekit';
import { el } from '../dom';

const LIMIT = 1500;
const count = (list: DocumentSymbol[]): number => list.reduce((n, s) => n + 1 + count(s.children), 0); // entries drawn; a huge document lists the rest as a count

export class Outline {
  private signature = '';
  private focusIndex = 0;

  constructor(
    private readonly root: HTMLElement,
    private readonly select: (s: DocumentSymbol) => void,
  ) {
    root.addEventListener('keydown', (e) => this.key(e));
  }

  /** Draws `symbols`; `tokens` adds each section's estimated token count and a total line. */
  show(symbols: DocumentSymbol[], tokens?: FileStats) {
    // Sections by heading line, for their counts.
    const perLine = new Map((tokens?.sections ?? []).map((s) => [s.range.start.line, s.tokens]));
    const total = tokens ? totalLine(tokens) : '';
    // What would be drawn, first: most analyses leave the outline as it was.
    const parts: string[] = [total];
    let budget = LIMIT;
    const walk = (list: DocumentSymbol[], level: number) => {
      for (const s of list) {
        if (budget-- <= 0) return;
        parts.push(`${level}${s.kind}:${s.name}@${s.selectionRange.start.line}:${perLine.get(s.selectionRange.start.line) ?? ''}`);
        walk(s.children, level + 1);
      }
    };
    walk(symbols, 1);
    const signature = parts.join('\n');
    if (signature === this.signature) return;
    this.signature = signature;
    budget = LIMIT;
    let hidden = 0;
    const build = (list: DocumentSymbol[], level: number): HTMLElement[] =>
      list.flatMap((s) => {
        if (budget <= 0) {
          hidden += 1 + count(s.children);
          return [];
        }
        budget--;
        const children = s.children.length ? build(s.children, level + 1) : [];
        const tokenCount = s.kind === 'heading' ? perLine.get(s.selectionRange.start.line) : undefined;
        return [
          el(
            'li',
            { className: `sym ${s.kind}`, attrs: { role: 'treeitem', 'aria-level': String(level), ...(children.length ? { 'aria-expanded': 'true' } : {}) } },
            el(
              'button',
              { type: 'button', tabIndex: -1, title: s.detail ?? s.kind, onclick: () => this.select(s) },
              s.name,
              tokenCount === undefined ? null : el('span', { className: 'tokens', textContent: ` ~${tokenCount}`, attrs: { title: `about ${tokenCount} tokens (4 characters a token)` } }),
            ),
            children.length ? el('ul', { attrs: { role: 'group' } }, ...children) : null,
          ),
        ];
      });
    const items = build(symbols, 1);
    if (!items.length) items.push(el('li', { className: 'empty', textContent: 'Nothing to outline.' }));
    if (hidden) items.push(el('li', { className: 'note', textContent: `… and ${hidden} more` }));
    if (total) items.push(el('li', { className: 'note tokens-total', textContent: total }));
    this.root.replaceChildren(...items);
    this.roving(Math.min(this.focusIndex, this.buttons().length - 1), false);
  }

  private buttons(): HTMLButtonElement[] {
    return [...this.root.querySelectorAll<HTMLButtonElement>('button')];
  }

  private roving(index: number, focus: boolean) {
    const buttons = this.buttons();
    if (!buttons.length) return;
    this.focusIndex = Math.max(0, Math.min(buttons.length - 1, index));
    buttons.forEach((b, i) => (b.tabIndex = i === this.focusIndex ? 0 : -1));
    if (focus) buttons[this.focusIndex]?.focus();
  }

  private key(e: KeyboardEvent) {
    const buttons = this.buttons();
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (at < 0) return;
    const to = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: buttons.length - 1 }[e.key];
    if (to === undefined) return;
    e.preventDefault();
    this.roving(to, true);
  }
}

/** "~N tokens in this file, ~M with what it inherits" (estimates). */
function totalLine(t: FileStats): string {
  const inherited = t.resolved && t.resolved.inherits.length ? `, ~${t.resolved.tokens} with what it inherits` : '';
  return `~${t.tokens} tokens${inherited} (estimated: 4 characters a token; \`rolekit stats\` counts exactly)`;
}
