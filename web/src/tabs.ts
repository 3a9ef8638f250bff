// The tab bar: one tab per document, a single tab stop (arrows move, Enter
// opens, F2 or a double click renames, Delete closes).
import { $, el } from './dom';

export interface TabActions {
  activate(name: string): void;
  close(name: string): void;
  /** Returns an error message, or null when renamed. */
  rename(from: string, to: string): string | null;
}

/** `x` as a document name: trimmed, `.md` added (Cursor's `.mdc` kept), no folders. */
export function normaliseName(raw: string): string {
  const base = raw.trim().split(/[\\/]/).pop() ?? '';
  if (!base) return '';
  return /\.(md|mdc|markdown)$/i.test(base) ? base : `${base}.md`;
}

export class Tabs {
  constructor(private readonly actions: TabActions) {}

  render(names: string[], active: string, problems: Map<string, number>) {
    const root = $('tabs');
    const focused = root.contains(document.activeElement) ? (document.activeElement as HTMLElement).dataset.name : undefined;
    const tabs = names.map((name) => {
      const isActive = name === active;
      const count = problems.get(name);
      const tab = el(
        'div',
        { className: `tab${isActive ? ' active' : ''}`, dataset: { name } },
        el('button', {
          type: 'button',
          className: 'tab-name',
          textContent: name,
          tabIndex: isActive ? 0 : -1,
          dataset: { name },
          title: `${name} — F2 or double-click to rename`,
          attrs: { role: 'tab', 'aria-selected': String(isActive), 'aria-controls': 'editor' },
          onclick: () => this.actions.activate(name),
          ondblclick: () => this.startRename(name),
          onkeydown: (e: KeyboardEvent) => this.key(e, names, name),
        }),
        count ? el('span', { className: 'tab-count', textContent: String(count), title: `${count} problems` }) : null,
        names.length > 1
          ? el('button', { type: 'button', className: 'tab-close', tabIndex: -1, title: `Close ${name}`, attrs: { 'aria-label': `Close ${name}` }, textContent: '×', onclick: () => this.actions.close(name) })
          : null,
      );
      return tab;
    });
    root.replaceChildren(...tabs);
    if (focused) root.querySelector<HTMLElement>(`.tab-name[data-name="${CSS.escape(focused)}"]`)?.focus();
  }

  private key(e: KeyboardEvent, names: string[], name: string) {
    const i = names.indexOf(name);
    const go = (j: number) => {
      const next = names[(j + names.length) % names.length];
      if (next) $('tabs').querySelector<HTMLElement>(`.tab-name[data-name="${CSS.escape(next)}"]`)?.focus();
    };
    switch (e.key) {
      case 'ArrowRight': go(i + 1); break;
      case 'ArrowLeft': go(i - 1); break;
      case 'Home': go(0); break;
      case 'End': go(names.length - 1); break;
      case 'F2': this.startRename(name); break;
      case 'Delete': if (names.length > 1) this.actions.close(name); break;
      default: return;
    }
    e.preventDefault();
  }

  /** Replaces the tab's name with an input; Enter renames, Escape cancels. */
  startRename(name: string) {
    const tab = $('tabs').querySelector<HTMLElement>(`.tab[data-name="${CSS.escape(name)}"]`);
    const label = tab?.querySelector<HTMLElement>('.tab-name');
    if (!tab || !label) return;
    const input = el('input', { className: 'tab-rename', value: name, attrs: { 'aria-label': `Rename ${name}`, spellcheck: 'false' } });
    input.size = Math.max(12, name.length + 2);
    const error = el('span', { className: 'tab-error', attrs: { role: 'alert' } });
    let done = false;
    const finish = (commit: boolean, blurred = false) => {
      if (done) return;
      const to = normaliseName(input.value);
      let renamed = false;
      if (commit && to && to !== name) {
        const problem = this.actions.rename(name, to);
        if (problem && !blurred) {
          error.textContent = problem;
          input.focus();
          return;
        }
        renamed = !problem;
      }
      done = true;
      this.actions.activate(renamed ? to : name);
    };
    input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') finish(true);
      else if (e.key === 'Escape') finish(false);
      else return;
      e.preventDefault();
    });
    input.addEventListener('blur', () => finish(true, true));
    label.replaceWith(input, error);
    input.focus();
    input.setSelectionRange(0, name.replace(/\.md$/, '').length);
  }
}
