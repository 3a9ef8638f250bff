// The problems list, virtualised: only the rows in view exist in the DOM,
// so thousands of problems cost nothing while typing. One tab stop (a
// listbox with an active row): arrows move, Enter goes to the problem, F
// applies its fix, ? opens the rule's documentation.
import { el } from '../dom';
import { messageNode } from '../markdown';
import type { Problem } from '../docs';
import type { Text } from '@codemirror/state';

const ROW = 28; // px, fixed (one line, ellipsis); a wider screen shows more of the message
const OVERSCAN = 8;

export interface ProblemActions {
  goTo(p: Problem): void;
  fix(p: Problem): void;
  showRule(rule: string): void;
}

export class ProblemsList {
  private problems: Problem[] = [];
  private doc: Text | null = null;
  private activeIndex = 0;
  private readonly spacer = el('div', { className: 'problems-spacer' });
  private readonly rows = el('div', { className: 'problems-rows' });
  private frame = 0;

  constructor(
    private readonly root: HTMLElement,
    private readonly count: HTMLElement,
    private readonly actions: ProblemActions,
  ) {
    root.addEventListener('scroll', () => this.schedule(), { passive: true });
    root.addEventListener('keydown', (e) => this.key(e));
    new ResizeObserver(() => this.schedule()).observe(root);
  }

  /** A message instead of the list: `busy` shows a spinner (loading), otherwise a plain note. */
  message(text: string, busy = false) {
    this.root.replaceChildren(el('p', { className: busy ? 'loading' : 'unavailable', textContent: text }));
  }

  show(problems: Problem[], doc: Text) {
    const sameLength = problems.length === this.problems.length;
    this.problems = problems;
    this.doc = doc;
    if (!sameLength) this.activeIndex = Math.min(this.activeIndex, Math.max(0, problems.length - 1));
    const errors = problems.filter((p) => p.d.severity === 'error').length;
    const warnings = problems.filter((p) => p.d.severity === 'warning').length;
    const others = problems.length - errors - warnings;
    this.count.textContent = problems.length
      ? `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}${others ? `, ${others} other` : ''}`
      : '';
    this.count.dataset.total = String(problems.length);
    if (!problems.length) {
      this.root.removeAttribute('aria-activedescendant');
      this.root.replaceChildren(el('p', { className: 'empty', textContent: 'No problems.' }));
      return;
    }
    if (this.rows.parentNode !== this.root) this.root.replaceChildren(this.spacer, this.rows);
    this.spacer.style.height = `${problems.length * ROW}px`;
    this.render();
  }

  /** Positions moved (an edit before the analysis caught up): redraw what is visible. */
  refresh(doc: Text) {
    this.doc = doc;
    if (this.problems.length) this.schedule();
  }

  private schedule() {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      if (this.problems.length) this.render();
    });
  }

  private render() {
    const doc = this.doc;
    if (!doc) return;
    const top = this.root.scrollTop;
    const height = this.root.clientHeight || 300;
    const first = Math.max(0, Math.floor(top / ROW) - OVERSCAN);
    const last = Math.min(this.problems.length, Math.ceil((top + height) / ROW) + OVERSCAN);
    const rows: HTMLElement[] = [];
    for (let i = first; i < last; i++) {
      const p = this.problems[i];
      if (p) rows.push(this.row(p, i, doc));
    }
    this.rows.style.transform = `translateY(${first * ROW}px)`;
    this.rows.replaceChildren(...rows);
    this.root.setAttribute('aria-activedescendant', `problem-${this.activeIndex}`);
  }

  private row(p: Problem, i: number, doc: Text): HTMLElement {
    const line = doc.lineAt(Math.min(p.from, doc.length));
    const where = `${line.number}:${p.from - line.from + 1}`;
    const message = messageNode(p.d.message);
    message.title = p.d.message;
    return el(
      'div',
      {
        id: `problem-${i}`,
        className: `problem ${p.d.severity}${i === this.activeIndex ? ' active' : ''}`,
        dataset: { rule: p.d.rule, index: String(i) },
        attrs: { role: 'option', 'aria-selected': String(i === this.activeIndex), 'aria-setsize': String(this.problems.length), 'aria-posinset': String(i + 1), 'aria-label': `${p.d.severity} at line ${where}: ${p.d.message} (${p.d.rule})${p.fix ? '. Press F to fix.' : ''}` },
        onclick: (e) => {
          if ((e.target as HTMLElement).closest('button')) return;
          this.activeIndex = i;
          this.actions.goTo(p);
        },
      },
      el('span', { className: 'sev', title: p.d.severity }),
      el('span', { className: 'where', textContent: where }),
      message,
      el('button', { type: 'button', tabIndex: -1, className: 'rule-link', textContent: p.d.rule, title: 'Open the rule’s documentation', onclick: () => this.actions.showRule(p.d.rule) }),
      p.fix ? el('button', { type: 'button', tabIndex: -1, className: 'fix', textContent: 'Fix', title: p.fix.title.replace(/`/g, ''), attrs: { 'aria-label': `Fix: ${p.fix.title.replace(/`/g, '')}` }, onclick: () => this.actions.fix(p) }) : null,
    );
  }

  private key(e: KeyboardEvent) {
    const n = this.problems.length;
    if (!n) return;
    const move = (to: number) => {
      this.activeIndex = Math.max(0, Math.min(n - 1, to));
      const y = this.activeIndex * ROW;
      if (y < this.root.scrollTop) this.root.scrollTop = y;
      else if (y + ROW > this.root.scrollTop + this.root.clientHeight) this.root.scrollTop = y + ROW - this.root.clientHeight;
      this.render();
      e.preventDefault();
    };
    const page = Math.max(1, Math.floor(this.root.clientHeight / ROW) - 1);
    const p = this.problems[this.activeIndex];
    switch (e.key) {
      case 'ArrowDown': return move(this.activeIndex + 1);
      case 'ArrowUp': return move(this.activeIndex - 1);
      case 'PageDown': return move(this.activeIndex + page);
      case 'PageUp': return move(this.activeIndex - page);
      case 'Home': return move(0);
      case 'End': return move(n - 1);
      case 'Enter':
        if (p) this.actions.goTo(p);
        e.preventDefault();
        return;
      case 'f':
      case 'F':
        if (p?.fix) this.actions.fix(p);
        e.preventDefault();
        return;
      case '?':
        if (p) this.actions.showRule(p.d.rule);
        e.preventDefault();
        return;
    }
  }
}
