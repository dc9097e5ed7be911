/** DOM helpers for the client script: look-ups, and elements built from data (text is always text, never HTML). */

export const $ = <T extends Element = HTMLElement>(sel: string, root: ParentNode = document) => root.querySelector<T>(sel);
export const $$ = <T extends Element = HTMLElement>(sel: string, root: ParentNode = document) => [...root.querySelectorAll<T>(sel)];

type Attrs = Record<string, string | number | boolean | null | undefined | ((e: Event) => void)>;
export type Kid = Node | string | number | null | undefined | false | Kid[];

/** `h('label', { for: 'x' }, 'Tên', h('input', { id: 'x' }))`: attributes (false/null omitted, on… as listeners) and children. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...kids: Kid[]): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (typeof v === 'function') e.addEventListener(k.slice(2), v);
    else if (k === 'value' && (e instanceof HTMLInputElement || e instanceof HTMLTextAreaElement || e instanceof HTMLSelectElement)) e.value = String(v);
    else if (k === 'checked' && e instanceof HTMLInputElement) e.checked = Boolean(v);
    else if (k === 'selected' && e instanceof HTMLOptionElement) e.selected = Boolean(v);
    else e.setAttribute(k, v === true ? '' : String(v));
  }
  append(e, kids);
  return e;
}

function append(e: Element, kids: Kid[]) {
  for (const k of kids) {
    if (k === null || k === undefined || k === false) continue;
    if (Array.isArray(k)) append(e, k);
    else e.append(k instanceof Node ? k : String(k));
  }
}

/** An id unique on the page, for label ↔ input pairs built on the fly. */
let counter = 0;
export const uid = (prefix = 'e') => `${prefix}-${++counter}`;

/** "14/06/2026" (or 14-6-2026) → "2026-06-14", a real calendar date; null otherwise. */
export function parseDayMonthYear(text: string): string | null {
  const m = /^\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})\s*$/.exec(text);
  if (!m) return null;
  const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * A destructive button asks twice, in the page (a browser's confirm() speaks its own language): the first press turns
 * it into "Bấm lần nữa để …" for a few seconds; true on the second.
 */
export function confirmTwice(button: HTMLElement, again: string): boolean {
  if (button.dataset.armed === '1') return true;
  const before = button.textContent ?? '';
  button.dataset.armed = '1';
  button.textContent = again;
  setTimeout(() => { button.dataset.armed = ''; button.textContent = before; }, 5000);
  return false;
}
