// A popup menu (role="menu") that takes focus, moves with the arrow keys,
// runs an item with Enter or a click, and gives focus back on Escape.
import { el } from './dom';

export interface MenuItem {
  label: string;
  detail?: string;
  run: () => void;
}

let current: { node: HTMLElement; restore: HTMLElement | null; close: () => void } | null = null;

export function closeMenu() {
  current?.close();
}

/** Shows `items` at (`x`, `y`) (page coordinates, clamped to the viewport). */
export function openMenu(items: MenuItem[], at: { x: number; y: number }, label: string, restore: HTMLElement | null) {
  closeMenu();
  const buttons = items.map((item) =>
    el(
      'button',
      { type: 'button', attrs: { role: 'menuitem' }, tabIndex: -1, onclick: () => (close(), item.run()) },
      el('span', { className: 'label', textContent: item.label }),
      item.detail ? el('span', { className: 'detail', textContent: item.detail }) : null,
    ),
  );
  const node = el(
    'div',
    { className: 'menu popup', attrs: { role: 'menu', 'aria-label': label } },
    ...(buttons.length ? buttons : [el('p', { className: 'empty', textContent: 'No actions here.' })]),
  );
  document.body.append(node);
  const w = node.offsetWidth;
  const h = node.offsetHeight;
  node.style.left = `${Math.max(4, Math.min(at.x, window.innerWidth - w - 4))}px`;
  node.style.top = `${Math.max(4, at.y + h > window.innerHeight - 4 ? at.y - h - 24 : at.y)}px`;
  const focusAt = (i: number) => buttons[(i + buttons.length) % buttons.length]?.focus();
  node.addEventListener('keydown', (e) => {
    const i = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (e.key === 'ArrowDown') focusAt(i + 1);
    else if (e.key === 'ArrowUp') focusAt(i - 1);
    else if (e.key === 'Home') focusAt(0);
    else if (e.key === 'End') focusAt(buttons.length - 1);
    else if (e.key === 'Escape' || e.key === 'Tab') {
      close();
      restore?.focus();
    } else return;
    e.preventDefault();
  });
  const outside = (e: MouseEvent) => {
    if (!node.contains(e.target as Node)) close();
  };
  setTimeout(() => document.addEventListener('mousedown', outside), 0);
  function close() {
    document.removeEventListener('mousedown', outside);
    node.remove();
    if (current?.node === node) current = null;
  }
  current = { node, restore, close };
  if (buttons.length) focusAt(0);
  else node.tabIndex = -1, node.focus();
  return close;
}
