// The right panel: the frontmatter as JSON, or the role resolved after
// `inherits`, with every key taken from a parent marked with its source.
import type { JsonValue, ResolvedRole } from 'rolekit';
import { $, el } from '../dom';

export type JsonView = 'parsed' | 'resolved';

export class JsonPanel {
  view: JsonView = 'parsed';
  private last: { parsed: JsonValue; resolved: ResolvedRole } | null = null;

  constructor(private readonly goTo: (doc: string) => void) {
    const tabs = [...document.querySelectorAll<HTMLButtonElement>('.json-tabs button')];
    for (const b of tabs) {
      b.addEventListener('click', () => this.setView(b.dataset.view as JsonView));
      b.addEventListener('keydown', (e) => {
        if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
        const other = tabs.find((t) => t !== b);
        other?.focus();
        if (other) this.setView(other.dataset.view as JsonView);
      });
    }
  }

  setView(view: JsonView) {
    this.view = view;
    for (const b of document.querySelectorAll<HTMLButtonElement>('.json-tabs button')) {
      const on = b.dataset.view === view;
      b.setAttribute('aria-selected', String(on));
      b.tabIndex = on ? 0 : -1;
      if (on) $('json').setAttribute('aria-labelledby', b.id);
    }
    if (this.last) this.show(this.last.parsed, this.last.resolved);
  }

  show(parsed: JsonValue, resolved: ResolvedRole) {
    this.last = { parsed, resolved };
    const note = $('json-note');
    const pre = $('json');
    if (this.view === 'parsed') {
      note.textContent = parsed === null ? 'No frontmatter (or it does not parse).' : 'The frontmatter as JSON.';
      pre.textContent = JSON.stringify(parsed, null, 2);
      return;
    }
    const links = resolved.chain.flatMap((name, i) => [
      i ? ' → ' : '',
      el('button', { type: 'button', className: 'link', textContent: name, title: `Open ${name}`, onclick: () => this.goTo(name) }),
    ]);
    const inheritedCount = Object.keys(resolved.inherited).length;
    note.replaceChildren(
      ...(resolved.chain.length ? ['Inherits from ', ...links, '. '] : ['No parents. ']),
      inheritedCount ? `${inheritedCount} key${inheritedCount === 1 ? '' : 's'} taken from a parent (marked).` : '',
      resolved.error ? ` ${resolved.error}.` : '',
    );
    // Top-level keys one by one, so inherited ones can carry their source.
    const entries = Object.entries(resolved.role);
    const lines: (Node | string)[] = ['{\n'];
    entries.forEach(([key, value], i) => {
      const body = JSON.stringify(value, null, 2).replace(/\n/g, '\n  ');
      const from = resolved.inherited[key];
      const text = `  ${JSON.stringify(key)}: ${body}${i < entries.length - 1 ? ',' : ''}`;
      lines.push(
        from
          ? el('span', { className: 'inherited', dataset: { key, from }, title: `From ${from}` }, text, el('span', { className: 'from', textContent: `  ← ${from}` }))
          : text,
        '\n',
      );
    });
    lines.push('}');
    pre.replaceChildren(...lines);
  }
}
