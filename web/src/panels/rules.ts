// The rules dialog: every rule with its documentation and a level switch
// (default, off, error, warning, info, hint), as `rolekit.toml` would set it.
import type { RuleInfo, RuleLevel } from 'rolekit';
import { $, $as, el } from '../dom';
import { escapeHtml, renderMarkdown } from '../markdown';
import type { RuleLevels } from '../worker/protocol';

const LEVELS: RuleLevel[] = ['off', 'error', 'warning', 'info', 'hint'];

export class RulesDialog {
  private rules = new Map<string, RuleInfo>();
  levels: RuleLevels = {};

  constructor(private readonly onLevels: (levels: RuleLevels) => void) {}

  setRules(rules: RuleInfo[]) {
    this.rules = new Map(rules.map((r) => [r.id, r]));
  }

  private dialog(): HTMLDialogElement {
    return $as('rule-dialog', HTMLDialogElement);
  }

  private open() {
    const d = this.dialog();
    if (!d.open) d.showModal();
  }

  /** One rule's document. */
  show(id: string) {
    const rule = this.rules.get(id);
    const doc = $('rule-doc');
    doc.innerHTML = rule ? renderMarkdown(rule.markdown) : `<p>Unknown rule <code>${escapeHtml(id)}</code>.</p>`;
    if (rule) doc.prepend(el('h3', { id: 'rule-dialog-title', textContent: rule.id }));
    doc.append(el('p', {}, el('button', { type: 'button', className: 'link', textContent: '← All rules', onclick: () => this.showAll() })));
    this.open();
  }

  /** Every rule, with its level switch. */
  showAll() {
    const rows = [...this.rules.values()].map((r) => {
      const select = el(
        'select',
        { className: 'level', attrs: { 'aria-label': `Level of ${r.id}` }, dataset: { rule: r.id } },
        el('option', { value: '', textContent: `default (${r.severity})` }),
        ...LEVELS.map((l) => el('option', { value: l, textContent: l })),
      );
      select.value = this.levels[r.id] ?? '';
      select.addEventListener('change', () => {
        const next = { ...this.levels };
        if (select.value) next[r.id] = select.value as RuleLevel;
        else delete next[r.id];
        this.levels = next;
        this.onLevels(next);
      });
      return el(
        'tr',
        { className: this.levels[r.id] ? 'changed' : '' },
        el('td', {}, el('button', { type: 'button', className: 'rule-link', textContent: r.id, onclick: () => this.show(r.id) })),
        el('td', { className: 'summary', textContent: r.summary }),
        el('td', {}, select),
      );
    });
    const changed = Object.keys(this.levels).length;
    $('rule-doc').replaceChildren(
      el('h3', { id: 'rule-dialog-title', textContent: `Rules (${this.rules.size})` }),
      el(
        'p',
        { className: 'note' },
        'Set a rule’s level as ',
        el('code', { textContent: 'rolekit.toml' }),
        ' would; the link keeps your choices.',
        changed ? ' ' : '',
        changed ? el('button', { type: 'button', className: 'link', textContent: `Reset ${changed}`, onclick: () => ((this.levels = {}), this.onLevels({}), this.showAll()) }) : '',
      ),
      el('table', { className: 'rule-table' }, el('tbody', {}, ...rows)),
    );
    this.open();
  }
}
