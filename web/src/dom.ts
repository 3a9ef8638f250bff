// Small DOM helpers.

export function $(id: string): HTMLElement {
  const node = document.getElementById(id);
  if (!node) throw new Error(`#${id} is missing from index.html`);
  return node;
}

export function $as<T extends HTMLElement>(id: string, type: { new (): T }): T {
  const node = $(id);
  if (!(node instanceof type)) throw new Error(`#${id} is not a ${type.name}`);
  return node;
}

type Props<K extends keyof HTMLElementTagNameMap> = Partial<Omit<HTMLElementTagNameMap[K], 'dataset' | 'style'>> & {
  dataset?: Record<string, string>;
  attrs?: Record<string, string>;
};

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Props<K> = {},
  ...children: (Node | string | null | undefined | false)[]
): HTMLElementTagNameMap[K] {
  const { dataset, attrs, ...rest } = props;
  const node = Object.assign(document.createElement(tag), rest);
  if (dataset) Object.assign(node.dataset, dataset);
  if (attrs) for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  for (const c of children) if (c !== null && c !== undefined && c !== false) node.append(c);
  return node;
}

/** Announces `text` to screen readers (one polite live region for the whole page). */
let announceTimer = 0;
export function announce(text: string, delay = 0) {
  clearTimeout(announceTimer);
  announceTimer = window.setTimeout(() => {
    $('announce').textContent = text;
  }, delay);
}

/** A short-lived message at the bottom of the page, with an optional action (e.g. Undo). */
let toastTimer = 0;
export function toast(text: string, action?: { label: string; run: () => void }) {
  const box = $('toast');
  clearTimeout(toastTimer);
  const children: Node[] = [el('span', { textContent: text })];
  if (action) {
    children.push(
      el('button', {
        type: 'button',
        textContent: action.label,
        onclick: () => {
          box.hidden = true;
          action.run();
        },
      }),
    );
  }
  box.replaceChildren(...children);
  box.hidden = false;
  toastTimer = window.setTimeout(() => (box.hidden = true), action ? 10000 : 4000);
}
